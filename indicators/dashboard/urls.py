from django.urls import path

from indicators.dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("diagram/<str:indicator>.svg", views.chart, name="chart"),
    path("diagram/<str:indicator>.xlsx", views.chart_export, name="chart_export"),
    path("enheter/", views.unit_index, name="unit_index"),
    path("enheter/<str:code>/", views.unit, name="unit"),
    path("processer/<str:code>/", views.process, name="process"),
    path("kunder/<str:code>/", views.customer, name="customer"),
]
