from django.contrib import admin
from django.http import HttpRequest

from .models import ComplianceRun, ExportJob, ScheduledReport


@admin.register(ComplianceRun)
class ComplianceRunAdmin(admin.ModelAdmin):
    """The job table: every computation of figures, read-only."""

    list_display = [
        "started_at",
        "kind",
        "fy",
        "scope",
        "persons",
        "rows",
        "outcome",
        "seconds",
    ]
    list_filter = ["kind", "outcome", "fy"]
    readonly_fields = [f.name for f in ComplianceRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Every export: who, what, when (the files themselves expire after 7 days)."""

    list_display = ["created_at", "created_by", "table", "fmt", "status"]
    list_filter = ["status", "fmt"]
    raw_id_fields = ["created_by"]


@admin.register(ScheduledReport)
class ScheduledReportAdmin(admin.ModelAdmin):
    list_display = ["name", "fmt", "created_by"]
    raw_id_fields = ["created_by"]
