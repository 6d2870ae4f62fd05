"""What one dashboard page shows, as plain dataclasses for templates and exports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Page
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyKind
from competencies.models import Framework, RolloutPhase

from ..models import ALL_GROUPS, PersonYearFigure
from .figures import (
    GROUPS,
    Balance,
    FigureRow,
    HeatRow,
    TrendPoint,
    Worklist,
    group_name,
)


@dataclass(frozen=True)
class AgencyDashboard:
    """The agency dashboard of one subtree, FY and target group (0 = all)."""

    agency: Agency
    fy: int
    group: int
    headline: FigureRow | None
    groups: list[FigureRow]
    children: list[FigureRow]
    heat: list[HeatRow]
    balance: Balance | None
    trend: list[TrendPoint]
    framework: Framework | None
    phase: RolloutPhase | None
    no_training: int
    no_training_capped: bool

    @property
    def group_names(self) -> list[tuple[int, str]]:
        return [(g, group_name(g)) for g in GROUPS]

    def worklist_counts(self) -> list[tuple[str, str, int | None, bool]]:
        """(worklist, label, count, capped): exact from the figures but one."""
        row = self.headline
        exact: dict[str, int | None] = {
            Worklist.NOT_ASSESSED: row.not_assessed if row else 0,
            Worklist.BELOW_TARGET: row.assessed - row.meeting if row else 0,
            Worklist.NO_GROUP: row.unassigned if row else 0,
        }
        counts = []
        for value, label in Worklist.choices:
            capped = value == Worklist.NO_TRAINING and self.no_training_capped
            count = exact.get(value, self.no_training)
            counts.append((value, str(label), count, capped))
        return counts


@dataclass(frozen=True)
class RolloutFilters:
    """The rollout dashboard's validated filters (and its export parameters)."""

    fy: int
    group: int = ALL_GROUPS
    parent: Agency | None = None
    kind: str = AgencyKind.MINISTRY
    level: int | None = None
    min_headcount: int = 50


@dataclass(frozen=True)
class PageNumbers:
    """Where a numbered page lies, without the paginator's queryset (cacheable)."""

    number: int
    num_pages: int

    @classmethod
    def of(cls, page: Page) -> PageNumbers:
        return cls(page.number, page.paginator.num_pages)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class KindRow:
    """Root agencies of one kind summed (e.g. every ministry of the nation)."""

    kind: str
    agencies: int
    row: FigureRow


@dataclass(frozen=True)
class RolloutDashboard:
    """The OCSC rollout dashboard of one FY and target group (SPEC §5, §7)."""

    filters: RolloutFilters
    phases: list[RolloutPhase]
    phase: RolloutPhase | None
    national: FigureRow | None
    trend: list[TrendPoint]
    kinds: list[KindRow]
    trail: list[Agency]
    page: PageNumbers
    rows: list[FigureRow]
    not_started: list[FigureRow]
    not_started_counts: dict[str, int]
    behind: list[FigureRow]

    @property
    def kind_label(self) -> str:
        return str(AgencyKind(self.filters.kind).label)

    @property
    def ranking_aspect(self) -> str:
        """Width / height of the ranking chart: about 30 px a row at 1,100 px."""
        return f"{max(0.6, 1100 / (80 + 30 * max(len(self.rows), 1))):.2f}"


@dataclass(frozen=True)
class RunRow:
    """A ComplianceRun with its scope in words ("national", "12 people")."""

    run: Any

    @property
    def scope_label(self) -> str:
        scope = self.run.scope or ""
        if scope == "national":
            return str(_("ทั้งประเทศ"))
        count, _space, unit = scope.partition(" ")
        if unit == "people" and count.isdigit():
            return str(_("%(n)s คน")) % {"n": f"{int(count):,}"}
        return scope


@dataclass(frozen=True)
class WorklistRow:
    """A listed person and their figures of the year (None if since moved)."""

    person: Any
    fact: PersonYearFigure | None

    @property
    def hours(self) -> Decimal | None:
        return None if self.fact is None else Decimal(self.fact.hours_c) / 100


@dataclass(frozen=True)
class WorklistPage:
    """One keyset page of a worklist and its (capped) count."""

    rows: list[WorklistRow]
    count: int
    count_capped: bool
    next_after: int | None
    first: bool
