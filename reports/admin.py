from django.contrib import admin
from django.http import HttpRequest

from .models import ComplianceRun


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
