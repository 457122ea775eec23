from django.urls import include, path

app_name = "indicators"

# One namespace for the whole app: the areas' URL names stay "indicators:<name>".
urlpatterns = [
    path("", include("indicators.dashboard.urls")),
    path("", include("indicators.staffing.urls")),
    path("", include("indicators.targets.urls")),
    path("", include("indicators.phone.urls")),
    path("", include("indicators.sickleave.urls")),
    path("", include("indicators.surveys.urls")),
    path("", include("indicators.forecast.urls")),
    path("", include("indicators.assessment.urls")),
]
