from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators import models


class ProcessShareInline(admin.TabularInline):
    model = models.ProcessShare
    extra = 0


@admin.register(models.Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "employment_rate", "start", "end"]
    list_filter = ["unit"]
    search_fields = ["name"]
    inlines = [ProcessShareInline]


@admin.register(models.Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "direction", "value"]
    list_filter = ["year", "indicator"]


@admin.register(models.CustomerSurveyResult)
class CustomerSurveyResultAdmin(SimpleHistoryAdmin):
    list_display = ["year", "question", "satisfied", "answers", "is_overall"]
    list_filter = ["year"]


@admin.register(models.EmployeeSurvey)
class EmployeeSurveyAdmin(SimpleHistoryAdmin):
    list_display = ["year", "nmi", "answers"]


class CommitmentMeasureInline(admin.TabularInline):
    model = models.CommitmentMeasure
    extra = 0


@admin.register(models.Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["year", "area", "position", "text"]
    list_filter = ["year", "area"]
    inlines = [CommitmentMeasureInline]


class ReadOnlyMixin:
    """A submitted assessment changes only through the pages (submit, reopen with a logged
    reason), never behind their back in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CommitmentAssessmentInline(ReadOnlyMixin, admin.TabularInline):
    model = models.CommitmentAssessment
    extra = 0


class ReopeningInline(ReadOnlyMixin, admin.TabularInline):
    model = models.Reopening
    extra = 0


@admin.register(models.SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "number", "status", "submitted_at", "submitted_by"]
    list_filter = ["year", "number", "unit", "status"]
    inlines = [CommitmentAssessmentInline, ReopeningInline]


@admin.register(models.AreaSummary)
class AreaSummaryAdmin(SimpleHistoryAdmin):
    list_display = ["year", "number", "area"]
    list_filter = ["year", "number", "area"]


@admin.register(models.PrioritisedAction)
class PrioritisedActionAdmin(SimpleHistoryAdmin):
    list_display = ["year", "number", "area", "text", "owner", "due", "status"]
    list_filter = ["year", "number", "area", "status"]
