"""Development plans, their activities and HR comments (SPEC §6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Person
from skillsportal.lib.choices import ChoiceLabels

if TYPE_CHECKING:
    pass


from .framework import SkillArea
from .records import Course, Horizon, PersonRecordQuerySet, TrainingRecord


class DevelopmentPlan(models.Model):
    """แผนพัฒนารายบุคคล (IDP): one per person and fiscal year (SPEC §6)."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="development_plans",
        verbose_name=_("บุคลากร"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    notes = models.TextField(pgettext_lazy("plan notes", "บันทึก"), blank=True)
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)
    updated_at = models.DateTimeField(_("เวลาที่แก้ไข"), auto_now=True)

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("แผนพัฒนารายบุคคล")
        verbose_name_plural = _("แผนพัฒนารายบุคคล")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "fiscal_year"], name="one_plan_per_person_and_fy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} FY{self.fiscal_year}"


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("วางแผนแล้ว")
    DONE = "done", _("ดำเนินการแล้ว")
    CANCELLED = "cancelled", pgettext_lazy("status", "ยกเลิก")


class PlanItem(ChoiceLabels, models.Model):
    """A planned activity in a development plan, linked to the gaps it closes."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("แผนพัฒนา"),
    )
    title = models.CharField(_("กิจกรรม"), max_length=500)
    course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("หลักสูตร"),
    )
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("ด้านทักษะที่ปิดช่องว่าง"), related_name="+"
    )
    horizon = models.CharField(
        _("มุ่งเน้น"), max_length=8, choices=Horizon, default=Horizon.CURRENT
    )
    target_date = models.DateField(_("กำหนดเสร็จ"))
    status = models.CharField(
        _("สถานะ"),
        max_length=10,
        choices=PlanItemStatus,
        default=PlanItemStatus.PLANNED,
    )
    training_record = models.ForeignKey(
        TrainingRecord,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("การฝึกอบรม"),
    )

    class Meta:
        verbose_name = _("กิจกรรมในแผนพัฒนา")
        verbose_name_plural = _("กิจกรรมในแผนพัฒนา")
        ordering = ["target_date"]

    def __str__(self) -> str:
        return self.title


class PlanComment(models.Model):
    """An HR officer's comment on a development plan, shown to its person (SPEC §6)."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("แผนพัฒนา"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้เขียน"),
    )
    body = models.TextField(_("ความเห็น"), max_length=2000)
    created_at = models.DateTimeField(_("เวลา"), auto_now_add=True)

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("ความเห็นต่อแผนพัฒนา")
        verbose_name_plural = _("ความเห็นต่อแผนพัฒนา")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.plan} #{self.pk}"
