"""My skills (SPEC §7 for one person): levels against targets, hours, 70/30, courses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from agencies.models import Person, TargetGroup
from competencies.models import (
    Assessment,
    Course,
    Framework,
    Horizon,
    PlanItem,
    PlanItemStatus,
    ProficiencyLevel,
    RecordStatus,
    SkillArea,
    TrainingRecord,
)
from reports.dashboards import Balance
from reports.engine import latest_verified
from reports.models import ComplianceMark, PersonYearFigure, SkillLevel
from reports.services import fiscal_years
from skillsportal.lib.fiscal_year import (
    as_of_date,
    fiscal_year_bounds,
)
from skillsportal.lib.i18n import local_name

RECOMMENDATION_LIMIT = 8


@dataclass(frozen=True)
class SkillRow:
    """One skill area of the framework for me: target, official level, source."""

    code: str
    name: str
    description: str
    target: int  # 0 = not required of my group
    level: int | None  # the figure's level (required skills) or the live rule's
    source: Assessment | None  # the verified assessment behind `level`
    pending: int = 0  # my self-assessments of this skill waiting for HR
    level_name: str = ""
    target_name: str = ""

    @property
    def required(self) -> bool:
        return self.target >= 1

    @property
    def gap(self) -> int:
        return max(0, self.target - (self.level or 0)) if self.required else 0

    @property
    def meets(self) -> bool:
        return self.required and self.level is not None and self.level >= self.target


@dataclass(frozen=True)
class MySkills:
    """Everything the "ทักษะของฉัน" page shows for one fiscal year (SPEC §7)."""

    person: Person
    fy: int
    as_of: date
    framework: Framework | None
    figure: PersonYearFigure | None
    rows: list[SkillRow]
    levels: list[ProficiencyLevel]
    assessments: list[Assessment]
    training: list[TrainingRecord]
    refreshing: bool
    years: list[int] = field(default_factory=list)

    @property
    def in_scope(self) -> bool:
        return self.figure is not None

    @property
    def group(self) -> int | None:
        return self.figure.target_group if self.figure else None

    @property
    def group_name(self) -> str:
        return str(TargetGroup(self.group).label) if self.group else ""

    @property
    def short(self) -> list[SkillRow]:
        """Required skills below target (or not yet assessed)."""
        return [r for r in self.rows if r.required and r.gap > 0]

    @property
    def verified_assessments(self) -> list[Assessment]:
        return [a for a in self.assessments if a.status == RecordStatus.VERIFIED]

    @property
    def not_required(self) -> list[SkillRow]:
        return [r for r in self.rows if not r.required]

    @property
    def not_assessed(self) -> list[SkillRow]:
        return [r for r in self.rows if r.required and r.level is None]

    @property
    def targets_to_confirm(self) -> bool:
        """The framework's targets are portal defaults OCSC has yet to confirm."""
        return bool(self.framework and self.framework.targets_to_confirm)

    @property
    def balance(self) -> Balance | None:
        if self.figure is None or self.framework is None:
            return None
        return Balance(
            hours_total=Decimal(self.figure.hours_c) / 100,
            hours_future=Decimal(self.figure.future_c) / 100,
            target=self.framework.future_share_target,
            tolerance=self.framework.future_share_tolerance,
            balanced=int(self.figure.balanced),
            headcount=1,
        )

    @property
    def pending_hours(self) -> Decimal:
        return sum(
            (t.hours for t in self.training if t.status == RecordStatus.PENDING),
            Decimal(0),
        )

    @property
    def verdict(self) -> str:
        """out_of_scope, no_group, meets or short: the page words each plainly."""
        if self.figure is None:
            return "out_of_scope"
        if self.figure.target_group is None:
            return "no_group"
        return "meets" if self.figure.meets else "short"

    @property
    def max_level(self) -> int:
        return max((lv.level for lv in self.levels), default=0)


def my_years(today: date | None = None) -> list[int]:
    """The fiscal years offered on self-service pages: FY 2561 to the current one."""
    return fiscal_years(today)


def _skill_rows(
    skills: list[SkillArea],
    figures: dict[str, SkillLevel],
    assessments: list[Assessment],
    as_of: date,
    names: dict[int, str],
) -> list[SkillRow]:
    latest = latest_verified(assessments, as_of)
    pending = Counter(
        a.skill_area.code for a in assessments if a.status == RecordStatus.PENDING
    )
    rows = []
    for skill in skills:
        fig, src = figures.get(skill.code), latest.get(skill.code)
        target = fig.target if fig else 0
        level = fig.level if fig else (src.level if src else None)
        rows.append(
            SkillRow(
                code=skill.code,
                name=local_name(skill),
                description=skill.description,
                target=target,
                level=level,
                source=src,
                pending=pending[skill.code],
                level_name=names.get(level, "") if level is not None else "",
                target_name=names.get(target, "") if target else "",
            )
        )
    return rows


def my_skills(
    *,
    person: Person,
    fy: int,
    today: date | None = None,
    records: tuple[list[TrainingRecord], list[Assessment]] | None = None,
) -> MySkills:
    """My SPEC §7 facts for FY `fy` from the engine's figures, plus live records.

    Not in scope of `fy` (no figure row) means no targets and no official
    level; the history and training are still shown. `records`: the person's
    training and assessments already read by the page (newest first, as
    `competencies.selectors.person_records` orders them), to spare two queries.
    """
    today = today or timezone.localdate()
    as_of = as_of_date(fy, today)
    framework = Framework.objects.for_fiscal_year(fy)
    skills = list(framework.skill_areas.order_by("order")) if framework else []
    figure = PersonYearFigure.objects.filter(fy=fy, person=person).first()
    figures = figure.required_skills([s.code for s in skills]) if figure else {}
    start, end = fiscal_year_bounds(fy)
    if records is None:
        training_all = (
            person.training_records.filter(
                completed_on__gte=start, completed_on__lte=end
            )
            .select_related("course")
            .prefetch_related("skill_areas")
            .order_by("-completed_on", "-pk")
        )
        assessments = list(
            person.assessments.select_related("skill_area").order_by(
                "-assessed_on", "skill_area__order", "-pk"
            )
        )
    else:
        training_all, assessments = records  # type: ignore[assignment]
    training = [t for t in training_all if start <= t.completed_on <= end]
    levels = list(framework.levels.order_by("level")) if framework else []
    return MySkills(
        person=person,
        fy=fy,
        as_of=as_of,
        framework=framework,
        figure=figure,
        rows=_skill_rows(
            skills,
            figures,
            assessments,
            as_of,
            {lv.level: local_name(lv) for lv in levels},
        ),
        levels=levels,
        assessments=assessments,
        training=training,
        refreshing=ComplianceMark.objects.filter(person_id=person.pk).exists(),
        years=my_years(today),
    )


def preferred_horizon(
    figure: PersonYearFigure | None, framework: Framework | None
) -> str:
    """The horizon that moves my hours toward the 70/30 target (SPEC §4).

    Below the future-share target: future first; otherwise current. With no
    hours yet, current work: a first current course lands nearer 70/30.
    """
    if figure is None or framework is None or not figure.hours_c:
        return Horizon.CURRENT
    share = Decimal(figure.future_c) / Decimal(figure.hours_c)
    if share < framework.future_share_target:
        return Horizon.FUTURE
    return Horizon.CURRENT


@dataclass(frozen=True)
class Recommendation:
    """A catalogue course that develops skills where I am below target."""

    course: Course
    closes: list[str]
    preferred: bool


def course_recommendations(
    *, skills: MySkills, limit: int = RECOMMENDATION_LIMIT
) -> list[Recommendation]:
    """Active courses for my gaps, the 70/30-preferred horizon first (SPEC §6).

    Every gap skill gets a turn, the largest gap first: round by round, each
    skill takes its best course not yet taken (preferred horizon, then how many
    of my gap skills it covers, then code), so no skill crowds out the others.
    Courses already in my plans or in my training (unless rejected) are left out.
    """
    gaps = {r.code for r in skills.short}
    if not gaps:
        return []
    preferred = preferred_horizon(skills.figure, skills.framework)
    person = skills.person
    taken = TrainingRecord.objects.filter(person=person, course__isnull=False).exclude(
        status=RecordStatus.REJECTED
    )
    planned = PlanItem.objects.filter(plan__person=person, course__isnull=False)
    courses = (
        Course.objects.for_agency(person.current_agency)
        .filter(active=True, skill_areas__code__in=gaps)
        .exclude(pk__in=taken.values("course"))
        .exclude(
            pk__in=planned.exclude(status=PlanItemStatus.CANCELLED).values("course")
        )
        .annotate(
            covers=Count("skill_areas", filter=Q(skill_areas__code__in=gaps)),
            rank=Case(
                When(horizon=preferred, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("rank", "-covers", "code")
        .prefetch_related("skill_areas")[: limit * 6]
    )
    return [
        Recommendation(
            course=c,
            closes=sorted({s.code for s in c.skill_areas.all()} & gaps),
            preferred=c.horizon == preferred,
        )
        for c in _in_turns(list(courses), skills.short, limit)
    ]


def _in_turns(courses: list[Course], short: list[SkillRow], limit: int) -> list[Course]:
    """Round by round, each gap skill (largest gap first) takes its next course;
    the chosen are shown in the catalogue order (preferred horizon first)."""
    order = sorted(short, key=lambda r: (-r.gap, r.code))
    codes = {c.pk: {s.code for s in c.skill_areas.all()} for c in courses}
    picked: list[Course] = []
    while len(picked) < limit:
        before = len(picked)
        for row in order:
            course = next(
                (c for c in courses if c not in picked and row.code in codes[c.pk]),
                None,
            )
            if course is not None and len(picked) < limit:
                picked.append(course)
        if len(picked) == before:
            break
    return sorted(picked, key=courses.index)  # shown preferred horizon first
