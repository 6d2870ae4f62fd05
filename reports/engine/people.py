"""One figure row per person in scope and FY (SPEC §7): scope, levels, hours."""

from __future__ import annotations

from django.db import connection

from ..models import (
    PersonYearFigure,
)
from .rules import (
    GREATEST,
    PUBLISHED,
    Tables,
    YearRules,
    level_key,
)

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
    key = level_key()
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
