"""Stale marks and the runs that clear them (the engine's bookkeeping)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from skillsportal.lib.choices import ChoiceLabels


class ComplianceMark(models.Model):
    """A person whose figures are stale from `fy_from` (to `fy_to`, or every FY after).

    Written in the same transaction as the change, so nothing is lost when Redis is
    down; a run claims marks with a conditional UPDATE, so two runs never share one.
    """

    person_id = models.BigIntegerField(db_index=True)
    fy_from = models.PositiveSmallIntegerField()
    fy_to = models.PositiveSmallIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.CharField(max_length=36, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"person {self.person_id} from FY{self.fy_from}"


class RunKind(models.TextChoices):
    FULL = "full", _("คำนวณใหม่ทั้งหมด")
    INCREMENTAL = "incremental", _("คำนวณเฉพาะที่เปลี่ยน")


class RunOutcome(models.TextChoices):
    RUNNING = "running", _("กำลังทำงาน")
    SUCCESS = "success", _("สำเร็จ")
    FAILED = "failed", _("ล้มเหลว")


class ComplianceRun(ChoiceLabels, models.Model):
    """One computation of figures: the job table OCSC administrators read."""

    kind = models.CharField(_("ประเภท"), max_length=16, choices=RunKind)
    fy = models.PositiveSmallIntegerField(_("ปีงบประมาณ"), null=True)
    scope = models.CharField(_("ขอบเขต"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("เริ่ม"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จ"), null=True)
    persons = models.IntegerField(_("จำนวนบุคคล"), default=0)
    rows = models.IntegerField(_("จำนวนแถวตัวเลข"), default=0)
    outcome = models.CharField(
        _("ผล"), max_length=8, choices=RunOutcome, default=RunOutcome.RUNNING
    )
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)

    class Meta:
        verbose_name = _("งานคำนวณตัวเลข")
        verbose_name_plural = _("งานคำนวณตัวเลข")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.kind} FY{self.fy or '*'} {self.outcome}"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
