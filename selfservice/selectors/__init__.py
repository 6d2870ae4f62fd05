"""Per-person reads for self-service (SPEC §1, §6, §7): my skills, plan, data.

The official numbers are the engine's per-person figures (PersonYearFigure, with
its required skills' targets and levels), never recomputed here; live rows add
what the figures do not hold: pending submissions, rejected ones with their
reason, the assessment that produced each level (research mission-anchors E6)
and whether a refresh is still running.
"""

from .data import TranscriptYear, my_data, my_data_counts, transcript_years
from .plans import PlanView, plan_fiscal_years, plan_view, team_plans
from .skills import (
    RECOMMENDATION_LIMIT,
    MySkills,
    Recommendation,
    SkillRow,
    course_recommendations,
    my_skills,
    my_years,
    preferred_horizon,
)

__all__ = [
    "RECOMMENDATION_LIMIT",
    "MySkills",
    "PlanView",
    "Recommendation",
    "SkillRow",
    "TranscriptYear",
    "course_recommendations",
    "my_data",
    "my_data_counts",
    "my_skills",
    "my_years",
    "plan_fiscal_years",
    "plan_view",
    "preferred_horizon",
    "team_plans",
    "transcript_years",
]
