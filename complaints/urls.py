from django.urls import path

from complaints import views
from complaints.compilation import views as compilation_views
from complaints.returns import views as returns_views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("ny/", views.complaint_create, name="create"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/andra/", views.complaint_edit, name="edit"),
    path("sammanstallning/", compilation_views.unit_month, name="unit_month"),
    path("tertial/", compilation_views.area_tertial, name="area_tertial"),
    path("underlag/", returns_views.returned_list, name="returned_list"),
    path("underlag/nytt/", returns_views.returned_create, name="returned_create"),
    path("underlag/<int:pk>/", returns_views.returned_detail, name="returned_detail"),
    path("underlag/statistik/", returns_views.returned_statistics, name="returned_statistics"),
    path("underlag/orsaker/", returns_views.reason_list, name="reason_list"),
    path("underlag/orsaker/ny/", returns_views.reason_create, name="reason_create"),
    path("underlag/orsaker/<int:pk>/", returns_views.reason_edit, name="reason_edit"),
]
