from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Agency, Person, PersonVersion, RoleAssignment


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
