"""Development plans: one's own and, for HR, the team's (SPEC §6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from agencies.models import Person
from agencies.scoping import AgencyScope
from agencies.selectors import roster
from competencies.models import (
    DevelopmentPlan,
    PlanItemStatus,
)
from competencies.services.plans import plan_years
from skillsportal.lib.fiscal_year import (
    current_fiscal_year,
)

from .skills import (
    MySkills,
    Recommendation,
    SkillRow,
    course_recommendations,
    my_skills,
    preferred_horizon,
)


@dataclass(frozen=True)
class PlanView:
    """One person's development plan of one FY, with the gaps it should close."""

    person: Person
    fy: int
    plan: DevelopmentPlan | None
    skills: MySkills
    editable: bool
    recommendations: list[Recommendation]
    years: list[int]

    @property
    def items(self) -> list[Any]:
        return list(self.plan.items.all()) if self.plan else []

    @property
    def comments(self) -> list[Any]:
        return list(self.plan.comments.all()) if self.plan else []

    @property
    def preferred(self) -> str:
        return preferred_horizon(self.skills.figure, self.skills.framework)

    @property
    def uncovered(self) -> list[SkillRow]:
        """Gap skills no planned or done activity is linked to."""
        covered = {
            s.code
            for item in self.items
            if item.status != PlanItemStatus.CANCELLED
            for s in item.skill_areas.all()
        }
        return [r for r in self.skills.short if r.code not in covered]


def _plan(person: Person, fy: int) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.filter(person=person, fiscal_year=fy)
        .prefetch_related(
            "items__skill_areas", "items__course", "items__training_record",
            "comments__author",
        )
        .first()
    )  # fmt: skip


def plan_fiscal_years(*, person: Person, today: date | None = None) -> list[int]:
    """Years with a plan of mine, plus the ones I may still plan, newest first."""
    had = set(person.development_plans.values_list("fiscal_year", flat=True))
    return sorted(had | set(plan_years(today)), reverse=True)


def plan_view(
    *, person: Person, fy: int, today: date | None = None, recommend: bool = True
) -> PlanView:
    """My plan of FY `fy`; gaps and recommendations from this FY's figures.

    A plan for next year is judged against the current year's figures: next
    year has none yet.
    """
    today = today or timezone.localdate()
    skills = my_skills(
        person=person, fy=min(fy, current_fiscal_year(today)), today=today
    )
    editable = fy in plan_years(today)
    return PlanView(
        person=person,
        fy=fy,
        plan=_plan(person, fy),
        skills=skills,
        editable=editable,
        recommendations=course_recommendations(skills=skills)
        if recommend and editable
        else [],
        years=plan_fiscal_years(person=person, today=today),
    )


def team_plans(
    *, scope: AgencyScope, fy: int, after: int | None = None, size: int = 50
) -> list[DevelopmentPlan]:
    """Plans of FY `fy` of the people the scope reads, with item counts (SPEC §8).

    Keyset-paged by id; the scope's own plan is on its own page, not here.
    """
    plans = (
        DevelopmentPlan.objects.filter(fiscal_year=fy, person__in=roster(scope=scope))
        .select_related("person__current_agency")
        .annotate(
            planned=Count(
                "items", filter=Q(items__status=PlanItemStatus.PLANNED), distinct=True
            ),
            done=Count(
                "items", filter=Q(items__status=PlanItemStatus.DONE), distinct=True
            ),
            comment_count=Count("comments", distinct=True),
        )
        .order_by("pk")
    )
    if after is not None:
        plans = plans.filter(pk__gt=after)
    return list(plans[:size])
