from django.urls import path

from invoicing.volumes import views

urlpatterns = [
    path("volymer/", views.volumes, name="volumes"),
    path("volymer/dokument/", views.volume_documents, name="volume_documents"),
    path("volymer/importer/", views.volume_imports, name="volume_imports"),
    path("volymer/importer/ny/", views.volume_import_upload, name="volume_import_upload"),
    path("volymer/importer/<int:pk>/", views.volume_import, name="volume_import"),
    path(
        "volymer/importer/<int:pk>/importera/",
        views.volume_import_confirm,
        name="volume_import_confirm",
    ),
    path(
        "volymer/importer/<int:pk>/kolumner/",
        views.volume_import_map,
        name="volume_import_map",
    ),
    path("volymer/importer/<int:pk>/angra/", views.volume_import_undo, name="volume_import_undo"),
    path(
        "volymer/importer/<int:pk>/ta-bort/",
        views.volume_import_discard,
        name="volume_import_discard",
    ),
    path("volymer/manuella/", views.manual_volumes, name="manual_volumes"),
    path("volymer/manuella/spara/", views.manual_volumes_save, name="manual_volumes_save"),
]
