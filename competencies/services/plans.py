"""Writes to individual development plans (แผนพัฒนารายบุคคล, SPEC §6).

A person keeps their own plan per fiscal year: planned activities with target
dates, each linked to the skill gaps it closes. Marking an activity done submits
a pending training record through the records service (HR verifies it, SPEC
§6). HR officers with write access to the person's agency comment; nobody else
writes to someone's plan (SPEC §8).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import may_write
from agencies.models import Person
from skillsportal.lib.fiscal_year import (
    current_fiscal_year,
    fiscal_year_bounds,
    fiscal_year_of,
)

from ..models import (
    Course,
    DevelopmentPlan,
    Framework,
    Horizon,
    NotificationKind,
    PlanComment,
    PlanItem,
    PlanItemStatus,
    SkillArea,
    TrainingRecord,
)
from .notifications import in_language_of, notify
from .records import training_record_create

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

# A course added in one click is due this many days on (capped at the FY's end).
DEFAULT_LEAD_DAYS = 90


def plan_years(today: date | None = None) -> tuple[int, int]:
    """The fiscal years a person may still plan: the current one and the next."""
    fy = current_fiscal_year(today or timezone.localdate())
    return fy, fy + 1


def _require_owner(scope: AgencyScope, person_id: int) -> None:
    """Only the person writes their plan: HR comments instead (SPEC §8)."""
    if scope.person_id is None or scope.person_id != person_id:
        raise PermissionDenied(_("แก้ไขได้เฉพาะแผนพัฒนาของตนเอง"))


def _require_open(fy: int, today: date | None) -> None:
    if fy not in plan_years(today):
        raise ValidationError(
            _("วางแผนได้เฉพาะปีงบประมาณปัจจุบันและปีถัดไป"), code="closed_year"
        )


@transaction.atomic
def plan_get_or_create(
    *, scope: AgencyScope, person: Person, fy: int, today: date | None = None
) -> DevelopmentPlan:
    """The person's plan for FY `fy`, created on first use (one per person and FY)."""
    _require_owner(scope, person.pk)
    plan = DevelopmentPlan.objects.filter(person=person, fiscal_year=fy).first()
    if plan is not None:
        return plan
    _require_open(fy, today)
    plan, _created = DevelopmentPlan.objects.get_or_create(
        person=person, fiscal_year=fy
    )
    return plan


def _skills_of_year(fy: int, skills: Iterable[SkillArea]) -> list[SkillArea]:
    """The plan FY's skill areas with the same codes (a course may be older)."""
    framework = Framework.objects.for_fiscal_year(fy)
    codes = {s.code for s in skills}
    if framework is None or not codes:
        return []
    return list(framework.skill_areas.filter(code__in=codes).order_by("order"))


def _check_item(
    plan: DevelopmentPlan, target_date: date, course: Course | None
) -> None:
    start, end = fiscal_year_bounds(plan.fiscal_year)
    if not start <= target_date <= end:
        raise ValidationError(
            {
                "target_date": _("กำหนดเสร็จต้องอยู่ในปีงบประมาณ %(fy)s")
                % {"fy": plan.fiscal_year}
            },
            code="target_date",
        )
    if course is not None:
        if not course.active:
            raise ValidationError(_("หลักสูตรนี้ปิดรับแล้ว"), code="inactive_course")
        taken = plan.items.filter(course=course).exclude(
            status=PlanItemStatus.CANCELLED
        )
        if taken.exists():
            raise ValidationError(_("หลักสูตรนี้อยู่ในแผนแล้ว"), code="duplicate_course")


@transaction.atomic
def plan_item_add(
    *,
    scope: AgencyScope,
    person: Person,
    fy: int,
    target_date: date,
    skill_areas: Iterable[SkillArea] = (),
    title: str = "",
    course: Course | None = None,
    horizon: str | None = None,
    today: date | None = None,
) -> PlanItem:
    """Add a planned activity to the person's plan of FY `fy` (SPEC §6).

    Rules: the person's own plan, for the current or next FY; the target date
    within that FY; a course active and not already planned. A course fills a
    blank title, the horizon and (when none are given) the skill areas, mapped
    by code onto the plan year's framework.
    """
    plan = plan_get_or_create(scope=scope, person=person, fy=fy, today=today)
    _require_open(plan.fiscal_year, today)
    _check_item(plan, target_date, course)
    title = (title or (course.title if course else "")).strip()
    if not title:
        raise ValidationError({"title": _("กรุณาระบุกิจกรรม")}, code="required")
    skills = list(skill_areas) or (list(course.skill_areas.all()) if course else [])
    item = PlanItem.objects.create(
        plan=plan,
        title=title,
        course=course,
        horizon=horizon or (course.horizon if course else Horizon.CURRENT),
        target_date=target_date,
    )
    item.skill_areas.set(_skills_of_year(plan.fiscal_year, skills))
    return item


def default_target_date(fy: int, today: date | None = None) -> date:
    """Today + DEFAULT_LEAD_DAYS, kept inside FY `fy`."""
    start, end = fiscal_year_bounds(fy)
    day = (today or timezone.localdate()) + timedelta(days=DEFAULT_LEAD_DAYS)
    return min(max(day, start), end)


def _locked_item(scope: AgencyScope, item: PlanItem) -> PlanItem:
    locked = (
        PlanItem.objects.select_for_update(of=("self",))
        .select_related("plan", "course")
        .get(pk=item.pk)
    )
    _require_owner(scope, locked.plan.person_id)
    if locked.status != PlanItemStatus.PLANNED:
        raise ValidationError(_("กิจกรรมนี้ไม่อยู่ในสถานะวางแผนแล้ว"), code="not_planned")
    return locked


@transaction.atomic
def plan_item_done(
    *,
    scope: AgencyScope,
    actor: Any,
    item: PlanItem,
    completed_on: date,
    hours: Decimal,
    evidence: File | None = None,
    today: date | None = None,
) -> TrainingRecord:
    """Mark a planned activity done: submit a pending training record (SPEC §6).

    The record carries the course's data (title, provider, horizon, skills) or
    the item's; the records service applies every training rule and makes it
    pending (the person's own entry), and the item links to it.
    """
    locked = _locked_item(scope, item)
    course = locked.course
    record = training_record_create(
        scope=scope,
        actor=actor,
        person=locked.plan.person,
        title=locked.title,
        course=course,
        provider=course.provider if course else "",
        completed_on=completed_on,
        hours=hours,
        horizon=locked.horizon,
        skill_areas=_skills_of_year(
            fiscal_year_of(completed_on), locked.skill_areas.all()
        ),
        evidence=evidence,
        today=today,
    )
    locked.status = PlanItemStatus.DONE
    locked.training_record = record
    locked.save(update_fields=["status", "training_record"])
    return record


@transaction.atomic
def plan_item_cancel(*, scope: AgencyScope, item: PlanItem) -> PlanItem:
    """Cancel a planned activity; it stays on the plan, struck through."""
    locked = _locked_item(scope, item)
    locked.status = PlanItemStatus.CANCELLED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def plan_comment(
    *, scope: AgencyScope, actor: Any, plan: DevelopmentPlan, body: str
) -> PlanComment:
    """HR of the person's agency comments on a plan; the person is told (SPEC §8).

    Rules: write access to the person's current agency; not one's own plan;
    a non-empty comment of at most 2,000 characters.
    """
    person = Person.objects.select_related("current_agency").get(pk=plan.person_id)
    if scope.person_id == person.pk:
        raise PermissionDenied(_("ไม่สามารถให้ความเห็นต่อแผนของตนเองได้"))
    if not may_write(scope, person.current_agency):
        raise PermissionDenied(_("ไม่มีสิทธิ์ให้ความเห็นต่อแผนของบุคลากรนี้"))
    body = body.strip()
    if not body or len(body) > 2000:
        raise ValidationError(
            {"body": _("กรุณาระบุความเห็น (ไม่เกิน 2,000 ตัวอักษร)")}, code="body"
        )
    comment = PlanComment.objects.create(plan=plan, author=actor, body=body)
    if person.user_id is not None:
        with in_language_of(person.user_id):
            title = _("มีความเห็นต่อแผนพัฒนาปีงบประมาณ %(fy)s") % {"fy": plan.fiscal_year}
        notify(
            user_id=person.user_id,
            kind=NotificationKind.PLAN_COMMENT,
            title=title,
            body=body,
            link=f"{reverse('me:plan')}?fy={plan.fiscal_year}",
        )
    return comment
