from django.urls import path

from invoicing.prices import views

urlpatterns = [
    path("prislistor/", views.price_lists, name="price_lists"),
    path("prislistor/ny/", views.price_list_copy, name="price_list_copy"),
    path("prislistor/<int:year>/", views.price_list, name="price_list"),
    path("prislistor/<int:year>/ny/", views.price_item_create, name="price_item_create"),
    path("prislistor/<int:year>/<str:code>/", views.price_item_edit, name="price_item_edit"),
    path(
        "prislistor/<int:year>/<str:code>/ta-bort/",
        views.price_item_delete,
        name="price_item_delete",
    ),
]
