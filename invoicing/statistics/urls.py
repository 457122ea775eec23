from django.urls import path

from invoicing.statistics import views

urlpatterns = [
    path("statistik/", views.statistics, name="statistics"),
    path("statistik/<str:code>/", views.statistics_customer, name="statistics_customer"),
]
