from django.urls import path

from indicators.phone import views

urlpatterns = [
    path("telefoni/", views.phone, name="phone"),
    path("telefoni/import/", views.phone_import, name="phone_import"),
    path("telefoni/manad/", views.phone_month, name="phone_month"),
    path("telefoni/provsamtal/", views.test_calls, name="test_calls"),
    path("telefoni/provsamtal/nytt/", views.test_call_create, name="test_call_create"),
]
