from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .models import (
    Assessment,
    Course,
    DevelopmentPlan,
    Framework,
    PlanItem,
    ProficiencyLevel,
    RolloutPhase,
    SkillArea,
    TargetLevel,
    TrainingRecord,
)


class SkillAreaInline(admin.TabularInline):
    model = SkillArea
    extra = 0


class ProficiencyLevelInline(admin.TabularInline):
    model = ProficiencyLevel
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name_th", "code", "effective_from_fy", "future_share_target"]
    search_fields = ["name_th", "name_en", "code"]
    readonly_fields = ["defaults_to_confirm_list"]
    inlines = [SkillAreaInline, ProficiencyLevelInline]

    @admin.display(description=_("ค่าเริ่มต้นของระบบที่รอ สำนักงาน ก.พ. ยืนยัน"))
    def defaults_to_confirm_list(self, obj: Framework) -> str:
        items = obj.defaults_to_confirm_labels()
        if not items:
            return "-"
        return format_html_join("", "<div>⚠ {}</div>", ((i,) for i in items))


@admin.register(SkillArea)
class SkillAreaAdmin(admin.ModelAdmin):
    list_display = ["name_th", "code", "framework", "order"]
    list_filter = ["framework"]
    search_fields = ["name_th", "name_en", "code"]


@admin.register(TargetLevel)
class TargetLevelAdmin(admin.ModelAdmin):
    list_display = ["framework", "target_group", "skill_area", "level"]
    list_filter = ["framework", "target_group"]
    search_fields = ["skill_area__code", "skill_area__name_th"]


@admin.register(RolloutPhase)
class RolloutPhaseAdmin(admin.ModelAdmin):
    list_display = ["name_th", "period", "everyone"]

    @admin.display(description=_("ช่วงปีงบประมาณ"), ordering="fy_from")
    def period(self, phase: RolloutPhase) -> str:
        later = RolloutPhase.objects.filter(fy_from__gt=phase.fy_from).exists()
        return phase.period(last=not later)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "provider", "hours", "horizon", "active"]
    list_filter = ["horizon", "active"]
    search_fields = ["title", "code", "provider"]
    filter_horizontal = ["skill_areas"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "completed_on", "hours", "horizon", "status"]
    list_filter = ["status", "horizon"]
    search_fields = ["title", "person__given_name", "person__family_name"]
    date_hierarchy = "completed_on"
    raw_id_fields = ["person", "course", "submitted_by", "verified_by"]
    list_select_related = ["person"]
    show_full_result_count = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["person", "skill_area", "level", "assessed_on", "method", "status"]
    list_filter = ["status", "method", "skill_area__framework"]
    search_fields = ["person__given_name", "person__family_name", "skill_area__code"]
    raw_id_fields = ["person", "submitted_by", "verified_by"]
    list_select_related = ["person", "skill_area"]
    show_full_result_count = False


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    raw_id_fields = ["course", "training_record"]


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["person", "fiscal_year", "updated_at"]
    list_filter = ["fiscal_year"]
    search_fields = ["person__given_name", "person__family_name"]
    raw_id_fields = ["person"]
    inlines = [PlanItemInline]
