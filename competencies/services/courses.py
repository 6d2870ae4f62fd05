"""Writes to the course catalogue (SPEC §6): the import and the pages' form.

National courses (no owner) are kept by OCSC; an agency's own by its HR
(`agencies.access.require_course_owner`). The key is the code within the
owner; re-importing the same file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from agencies.access import require_course_owner
from agencies.models import Agency
from agencies.scoping import AgencyScope
from skillsportal.lib.bulk import (
    AuditRow,
    ImportResult,
    apply_changes,
    audit_log_bulk,
    bulk_update,
    conflict,
    creation_changes,
)
from skillsportal.lib.importing import Batch, ParsedRow

from ..importers import courses_parse
from ..models import Course

_Link = Course.skill_areas.through
_OPTIONAL = {"provider": "", "hours": None, "horizon": "current", "link": ""}


def courses_import(*, owner: Agency | None = None, **kwargs: Any) -> ImportResult:
    """Create or update catalogue courses of `owner` (None: national) from a file.

    Keyword arguments as the other imports: data, filename, scope, actor, commit
    (default True), source, today, progress. Columns a file leaves out keep
    their values; a course of another owner keeps its activity id.
    """
    scope: AgencyScope = kwargs["scope"]
    require_course_owner(scope, owner)
    today = kwargs.get("today") or timezone.localdate()
    batch = courses_parse(kwargs["data"], kwargs["filename"], today=today)
    if not batch.errors:
        _activity_ids_free(batch, owner)
    if batch.errors:
        return ImportResult(errors=batch.errors)
    if kwargs.get("progress"):
        kwargs["progress"](50)
    try:
        with transaction.atomic():
            plan = _plan(batch, owner)
            if kwargs.get("commit", True):
                _write(plan, actor=kwargs.get("actor"), source=kwargs.get("source"))
    except IntegrityError:
        return conflict()
    return plan.result


def _activity_ids_free(batch: Batch, owner: Agency | None) -> None:
    """An activity id names one course: not one of another code or owner."""
    wanted = {
        r.values["activity_id"]: r for r in batch.rows if r.values.get("activity_id")
    }
    taken = Course.objects.filter(activity_id__in=wanted).values_list(
        "activity_id", "owner_id", "code"
    )
    for iri, owner_id, code in taken:
        row = wanted[iri]
        if (owner_id, code) != (getattr(owner, "pk", None), row.values["code"]):
            batch.fail(
                row,
                "activity_id",
                "รหัสกิจกรรม xAPI นี้ใช้กับหลักสูตรอื่นแล้ว",
                "This xAPI activity id already names another course",
            )
    batch.finish()


@dataclass
class _Plan:
    owner: Agency | None
    result: ImportResult = field(default_factory=ImportResult)
    new: list[Course] = field(default_factory=list)
    changed: list[tuple[Course, dict[str, list[str]]]] = field(default_factory=list)
    skills: dict[int, list[int]] = field(default_factory=dict)  # id(course) → ids


def _plan(batch: Batch, owner: Agency | None) -> _Plan:
    plan = _Plan(owner)
    existing = {
        c.code: c
        for c in Course.objects.filter(
            owner=owner, code__in=[r.values["code"] for r in batch.rows]
        ).prefetch_related("skill_areas")
    }
    for row in batch.rows:
        values = _values(row, batch.columns)
        course = existing.get(row.values["code"])
        if course is None:
            course = Course(owner=owner, code=row.values["code"], **values)
            plan.new.append(course)
            plan.skills[id(course)] = row.values["skill_ids"]
            plan.result.new += 1
            continue
        changes = apply_changes(course, values)
        if "skills" in batch.columns:
            before = sorted(s.pk for s in course.skill_areas.all())
            if before != row.values["skill_ids"]:
                plan.skills[id(course)] = row.values["skill_ids"]
                changes["skill_areas"] = [_ids(before), _ids(row.values["skill_ids"])]
        if changes:
            plan.changed.append((course, changes))
            plan.result.updated += 1
        else:
            plan.result.unchanged += 1
    return plan


def _values(row: ParsedRow, columns: frozenset[str]) -> dict[str, Any]:
    v = row.values
    values: dict[str, Any] = {"title": v["title"], "active": True}
    for name, default in _OPTIONAL.items():
        if name in columns:
            values["url" if name == "link" else name] = v.get(name) or default
    if "activity_id" in columns:
        values["activity_id"] = v.get("activity_id") or ""
    return values


def _ids(ids: list[int]) -> str:
    return "; ".join(map(str, ids))


def _write(plan: _Plan, *, actor: Any, source: Any) -> None:
    Course.objects.bulk_create(plan.new)
    changed = [c for c, _ in plan.changed]
    names = {n for _, changes in plan.changed for n in changes} - {"skill_areas"}
    if names:
        bulk_update(Course, changed, sorted(names))
    relinked = [c for c in changed if id(c) in plan.skills]
    _Link.objects.filter(course__in=relinked).delete()
    _Link.objects.bulk_create(
        _Link(course_id=c.pk, skillarea_id=s)
        for c in plan.new + relinked
        for s in plan.skills[id(c)]
    )
    logged = ("code", "title", "provider", "hours", "horizon", "url", "activity_id")
    audit = [
        AuditRow.of(
            c,
            creation_changes(
                {
                    "owner_id": c.owner_id,
                    **{n: getattr(c, n) for n in logged},
                    "skill_areas": _ids(plan.skills[id(c)]),
                }
            ),
            created=True,
        )
        for c in plan.new
    ]
    audit += [AuditRow.of(c, changes) for c, changes in plan.changed]
    audit_log_bulk(audit, actor=actor, source=source)
    plan.result.written = True


def owner_of(scope: AgencyScope, agency: Agency | None = None) -> Agency | None:
    """Whose catalogue a scope keeps by default: OCSC the national one, HR the
    agency of their first writable subtree (as their import jobs record)."""
    if agency is not None or scope.national:
        return agency
    return Agency.objects.filter(path__in=scope.write_paths[:1]).first()


@transaction.atomic
def course_save(*, scope: AgencyScope, course: Course, skill_areas: Any) -> Course:
    """Create or change one course from the catalogue pages (SPEC §6).

    The caller has checked the course's former owner; the owner it has now
    must be one the scope keeps too (an HR officer cannot hand a course over).
    """
    require_course_owner(scope, course.owner)
    course.save()
    course.skill_areas.set(skill_areas)
    return course
