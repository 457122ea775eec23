from django.urls import path

from customerlog import views
from customerlog.meetings import views as meeting_views

app_name = "customerlog"

urlpatterns = [
    path("", views.log_list, name="list"),
    path("ny/", views.entry_create, name="entry_create"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/andra/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/uppfoljd/", views.follow_up_done, name="follow_up_done"),
    path("uppfoljningar/", views.follow_ups, name="follow_ups"),
    path("sok/", views.search, name="search"),
    path("moten/", meeting_views.meeting_list, name="meeting_list"),
    path("moten/nytt/", meeting_views.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", meeting_views.meeting_edit, name="meeting_edit"),
    path("moten/atgarder/<int:pk>/stang/", meeting_views.action_close, name="action_close"),
    path("moten/planerade/", meeting_views.held_planned, name="held_planned"),
]
