from django.urls import include, path
from django.views.generic import RedirectView

from ekonomi import access
from invoicing import price_views, time_views

app_name = "invoicing"

urlpatterns = [
    path(
        "",
        access.allow(access.BILLING_READ)(
            RedirectView.as_view(pattern_name="invoicing:billing_months")
        ),
        name="index",
    ),
    path("prislistor/", price_views.price_lists, name="price_lists"),
    path("prislistor/ny/", price_views.price_list_copy, name="price_list_copy"),
    path("prislistor/<int:year>/", price_views.price_list, name="price_list"),
    path("prislistor/<int:year>/ny/", price_views.price_item_create, name="price_item_create"),
    path("prislistor/<int:year>/<str:code>/", price_views.price_item_edit, name="price_item_edit"),
    path(
        "prislistor/<int:year>/<str:code>/ta-bort/",
        price_views.price_item_delete,
        name="price_item_delete",
    ),
    path("tid/", time_views.time_list, name="time_list"),
    path("tid/summering/", time_views.time_summary, name="time_summary"),
    path("tid/vecka/", time_views.time_week, name="time_week"),
    path("tid/ny/", time_views.time_create, name="time_create"),
    path("tid/import/", time_views.time_import, name="time_import"),
    path("tid/kund/<str:code>/", time_views.time_customer, name="time_customer"),
    path("tid/<int:pk>/", time_views.time_edit, name="time_edit"),
    path("tid/<int:pk>/ta-bort/", time_views.time_delete, name="time_delete"),
    path("", include("invoicing.volume_urls")),
    path("", include("invoicing.billing_urls")),
    path("", include("invoicing.extra_urls")),
]
