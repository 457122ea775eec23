from django.urls import path

from indicators.sickleave import views

urlpatterns = [
    path("sjukfranvaro/", views.sick_leave, name="sick_leave"),
    path("sjukfranvaro/<str:code>/<int:year>/", views.sick_leave_edit, name="sick_leave_edit"),
]
