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

from .people import (
    LATEST_VERSION,
    MARKED,
    PEOPLE_SQL,
    PLANNER_HINTS,
    VERSION_COLUMNS,
    compute_people,
)
from .rules import (
    DAY_NUMBER,
    GREATEST,
    METHOD_RANK,
    PUBLISHED,
    Skill,
    Tables,
    YearRules,
    latest_verified,
    level_key,
)
from .sums import (
    FIGURES_DELTA_SQL,
    FIGURES_SQL,
    OWN_SQL,
    SKILLS_DELTA_CONFLICT,
    SKILLS_DELTA_SQL,
    SKILLS_SQL,
    SUMS_SQL,
    aggregate,
    apply_marked,
)

__all__ = [
    "DAY_NUMBER",
    "FIGURES_DELTA_SQL",
    "FIGURES_SQL",
    "GREATEST",
    "LATEST_VERSION",
    "MARKED",
    "METHOD_RANK",
    "OWN_SQL",
    "PEOPLE_SQL",
    "PLANNER_HINTS",
    "PUBLISHED",
    "SKILLS_DELTA_CONFLICT",
    "SKILLS_DELTA_SQL",
    "SKILLS_SQL",
    "SUMS_SQL",
    "Skill",
    "Tables",
    "VERSION_COLUMNS",
    "YearRules",
    "aggregate",
    "apply_marked",
    "compute_people",
    "latest_verified",
    "level_key",
]
