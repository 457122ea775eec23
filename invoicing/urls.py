from django.urls import include, path
from django.views.generic import RedirectView

from ekonomi import access

app_name = "invoicing"

# One namespace for the whole app: the areas' URL names stay "invoicing:<name>".
urlpatterns = [
    path(
        "",
        access.allow(access.BILLING_READ)(
            RedirectView.as_view(pattern_name="invoicing:billing_months")
        ),
        name="index",
    ),
    path("", include("invoicing.prices.urls")),
    path("", include("invoicing.timereport.urls")),
    path("", include("invoicing.volumes.urls")),
    path("", include("invoicing.statistics.urls")),
    path("", include("invoicing.billing.urls")),
    path("", include("invoicing.budget.urls")),
]
