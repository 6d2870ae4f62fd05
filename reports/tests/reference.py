"""A deliberately naive SPEC §7 implementation, written only to check the engine.

It reads every object into Python and follows the SPEC's sentences one by one, with
exact Decimal arithmetic. Slow by design; never used outside tests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from agencies.models import Agency, Person
from competencies.models import (
    METHOD_PRECEDENCE,
    Framework,
    RolloutPhase,
)
from skillsportal.lib.fiscal_year import as_of_date, fiscal_year_bounds


@dataclass
class PersonFacts:
    agency_id: int
    group: int | None
    assessed: bool
    meets: bool
    gap: int | None
    hours: Decimal
    future: Decimal
    balanced: bool
    levels: dict[str, tuple[int, int | None]]  # code -> (target, level)


def _root(agency: Agency, by_id: dict[int, Agency]) -> Agency:
    while agency.parent_id is not None:
        agency = by_id[agency.parent_id]
    return agency


def _in_scope(version, fy: int, by_id: dict[int, Agency]) -> bool:  # type: ignore[no-untyped-def]
    phases = [p for p in RolloutPhase.objects.all() if p.fy_from <= fy]
    root = _root(by_id[version.agency_id], by_id)
    return any(
        p.everyone
        or version.category in p.categories
        or root.kind in p.root_agency_kinds
        for p in phases
    )


def person_facts(fy: int, today: date) -> dict[int, PersonFacts]:
    """SPEC §7 for every person in scope of FY `fy`, person by person."""
    as_of = as_of_date(fy, today)
    start = fiscal_year_bounds(fy)[0]
    framework = Framework.objects.for_fiscal_year(fy)
    if framework is None:
        return {}
    by_id = {a.pk: a for a in Agency.objects.all()}
    targets = [
        (t.target_group, t.skill_area.code, t.level) for t in framework.targets.all()
    ]
    result = {}
    for person in Person.objects.all():
        versions = [v for v in person.versions.all() if v.effective_date <= as_of]
        if not versions:
            continue
        version = max(versions, key=lambda v: v.effective_date)
        if version.status != "active" or not _in_scope(version, fy, by_id):
            continue
        result[person.pk] = _facts(person, version, framework, targets, start, as_of)
    return result


def _level(person: Person, code: str, as_of: date) -> int | None:
    found = [
        a
        for a in person.assessments.all()
        if a.status == "verified"
        and a.skill_area.code == code
        and a.assessed_on <= as_of
    ]
    if not found:
        return None
    best = max(found, key=lambda a: (a.assessed_on, METHOD_PRECEDENCE[a.method]))
    return best.level


def _facts(person, version, framework, targets, start, as_of) -> PersonFacts:  # type: ignore[no-untyped-def]
    group = version.target_group
    required = {code: level for g, code, level in targets if g == group and level >= 1}
    levels = {code: (t, _level(person, code, as_of)) for code, t in required.items()}
    assessed = group is not None and all(lv is not None for _, lv in levels.values())
    meets = assessed and all(lv >= t for t, lv in levels.values())  # type: ignore[operator]
    gap = (
        sum(max(0, t - (lv or 0)) for t, lv in levels.values())
        if group is not None
        else None
    )
    done = [
        r
        for r in person.training_records.all()
        if r.status == "verified" and start <= r.completed_on <= as_of
    ]
    hours = sum((r.hours for r in done), Decimal(0))
    future = sum((r.hours for r in done if r.horizon == "future"), Decimal(0))
    balanced = (
        hours > 0
        and abs(future / hours - framework.future_share_target)
        <= framework.future_share_tolerance
    )
    return PersonFacts(
        version.agency_id, group, assessed, meets, gap, hours, future, balanced, levels
    )


def agency_figures(fy: int, today: date) -> dict[tuple[str, int], dict[str, object]]:
    """(agency code, group 0–6) -> SPEC §7 figures over the agency's whole subtree."""
    facts = person_facts(fy, today)
    by_id = {a.pk: a for a in Agency.objects.all()}
    figures: dict[tuple[str, int], dict[str, object]] = {}
    for agency in by_id.values():
        members = [
            f for f in facts.values() if _descends(by_id[f.agency_id], agency, by_id)
        ]
        for group in range(7):
            chosen = [f for f in members if group == 0 or f.group == group]
            figures[(agency.code, group)] = _sum(chosen, group)
    return figures


def _descends(agency: Agency, ancestor: Agency, by_id: dict[int, Agency]) -> bool:
    while True:
        if agency.pk == ancestor.pk:
            return True
        if agency.parent_id is None:
            return False
        agency = by_id[agency.parent_id]


def _sum(chosen: list[PersonFacts], group: int) -> dict[str, object]:
    with_group = [f for f in chosen if f.group is not None]
    skills: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for f in chosen:
        for code, (target, level) in f.levels.items():
            row = skills[code]
            row[0] += 1
            if level is not None:
                row[1] += 1
                row[2] += level >= target
                row[3] += level
    return {
        "headcount": len(chosen),
        "assessed": sum(f.assessed for f in chosen),
        "meeting_targets": sum(f.meets for f in chosen),
        "balanced": sum(f.balanced for f in chosen),
        "unassigned_group": sum(f.group is None for f in chosen) if group == 0 else 0,
        "hours_total": sum((f.hours for f in chosen), Decimal(0)),
        "hours_future": sum((f.future for f in chosen), Decimal(0)),
        "mean_gap": (
            (Decimal(sum(f.gap for f in with_group)) / len(with_group)).quantize(  # type: ignore[misc]
                Decimal("0.0001")
            )
            if with_group
            else None
        ),
        "skills": {code: tuple(v) for code, v in skills.items()},
    }
