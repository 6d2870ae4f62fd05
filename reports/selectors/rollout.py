"""The national rollout report (SPEC §5, §7): years, kinds, ministries, laggards."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Cast

from agencies import scoping
from agencies.models import Agency, AgencyKind
from agencies.scoping import AgencyScope
from agencies.selectors import (
    agency_trail,
)
from competencies.models import RolloutPhase
from skillsportal.lib.i18n import local_name

from ..dashboards import (
    ROLLOUT_LIST_SIZE,
    ROLLOUT_PAGE_SIZE,
    FigureRow,
    KindRow,
    PageNumbers,
    RolloutDashboard,
    RolloutFilters,
    phase_names,
    phase_of,
    trend,
)
from ..models import (
    ALL_GROUPS,
    ComplianceFigure,
)
from .figures import FIGURE_SUMS, dashboard_years, national_trend, top_agencies


def rollout_by_year(
    *, scope: AgencyScope, fy: int | None = None
) -> list[dict[str, object]]:
    """Totals over the scope's top agencies for every FY (or one) (SPEC §5, §7)."""
    from django.db.models import Max

    from competencies.models import RolloutPhase

    phases = list(RolloutPhase.objects.order_by("fy_from"))
    rows = (
        ComplianceFigure.objects.visible_to(scope)
        .filter(target_group=ALL_GROUPS, agency__in=top_agencies(scope=scope))
        .filter(**({"fy": fy} if fy else {}))
        .values("fy")
        .annotate(
            headcount=Sum("headcount"),
            assessed=Sum("assessed"),
            meeting_targets=Sum("meeting_targets"),
            balanced=Sum("balanced"),
            unassigned_group=Sum("unassigned_group"),
            hours_c=Sum("hours_c"),
            future_c=Sum("future_c"),
            as_of=Max("as_of"),
            computed_at=Max("computed_at"),
        )
        .order_by("fy")
    )
    result = []
    for row in rows:
        phase = next((p for p in reversed(phases) if p.fy_from <= row["fy"]), None)
        result.append({**row, "phase": local_name(phase) if phase else None})
    return result


# --- dashboards (SPEC §7, §10): precomputed figures only, a fixed query count ---


def root_kinds(*, scope: AgencyScope, fy: int, group: int) -> list[KindRow]:
    """Root agencies summed by kind (ministries, local governments, …)."""
    sums = (
        ComplianceFigure.objects.visible_to(scope)
        .filter(agency__parent__isnull=True, fy=fy, target_group=group)
        .values("agency__kind")
        .annotate(agencies=Count("pk"), fy=Max("fy"), **FIGURE_SUMS)
        .order_by("-headcount")
    )
    labels = dict(AgencyKind.choices)
    return [
        KindRow(
            kind=s["agency__kind"],
            agencies=s["agencies"],
            row=FigureRow.of_sums(
                s | {"target_group": group}, str(labels[s["agency__kind"]])
            ),
        )
        for s in sums
    ]


def rollout_agencies(
    *,
    scope: AgencyScope,
    fy: int,
    group: int,
    parent: Agency | None = None,
    kind: str = AgencyKind.MINISTRY,
) -> QuerySet[ComplianceFigure]:
    """Roots of one kind, or the children of `parent` (drill-down), by name."""
    figures = ComplianceFigure.objects.visible_to(scope).filter(
        fy=fy, target_group=group
    )
    if parent is None:
        figures = figures.filter(agency__parent__isnull=True, agency__kind=kind)
    else:
        figures = figures.filter(agency__parent=parent)
    grandchildren = Agency.objects.filter(parent=OuterRef("agency"))
    return (
        figures.select_related("agency")
        .annotate(has_children=Exists(grandchildren))
        .order_by("agency__name_th", "agency_id")
    )


def _narrowed(
    figures: QuerySet[ComplianceFigure], level: int | None, within: Agency | None
) -> QuerySet[ComplianceFigure]:
    """Only agencies at depth `level`, and only below `within` (a drill-down)."""
    if level is not None:
        figures = figures.filter(agency__depth=level)
    if within is not None:
        figures = figures.filter(scoping.within("agency", within)).exclude(
            agency=within
        )
    return figures


def not_started(
    *,
    scope: AgencyScope,
    fy: int,
    level: int | None = None,
    within: Agency | None = None,
) -> QuerySet[ComplianceFigure]:
    """ยังไม่เริ่ม: agencies with nobody in scope or nobody assessed, largest first."""
    figures = ComplianceFigure.objects.visible_to(scope).filter(
        fy=fy, target_group=ALL_GROUPS, assessed=0
    )
    return (
        _narrowed(figures, level, within)
        .select_related("agency")
        .order_by("-headcount", "agency__path")
    )


def not_started_counts(
    *,
    scope: AgencyScope,
    fy: int,
    level: int | None = None,
    within: Agency | None = None,
) -> dict[str, int]:
    """How many agencies have nobody assessed, and how many have nobody at all."""
    figures = ComplianceFigure.objects.visible_to(scope).filter(
        fy=fy, target_group=ALL_GROUPS, assessed=0
    )
    return _narrowed(figures, level, within).aggregate(
        total=Count("pk"), empty=Count("pk", filter=Q(headcount=0))
    )


def furthest_behind(
    *,
    scope: AgencyScope,
    fy: int,
    group: int,
    min_headcount: int,
    level: int | None = None,
    within: Agency | None = None,
) -> QuerySet[ComplianceFigure]:
    """Agencies with at least `min_headcount` people, lowest assessed rate first."""
    rate = Cast("assessed", FloatField()) / Cast("headcount", FloatField())
    figures = ComplianceFigure.objects.visible_to(scope).filter(
        fy=fy, target_group=group, headcount__gte=max(min_headcount, 1)
    )
    return (
        _narrowed(figures, level, within)
        .select_related("agency")
        .annotate(assessed_share=rate)
        .order_by("assessed_share", "-headcount", "agency__path")
    )


def rollout_dashboard(
    *, scope: AgencyScope, filters: RolloutFilters, page: int | str = 1
) -> RolloutDashboard:
    """Everything the OCSC rollout dashboard shows (about ten queries, SPEC §10)."""
    fy, group, level, within = filters.fy, filters.group, filters.level, filters.parent
    years = dashboard_years()
    phases = list(RolloutPhase.objects.order_by("fy_from"))
    national = national_trend(scope=scope, group=group)
    agencies = rollout_agencies(
        scope=scope, fy=fy, group=group, parent=filters.parent, kind=filters.kind
    )
    rows = Paginator(agencies, ROLLOUT_PAGE_SIZE).get_page(page)
    behind = furthest_behind(
        scope=scope,
        fy=fy,
        group=group,
        min_headcount=filters.min_headcount,
        level=level,
        within=within,
    )
    idle = not_started(scope=scope, fy=fy, level=level, within=within)
    return RolloutDashboard(
        filters=filters,
        phases=phases,
        phase=phase_of(phases, fy),
        national=next((r for r in national if r.fy == fy), None),
        trend=trend(years, national, phase_names(phases, years)),
        kinds=root_kinds(scope=scope, fy=fy, group=group) if not filters.parent else [],
        trail=agency_trail(scope=scope, agency=filters.parent)
        if filters.parent
        else [],
        page=PageNumbers.of(rows),
        rows=[FigureRow.of(f) for f in rows.object_list],
        not_started=[FigureRow.of(f) for f in idle[:ROLLOUT_LIST_SIZE]],
        not_started_counts=not_started_counts(
            scope=scope, fy=fy, level=level, within=within
        ),
        behind=[FigureRow.of(f) for f in behind[:ROLLOUT_LIST_SIZE]],
    )
