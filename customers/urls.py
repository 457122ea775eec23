from django.urls import include, path

from customers import views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list, name="list"),
    path("ny/", views.customer_create, name="create"),
    path("", include("customers.agreements.urls")),
    path("<str:code>/", views.customer_detail, name="detail"),
    path("<str:code>/andra/", views.customer_edit, name="edit"),
    path("<str:code>/aktiv/", views.customer_set_active, name="set_active"),
    path("<str:code>/kontakter/ny/", views.contact_create, name="contact_create"),
    path("<str:code>/kontakter/<int:pk>/andra/", views.contact_edit, name="contact_edit"),
    path("<str:code>/kontakter/<int:pk>/ta-bort/", views.contact_delete, name="contact_delete"),
    path("<str:code>/avvikelser/ny/", views.deviation_create, name="deviation_create"),
    path("<str:code>/avvikelser/<int:pk>/andra/", views.deviation_edit, name="deviation_edit"),
    path(
        "<str:code>/avvikelser/<int:pk>/ta-bort/", views.deviation_delete, name="deviation_delete"
    ),
]
