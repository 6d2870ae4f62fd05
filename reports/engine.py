"""The SPEC §7 compliance engine in set-based SQL (PostgreSQL and SQLite alike).

Two steps per fiscal year:
1. `compute_people` writes one PersonYearFigure row per in-scope person (all, or
   only a marked set): the facts of SPEC §7 and, as two short strings in the
   framework's skill order, the targets and levels of every skill area (one
   decimal digit each);
2. `aggregate` sums those rows over every agency subtree into ComplianceFigure and
   SkillFigure; `apply_marked` adds or takes away a few people's rows instead.
No Python loop touches people; the callers own the transaction.

The skill areas become columns, not rows: the latest verified level of each is a
conditional MAX over one key per assessment (day, method rank, level), so that
a person's levels come from one grouped pass over the assessments, and the skill
sums read one row per person, not one per required skill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model

from agencies.models import TargetGroup
from competencies.models import (
    METHOD_PRECEDENCE,
    Framework,
    ProficiencyLevel,
    RolloutPhase,
    SkillArea,
)
from skillsportal.lib.fiscal_year import fiscal_year_bounds

from .models import (
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
VERSION_COLUMNS = "pv.person_id, pv.agency_id, pv.category, pv.target_group, pv.status"
LATEST_VERSION = {
    "postgresql": f"""
      SELECT DISTINCT ON (pv.person_id) {VERSION_COLUMNS}
      FROM agencies_personversion pv WHERE {{where}}
      ORDER BY pv.person_id, pv.effective_date DESC""",
    "sqlite": f"""
      SELECT person_id, agency_id, category, target_group, status FROM (
        SELECT {VERSION_COLUMNS}, ROW_NUMBER() OVER (
          PARTITION BY pv.person_id ORDER BY pv.effective_date DESC) AS rn
        FROM agencies_personversion pv WHERE {{where}}
      ) x WHERE rn = 1""",
}


def _in_scope_cte(rules: YearRules, person_filter: str) -> str:
    """CTEs `v` (version valid on the as-of date) and `s` (in scope: SPEC §3, §5)."""
    where = "pv.effective_date <= %(d)s " + person_filter.format(col="pv.person_id")
    roots = ""
    if "r.kind" in rules.scope_sql():  # a phase scopes by the root agency's kind
        roots = """
      JOIN agencies_agency a ON a.id = v.agency_id
      JOIN agencies_agency r ON r.id = a.root_id"""
    return f"""
    v AS ({LATEST_VERSION[connection.vendor].format(where=where)}
    ),
    s AS (
      SELECT v.person_id, v.agency_id, v.category, v.target_group
      FROM v{roots}
      WHERE v.status = 'active' AND ({rules.scope_sql()})
    )"""


PEOPLE_SQL = """
WITH {in_scope},
{targets},
lv AS (
  SELECT a.person_id{keys}
  FROM competencies_assessment a
  WHERE a.status = 'verified' AND a.assessed_on <= %(d)s {assessment_filter}
  GROUP BY a.person_id
),
h AS (
  SELECT person_id, ROUND(SUM(hours) * 100) AS hc,
         ROUND(SUM(CASE WHEN horizon = 'future' THEN hours ELSE 0 END) * 100) AS fc
  FROM competencies_trainingrecord
  WHERE status = 'verified' AND completed_on >= %(start)s AND completed_on <= %(d)s
    {training_filter}
  GROUP BY person_id
)
SELECT %(fy)s AS fy, s.person_id, s.agency_id, s.target_group, s.category,
  tg.ts AS targets, {levels} AS levels,
  CASE WHEN s.target_group IS NOT NULL {all_assessed}
       THEN 1 ELSE 0 END = 1 AS assessed,
  CASE WHEN s.target_group IS NOT NULL {all_met}
       THEN 1 ELSE 0 END = 1 AS meets,
  CASE WHEN COALESCE(h.hc, 0) > 0
        AND ABS(h.fc * 1000 - %(t)s * h.hc) <= %(tol)s * h.hc
       THEN 1 ELSE 0 END = 1 AS balanced,
  CASE WHEN s.target_group IS NULL THEN NULL ELSE {gap} END AS gap,
  COALESCE(h.hc, 0) AS hours_c, COALESCE(h.fc, 0) AS future_c
FROM s
JOIN tg ON tg.g = COALESCE(s.target_group, 0)
LEFT JOIN lv ON lv.person_id = s.person_id
LEFT JOIN h ON h.person_id = s.person_id
"""


def _people_sql(rules: YearRules, person_filter: str) -> str:
    key = f"{DAY_NUMBER[connection.vendor]} * 1000 + {METHOD_RANK} * 100 + a.level"
    keys, levels, assessed, met, gaps = [], [], [], [], []
    for i, skill in enumerate(rules.skills):
        ids = ", ".join(str(pk) for pk in skill.area_ids)
        pick = f"CASE WHEN a.skill_area_id IN ({ids}) THEN {key} END"
        keys.append(f", MAX({pick}) %% 100 AS l{i}")
        level, target = f"lv.l{i}", f"tg.t{i}"
        levels.append(f"COALESCE({level} + 1, 0) * {10**i}")
        assessed.append(f"AND ({target} = 0 OR {level} IS NOT NULL)")
        # No level counts as 0: below any target ≥ 1, so met implies assessed.
        met.append(f"AND COALESCE({level}, 0) >= {target}")
        gaps.append(
            GREATEST[connection.vendor].format(f"{target} - COALESCE({level}, 0)")
        )
    marked = person_filter.format(col="{col}")
    return PEOPLE_SQL.format(
        in_scope=_in_scope_cte(rules, person_filter),
        targets=rules.targets_sql(),
        keys="".join(keys),
        assessment_filter=marked.format(col="a.person_id"),
        training_filter=marked.format(col="person_id"),
        levels=" + ".join(levels) or "0",
        all_assessed=" ".join(assessed),
        all_met=" ".join(met),
        gap=" + ".join(gaps) or "0",
    )


# The levels are a grouped pass over a million people's assessments: in person
# order from the covering index (no hash table of a million groups), merged with
# the versions, which come in person order too. PostgreSQL's estimate of the
# groups is a quarter of the truth, so it would hash; at 1M people that took
# 6.9 s instead of 3.6 s.
PLANNER_HINTS = {"postgresql": ("enable_hashagg",)}  # off for this statement

MARKED = (
    "AND {col} IN (SELECT person_id FROM reports_compliancemark "
    "WHERE claimed_by = %(claim)s)"
)


def compute_people(
    rules: YearRules, *, tables: Tables = PUBLISHED, mark_claim: str | None = None
) -> int:
    """Write the PersonYearFigure rows of FY `rules.fy`; returns the people written.

    With `mark_claim`, only for the people of the marks claimed under that id;
    the caller deletes their previous rows first.
    """
    person_filter = "" if mark_claim is None else MARKED
    params = rules.params() | {"claim": mark_claim}
    select = _people_sql(rules, person_filter)
    hints = PLANNER_HINTS.get(connection.vendor, ())
    with connection.cursor() as cursor:
        for hint in hints:
            cursor.execute(f"SET LOCAL {hint} = off")
        cursor.execute(tables.write(PersonYearFigure, tables.people, select), params)
        rows = cursor.rowcount
        for hint in hints:
            cursor.execute(f"SET LOCAL {hint} = DEFAULT")
        return rows


# --- sums over agency subtrees -------------------------------------------------
# `own` sums person rows per agency and group (-1: none), with four sums per skill
# area as columns; `sums` rolls them up to every ancestor and to group 0 (all).
# A full recompute writes every agency's rows from `sums`; an incremental refresh
# builds both from the marked people only and adds (or takes away) the result.

OWN_SQL = """
CREATE TEMP TABLE engine_own AS
SELECT agency_id, COALESCE(target_group, -1) AS g, CAST(COUNT(*) AS INTEGER) AS hc,
  CAST(SUM(CASE WHEN assessed THEN 1 ELSE 0 END) AS INTEGER) AS assessed,
  CAST(SUM(CASE WHEN meets THEN 1 ELSE 0 END) AS INTEGER) AS meets,
  CAST(SUM(CASE WHEN balanced THEN 1 ELSE 0 END) AS INTEGER) AS balanced,
  SUM(hours_c) AS hours_c, SUM(future_c) AS future_c,
  CAST(SUM(COALESCE(gap, 0)) AS INTEGER) AS gap_sum,
  CAST(COUNT(gap) AS INTEGER) AS gap_n{skill_sums}
FROM {people}
WHERE fy = %(fy)s {person_filter}
GROUP BY agency_id, COALESCE(target_group, -1)
"""

SUMS_SQL = """
CREATE TEMP TABLE engine_sums AS
WITH RECURSIVE anc (agency_id, ancestor_id) AS (
  SELECT id, id FROM agencies_agency
  WHERE id IN (SELECT agency_id FROM engine_own)
  UNION ALL
  SELECT anc.agency_id, a.parent_id FROM anc
  JOIN agencies_agency a ON a.id = anc.ancestor_id
  WHERE a.parent_id IS NOT NULL
),
groups (g) AS (
  SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
),
{targets}
SELECT anc.ancestor_id AS agency_id, groups.g, SUM(own.hc) AS hc,
  SUM(own.assessed) AS assessed, SUM(own.meets) AS meets,
  SUM(own.balanced) AS balanced,
  SUM(CASE WHEN groups.g = 0 AND own.g = -1 THEN own.hc ELSE 0 END) AS unassigned,
  SUM(own.hours_c) AS hours_c, SUM(own.future_c) AS future_c,
  SUM(own.gap_sum) AS gap_sum, SUM(own.gap_n) AS gap_n{skill_sums}
FROM engine_own own
JOIN tg ON tg.g = CASE WHEN own.g < 0 THEN 0 ELSE own.g END
JOIN anc ON anc.agency_id = own.agency_id
JOIN groups ON groups.g = 0 OR groups.g = own.g
GROUP BY anc.ancestor_id, groups.g
"""

FIGURES_SQL = """
WITH groups (g) AS (
  SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
)
SELECT %(fy)s AS fy, ag.id AS agency_id, groups.g AS target_group, %(d)s AS as_of,
  COALESCE(s.hc, 0) AS headcount, COALESCE(s.assessed, 0) AS assessed,
  COALESCE(s.meets, 0) AS meeting_targets, COALESCE(s.balanced, 0) AS balanced,
  COALESCE(s.unassigned, 0) AS unassigned_group, COALESCE(s.hours_c, 0) AS hours_c,
  COALESCE(s.future_c, 0) AS future_c, COALESCE(s.gap_sum, 0) AS gap_sum,
  COALESCE(s.gap_n, 0) AS gap_n, %(now)s AS computed_at
FROM agencies_agency ag
CROSS JOIN groups
LEFT JOIN engine_sums s ON s.agency_id = ag.id AND s.g = groups.g
"""

FIGURES_DELTA_SQL = """
INSERT INTO reports_compliancefigure AS f (fy, agency_id, target_group, as_of,
  headcount, assessed, meeting_targets, balanced, unassigned_group, hours_c, future_c,
  gap_sum, gap_n, computed_at)
SELECT %(fy)s, s.agency_id, s.g, %(d)s, %(sign)s * s.hc, %(sign)s * s.assessed,
  %(sign)s * s.meets, %(sign)s * s.balanced, %(sign)s * s.unassigned,
  %(sign)s * s.hours_c, %(sign)s * s.future_c, %(sign)s * s.gap_sum,
  %(sign)s * s.gap_n, %(now)s
FROM engine_sums s WHERE 1 = 1
ON CONFLICT (fy, agency_id, target_group) DO UPDATE SET
  headcount = f.headcount + excluded.headcount,
  assessed = f.assessed + excluded.assessed,
  meeting_targets = f.meeting_targets + excluded.meeting_targets,
  balanced = f.balanced + excluded.balanced,
  unassigned_group = f.unassigned_group + excluded.unassigned_group,
  hours_c = f.hours_c + excluded.hours_c,
  future_c = f.future_c + excluded.future_c,
  gap_sum = f.gap_sum + excluded.gap_sum,
  gap_n = f.gap_n + excluded.gap_n,
  computed_at = excluded.computed_at
"""

SKILLS_SQL = """
SELECT * FROM ({rows}) x WHERE {where}
"""

SKILLS_DELTA_SQL = """
INSERT INTO reports_skillfigure AS f (fy, agency_id, target_group, skill_code,
  required, assessed, meeting, level_sum)
{select}"""

SKILLS_DELTA_CONFLICT = """
ON CONFLICT (fy, agency_id, target_group, skill_code) DO UPDATE SET
  required = f.required + excluded.required,
  assessed = f.assessed + excluded.assessed,
  meeting = f.meeting + excluded.meeting,
  level_sum = f.level_sum + excluded.level_sum
"""


def _skill_columns(rules: YearRules) -> tuple[str, str]:
    """Per skill, the sums of `own` (from the digits) and of `sums`.

    Per person only what the digits say: has a level (a), meets the target (m),
    level + 1 summed (l). Whether the skill is required depends on the group
    alone, so `sums` applies it per agency and group (tg), not per person.
    """
    own, rolled = [], []
    for i in range(len(rules.skills)):
        level, target = f"(levels / {10**i} %% 10)", f"(targets / {10**i} %% 10)"
        own += [  # integers: sums of them stay integers (numeric is slow)
            f", CAST(SUM(CASE WHEN {level} > 0 THEN 1 ELSE 0 END) AS INTEGER) AS a{i}",
            f", CAST(SUM(CASE WHEN {level} > {target} THEN 1 ELSE 0 END) AS INTEGER)"
            f" AS m{i}",
            f", CAST(SUM({level}) AS INTEGER) AS l{i}",
        ]
        required = f"CASE WHEN tg.t{i} > 0 THEN {{}} ELSE 0 END"
        rolled += [
            f", SUM({required.format('own.hc')}) AS r{i}",
            f", SUM({required.format(f'own.a{i}')}) AS a{i}",
            f", SUM({required.format(f'own.m{i}')}) AS m{i}",
            f", SUM({required.format(f'own.l{i} - own.a{i}')}) AS l{i}",
        ]
    return "".join(own), "".join(rolled)


def _skills_sql(rules: YearRules, *, where: str) -> str:
    """One row per subtree, group and skill area out of `engine_sums`' columns."""
    rows = " UNION ALL ".join(
        f"SELECT %(fy)s AS fy, agency_id, g AS target_group, '{code}' AS skill_code,"
        f" %(sign)s * r{i} AS required, %(sign)s * a{i} AS assessed,"
        f" %(sign)s * m{i} AS meeting, %(sign)s * l{i} AS level_sum FROM engine_sums"
        for i, code in enumerate(rules.codes)
    )
    empty = "SELECT 0 AS fy, 0 AS agency_id, 0 AS target_group, '' AS skill_code,"
    empty += " 0 AS required, 0 AS assessed, 0 AS meeting, 0 AS level_sum WHERE 1 = 0"
    return SKILLS_SQL.format(rows=rows or empty, where=where)


def _build_sums(
    rules: YearRules, params: dict[str, Any], person_filter: str, tables: Tables
) -> None:
    own, rolled = _skill_columns(rules)
    with connection.cursor() as cursor:
        for table in ("engine_own", "engine_sums"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            OWN_SQL.format(
                skill_sums=own,
                person_filter=person_filter.format(col="person_id"),
                people=tables.people,
            ),
            params,
        )
        cursor.execute(
            SUMS_SQL.format(skill_sums=rolled, targets=rules.targets_sql()), params
        )


def _drop_sums() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE engine_own")
        cursor.execute("DROP TABLE engine_sums")


def aggregate(
    rules: YearRules, *, computed_at: datetime, tables: Tables = PUBLISHED
) -> int:
    """Sum person rows into every agency subtree's figures of FY `rules.fy`.

    The caller deletes the figures being replaced first, in the same transaction.
    """
    params = {"fy": rules.fy, "d": rules.as_of, "now": computed_at, "sign": 1}
    _build_sums(rules, params, "", tables)
    with connection.cursor() as cursor:
        cursor.execute(
            tables.write(ComplianceFigure, tables.figures, FIGURES_SQL), params
        )
        rows = cursor.rowcount
        # A skill nobody in the subtree requires has no row.
        skills = _skills_sql(rules, where="required > 0")
        cursor.execute(tables.write(SkillFigure, tables.skills, skills), params)
    _drop_sums()
    return rows


def apply_marked(
    rules: YearRules, *, claim: str, sign: int, computed_at: datetime
) -> int:
    """Add (`sign` 1) or take away (−1) the marked people's rows from every figure.

    Every figure is a sum over person rows, so replacing some people's rows changes
    each figure of their agencies' ancestors by (new rows − old rows); the cost
    follows the number of people marked, not the size of the subtree.
    """
    params = {
        "fy": rules.fy,
        "d": rules.as_of,
        "now": computed_at,
        "sign": sign,
        "claim": claim,
    }
    _build_sums(rules, params, MARKED, PUBLISHED)
    with connection.cursor() as cursor:
        cursor.execute(FIGURES_DELTA_SQL, params)
        rows = cursor.rowcount
        select = _skills_sql(rules, where="1 = 1")
        sql = SKILLS_DELTA_SQL.format(select=select) + SKILLS_DELTA_CONFLICT
        cursor.execute(sql, params)
    _drop_sums()
    return rows
