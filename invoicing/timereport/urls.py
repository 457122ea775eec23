from django.urls import path

from invoicing.timereport import views

urlpatterns = [
    path("tid/", views.time_list, name="time_list"),
    path("tid/summering/", views.time_summary, name="time_summary"),
    path("tid/vecka/", views.time_week, name="time_week"),
    path("tid/ny/", views.time_create, name="time_create"),
    path("tid/import/", views.time_import, name="time_import"),
    path("tid/kund/<str:code>/", views.time_customer, name="time_customer"),
    path("tid/<int:pk>/", views.time_edit, name="time_edit"),
    path("tid/<int:pk>/ta-bort/", views.time_delete, name="time_delete"),
]
