from django.contrib import admin
from django.urls import include, path

from ekonomi import views

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.login, name="login"),
    path("logga-ut/", views.logout, name="logout"),
    path("losenord/", views.password_change, name="password_change"),
    path("losenord/klart/", views.password_change_done, name="password_change_done"),
    path("historik/<str:model>/<int:pk>/", views.record_history, name="record_history"),
    path("administration/andringar/", views.recent_changes, name="recent_changes"),
    path("administration/sparrar/", views.lockouts, name="lockouts"),
    path("administration/sparrar/hav/", views.lockout_lift, name="lockout_lift"),
    path("kunder/", include("customers.urls")),
    path("debitering/", include("invoicing.urls")),
    path("indikatorer/", include("indicators.urls")),
    path("klagomal/", include("complaints.urls")),
    path("kundlogg/", include("customerlog.urls")),
    path("rapporter/", include("reports.urls")),
    path("jobb/", include("ekonomi.jobs.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "ekonomi.views.error_400"
handler403 = "ekonomi.views.error_403"
handler404 = "ekonomi.views.error_404"
handler500 = "ekonomi.views.error_500"
