from django.urls import path

from indicators.staffing import views

urlpatterns = [
    path("bemanning/", views.staffing, name="staffing"),
    path("bemanning/justering/ny/", views.fte_adjustment_create, name="fte_adjustment_create"),
    path(
        "bemanning/justering/<int:pk>/ta-bort/",
        views.fte_adjustment_delete,
        name="fte_adjustment_delete",
    ),
    path("medarbetare/", views.employees, name="employees"),
    path("medarbetare/ny/", views.employee_create, name="employee_create"),
    path("medarbetare/<int:pk>/", views.employee_edit, name="employee_edit"),
]
