from django.urls import path

from customers import views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list, name="list"),
    path("ny/", views.customer_create, name="create"),
    path("<str:code>/", views.customer_detail, name="detail"),
    path("<str:code>/andra/", views.customer_edit, name="edit"),
    path("<str:code>/aktiv/", views.customer_set_active, name="set_active"),
]
