from django.urls import path

from ekonomi.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status/", views.job_status, name="status"),
    path("<int:pk>/forsok-igen/", views.job_retry, name="retry"),
]
