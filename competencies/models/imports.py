"""Import jobs: an uploaded file, validated, previewed, imported (SPEC §9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from skillsportal.lib.choices import ChoiceLabels
from skillsportal.lib.storage import PrivateStorage

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope


class ImportKind(models.TextChoices):
    """What a file imports, in the order SPEC §9 requires them."""

    AGENCIES = "agencies", _("หน่วยงาน")
    ROSTER = "roster", _("ทะเบียนบุคลากร")
    TRAINING = "training", _("การฝึกอบรม")
    ASSESSMENTS = "assessments", _("ผลการประเมิน")
    COURSES = "courses", _("รายการหลักสูตร")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("อัปโหลดแล้ว")
    VALIDATING = "validating", _("กำลังตรวจสอบ")
    VALIDATED = "validated", _("ตรวจสอบผ่าน รอยืนยัน")
    FAILED = "failed", _("พบข้อผิดพลาด")
    IMPORTING = "importing", _("กำลังนำเข้า")
    DONE = "done", _("นำเข้าเรียบร้อย")


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def visible_to(self, scope: AgencyScope) -> ImportJobQuerySet:
        """Own jobs only; OCSC administrators see all (SPEC §8)."""
        if scope.national:
            return self
        if scope.user_id is None:
            return self.none()
        return self.filter(created_by_id=scope.user_id)


class ImportJob(ChoiceLabels, models.Model):
    """One uploaded CSV/XLSX file: validated, previewed, then imported (SPEC §9).

    The file is kept (privately) for audit; `errors` holds every row error as
    row, column, value (national IDs masked) and the reason in Thai and English.
    """

    kind = models.CharField(_("ข้อมูลที่นำเข้า"), max_length=16, choices=ImportKind)
    file = models.FileField(
        _("ไฟล์"), upload_to="imports/%Y/%m/", storage=PrivateStorage(), max_length=255
    )
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
        verbose_name=_("ผู้สร้าง"),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงาน"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("สถานะ"),
        max_length=12,
        choices=ImportStatus,
        default=ImportStatus.UPLOADED,
    )
    progress = models.PositiveSmallIntegerField(
        _("ความคืบหน้า"), default=0, validators=[MaxValueValidator(100)]
    )
    counts = models.JSONField(_("จำนวน"), default=dict, blank=True)
    errors = models.JSONField(_("ข้อผิดพลาด"), default=list, blank=True)
    # Kept and shown, never a reason to refuse (SPEC §6: unknown course codes).
    warnings = models.JSONField(_("คำเตือน"), default=list, blank=True)
    # Roster rows that become transfer requests (row, masked ID, agency, date).
    transfers = models.JSONField(_("คำขอรับโอน"), default=list, blank=True)
    created_at = models.DateTimeField(_("เวลาที่อัปโหลด"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เวลาที่เสร็จ"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("งานนำเข้าข้อมูล")
        verbose_name_plural = _("งานนำเข้าข้อมูล")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="import_job_progress_0_to_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:job-detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in {
            ImportStatus.UPLOADED,
            ImportStatus.VALIDATING,
            ImportStatus.IMPORTING,
        }
