from django.urls import path

from indicators.targets import views

urlpatterns = [
    path("mal/", views.targets, name="targets"),
    path("mal/<int:year>/kopiera/", views.targets_copy, name="targets_copy"),
    path("mal/<int:year>/<str:indicator>/", views.target_edit, name="target_edit"),
]
