from django.urls import path

from invoicing.budget import views

urlpatterns = [
    path("budget/", views.budget, name="budget"),
    path("budget/<int:year>/andra/", views.budget_edit, name="budget_edit"),
    path("budget/<int:year>/kostnader/", views.budget_costs, name="budget_costs"),
    path("budget/<int:year>/import/", views.budget_import, name="budget_import"),
    path("budget/<int:year>/budget.xlsx", views.budget_export, name="budget_export"),
]
