"""Export jobs and scheduled reports: files the portal makes for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from skillsportal.lib.choices import ChoiceLabels
from skillsportal.lib.storage import PrivateStorage

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"
    PDF = "pdf", "PDF"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังจัดทำ")
    DONE = "done", _("เสร็จแล้ว")
    FAILED = "failed", _("ไม่สำเร็จ")


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def visible_to(self, scope: AgencyScope) -> ExportJobQuerySet:
        """Own exports only, for everyone: a file is served to its creator alone."""
        if scope.user_id is None:
            return self.none()
        return self.filter(created_by_id=scope.user_id)


def _private_storage() -> PrivateStorage:  # named in migration 0002
    return PrivateStorage()


class ExportJob(ChoiceLabels, models.Model):
    """One export of a dashboard table or report (SPEC §9), and its audit record.

    Short tables are rendered in the request and only recorded here; long ones
    (and every PDF) are rendered by a Celery task into a private file that only
    `created_by` may download. `params` holds the validated filter primitives.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    table = models.CharField(_("รายงาน"), max_length=32)
    fmt = models.CharField(_("รูปแบบ"), max_length=8, choices=ExportFormat)
    params = models.JSONField(_("เงื่อนไข"), default=dict)
    title = models.CharField(_("ชื่อรายงาน"), max_length=255, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=8, choices=ExportStatus, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("ความคืบหน้า"), default=0)
    rows = models.IntegerField(_("จำนวนแถว"), default=0)
    file = models.FileField(
        _("ไฟล์"),
        upload_to="exports/%Y/%m/",
        storage=_private_storage,
        max_length=255,
        blank=True,
    )
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255, blank=True)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    created_at = models.DateTimeField(_("สั่งเมื่อ"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("งานส่งออกข้อมูล")
        verbose_name_plural = _("งานส่งออกข้อมูล")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="export_job_progress_0_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.table}.{self.fmt} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:export-detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in {ExportStatus.QUEUED, ExportStatus.RUNNING}

    @property
    def downloadable(self) -> bool:
        return self.status == ExportStatus.DONE and bool(self.file)


class ScheduledReport(ChoiceLabels, models.Model):
    """A rollout report e-mailed every month to a mailing list (SPEC §1: OCSC).

    `periodic_task` is the django-celery-beat row that fires
    `reports.tasks.scheduled_report_send`; it is written only by
    `reports.schedules.scheduled_report_save`, never edited by hand.
    """

    name = models.CharField(_("ชื่อรายงาน"), max_length=200)
    recipients = models.TextField(
        _("ผู้รับ (อีเมล)"), help_text=_("หนึ่งอีเมลต่อบรรทัด หรือคั่นด้วยจุลภาค")
    )
    fy = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"),
        null=True,
        blank=True,
        help_text=_("เว้นว่างเพื่อใช้ปีงบประมาณปัจจุบันเสมอ"),
    )
    fmt = models.CharField(
        _("รูปแบบไฟล์"), max_length=8, choices=ExportFormat, default=ExportFormat.PDF
    )
    day_of_month = models.PositiveSmallIntegerField(_("ส่งทุกวันที่"), default=1)
    hour = models.PositiveSmallIntegerField(_("เวลา (นาฬิกา)"), default=7)
    enabled = models.BooleanField(_("เปิดใช้งาน"), default=True)
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_sent_at = models.DateTimeField(_("ส่งล่าสุด"), null=True, editable=False)
    last_error = models.TextField(_("ข้อผิดพลาดล่าสุด"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("รายงานตามกำหนดเวลา")
        verbose_name_plural = _("รายงานตามกำหนดเวลา")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day_of_month__gte=1, day_of_month__lte=28),
                name="scheduled_report_day_1_28",
            ),
            models.CheckConstraint(
                condition=models.Q(hour__lte=23), name="scheduled_report_hour_0_23"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def recipient_list(self) -> list[str]:
        raw = self.recipients.replace(",", "\n").replace(";", "\n")
        return [r.strip() for r in raw.splitlines() if r.strip()]
