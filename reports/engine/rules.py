"""What the engine computes for one fiscal year: its tables, skills and rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Model

from agencies.models import TargetGroup
from competencies.models import (
    METHOD_PRECEDENCE,
    Assessment,
    Framework,
    ProficiencyLevel,
    RecordStatus,
    RolloutPhase,
    SkillArea,
)
from skillsportal.lib.fiscal_year import fiscal_year_bounds

from ..models import (
    MAX_LEVEL,
    MAX_SKILLS,
    ComplianceFigure,
    PersonYearFigure,
    SkillFigure,
)

# The latest assessment wins; on the same date, the method of highest precedence
# (SPEC §7); then the higher level (only two framework versions' areas of one code
# can tie there). One integer orders all three: day * 1000 + rank * 100 + level.


METHOD_RANK = (
    "CASE a.method "
    + " ".join(f"WHEN '{m}' THEN {r}" for m, r in METHOD_PRECEDENCE.items())
    + " ELSE 0 END"
)
GREATEST = {"postgresql": "GREATEST({}, 0)", "sqlite": "MAX({}, 0)"}
DAY_NUMBER = {  # days since 1900-01-01: positive for any date the portal holds
    "postgresql": "(a.assessed_on - DATE '1900-01-01')",
    "sqlite": "(CAST(julianday(a.assessed_on) AS INTEGER) - 2415021)",
}


def level_key() -> str:
    """SQL: the order of an assessment `a` among its skill's (the highest wins)."""
    return f"{DAY_NUMBER[connection.vendor]} * 1000 + {METHOD_RANK} * 100 + a.level"


def latest_verified(
    assessments: Iterable[Assessment], as_of: date
) -> dict[str, Assessment]:
    """The assessment that sets each skill's level on `as_of`, by skill code.

    `level_key`'s order for a page showing one person's records: verified, dated
    on or before `as_of`; the latest, then the method's precedence, then the level.
    """
    best: dict[str, Assessment] = {}
    for a in sorted(assessments, key=_order):
        if a.status == RecordStatus.VERIFIED and a.assessed_on <= as_of:
            best[a.skill_area.code] = a
    return best


def _order(a: Assessment) -> tuple[date, int, int]:
    return (a.assessed_on, METHOD_PRECEDENCE[a.method], a.level)


@dataclass(frozen=True)
class Tables:
    """Where a full computation writes: the published figure tables, or fresh ones.

    Fresh tables of FY `fy` (reports.snapshot, PostgreSQL) are created by the
    statement that fills them (CREATE TABLE … AS runs its query in parallel where
    INSERT cannot), with the published tables' column types; they have no
    identity, so rows get FY × 10⁹ plus the person's id (or the row number).
    """

    people: str = PersonYearFigure._meta.db_table
    figures: str = ComplianceFigure._meta.db_table
    skills: str = SkillFigure._meta.db_table
    fy: int | None = None

    @property
    def names(self) -> tuple[str, str, str]:
        return (self.people, self.figures, self.skills)

    def write(self, model: type[Model], table: str, select: str) -> str:
        """The statement that writes `select`'s rows (columns named as `model`'s)."""
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        names = ", ".join(f.column for f in fields)
        if self.fy is None:
            return f"INSERT INTO {table} ({names}) SELECT {names} FROM ({select}) q"
        people = model is PersonYearFigure
        row = "q.person_id" if people else "ROW_NUMBER() OVER ()"
        casts = ", ".join(
            f"CAST(q.{f.column} AS {f.db_type(connection)}) AS {f.column}"
            for f in fields
        )
        # People in agency order: each agency's rows together for the worklists,
        # and the agency index built from sorted rows (three times faster).
        order = " ORDER BY q.agency_id" if people else ""
        return (
            f"CREATE TABLE {table} AS SELECT"
            f" CAST({self.fy * 10**9} + {row} AS bigint) AS id, {casts}"
            f" FROM ({select}) q{order}"
        )


PUBLISHED = Tables()


@dataclass(frozen=True)
class Skill:
    """One skill area of the FY's framework, and every area id with its code.

    Assessments count towards a framework version by skill code (SPEC §4), so an
    assessment of an older version's area with the same code counts too.
    """

    code: str
    area_ids: tuple[int, ...]


@dataclass(frozen=True)
class YearRules:
    """What SPEC §7 needs to know about fiscal year `fy`, fixed before computing."""

    fy: int
    as_of: date
    framework_id: int
    target_milli: int
    tolerance_milli: int
    everyone: bool
    categories: tuple[str, ...]
    root_kinds: tuple[str, ...]
    skills: tuple[Skill, ...] = ()
    targets: tuple[tuple[int, tuple[int, ...]], ...] = ()  # (group, per skill)

    @classmethod
    def for_year(cls, fy: int, as_of: date) -> YearRules | None:
        """The rules of FY `fy`, or None when no framework applies to it."""
        framework = Framework.objects.for_fiscal_year(fy)
        if framework is None:
            return None
        top = ProficiencyLevel.objects.filter(framework=framework).order_by("-level")
        if (top.values_list("level", flat=True).first() or 0) > MAX_LEVEL:
            raise ValueError(f"The engine stores levels 0–{MAX_LEVEL} only.")
        phases = list(RolloutPhase.objects.started_by(fy))
        areas = list(framework.skill_areas.order_by("order", "pk"))  # skill_codes()
        if len(areas) > MAX_SKILLS:
            raise ValueError(f"The engine computes at most {MAX_SKILLS} skill areas.")
        ids: dict[str, list[int]] = {}
        for pk, code in SkillArea.objects.filter(
            code__in=[a.code for a in areas]
        ).values_list("pk", "code"):
            ids.setdefault(code, []).append(pk)
        level = {
            (t.target_group, t.skill_area_id): t.level for t in framework.targets.all()
        }
        return cls(
            fy=fy,
            as_of=as_of,
            framework_id=framework.pk,
            target_milli=int(framework.future_share_target * 1000),
            tolerance_milli=int(framework.future_share_tolerance * 1000),
            everyone=any(p.everyone for p in phases),
            categories=tuple(sorted({c for p in phases for c in p.categories})),
            root_kinds=tuple(sorted({k for p in phases for k in p.root_agency_kinds})),
            skills=tuple(Skill(a.code, tuple(sorted(ids[a.code]))) for a in areas),
            targets=tuple(
                (g, tuple(level.get((g, a.pk), 0) for a in areas))
                for g in TargetGroup.values
            ),
        )

    @property
    def codes(self) -> list[str]:
        return [s.code for s in self.skills]

    def params(self) -> dict[str, Any]:
        return {
            "fy": self.fy,
            "d": self.as_of,
            "start": fiscal_year_bounds(self.fy)[0],
            "f": self.framework_id,
            "t": self.target_milli,
            "tol": self.tolerance_milli,
            **{f"cat{i}": c for i, c in enumerate(self.categories)},
            **{f"kind{i}": k for i, k in enumerate(self.root_kinds)},
        }

    def scope_sql(self) -> str:
        """SPEC §5: the cumulative scope of every phase started by this FY."""
        if self.everyone:
            return "1 = 1"
        terms = []
        if self.categories:
            names = ", ".join(f"%(cat{i})s" for i in range(len(self.categories)))
            terms.append(f"v.category IN ({names})")
        if self.root_kinds:
            names = ", ".join(f"%(kind{i})s" for i in range(len(self.root_kinds)))
            terms.append(f"r.kind IN ({names})")
        return " OR ".join(terms) or "1 = 0"

    def targets_sql(self) -> str:
        """CTE `tg`: each group's targets as columns t0… and as one number `ts`.

        Group 0 stands for "no group": nothing is required of such a person.
        """
        names = "".join(f", t{i}" for i in range(len(self.skills)))
        none = (0, tuple(0 for _ in self.skills))
        rows = ", ".join(
            f"({g}, {sum(t * 10**i for i, t in enumerate(ts))}"
            f"{''.join(f', {t}' for t in ts)})"
            for g, ts in (none, *self.targets)
        )
        return f"tg (g, ts{names}) AS (VALUES {rows})"


# Each person's version with the latest effective date on or before the as-of
# date (SPEC §3): DISTINCT ON reads PostgreSQL's covering index in order.
