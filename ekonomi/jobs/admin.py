from django.contrib import admin

from ekonomi.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs change only through their life cycle (ekonomi/jobs/services.py)."""

    list_display = ["pk", "kind", "state", "progress", "attempt", "created_by", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["kind", "unique_key", "created_by__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
