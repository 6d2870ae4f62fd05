from django.contrib import admin
from django.http import HttpRequest

from .models import Statement


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Read only: statements are written by learning systems and voided by them."""

    list_display = ["id", "key", "verb", "outcome", "voided", "stored"]
    list_filter = ["outcome", "voided"]
    search_fields = ["id", "activity"]
    date_hierarchy = "stored"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
