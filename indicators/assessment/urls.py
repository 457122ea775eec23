from django.urls import path

from indicators.assessment import views

urlpatterns = [
    path("ataganden/", views.commitments, name="commitments"),
    path("ataganden/ny/", views.commitment_create, name="commitment_create"),
    path("ataganden/<int:pk>/", views.commitment_edit, name="commitment_edit"),
    path("ataganden/<int:pk>/ta-bort/", views.commitment_delete, name="commitment_delete"),
    path("ataganden/<int:year>/kopiera/", views.commitments_copy, name="commitments_copy"),
    path("sjalvskattning/", views.assessments, name="assessments"),
    path("sjalvskattning/atgarder/", views.actions, name="actions"),
    path("sjalvskattning/atgarder/<int:pk>/", views.action_edit, name="action_edit"),
    path(
        "sjalvskattning/<str:tertial>/sammanstallning/",
        views.assessment_compilation,
        name="assessment_compilation",
    ),
    path(
        "sjalvskattning/<str:tertial>/sammanfattning/<str:area>/",
        views.area_summary_edit,
        name="area_summary_edit",
    ),
    path("sjalvskattning/<str:tertial>/atgarder/ny/", views.action_create, name="action_create"),
    path("sjalvskattning/<str:tertial>/<str:code>/", views.assessment, name="assessment"),
    path(
        "sjalvskattning/<str:tertial>/<str:code>/ateroppna/",
        views.assessment_reopen,
        name="assessment_reopen",
    ),
]
