from django.urls import path

from indicators.surveys import views

urlpatterns = [
    path("enkater/", views.surveys, name="surveys"),
    path("enkater/kund/ny/", views.survey_result_create, name="survey_result_create"),
    path("enkater/kund/<int:pk>/", views.survey_result_edit, name="survey_result_edit"),
    path("enkater/nmi/<int:year>/", views.employee_survey_edit, name="employee_survey_edit"),
]
