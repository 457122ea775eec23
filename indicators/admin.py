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
