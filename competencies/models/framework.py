"""Frameworks: skill areas, scale and targets, and rollout phases (SPEC §4, §5)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import TargetGroup
from skillsportal.lib.choices import ChoiceLabels

if TYPE_CHECKING:
    pass


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def published(self) -> FrameworkQuerySet:
        """Versions in force; a draft (OCSC still editing it) applies to nothing."""
        return self.filter(published_at__isnull=False)

    def for_fiscal_year(self, fy: int) -> Framework | None:
        """The one published framework version that applies to FY `fy` (SPEC §4)."""
        return (
            self.published()
            .filter(effective_from_fy__lte=fy)
            .order_by("-effective_from_fy")
            .first()
        )

    def for_records_of(self, fy: int) -> Framework | None:
        """The version a record dated in FY `fy` is validated against (SPEC §6).

        The one that applies to `fy`; for history before the guideline (a FY
        before the first version's), the first version. Only validation: no
        figures are computed for those years.
        """
        first = self.published().order_by("effective_from_fy").first()
        return self.for_fiscal_year(fy) or first


class Framework(models.Model):
    """A framework version: skill areas, scale, targets and policy (SPEC §4).

    Exactly one applies to any fiscal year: the one with the latest
    `effective_from_fy` not after it. A version that figures were computed on is
    never rewritten in place; changes make a new version.
    """

    code = models.CharField(_("รหัสกรอบ"), max_length=64, unique=True)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=500)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=500, blank=True)
    effective_from_fy = models.PositiveSmallIntegerField(
        _("ใช้ตั้งแต่ปีงบประมาณ"), unique=True
    )
    future_share_target = models.DecimalField(
        _("สัดส่วนการพัฒนาเพื่ออนาคต"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.300"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    future_share_tolerance = models.DecimalField(
        _("ค่าคลาดเคลื่อนที่ยอมรับได้"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.100"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    provenance = models.JSONField(_("ที่มาของข้อมูล"), default=dict, blank=True)
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)
    # Null while OCSC drafts the version in the browser; once published it is
    # never rewritten (figures are computed on it).
    published_at = models.DateTimeField(
        _("เวลาที่ประกาศใช้"), null=True, blank=True, default=timezone.now
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("กรอบสมรรถนะ")
        verbose_name_plural = _("กรอบสมรรถนะ")
        ordering = ["effective_from_fy"]

    def __str__(self) -> str:
        return f"{self.code} ({_('ปีงบประมาณ')} {self.effective_from_fy})"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    def skill_codes(self) -> list[str]:
        """The skill areas' codes in the framework's order (the engine's columns)."""
        return list(
            self.skill_areas.order_by("order", "pk").values_list("code", flat=True)
        )

    @property
    def defaults_to_confirm(self) -> list[str]:
        return list(self.provenance.get("portal_defaults_to_confirm", []))

    @property
    def targets_to_confirm(self) -> bool:
        return "targets" in self.defaults_to_confirm

    def defaults_to_confirm_labels(self) -> list[str]:
        """The provenance keys as OCSC reads them, in the active language."""
        return [str(DEFAULT_LABELS.get(key, key)) for key in self.defaults_to_confirm]


# What the shipped framework's provenance lists as portal defaults (SPEC §4).
DEFAULT_LABELS = {
    "scale": _("มาตรวัดระดับความสามารถ (0–4)"),
    "targets": _("ระดับเป้าหมายของแต่ละกลุ่มเป้าหมาย"),
    "policy.future_share_tolerance": _("ค่าคลาดเคลื่อนที่ยอมรับได้ของหลัก 70/30"),
    "phase scope rules' reading of the categories": _(
        "การตีความประเภทบุคลากรในขอบเขตของแต่ละระยะ"
    ),
}


class SkillArea(models.Model):
    """ด้านทักษะ: one skill area of a framework version (SPEC §4)."""

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="skill_areas",
        verbose_name=_("กรอบสมรรถนะ"),
    )
    code = models.CharField(_("รหัส"), max_length=16)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=500)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=500, blank=True)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        verbose_name = _("ด้านทักษะ")
        verbose_name_plural = _("ด้านทักษะ")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="skill_area_code_per_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class ProficiencyLevel(models.Model):
    """One step of a framework's proficiency scale; 0 means not yet (SPEC §4)."""

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="levels",
        verbose_name=_("กรอบสมรรถนะ"),
    )
    level = models.PositiveSmallIntegerField(_("ระดับ"))
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=255)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=255, blank=True)
    description = models.TextField(_("คำอธิบาย"), blank=True)

    class Meta:
        verbose_name = _("ระดับความสามารถ")
        verbose_name_plural = _("ระดับความสามารถ")
        ordering = ["framework", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "level"], name="level_unique_per_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.name_th}"


class TargetLevel(ChoiceLabels, models.Model):
    """The level a target group must reach in a skill area; 0 = not required."""

    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("กรอบสมรรถนะ"),
    )
    target_group = models.PositiveSmallIntegerField(
        _("กลุ่มเป้าหมาย"), choices=TargetGroup
    )
    skill_area = models.ForeignKey(
        SkillArea,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("ด้านทักษะ"),
    )
    level = models.PositiveSmallIntegerField(_("ระดับเป้าหมาย"))

    class Meta:
        verbose_name = _("ระดับเป้าหมาย")
        verbose_name_plural = _("ระดับเป้าหมาย")
        ordering = ["framework", "target_group", "skill_area__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "target_group", "skill_area"],
                name="target_unique_per_group_and_skill",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_group}/{self.skill_area.code}={self.level}"


class RolloutPhaseQuerySet(models.QuerySet["RolloutPhase"]):
    def started_by(self, fy: int) -> RolloutPhaseQuerySet:
        """Phases whose scope applies in FY `fy`: scope is cumulative (SPEC §5)."""
        return self.filter(fy_from__lte=fy)

    def current_for(self, fy: int) -> RolloutPhase | None:
        return self.started_by(fy).order_by("-fy_from").first()


class RolloutPhase(models.Model):
    """ระยะการดำเนินงาน: who is in scope from a fiscal year on (SPEC §5).

    A later phase includes every earlier phase's scope, so a person is in scope for
    FY N when matched by any phase with `fy_from` ≤ N. `fy_to` only labels the phase.
    """

    name_th = models.CharField(_("ชื่อระยะ"), max_length=255)
    name_en = models.CharField(_("ชื่อระยะ (อังกฤษ)"), max_length=255, blank=True)
    fy_from = models.PositiveSmallIntegerField(_("ตั้งแต่ปีงบประมาณ"), unique=True)
    fy_to = models.PositiveSmallIntegerField(_("ถึงปีงบประมาณ"), null=True, blank=True)
    categories = models.JSONField(_("ประเภทบุคลากร"), default=list, blank=True)
    root_agency_kinds = models.JSONField(
        _("ประเภทหน่วยงานระดับบนสุด"), default=list, blank=True
    )
    everyone = models.BooleanField(_("บุคลากรภาครัฐทั้งหมด"), default=False)

    objects = RolloutPhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("ระยะการดำเนินงาน")
        verbose_name_plural = _("ระยะการดำเนินงาน")
        ordering = ["fy_from"]

    def __str__(self) -> str:
        return self.name_th

    def period(self, *, last: bool) -> str:
        """The FYs the phase names, said the same everywhere (SPEC §5): the latest
        phase also covers every later FY, since scope is cumulative."""
        span = str(self.fy_from)
        if self.fy_to and self.fy_to != self.fy_from:
            span = f"{self.fy_from}–{self.fy_to}"
        if last:
            return gettext("ปีงบประมาณ %(span)s และทุกปีต่อจากนั้น") % {"span": span}
        return gettext("ปีงบประมาณ %(span)s") % {"span": span}
