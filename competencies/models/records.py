"""Courses, training records and assessments: the development records (SPEC §6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Person
from skillsportal.lib.choices import ChoiceLabels

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope


from .framework import SkillArea


class Horizon(models.TextChoices):
    """The 70/30 principle: development for current work or future readiness."""

    CURRENT = "current", _("งานปัจจุบัน")
    FUTURE = "future", _("อนาคต")


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("รอตรวจสอบ")
    VERIFIED = "verified", _("ตรวจสอบแล้ว")
    REJECTED = "rejected", pgettext_lazy("status", "ไม่อนุมัติ")


class CourseQuerySet(models.QuerySet["Course"]):
    def visible_to(self, scope: AgencyScope) -> CourseQuerySet:
        """National courses, and an agency's courses to its subtree and to those
        who read it (SPEC §6): owned within a readable subtree or by an ancestor."""
        if scope.national:
            return self
        ancestors = {a for p in scope.read_paths for a in _path_prefixes(p)}
        return self.filter(
            Q(owner=None)
            | Q(owner__path__in=ancestors)
            | scope.subtree_q("owner__path", read=True)
        )

    def for_agency(self, agency: Agency | None) -> CourseQuerySet:
        """The courses offered to people of `agency`: national and its ancestors'."""
        if agency is None:
            return self.filter(owner=None)
        return self.filter(
            Q(owner=None) | Q(owner__path__in=_path_prefixes(agency.path))
        )

    def by_code(self) -> dict[str, int]:
        """Code → course id; an agency's own code wins over a national one, and
        the nearest owner over a farther one (SPEC §6: code within the owner)."""
        rows = self.order_by(
            models.F("owner__depth").asc(nulls_first=True), "-pk"
        ).values_list("code", "pk")
        return dict(rows)


def _path_prefixes(path: str) -> list[str]:
    """ "/12/305/" → ["/12/", "/12/305/"]: the paths of an agency and its ancestors."""
    ids = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(ids[: n + 1]) + "/" for n in range(len(ids))]


class Course(ChoiceLabels, models.Model):
    """A course catalogue entry (SPEC §6): national (no owner, kept by OCSC) or an
    agency's own (kept by its HR, offered to its subtree). The code is unique
    within the owner; `activity_id` is the xAPI activity IRI that names it in
    learning systems."""

    owner = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงานเจ้าของ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
        help_text=_("เว้นว่างสำหรับหลักสูตรระดับประเทศของ สำนักงาน ก.พ."),
    )
    code = models.CharField(_("รหัสหลักสูตร"), max_length=64)
    title = models.CharField(_("ชื่อหลักสูตร"), max_length=500)
    provider = models.CharField(_("ผู้จัด"), max_length=255, blank=True)
    hours = models.DecimalField(
        _("จำนวนชั่วโมง"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    horizon = models.CharField(
        _("มุ่งเน้น"), max_length=8, choices=Horizon, default=Horizon.CURRENT
    )
    skill_areas = models.ManyToManyField(
        SkillArea, verbose_name=_("ด้านทักษะ"), related_name="courses", blank=True
    )
    url = models.URLField(_("ลิงก์"), blank=True)
    activity_id = models.CharField(
        _("รหัสกิจกรรม xAPI (IRI)"), max_length=2048, blank=True
    )
    active = models.BooleanField(_("เปิดใช้งาน"), default=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("หลักสูตร")
        verbose_name_plural = _("หลักสูตร")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(owner__isnull=True),
                name="course_code_national",
                violation_error_message=_("มีหลักสูตรรหัสนี้แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["owner", "code"],
                condition=Q(owner__isnull=False),
                name="course_code_per_owner",
                violation_error_message=_("มีหลักสูตรรหัสนี้แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["activity_id"],
                condition=~Q(activity_id=""),
                name="course_activity_id",
                violation_error_message=_("มีหลักสูตรที่ใช้รหัสกิจกรรม xAPI นี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=1000),
                name="course_hours_between_0_and_1000",
                violation_error_message=_("จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 1,000"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_national(self) -> bool:
        return self.owner_id is None


class PersonRecordQuerySet(models.QuerySet):
    """Shared filters for records that belong to one person."""

    def visible_to(self, scope: AgencyScope):
        if scope.national:
            return self
        return self.filter(person__in=Person.objects.visible_to(scope))

    def editable_by(self, scope: AgencyScope):
        if scope.national:
            return self
        return self.filter(person__in=Person.objects.editable_by(scope))

    def verified(self):
        return self.filter(status=RecordStatus.VERIFIED)

    def pending(self):
        return self.filter(status=RecordStatus.PENDING)


class TrainingRecordQuerySet(PersonRecordQuerySet):
    pass


class VerifiableRecord(ChoiceLabels, models.Model):
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
        verbose_name=_("ผู้บันทึก"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้ตรวจสอบ"),
    )
    verified_at = models.DateTimeField(_("เวลาที่ตรวจสอบ"), null=True, blank=True)
    rejection_reason = models.TextField(_("เหตุผลที่ไม่อนุมัติ"), blank=True)
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)
    updated_at = models.DateTimeField(_("เวลาที่แก้ไข"), auto_now=True)

    class Meta:
        abstract = True


class TrainingRecord(VerifiableRecord):
    """A training activity a person completed (SPEC §6).

    Hours are > 0, at most 1,000, and at most 24 per day from start to completion
    (inclusive) when the start is known. Import key: person + course (or title when
    there is no course) + completion date.
    """

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("บุคลากร"),
        db_index=False,  # (person, completed_on) serves it: one index less to write
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
    # The code as written (SPEC §6, §9): the key, and kept when the catalogue
    # does not know it ("not in the catalogue").
    course_code = models.CharField(_("รหัสหลักสูตร"), max_length=64, blank=True)
    # The class it was recorded from (SPEC §6): changing the event changes it.
    event = models.ForeignKey(
        "competencies.TrainingEvent",
        verbose_name=_("การจัดอบรม"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    provider = models.CharField(_("ผู้จัด"), max_length=255, blank=True)
    # The xAPI statement a learning system reported it with (SPEC §9); voiding
    # that statement deletes the record.
    xapi_statement = models.UUIDField(
        _("รหัสคำสั่ง xAPI"), null=True, blank=True, unique=True, editable=False
    )
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
            # The home page's count of pending items (by the officer's people).
            models.Index(
                fields=["person"],
                name="training_pending",
                condition=models.Q(status="pending"),
            ),
            # The verification queue: oldest first, paged by keyset.
            models.Index(
                fields=["created_at", "id"],
                name="training_pending_queue",
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
            # SPEC §9 key: person + course code (or title without a code) + date.
            models.UniqueConstraint(
                fields=["person", "course_code", "completed_on"],
                condition=~Q(course_code=""),
                name="training_key_with_code",
            ),
            models.UniqueConstraint(
                fields=["person", "title", "completed_on"],
                condition=Q(course_code=""),
                name="training_key_without_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_on})"

    @property
    def is_future(self) -> bool:
        return self.horizon == Horizon.FUTURE

    @property
    def outside_catalogue(self) -> bool:
        """A code the catalogue does not know, kept as written (SPEC §6)."""
        return bool(self.course_code) and self.course_id is None


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
        Person,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("บุคลากร"),
        db_index=False,  # the key (person, skill, date, method) serves it
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
            models.Index(
                fields=["created_at", "id"],
                name="assessment_pending_queue",
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
