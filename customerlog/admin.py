from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from customerlog import models


@admin.register(models.LogEntry)
class LogEntryAdmin(SimpleHistoryAdmin):
    list_display = ["date", "customer", "kind", "subject", "author", "internal", "follow_up_on"]
    list_filter = ["kind", "internal"]
    date_hierarchy = "date"
    search_fields = ["subject", "text"]


class MeetingActionInline(admin.TabularInline):
    model = models.MeetingAction
    extra = 0


@admin.register(models.Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "customer", "status", "place"]
    list_filter = ["status"]
    date_hierarchy = "date"
    inlines = [MeetingActionInline]


@admin.register(models.MeetingPlan)
class MeetingPlanAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "year", "planned"]
    list_filter = ["year"]
