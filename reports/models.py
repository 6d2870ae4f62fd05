"""Compliance figures (SPEC §7): per-person state, snapshots, marks and runs.

`PersonYearFigure` holds each in-scope person's SPEC §7 facts for a fiscal year;
`ComplianceFigure` and `SkillFigure` are their sums over every
agency subtree. Hours are stored in hundredths (integers), so every sum is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person
from skillsportal.lib.storage import PrivateStorage

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

ALL_GROUPS = 0  # target_group value of the "all groups" rows
# Figure rows are derived data, rebuilt by the engine a million at a time: no
# database foreign key to check on each insert (Django still cascades deletes), and
# no index of their own (each table's unique constraint and indexes lead with the
# fiscal year or the person). On PostgreSQL the tables are partitioned by fiscal
# year (migration 0005, `reports.snapshot`).
DERIVED: dict[str, Any] = {
    "on_delete": models.CASCADE,
    "related_name": "+",
    "db_constraint": False,
    "db_index": False,
}


MAX_SKILLS = 18  # decimal digits of a BigIntegerField
MAX_LEVEL = 8  # stored as level + 1 in one digit


def skill_digit(code: int, i: int) -> int:
    """Digit `i` (0: the first skill area) of a PersonYearFigure skill code."""
    return (code // 10**i) % 10


@dataclass(frozen=True)
class SkillLevel:
    """One required skill of a person's figures: target and level (or none)."""

    target: int
    level: int | None


class PersonYearFigure(models.Model):
    """One in-scope person's SPEC §7 facts for fiscal year `fy` on its as-of date.

    `targets` and `levels` hold one decimal digit per skill area of the FY's
    framework, the first area in the units, the next in the tens…: the target
    level (0: not required) and the level of the latest verified assessment plus
    one (0: none). Integers, because the engine sums a million of them per skill.
    """

    fy = models.PositiveSmallIntegerField()
    person = models.ForeignKey(**DERIVED, to=Person)
    agency = models.ForeignKey(**DERIVED, to=Agency)
    target_group = models.PositiveSmallIntegerField(null=True)
    category = models.CharField(max_length=32)
    targets = models.BigIntegerField(default=0)
    levels = models.BigIntegerField(default=0)
    assessed = models.BooleanField()
    meets = models.BooleanField()
    balanced = models.BooleanField()
    gap = models.IntegerField(null=True)
    hours_c = models.BigIntegerField()
    future_c = models.BigIntegerField()

    class Meta:
        verbose_name = _("ผลรายบุคคล")
        constraints = [
            # Leads with the person: their own pages and the cascade on erasure.
            models.UniqueConstraint(fields=["person", "fy"], name="person_year_unique")
        ]
        # Worklists by agency; on PostgreSQL each partition holds one year.
        indexes = [models.Index(fields=["agency"], name="person_year_by_agency")]

    def __str__(self) -> str:
        return f"FY{self.fy} person {self.person_id}"

    def required_skills(self, codes: list[str]) -> dict[str, SkillLevel]:
        """Target and level of each required skill, by code (`codes`: the FY's
        framework skill codes in order, as the engine wrote them)."""
        skills = {}
        for i, code in enumerate(codes):
            target, level = skill_digit(self.targets, i), skill_digit(self.levels, i)
            if target:
                skills[code] = SkillLevel(target, level - 1 if level else None)
        return skills


class FigureQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def visible_to(self, scope: AgencyScope):  # type: ignore[no-untyped-def]
        """Figures of the scope's agencies: the same agency-id filter as people."""
        if scope.national:
            return self
        return self.filter(scope.agency_q("agency", read=True))


class ComplianceFigure(models.Model):
    """SPEC §7 figures of one agency subtree × fiscal year × target group (0 = all)."""

    fy = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    agency = models.ForeignKey(**DERIVED, to=Agency)
    target_group = models.PositiveSmallIntegerField(_("กลุ่มเป้าหมาย"))
    as_of = models.DateField(_("ข้อมูล ณ วันที่"))
    headcount = models.IntegerField(_("จำนวนบุคลากร"))
    assessed = models.IntegerField(_("ประเมินครบ"))
    meeting_targets = models.IntegerField(_("ผ่านเป้าหมาย"))
    balanced = models.IntegerField(_("สมดุล 70/30"))
    unassigned_group = models.IntegerField(_("ยังไม่กำหนดกลุ่ม"))
    hours_c = models.BigIntegerField()
    future_c = models.BigIntegerField()
    gap_sum = models.BigIntegerField()
    gap_n = models.IntegerField()
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวเลขการดำเนินงาน")
        verbose_name_plural = _("ตัวเลขการดำเนินงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["fy", "agency", "target_group"], name="compliance_figure_unique"
            )
        ]
        # National reads ("all groups" rows of the roots) filter by year and group.
        indexes = [models.Index(fields=["fy", "target_group"])]

    def __str__(self) -> str:
        return f"FY{self.fy} agency {self.agency_id} group {self.target_group}"

    @property
    def hours_total(self) -> Decimal:
        return Decimal(self.hours_c) / 100

    @property
    def hours_future(self) -> Decimal:
        return Decimal(self.future_c) / 100

    @property
    def mean_gap(self) -> Decimal | None:
        """Mean gap over persons with a group; None when there are none (SPEC §7)."""
        if not self.gap_n:
            return None
        return (Decimal(self.gap_sum) / self.gap_n).quantize(Decimal("0.0001"))

    def rate(self, count: int) -> Decimal | None:
        if not self.headcount:
            return None
        return (Decimal(count) / self.headcount).quantize(Decimal("0.0001"))


class SkillFigure(models.Model):
    """Per skill area: required, assessed, meeting and level sum for one subtree."""

    fy = models.PositiveSmallIntegerField()
    agency = models.ForeignKey(**DERIVED, to=Agency)
    target_group = models.PositiveSmallIntegerField()
    skill_code = models.CharField(max_length=16)
    required = models.IntegerField()
    assessed = models.IntegerField()
    meeting = models.IntegerField()
    level_sum = models.BigIntegerField()

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวเลขรายทักษะ")
        constraints = [
            models.UniqueConstraint(
                fields=["fy", "agency", "target_group", "skill_code"],
                name="skill_figure_unique",
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fy} agency {self.agency_id} {self.skill_code}"

    @property
    def mean_level(self) -> Decimal | None:
        if not self.assessed:
            return None
        return (Decimal(self.level_sum) / self.assessed).quantize(Decimal("0.01"))


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


class ComplianceRun(models.Model):
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


class ExportJob(models.Model):
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


class ScheduledReport(models.Model):
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
