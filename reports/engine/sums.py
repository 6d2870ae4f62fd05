"""Sums over agency subtrees: agency, skill figures, and their incremental update."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection

from ..models import (
    ComplianceFigure,
    SkillFigure,
)
from .people import (
    MARKED,
)
from .rules import (
    PUBLISHED,
    Tables,
    YearRules,
)

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
    params: dict[str, Any] = {
        "fy": rules.fy,
        "d": rules.as_of,
        "now": computed_at,
        "sign": 1,
    }
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
    params: dict[str, Any] = {
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
