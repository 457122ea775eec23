from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("skapa/", views.make, name="make"),
    path("arkiv/", views.archive, name="archive"),
    path("arkiv/<int:pk>/", views.detail, name="detail"),
    path("arkiv/<int:pk>/<str:fmt>/", views.download, name="download"),
    path("kommentarer/<str:period>/", views.commentary, name="commentary"),
]
