# Included into the "customers" namespace by customers/urls.py, before its "<code>/" routes.
from django.urls import path

from customers.agreements import views

urlpatterns = [
    path("avtal/", views.agreement_list, name="agreement_list"),
    path("avtal/nasta-ar/", views.agreements_next_year, name="agreement_next_year"),
    path("<str:code>/avtal/ny/", views.agreement_create, name="agreement_create"),
    path("<str:code>/avtal/<int:year>/", views.agreement_detail, name="agreement_detail"),
    path("<str:code>/avtal/<int:year>/andra/", views.agreement_edit, name="agreement_edit"),
    path("<str:code>/avtal/<int:year>/signera/", views.agreement_sign, name="agreement_sign"),
    path(
        "<str:code>/avtal/<int:year>/tillagg/ny/",
        views.addendum_create,
        name="agreement_addendum_create",
    ),
    path("<str:code>/avtal/<int:year>/pdf/", views.agreement_pdf, name="agreement_pdf"),
]
