from django.contrib import admin

from reports.models import Commentary, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["kind", "period", "customer", "status", "version", "origin", "produced_at"]
    list_filter = ["kind", "status", "origin"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commentary)
class CommentaryAdmin(admin.ModelAdmin):
    list_display = ["period", "updated_by", "updated_at", "finished_at"]
