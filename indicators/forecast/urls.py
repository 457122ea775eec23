from django.urls import path

from indicators.forecast import views

urlpatterns = [
    path("prognos/", views.forecast, name="forecast"),
    path("prognos/diagram.svg", views.forecast_chart, name="forecast_chart"),
    path("prognos/plan/ny/", views.volume_plan_create, name="volume_plan_create"),
    path("prognos/plan/<int:pk>/ta-bort/", views.volume_plan_delete, name="volume_plan_delete"),
]
