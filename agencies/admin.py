from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Agency, ApiKey, Person, PersonVersion, RoleAssignment
from .services.api_keys import api_key_revoke


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name_th", "code", "kind", "parent", "name_en"]
    list_filter = ["kind", "depth"]
    search_fields = ["name_th", "name_en", "code"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth", "root"]


class PersonVersionInline(admin.TabularInline):
    model = PersonVersion
    extra = 0
    autocomplete_fields = ["agency"]
    ordering = ["-effective_date"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "given_name",
        "family_name",
        "masked_national_id",
        "current_agency",
        "current_category",
        "current_target_group",
        "current_status",
    ]
    list_filter = ["current_category", "current_target_group", "current_status"]
    # National IDs are matched through the blind index only, never searched as text.
    search_fields = ["given_name", "family_name", "email"]
    readonly_fields = [
        "masked_national_id",
        "current_agency",
        "current_category",
        "current_target_group",
        "current_status",
    ]
    exclude = ["national_id_hash", "national_id_tail"]
    raw_id_fields = ["user"]
    list_select_related = ["current_agency"]
    show_full_result_count = False
    inlines = [PersonVersionInline]

    @admin.display(description=_("เลขประจำตัวประชาชน"))
    def masked_national_id(self, obj: Person) -> str:
        return obj.masked_national_id


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "agency__name_th", "agency__code"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["user"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are issued with `manage.py create_api_key` (shown once); here: revoke."""

    list_display = [
        "name",
        "prefix",
        "agency",
        "can_write",
        "can_search_national_id",
        "can_xapi",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["can_write", "can_xapi", "revoked_at"]
    search_fields = ["name", "prefix", "agency__code", "agency__name_th"]
    readonly_fields = ["prefix", "agency", "created_by", "created_at", "last_used_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("เพิกถอนกุญแจที่เลือก"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(key=key)
