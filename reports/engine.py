"""The SPEC §7 compliance engine in set-based SQL (PostgreSQL and SQLite alike).

Two steps per fiscal year:
1. `compute_people` writes each in-scope person's facts (PersonYearFigure) and
   required skills (PersonSkillFigure) for all people or only a marked set;
2. `aggregate` sums those rows over every agency subtree (or only some agencies)
   into ComplianceFigure and SkillFigure.
No Python loop touches people; the callers own the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection

from competencies.models import Framework, RolloutPhase
from skillsportal.lib.fiscal_year import fiscal_year_bounds

METHOD_RANK = (
    "CASE a.method WHEN 'certificate' THEN 4 WHEN 'test' THEN 3 "
    "WHEN 'supervisor' THEN 2 ELSE 1 END"
)


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

    @classmethod
    def for_year(cls, fy: int, as_of: date) -> YearRules | None:
        """The rules of FY `fy`, or None when no framework applies to it."""
        framework = Framework.objects.for_fiscal_year(fy)
        if framework is None:
            return None
        phases = list(RolloutPhase.objects.started_by(fy))
        return cls(
            fy=fy,
            as_of=as_of,
            framework_id=framework.pk,
            target_milli=int(framework.future_share_target * 1000),
            tolerance_milli=int(framework.future_share_tolerance * 1000),
            everyone=any(p.everyone for p in phases),
            categories=tuple(sorted({c for p in phases for c in p.categories})),
            root_kinds=tuple(sorted({k for p in phases for k in p.root_agency_kinds})),
        )

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


def _in_scope_cte(rules: YearRules, person_filter: str) -> str:
    """CTEs `v` (version valid on the as-of date) and `s` (in scope: SPEC §3, §5)."""
    return f"""
    v AS (
      SELECT person_id, agency_id, category, target_group, status FROM (
        SELECT pv.person_id, pv.agency_id, pv.category, pv.target_group, pv.status,
               ROW_NUMBER() OVER (
                 PARTITION BY pv.person_id ORDER BY pv.effective_date DESC) AS rn
        FROM agencies_personversion pv
        WHERE pv.effective_date <= %(d)s {person_filter.format(col="pv.person_id")}
      ) x WHERE rn = 1
    ),
    s AS (
      SELECT v.person_id, v.agency_id, v.category, v.target_group
      FROM v
      JOIN agencies_agency a ON a.id = v.agency_id
      JOIN agencies_agency r ON r.id = a.root_id
      WHERE v.status = 'active' AND ({rules.scope_sql()})
    )"""


SKILLS_SQL = """
INSERT INTO reports_personskillfigure (fy, person_id, skill_code, target, level)
WITH {in_scope},
req AS (
  SELECT t.target_group, sa.code, t.level AS target
  FROM competencies_targetlevel t
  JOIN competencies_skillarea sa ON sa.id = t.skill_area_id
  WHERE t.framework_id = %(f)s AND t.level >= 1
),
lv AS (
  SELECT person_id, code, level FROM (
    SELECT a.person_id, sa.code, a.level,
           ROW_NUMBER() OVER (
             PARTITION BY a.person_id, sa.code
             ORDER BY a.assessed_on DESC, {rank} DESC) AS rn
    FROM competencies_assessment a
    JOIN competencies_skillarea sa ON sa.id = a.skill_area_id
    WHERE a.status = 'verified' AND a.assessed_on <= %(d)s
      {assessment_filter}
  ) y WHERE rn = 1
)
SELECT %(fy)s, s.person_id, req.code, req.target, lv.level
FROM s
JOIN req ON req.target_group = s.target_group
LEFT JOIN lv ON lv.person_id = s.person_id AND lv.code = req.code
"""

PEOPLE_SQL = """
INSERT INTO reports_personyearfigure (fy, person_id, agency_id, target_group,
  category, assessed, meets, balanced, gap, hours_c, future_c)
WITH {in_scope},
per AS (
  SELECT person_id, COUNT(*) AS n_req, COUNT(level) AS n_lv,
         SUM(CASE WHEN level >= target THEN 1 ELSE 0 END) AS n_meet,
         SUM(CASE WHEN target > COALESCE(level, 0)
                  THEN target - COALESCE(level, 0) ELSE 0 END) AS gap
  FROM reports_personskillfigure WHERE fy = %(fy)s {skill_filter}
  GROUP BY person_id
),
h AS (
  SELECT person_id, SUM(ROUND(hours * 100)) AS hc,
         SUM(CASE WHEN horizon = 'future' THEN ROUND(hours * 100) ELSE 0 END) AS fc
  FROM competencies_trainingrecord
  WHERE status = 'verified' AND completed_on >= %(start)s AND completed_on <= %(d)s
    {training_filter}
  GROUP BY person_id
)
SELECT %(fy)s, s.person_id, s.agency_id, s.target_group, s.category,
  CASE WHEN s.target_group IS NOT NULL
        AND COALESCE(per.n_lv, 0) = COALESCE(per.n_req, 0) THEN 1 ELSE 0 END = 1,
  CASE WHEN s.target_group IS NOT NULL
        AND COALESCE(per.n_lv, 0) = COALESCE(per.n_req, 0)
        AND COALESCE(per.n_meet, 0) = COALESCE(per.n_req, 0) THEN 1 ELSE 0 END = 1,
  CASE WHEN COALESCE(h.hc, 0) > 0
        AND ABS(h.fc * 1000 - %(t)s * h.hc) <= %(tol)s * h.hc THEN 1 ELSE 0 END = 1,
  CASE WHEN s.target_group IS NULL THEN NULL ELSE COALESCE(per.gap, 0) END,
  COALESCE(h.hc, 0), COALESCE(h.fc, 0)
FROM s
LEFT JOIN per ON per.person_id = s.person_id
LEFT JOIN h ON h.person_id = s.person_id
"""


def compute_people(rules: YearRules, *, mark_claim: str | None = None) -> int:
    """Write PersonYearFigure/PersonSkillFigure rows of FY `rules.fy`.

    With `mark_claim`, only for the people of the marks claimed under that id;
    the caller deletes their previous rows first. Returns the people written.
    """
    person_filter = ""
    if mark_claim is not None:
        person_filter = (
            "AND {col} IN (SELECT person_id FROM reports_compliancemark "
            "WHERE claimed_by = %(claim)s)"
        )
    marked = person_filter.format(col="{col}")
    params = rules.params() | {"claim": mark_claim}
    in_scope = _in_scope_cte(rules, person_filter)
    with connection.cursor() as cursor:
        cursor.execute(
            SKILLS_SQL.format(
                in_scope=in_scope,
                rank=METHOD_RANK,
                assessment_filter=marked.format(col="a.person_id"),
            ),
            params,
        )
        cursor.execute(
            PEOPLE_SQL.format(
                in_scope=in_scope,
                skill_filter=marked.format(col="person_id"),
                training_filter=marked.format(col="person_id"),
            ),
            params,
        )
        return cursor.rowcount


ANCESTORS_CTE = """
anc (agency_id, ancestor_id) AS (
  SELECT id, id FROM agencies_agency
  UNION ALL
  SELECT anc.agency_id, a.parent_id FROM anc
  JOIN agencies_agency a ON a.id = anc.ancestor_id
  WHERE a.parent_id IS NOT NULL
)"""

FIGURES_SQL = """
INSERT INTO reports_compliancefigure (fy, agency_id, target_group, as_of, headcount,
  assessed, meeting_targets, balanced, unassigned_group, hours_c, future_c, gap_sum,
  gap_n, computed_at)
WITH RECURSIVE {ancestors},
own AS (
  SELECT agency_id, COALESCE(target_group, -1) AS g, COUNT(*) AS hc,
    SUM(CASE WHEN assessed THEN 1 ELSE 0 END) AS assessed,
    SUM(CASE WHEN meets THEN 1 ELSE 0 END) AS meets,
    SUM(CASE WHEN balanced THEN 1 ELSE 0 END) AS balanced,
    SUM(hours_c) AS hours_c, SUM(future_c) AS future_c,
    SUM(COALESCE(gap, 0)) AS gap_sum, COUNT(gap) AS gap_n
  FROM reports_personyearfigure
  WHERE fy = %(fy)s {own_filter}
  GROUP BY agency_id, COALESCE(target_group, -1)
),
groups (g) AS (
  SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
),
sums AS (
  SELECT anc.ancestor_id AS agency_id, groups.g, SUM(own.hc) AS hc,
    SUM(own.assessed) AS assessed, SUM(own.meets) AS meets,
    SUM(own.balanced) AS balanced,
    SUM(CASE WHEN own.g = -1 THEN own.hc ELSE 0 END) AS unassigned,
    SUM(own.hours_c) AS hours_c, SUM(own.future_c) AS future_c,
    SUM(own.gap_sum) AS gap_sum, SUM(own.gap_n) AS gap_n
  FROM own
  JOIN anc ON anc.agency_id = own.agency_id
  JOIN groups ON groups.g = 0 OR groups.g = own.g
  GROUP BY anc.ancestor_id, groups.g
)
SELECT %(fy)s, ag.id, groups.g, %(d)s, COALESCE(sums.hc, 0),
  COALESCE(sums.assessed, 0), COALESCE(sums.meets, 0), COALESCE(sums.balanced, 0),
  CASE WHEN groups.g = 0 THEN COALESCE(sums.unassigned, 0) ELSE 0 END,
  COALESCE(sums.hours_c, 0), COALESCE(sums.future_c, 0),
  COALESCE(sums.gap_sum, 0), COALESCE(sums.gap_n, 0), %(now)s
FROM agencies_agency ag
CROSS JOIN groups
LEFT JOIN sums ON sums.agency_id = ag.id AND sums.g = groups.g
WHERE 1 = 1 {agency_filter}
"""

SKILL_FIGURES_SQL = """
INSERT INTO reports_skillfigure (fy, agency_id, target_group, skill_code, required,
  assessed, meeting, level_sum)
WITH RECURSIVE {ancestors},
own AS (
  SELECT p.agency_id, p.target_group AS g, k.skill_code, COUNT(*) AS required,
    COUNT(k.level) AS assessed,
    SUM(CASE WHEN k.level >= k.target THEN 1 ELSE 0 END) AS meeting,
    SUM(COALESCE(k.level, 0)) AS level_sum
  FROM reports_personskillfigure k
  JOIN reports_personyearfigure p ON p.fy = k.fy AND p.person_id = k.person_id
  WHERE k.fy = %(fy)s {own_filter}
  GROUP BY p.agency_id, p.target_group, k.skill_code
),
groups (g) AS (
  SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
)
SELECT %(fy)s, anc.ancestor_id, groups.g, own.skill_code, SUM(own.required),
  SUM(own.assessed), SUM(own.meeting), SUM(own.level_sum)
FROM own
JOIN anc ON anc.agency_id = own.agency_id
JOIN groups ON groups.g = 0 OR groups.g = own.g
WHERE 1 = 1 {sum_filter}
GROUP BY anc.ancestor_id, groups.g, own.skill_code
"""


def aggregate(
    rules: YearRules, *, computed_at: datetime, agency_ids: list[int] | None = None
) -> int:
    """Sum person rows into every agency subtree's figures (or only `agency_ids`).

    The caller deletes the figures being replaced first, in the same transaction.
    """
    params: dict[str, Any] = {"fy": rules.fy, "d": rules.as_of, "now": computed_at}
    own_filter = agency_filter = sum_filter = ""
    if agency_ids is not None:
        if not agency_ids:
            return 0
        ids = ", ".join(str(int(i)) for i in agency_ids)
        inside = f"(SELECT agency_id FROM anc WHERE ancestor_id IN ({ids}))"
        own_filter = f"AND agency_id IN {inside}"
        agency_filter = f"AND ag.id IN ({ids})"
        sum_filter = f"AND anc.ancestor_id IN ({ids})"
    with connection.cursor() as cursor:
        cursor.execute(
            FIGURES_SQL.format(
                ancestors=ANCESTORS_CTE,
                own_filter=own_filter,
                agency_filter=agency_filter,
            ),
            params,
        )
        rows = cursor.rowcount
        cursor.execute(
            SKILL_FIGURES_SQL.format(
                ancestors=ANCESTORS_CTE,
                own_filter=own_filter.replace("agency_id", "p.agency_id", 1),
                sum_filter=sum_filter,
            ),
            params,
        )
    return rows


# --- incremental: apply the difference a few people make -------------------------
# Every figure is a sum over person rows, so replacing some people's rows changes
# each figure of their agencies' ancestors by (new rows − old rows). Applied with an
# upsert, the cost follows the number of people marked, not the size of the subtree.

MARKED_ANCESTORS_CTE = """
anc (agency_id, ancestor_id) AS (
  SELECT id, id FROM agencies_agency
  WHERE id IN (SELECT agency_id FROM reports_personyearfigure
               WHERE fy = %(fy)s AND person_id IN ({marked}))
  UNION ALL
  SELECT anc.agency_id, a.parent_id FROM anc
  JOIN agencies_agency a ON a.id = anc.ancestor_id
  WHERE a.parent_id IS NOT NULL
)"""

FIGURES_DELTA_SQL = """
INSERT INTO reports_compliancefigure AS f (fy, agency_id, target_group, as_of,
  headcount, assessed, meeting_targets, balanced, unassigned_group, hours_c, future_c,
  gap_sum, gap_n, computed_at)
WITH RECURSIVE {ancestors},
groups (g) AS (
  SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
)
SELECT %(fy)s, anc.ancestor_id, groups.g, %(d)s,
  %(sign)s * COUNT(*),
  %(sign)s * SUM(CASE WHEN p.assessed THEN 1 ELSE 0 END),
  %(sign)s * SUM(CASE WHEN p.meets THEN 1 ELSE 0 END),
  %(sign)s * SUM(CASE WHEN p.balanced THEN 1 ELSE 0 END),
  %(sign)s * SUM(CASE WHEN groups.g = 0 AND p.target_group IS NULL THEN 1 ELSE 0 END),
  %(sign)s * SUM(p.hours_c), %(sign)s * SUM(p.future_c),
  %(sign)s * SUM(COALESCE(p.gap, 0)), %(sign)s * COUNT(p.gap), %(now)s
FROM reports_personyearfigure p
JOIN anc ON anc.agency_id = p.agency_id
JOIN groups ON groups.g = 0 OR groups.g = p.target_group
WHERE p.fy = %(fy)s AND p.person_id IN ({marked})
GROUP BY anc.ancestor_id, groups.g
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

SKILLS_DELTA_SQL = """
INSERT INTO reports_skillfigure AS f (fy, agency_id, target_group, skill_code,
  required, assessed, meeting, level_sum)
WITH RECURSIVE {ancestors},
groups (g) AS (
  SELECT 0 UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
  UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
)
SELECT %(fy)s, anc.ancestor_id, groups.g, k.skill_code,
  %(sign)s * COUNT(*), %(sign)s * COUNT(k.level),
  %(sign)s * SUM(CASE WHEN k.level >= k.target THEN 1 ELSE 0 END),
  %(sign)s * SUM(COALESCE(k.level, 0))
FROM reports_personskillfigure k
JOIN reports_personyearfigure p ON p.fy = k.fy AND p.person_id = k.person_id
JOIN anc ON anc.agency_id = p.agency_id
JOIN groups ON groups.g = 0 OR groups.g = p.target_group
WHERE k.fy = %(fy)s AND k.person_id IN ({marked})
GROUP BY anc.ancestor_id, groups.g, k.skill_code
ON CONFLICT (fy, agency_id, target_group, skill_code) DO UPDATE SET
  required = f.required + excluded.required,
  assessed = f.assessed + excluded.assessed,
  meeting = f.meeting + excluded.meeting,
  level_sum = f.level_sum + excluded.level_sum
"""

MARKED_PEOPLE = (
    "SELECT person_id FROM reports_compliancemark WHERE claimed_by = %(claim)s"
)


def apply_marked(
    rules: YearRules, *, claim: str, sign: int, computed_at: datetime
) -> int:
    """Add (`sign` 1) or take away (−1) the marked people's rows from every figure."""
    params = {
        "fy": rules.fy,
        "d": rules.as_of,
        "now": computed_at,
        "sign": sign,
        "claim": claim,
    }
    ancestors = MARKED_ANCESTORS_CTE.format(marked=MARKED_PEOPLE)
    with connection.cursor() as cursor:
        cursor.execute(
            FIGURES_DELTA_SQL.format(ancestors=ancestors, marked=MARKED_PEOPLE), params
        )
        rows = cursor.rowcount
        cursor.execute(
            SKILLS_DELTA_SQL.format(ancestors=ancestors, marked=MARKED_PEOPLE), params
        )
    return rows
