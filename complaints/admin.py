from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from complaints import models


@admin.register(models.Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["received_on", "customer", "process", "unit", "kind", "status", "own_error"]
    list_filter = ["kind", "status", "own_error", "unit", "process"]
    date_hierarchy = "received_on"


@admin.register(models.ReturnReason)
class ReturnReasonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "is_active", "sort_order"]


@admin.register(models.ReturnedDocument)
class ReturnedDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["returned_on", "customer", "process", "reason", "unit"]
    list_filter = ["reason", "unit", "process"]
    date_hierarchy = "returned_on"
