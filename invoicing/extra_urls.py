from django.urls import path

from invoicing import manual_volume_views, statistics_views

urlpatterns = [
    path("volymer/manuella/", manual_volume_views.manual_volumes, name="manual_volumes"),
    path(
        "volymer/manuella/spara/",
        manual_volume_views.manual_volumes_save,
        name="manual_volumes_save",
    ),
    path("statistik/", statistics_views.statistics, name="statistics"),
    path("statistik/<str:code>/", statistics_views.statistics_customer, name="statistics_customer"),
]
