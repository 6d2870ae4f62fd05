"""Training events (SPEC §6): one class, many attendees, one record each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from skillsportal.lib.choices import ChoiceLabels

from .framework import SkillArea
from .records import Course, Horizon

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope


class TrainingEventQuerySet(models.QuerySet["TrainingEvent"]):
    def visible_to(self, scope: AgencyScope) -> TrainingEventQuerySet:
        """Events organised by agencies in a readable subtree (SPEC §8)."""
        if scope.national:
            return self
        return self.filter(scope.agency_q("agency", read=True))


class TrainingEvent(ChoiceLabels, models.Model):
    """A class an agency ran: its attendees' training records follow it.

    Recording attendees writes one verified training record each, keyed as a
    training row (SPEC §9: person + course code or title + completion date);
    changing the event changes every attendee's record, audited.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงานผู้จัด"),
        on_delete=models.PROTECT,
        related_name="training_events",
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("หลักสูตร"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    title = models.CharField(_("ชื่อการอบรม/กิจกรรม"), max_length=500)
    provider = models.CharField(_("ผู้จัด"), max_length=255, blank=True)
    started_on = models.DateField(_("วันที่เริ่ม"), null=True, blank=True)
    completed_on = models.DateField(_("วันที่สำเร็จ"))
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=6, decimal_places=2)
    horizon = models.CharField(_("มุ่งเน้น"), max_length=8, choices=Horizon)
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("ด้านทักษะ"), related_name="+", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้สร้าง"),
    )
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)
    updated_at = models.DateTimeField(_("เวลาที่แก้ไข"), auto_now=True)

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("การจัดอบรม")
        verbose_name_plural = _("การจัดอบรม")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "-completed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=1000),
                name="event_hours_between_0_and_1000",
                violation_error_message=_("จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 1,000"),
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(started_on__lte=models.F("completed_on")),
                name="event_starts_before_completion",
                violation_error_message=_("วันที่เริ่มต้องไม่หลังวันที่สำเร็จ"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_on})"

    def get_absolute_url(self) -> str:
        return reverse("competencies:event-detail", args=[self.pk])

    @property
    def course_code(self) -> str:
        return self.course.code if self.course else ""
