"""Writes to training records and assessments, one at a time (SPEC §6, §8).

Who enters a record decides its status: an HR officer with write access to the
person's agency enters it verified; the person themself submits it pending, and
only HR verifies or rejects it. Nobody verifies their own records. Every write is
a single `save()`, so auditlog logs it and the compliance engine's model signals
fire (no bulk writes here, so no `person_records_changed` to send).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import may_write
from agencies.models import Person
from skillsportal.lib.fiscal_year import fiscal_year_of

from ..models import (
    Assessment,
    Course,
    Framework,
    ProficiencyLevel,
    RecordStatus,
    SkillArea,
    TrainingRecord,
)
from ..rules import assessment_problems, training_problems
from ..selectors import framework_for
from .notifications import record_decision_notify

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

Record = TypeVar("Record", TrainingRecord, Assessment)


def _entry_status(scope: AgencyScope, person: Person) -> str:
    """SPEC §6: HR-entered records are verified, the person's own are pending."""
    if scope.is_self(person.pk):
        return RecordStatus.PENDING
    if may_write(scope, person.current_agency):
        return RecordStatus.VERIFIED
    raise PermissionDenied(_("ไม่มีสิทธิ์บันทึกข้อมูลของบุคลากรนี้"))


def _stamp(record: Record, *, status: str, actor: Any) -> None:
    record.status = status
    record.submitted_by = actor
    if status == RecordStatus.VERIFIED:
        record.verified_by = actor
        record.verified_at = timezone.now()


def _framework_for(day: date, field: str) -> Framework:
    framework = framework_for(day)
    if framework is None:
        raise ValidationError(
            {field: _("ยังไม่มีกรอบสมรรถนะสำหรับปีงบประมาณของวันที่นี้")},
            code="no_framework",
        )
    return framework


def check_skills(skill_areas: list[SkillArea], completed_on: date) -> None:
    """Skill areas must belong to the framework of the record's fiscal year."""
    if not skill_areas:
        return
    framework = _framework_for(completed_on, "skill_areas")
    if any(skill.framework_id != framework.pk for skill in skill_areas):
        raise ValidationError(
            {
                "skill_areas": _("ด้านทักษะต้องอยู่ในกรอบสมรรถนะของปีงบประมาณ %(fy)s")
                % {"fy": fiscal_year_of(completed_on)}
            },
            code="skill_framework",
        )


def _check_training_key(
    person: Person, course: Course | None, title: str, completed_on: date
) -> None:
    """SPEC §9 key: person + course code (or title without one) + completion date."""
    same = TrainingRecord.objects.filter(person=person, completed_on=completed_on)
    if course:
        same = same.filter(course_code=course.code)
    else:
        same = same.filter(course_code="", title=title)
    if same.exists():
        raise ValidationError(
            {"title": _("มีรายการฝึกอบรมนี้ในวันที่สำเร็จเดียวกันแล้ว")},
            code="duplicate",
        )


@transaction.atomic
def training_record_create(
    *,
    scope: AgencyScope,
    actor: Any,
    person: Person,
    completed_on: date,
    hours: Decimal,
    horizon: str,
    title: str = "",
    course: Course | None = None,
    provider: str = "",
    started_on: date | None = None,
    skill_areas: Iterable[SkillArea] = (),
    evidence: File | None = None,
    today: date | None = None,
) -> TrainingRecord:
    """Log a training record (SPEC §6): verified when HR enters it.

    Rules: hours > 0, ≤ 1,000 and ≤ 24 a day from start to completion; completed
    on or before today; skill areas from the framework of the completion date's
    fiscal year; the SPEC §9 key not taken. A course fills in a blank title and
    provider.
    """
    status = _entry_status(scope, person)
    title = (title or (course.title if course else "")).strip()
    if not title:
        raise ValidationError({"title": _("กรุณาระบุชื่อการอบรม")}, code="required")
    problems = training_problems(
        started_on=started_on,
        completed_on=completed_on,
        hours=hours,
        today=today or timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems, code="invalid")
    skills = list(skill_areas)
    check_skills(skills, completed_on)
    _check_training_key(person, course, title, completed_on)
    record = TrainingRecord(
        person=person,
        title=title,
        course=course,
        course_code=course.code if course else "",
        provider=(provider or (course.provider if course else "")).strip(),
        started_on=started_on,
        completed_on=completed_on,
        hours=hours,
        horizon=horizon,
        evidence=evidence,
    )
    _stamp(record, status=status, actor=actor)
    record.save()
    record.skill_areas.set(skills)
    return record


def _max_level(framework_id: int) -> int:
    top = ProficiencyLevel.objects.filter(framework_id=framework_id).aggregate(
        top=Max("level")
    )["top"]
    return top or 0


@transaction.atomic
def assessment_create(
    *,
    scope: AgencyScope,
    actor: Any,
    person: Person,
    skill_area: SkillArea,
    level: int,
    assessed_on: date,
    method: str,
    today: date | None = None,
) -> Assessment:
    """Record an assessed level (SPEC §6): verified when HR enters it.

    Rules: the level is on the framework's scale; the date is not in the future;
    the skill area belongs to the framework of that date's fiscal year; the key
    person + skill + date + method is not taken.
    """
    status = _entry_status(scope, person)
    if skill_area.framework_id != _framework_for(assessed_on, "assessed_on").pk:
        raise ValidationError(
            {"skill_area": _("ด้านทักษะนี้ไม่อยู่ในกรอบสมรรถนะของปีงบประมาณของวันที่ประเมิน")},
            code="skill_framework",
        )
    problems = assessment_problems(
        level=level,
        max_level=_max_level(skill_area.framework_id),
        assessed_on=assessed_on,
        today=today or timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems, code="invalid")
    key = {"skill_area": skill_area, "assessed_on": assessed_on, "method": method}
    if Assessment.objects.filter(person=person, **key).exists():
        raise ValidationError(
            {"assessed_on": _("มีผลการประเมินด้านนี้ วันที่นี้ และวิธีนี้แล้ว")},
            code="duplicate",
        )
    assessment = Assessment(person=person, level=level, **key)
    _stamp(assessment, status=status, actor=actor)
    assessment.save()
    return assessment


def _decide(
    *, scope: AgencyScope, actor: Any, record: Record, status: str, reason: str = ""
) -> Record:
    """Verify or reject a pending record (SPEC §6); HR of the person's agency only."""
    locked = (
        type(record)
        .objects.select_for_update(of=("self",))
        .select_related("person__current_agency")
        .get(pk=record.pk)
    )
    _apply(scope=scope, actor=actor, record=locked, status=status, reason=reason)
    return locked


def _apply(
    *, scope: AgencyScope, actor: Any, record: Record, status: str, reason: str
) -> None:
    """The decision on one locked record: checked, saved (audited), person told."""
    if scope.is_self(record.person_id):
        raise PermissionDenied(_("ไม่สามารถตรวจสอบรายการของตนเองได้"))
    if not may_write(scope, record.person.current_agency):
        raise PermissionDenied(_("ไม่มีสิทธิ์ตรวจสอบรายการของบุคลากรนี้"))
    if record.status != RecordStatus.PENDING:
        raise ValidationError(_("รายการนี้ได้รับการตรวจสอบแล้ว"), code="not_pending")
    record.status = status
    record.verified_by = actor
    record.verified_at = timezone.now()
    record.rejection_reason = reason
    record.save(
        update_fields=[
            "status",
            "verified_by",
            "verified_at",
            "rejection_reason",
            "updated_at",
        ]
    )
    # The person is told in this transaction; the e-mail copy goes on commit.
    record_decision_notify(record=record)


@transaction.atomic
def records_decide(
    *,
    scope: AgencyScope,
    actor: Any,
    model: type[TrainingRecord] | type[Assessment],
    ids: Iterable[int],
    verify: bool,
    reason: str = "",
) -> int:
    """Verify or reject several pending records together (the queue's bulk action).

    Locks the chosen records that are still pending and decidable by `scope`
    (others were decided meanwhile, or are not the actor's to decide: skipped,
    never told apart) and decides each as one would alone: audited, the person
    told. A rejection needs a reason. Returns how many were decided.
    """
    status = RecordStatus.VERIFIED if verify else RecordStatus.REJECTED
    reason = "" if verify else _reason(reason)
    rows = model.objects.pending().editable_by(scope).filter(pk__in=list(ids))
    if scope.person_id is not None:
        rows = rows.exclude(person_id=scope.person_id)
    locked = list(
        rows.select_for_update(of=("self",))
        .select_related("person__current_agency")
        .order_by("pk")
    )
    for record in locked:
        _apply(scope=scope, actor=actor, record=record, status=status, reason=reason)
    return len(locked)


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ไม่อนุมัติ")}, code="required")
    return reason


@transaction.atomic
def training_record_verify(
    *, scope: AgencyScope, actor: Any, record: TrainingRecord
) -> TrainingRecord:
    """Accept a pending training record submitted by the person (SPEC §6)."""
    return _decide(
        scope=scope, actor=actor, record=record, status=RecordStatus.VERIFIED
    )


@transaction.atomic
def training_record_reject(
    *, scope: AgencyScope, actor: Any, record: TrainingRecord, reason: str
) -> TrainingRecord:
    """Reject a pending training record with a required reason (SPEC §6)."""
    return _decide(
        scope=scope,
        actor=actor,
        record=record,
        status=RecordStatus.REJECTED,
        reason=_reason(reason),
    )


@transaction.atomic
def assessment_verify(
    *, scope: AgencyScope, actor: Any, assessment: Assessment
) -> Assessment:
    """Accept a pending (self-)assessment (SPEC §6)."""
    return _decide(
        scope=scope, actor=actor, record=assessment, status=RecordStatus.VERIFIED
    )


@transaction.atomic
def assessment_reject(
    *, scope: AgencyScope, actor: Any, assessment: Assessment, reason: str
) -> Assessment:
    """Reject a pending (self-)assessment with a required reason (SPEC §6)."""
    return _decide(
        scope=scope,
        actor=actor,
        record=assessment,
        status=RecordStatus.REJECTED,
        reason=_reason(reason),
    )
