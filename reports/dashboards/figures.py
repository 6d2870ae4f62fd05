"""Figure rows and what is drawn from them: percentages, heat map, 70/30, trend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, TargetGroup
from competencies.models import Framework, RolloutPhase
from skillsportal.lib.i18n import local_name

from ..models import ALL_GROUPS, ComplianceFigure, SkillFigure

GROUPS = (1, 2, 3, 4, 5, 6)
HEAT_STEPS = (20, 40, 60, 80)  # % meeting targets at which the next shade starts
ROLLOUT_PAGE_SIZE = 50
ROLLOUT_LIST_SIZE = 20
_ONE_DECIMAL = Decimal("0.1")


class Worklist(models.TextChoices):
    """The agency HR officer's to-do lists, from per-person figures (SPEC §7)."""

    NOT_ASSESSED = "not_assessed", _("ยังประเมินไม่ครบ")
    BELOW_TARGET = "below_target", _("ต่ำกว่าระดับเป้าหมาย")
    NO_GROUP = "no_group", _("ยังไม่กำหนดกลุ่มเป้าหมาย")
    NO_TRAINING = "no_training", _("ยังไม่มีชั่วโมงพัฒนาในปีนี้")


def pct(count: int | Decimal, total: int | Decimal) -> Decimal | None:
    """count / total as a percentage with one decimal; None when total is 0."""
    if not total:
        return None
    value = Decimal(count) * 100 / Decimal(total)
    return value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def group_name(group: int) -> str:
    """Thai name of a target group; 0 is every group (ทุกกลุ่ม)."""
    if group == ALL_GROUPS:
        return str(_("ทุกกลุ่ม"))
    return str(TargetGroup(group).label)


@dataclass(frozen=True)
class FigureRow:
    """One row of SPEC §7 figures, with its rates, ready to show or export."""

    label: str
    fy: int
    group: int
    agency: Agency | None
    headcount: int
    assessed: int
    meeting: int
    balanced: int
    unassigned: int
    hours_total: Decimal
    hours_future: Decimal
    mean_gap: Decimal | None
    as_of: date
    computed_at: datetime
    has_children: bool = False

    @classmethod
    def of(cls, figure: ComplianceFigure, label: str = "") -> FigureRow:
        """A figure's row; its agency must be fetched with it (select_related)."""
        return cls(
            label=label or local_name(figure.agency),
            fy=figure.fy,
            group=figure.target_group,
            agency=figure.agency,
            headcount=figure.headcount,
            assessed=figure.assessed,
            meeting=figure.meeting_targets,
            balanced=figure.balanced,
            unassigned=figure.unassigned_group,
            hours_total=figure.hours_total,
            hours_future=figure.hours_future,
            mean_gap=figure.mean_gap,
            as_of=figure.as_of,
            computed_at=figure.computed_at,
            has_children=bool(getattr(figure, "has_children", False)),
        )

    @classmethod
    def of_sums(cls, sums: dict[str, Any], label: str) -> FigureRow:
        """A row summed over several subtrees (the nation = its root agencies)."""
        gap_n = sums["gap_n"] or 0
        mean_gap = None
        if gap_n:
            mean_gap = (Decimal(sums["gap_sum"]) / gap_n).quantize(Decimal("0.0001"))
        return cls(
            label=label,
            fy=sums["fy"],
            group=sums.get("target_group", ALL_GROUPS),
            agency=None,
            headcount=sums["headcount"] or 0,
            assessed=sums["assessed"] or 0,
            meeting=sums["meeting_targets"] or 0,
            balanced=sums["balanced"] or 0,
            unassigned=sums["unassigned_group"] or 0,
            hours_total=Decimal(sums["hours_c"] or 0) / 100,
            hours_future=Decimal(sums["future_c"] or 0) / 100,
            mean_gap=mean_gap,
            as_of=sums["as_of"],
            computed_at=sums["computed_at"],
        )

    @property
    def group_name(self) -> str:
        return group_name(self.group)

    @property
    def assessed_pct(self) -> Decimal | None:
        return pct(self.assessed, self.headcount)

    @property
    def meeting_pct(self) -> Decimal | None:
        return pct(self.meeting, self.headcount)

    @property
    def balanced_pct(self) -> Decimal | None:
        return pct(self.balanced, self.headcount)

    @property
    def future_pct(self) -> Decimal | None:
        return pct(self.hours_future, self.hours_total)

    @property
    def not_started(self) -> bool:
        """ยังไม่เริ่ม: nobody in scope, or nobody assessed yet."""
        return self.headcount == 0 or self.assessed == 0

    @property
    def not_assessed(self) -> int:
        """People with a group who are not assessed (the group-less are apart)."""
        return self.headcount - self.assessed - self.unassigned


@dataclass(frozen=True)
class HeatCell:
    """One skill area × target group: share meeting the target and mean level."""

    target: int
    required: int = 0
    assessed: int = 0
    meeting: int = 0
    level_sum: int = 0

    @property
    def applies(self) -> bool:
        return self.target > 0

    @property
    def meeting_pct(self) -> Decimal | None:
        return pct(self.meeting, self.required)

    @property
    def mean_level(self) -> Decimal | None:
        if not self.assessed:
            return None
        return (Decimal(self.level_sum) / self.assessed).quantize(Decimal("0.01"))

    @property
    def heat(self) -> int:
        """The shade (0–4) of `heat-N`; the number is always printed as well."""
        share = self.meeting_pct
        if share is None:
            return 0
        return sum(1 for step in HEAT_STEPS if share >= step)


@dataclass(frozen=True)
class HeatRow:
    code: str
    name: str
    cells: list[HeatCell]


def heatmap(
    *,
    skills: Sequence[tuple[str, str]],
    targets: dict[tuple[int, str], int],
    figures: Iterable[SkillFigure],
) -> list[HeatRow]:
    """Skill areas (rows) × target groups 1–6 (columns), SPEC §7 per skill area."""
    by_key = {(f.target_group, f.skill_code): f for f in figures}
    rows = []
    for code, name in skills:
        cells = []
        for group in GROUPS:
            figure = by_key.get((group, code))
            target = targets.get((group, code), 0)
            if figure is None:
                cells.append(HeatCell(target=target))
                continue
            cells.append(
                HeatCell(
                    target=target,
                    required=figure.required,
                    assessed=figure.assessed,
                    meeting=figure.meeting,
                    level_sum=figure.level_sum,
                )
            )
        rows.append(HeatRow(code=code, name=name, cells=cells))
    return rows


@dataclass(frozen=True)
class Balance:
    """Hours for current work vs future readiness against the 70/30 policy."""

    hours_total: Decimal
    hours_future: Decimal
    target: Decimal
    tolerance: Decimal
    balanced: int
    headcount: int

    @property
    def hours_current(self) -> Decimal:
        return self.hours_total - self.hours_future

    @property
    def future_pct(self) -> Decimal | None:
        return pct(self.hours_future, self.hours_total)

    @property
    def current_pct(self) -> Decimal | None:
        return pct(self.hours_current, self.hours_total)

    @property
    def target_pct(self) -> Decimal:
        return (self.target * 100).quantize(_ONE_DECIMAL)

    @property
    def target_current_pct(self) -> Decimal:
        """Where the 70/30 target divides the bar: the current-work share (70)."""
        return 100 - self.target_pct

    @property
    def tolerance_pct(self) -> Decimal:
        return (self.tolerance * 100).quantize(_ONE_DECIMAL)

    @property
    def within(self) -> bool | None:
        """Is the agency's own future share inside target ± tolerance?"""
        if not self.hours_total:
            return None
        share = self.hours_future / self.hours_total
        return abs(share - self.target) <= self.tolerance

    @property
    def balanced_pct(self) -> Decimal | None:
        return pct(self.balanced, self.headcount)


@dataclass(frozen=True)
class TrendPoint:
    """One fiscal year of a trend: its figures (None before any) and its phase."""

    fy: int
    row: FigureRow | None
    phase: str = ""


def trend(
    years: Sequence[int], rows: Iterable[FigureRow], phases: dict[int, str]
) -> list[TrendPoint]:
    by_fy = {r.fy: r for r in rows}
    return [TrendPoint(fy, by_fy.get(fy), phases.get(fy, "")) for fy in years]


def phase_of(phases: Sequence[RolloutPhase], fy: int) -> RolloutPhase | None:
    """The latest phase started by `fy` (SPEC §5: scope is cumulative)."""
    started = [p for p in phases if p.fy_from <= fy]
    return started[-1] if started else None


def phase_names(phases: Sequence[RolloutPhase], years: Sequence[int]) -> dict[int, str]:
    return {
        fy: local_name(phase)
        for fy in years
        if (phase := phase_of(phases, fy)) is not None
    }


def tree_order(agencies: list[Agency]) -> list[Agency]:
    """Agencies in tree order by name, each under its listed ancestors."""
    by_pk = {a.pk: a for a in agencies}

    def key(agency: Agency) -> list[str]:
        ids = [int(p) for p in agency.path.strip("/").split("/") if p]
        return [by_pk[i].name_th + f"\0{i}" for i in ids if i in by_pk]

    return sorted(agencies, key=key)


def balance_of(
    headline: FigureRow | None, framework: Framework | None
) -> Balance | None:
    """The 70/30 balance of a row against its framework's policy (SPEC §4, §7)."""
    if headline is None or framework is None:
        return None
    return Balance(
        hours_total=headline.hours_total,
        hours_future=headline.hours_future,
        target=framework.future_share_target,
        tolerance=framework.future_share_tolerance,
        balanced=headline.balanced,
        headcount=headline.headcount,
    )


WORKLIST_FILTERS: dict[str, Q] = {
    Worklist.NOT_ASSESSED: Q(target_group__isnull=False, assessed=False),
    Worklist.BELOW_TARGET: Q(assessed=True, meets=False),
    Worklist.NO_GROUP: Q(target_group__isnull=True),
    Worklist.NO_TRAINING: Q(hours_c=0),
}
