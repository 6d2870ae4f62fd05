"""Frameworks, target levels, rollout phases, courses, training, assessments, plans.

SPEC §4 (framework), §5 (rollout phases) and §6 (development records).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Person, TargetGroup
from skillsportal.lib.storage import PrivateStorage

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def for_fiscal_year(self, fy: int) -> Framework | None:
        """The one framework version that applies to FY `fy` (SPEC §4)."""
        return (
            self.filter(effective_from_fy__lte=fy)
            .order_by("-effective_from_fy")
            .first()
        )


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
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("กรอบสมรรถนะ")
        verbose_name_plural = _("กรอบสมรรถนะ")
        ordering = ["effective_from_fy"]

    def __str__(self) -> str:
        return f"{self.code} ({_('ปีงบประมาณ')} {self.effective_from_fy})"

    def skill_codes(self) -> list[str]:
        """The skill areas' codes in the framework's order (the engine's columns)."""
        return list(
            self.skill_areas.order_by("order", "pk").values_list("code", flat=True)
        )

    @property
    def defaults_to_confirm(self) -> list[str]:
        return list(self.provenance.get("portal_defaults_to_confirm", []))


class SkillArea(models.Model):
    """ด้านทักษะ: one skill area of a framework version (SPEC §4)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="skill_areas"
    )
    code = models.CharField(_("รหัส"), max_length=16)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=500)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=500, blank=True)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

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
        Framework, on_delete=models.CASCADE, related_name="levels"
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


class TargetLevel(models.Model):
    """The level a target group must reach in a skill area; 0 = not required."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="targets"
    )
    target_group = models.PositiveSmallIntegerField(
        _("กลุ่มเป้าหมาย"), choices=TargetGroup
    )
    skill_area = models.ForeignKey(
        SkillArea, on_delete=models.CASCADE, related_name="targets"
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


class Horizon(models.TextChoices):
    """The 70/30 principle: development for current work or future readiness."""

    CURRENT = "current", _("งานปัจจุบัน")
    FUTURE = "future", _("อนาคต")


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("รอตรวจสอบ")
    VERIFIED = "verified", _("ตรวจสอบแล้ว")
    REJECTED = "rejected", _("ไม่อนุมัติ")


class Course(models.Model):
    """A course catalogue entry, used for recommendations against gaps (SPEC §6)."""

    code = models.CharField(_("รหัสหลักสูตร"), max_length=64, unique=True)
    title = models.CharField(_("ชื่อหลักสูตร"), max_length=500)
    provider = models.CharField(_("ผู้จัด"), max_length=255, blank=True)
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=6, decimal_places=2)
    horizon = models.CharField(_("มุ่งเน้น"), max_length=8, choices=Horizon)
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("ด้านทักษะ"), related_name="courses", blank=True
    )
    url = models.URLField(_("ลิงก์"), blank=True)
    active = models.BooleanField(_("เปิดใช้งาน"), default=True)

    class Meta:
        verbose_name = _("หลักสูตร")
        verbose_name_plural = _("หลักสูตร")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PersonRecordQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """Shared filters for records that belong to one person."""

    def visible_to(self, scope: AgencyScope):  # type: ignore[no-untyped-def]
        if scope.national:
            return self
        return self.filter(person__in=Person.objects.visible_to(scope))

    def editable_by(self, scope: AgencyScope):  # type: ignore[no-untyped-def]
        if scope.national:
            return self
        return self.filter(person__in=Person.objects.editable_by(scope))

    def verified(self):  # type: ignore[no-untyped-def]
        return self.filter(status=RecordStatus.VERIFIED)

    def pending(self):  # type: ignore[no-untyped-def]
        return self.filter(status=RecordStatus.PENDING)


class TrainingRecordQuerySet(PersonRecordQuerySet):
    pass


class VerifiableRecord(models.Model):
    """Status and verification trail shared by training records and assessments."""

    status = models.CharField(
        _("สถานะ"), max_length=8, choices=RecordStatus, default=RecordStatus.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("เหตุผลที่ไม่อนุมัติ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TrainingRecord(VerifiableRecord):
    """A training activity a person completed (SPEC §6).

    Hours are > 0, at most 1,000, and at most 24 per day from start to completion
    (inclusive) when the start is known. Import key: person + course (or title when
    there is no course) + completion date.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="training_records"
    )
    title = models.CharField(_("ชื่อการอบรม/กิจกรรม"), max_length=500)
    course = models.ForeignKey(
        Course,
        verbose_name=_("หลักสูตร"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    provider = models.CharField(_("ผู้จัด"), max_length=255, blank=True)
    started_on = models.DateField(_("วันที่เริ่ม"), null=True, blank=True)
    completed_on = models.DateField(_("วันที่สำเร็จ"))
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=6, decimal_places=2)
    horizon = models.CharField(_("มุ่งเน้น"), max_length=8, choices=Horizon)
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("ด้านทักษะ"), related_name="+", blank=True
    )
    evidence = models.FileField(
        _("หลักฐาน"), upload_to="evidence/%Y/%m/", null=True, blank=True
    )

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("การฝึกอบรม")
        verbose_name_plural = _("การฝึกอบรม")
        ordering = ["-completed_on"]
        indexes = [
            models.Index(fields=["person", "completed_on"]),
            # The engine's hours of a fiscal year: an index-only range scan.
            models.Index(
                fields=["completed_on"],
                include=["person", "hours", "horizon"],
                name="training_verified_by_date",
                condition=models.Q(status="verified"),
            ),
            # The verification queue and the home page's count of pending items.
            models.Index(
                fields=["person"],
                name="training_pending",
                condition=models.Q(status="pending"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=1000),
                name="training_hours_between_0_and_1000",
                violation_error_message=_("จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 1,000"),
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(started_on__lte=models.F("completed_on")),
                name="training_starts_before_completion",
                violation_error_message=_("วันที่เริ่มต้องไม่หลังวันที่สำเร็จ"),
            ),
            models.UniqueConstraint(
                fields=["person", "course", "completed_on"],
                condition=Q(course__isnull=False),
                name="training_key_with_course",
            ),
            models.UniqueConstraint(
                fields=["person", "title", "completed_on"],
                condition=Q(course__isnull=True),
                name="training_key_without_course",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_on})"

    @property
    def is_future(self) -> bool:
        return self.horizon == Horizon.FUTURE


class AssessmentMethod(models.TextChoices):
    """On the same date, certificate > test > supervisor > self (SPEC §7)."""

    SELF = "self", _("ประเมินตนเอง")
    SUPERVISOR = "supervisor", _("ผู้บังคับบัญชาประเมิน")
    TEST = "test", _("ทดสอบ")
    CERTIFICATE = "certificate", _("ใบรับรอง")


METHOD_PRECEDENCE: dict[str, int] = {
    AssessmentMethod.SELF: 1,
    AssessmentMethod.SUPERVISOR: 2,
    AssessmentMethod.TEST: 3,
    AssessmentMethod.CERTIFICATE: 4,
}


class Assessment(VerifiableRecord):
    """A level assessed for one skill area on a date (SPEC §6).

    Key: person + skill + date + method. Self-assessments start pending.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="assessments"
    )
    skill_area = models.ForeignKey(
        SkillArea,
        verbose_name=_("ด้านทักษะ"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    level = models.PositiveSmallIntegerField(_("ระดับ"))
    assessed_on = models.DateField(_("วันที่ประเมิน"))
    method = models.CharField(
        _("วิธีประเมิน"),
        max_length=12,
        choices=AssessmentMethod,
        default=AssessmentMethod.SUPERVISOR,
    )

    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลการประเมิน")
        verbose_name_plural = _("ผลการประเมิน")
        ordering = ["-assessed_on"]
        indexes = [
            # The engine's levels: every verified assessment in person order, read
            # from the index alone (the key constraint serves person + skill).
            models.Index(
                fields=["person"],
                include=["skill_area", "assessed_on", "method", "level"],
                name="assessment_verified_levels",
                condition=models.Q(status="verified"),
            ),
            models.Index(
                fields=["person"],
                name="assessment_pending",
                condition=models.Q(status="pending"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "skill_area", "assessed_on", "method"],
                name="assessment_key",
                violation_error_message=_("มีผลการประเมินนี้แล้ว"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill_area.code}={self.level} ({self.assessed_on})"

    @property
    def precedence(self) -> int:
        return METHOD_PRECEDENCE[self.method]


class DevelopmentPlan(models.Model):
    """แผนพัฒนารายบุคคล (IDP): one per person and fiscal year (SPEC §6)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="development_plans"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    notes = models.TextField(pgettext_lazy("plan notes", "บันทึก"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
    CANCELLED = "cancelled", _("ยกเลิก")


class PlanItem(models.Model):
    """A planned activity in a development plan, linked to the gaps it closes."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(_("กิจกรรม"), max_length=500)
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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
    )

    class Meta:
        verbose_name = _("กิจกรรมในแผนพัฒนา")
        verbose_name_plural = _("กิจกรรมในแผนพัฒนา")
        ordering = ["target_date"]

    def __str__(self) -> str:
        return self.title


class ImportKind(models.TextChoices):
    """What a file imports, in the order SPEC §9 requires them."""

    AGENCIES = "agencies", _("หน่วยงาน")
    ROSTER = "roster", _("ทะเบียนบุคลากร")
    TRAINING = "training", _("การฝึกอบรม")
    ASSESSMENTS = "assessments", _("ผลการประเมิน")


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


class ImportJob(models.Model):
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


class PlanComment(models.Model):
    """An HR officer's comment on a development plan, shown to its person (SPEC §6)."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
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


class NotificationKind(models.TextChoices):
    RECORD_VERIFIED = "record_verified", _("รายการได้รับการอนุมัติ")
    RECORD_REJECTED = "record_rejected", _("รายการไม่ได้รับการอนุมัติ")
    PLAN_COMMENT = "plan_comment", _("ความเห็นต่อแผนพัฒนา")
    REMINDER = "reminder", _("แจ้งเตือนก่อนสิ้นปีงบประมาณ")
    TRANSFER = "transfer", _("คำขอรับโอน")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, scope: AgencyScope) -> NotificationQuerySet:
        """Own notifications only, for everyone (an OCSC role reads no one's inbox)."""
        if scope.user_id is None:
            return self.none()
        return self.filter(user_id=scope.user_id)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-portal message to one user: a decision, a comment, a reminder.

    `link` is a site-relative path to the page it is about. E-mail copies are
    sent after commit when the user has an address and has not opted out.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("ประเภท"), max_length=16, choices=NotificationKind)
    title = models.CharField(_("เรื่อง"), max_length=255)
    body = models.TextField(_("รายละเอียด"), blank=True)
    link = models.CharField(_("ลิงก์"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("เวลา"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("ส่งอีเมลเมื่อ"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "kind", "created_at"]),
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A user's choices about notifications (การแจ้งเตือน); no row = the defaults.

    In-portal notifications are always kept; e-mail and fiscal-year-end
    reminders can be turned off.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("ส่งสำเนาทางอีเมล"), default=True)
    reminders_enabled = models.BooleanField(
        _("แจ้งเตือนก่อนสิ้นปีงบประมาณเมื่อยังไม่ผ่านเป้าหมาย"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self) -> str:
        return f"{self.user} notifications"
