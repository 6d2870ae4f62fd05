"""Reads of one agency's figures: rows, dashboard, children, heat map, trend."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import (
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.utils.translation import gettext as _

from agencies import scoping
from agencies.models import Agency, AgencyKind, AgencyQuerySet
from agencies.scoping import AgencyScope
from agencies.selectors import (
    COUNT_CAP,
    agency_roots,
)
from competencies.models import Framework, RolloutPhase, TargetLevel
from skillsportal.lib.i18n import local_name

from ..board_cache import cached_board
from ..dashboards import (
    AgencyDashboard,
    FigureRow,
    HeatRow,
    balance_of,
    heatmap,
    phase_names,
    phase_of,
    tree_order,
    trend,
)
from ..models import (
    ALL_GROUPS,
    ComplianceFigure,
    PersonYearFigure,
    SkillFigure,
)
from ..services import fiscal_years


def compliance_rows(
    *,
    scope: AgencyScope,
    fy: int,
    agency: Agency | None = None,
    subtree: bool = True,
    target_group: int | None = None,
) -> QuerySet[ComplianceFigure]:
    """SPEC §9 rows (agency × target group) the scope may read, in tree order.

    With `agency`, that agency and (with `subtree`) every agency below it;
    `target_group` 0 means "all groups".
    """
    rows = ComplianceFigure.objects.visible_to(scope).filter(fy=fy)
    if agency is not None:
        if subtree:
            rows = rows.filter(scoping.within("agency", agency))
        else:
            rows = rows.filter(agency=agency)
    if target_group is not None:
        rows = rows.filter(target_group=target_group)
    return rows.select_related("agency").order_by("agency__path", "target_group")


def group_label(target_group: int) -> str:
    return "all" if target_group == ALL_GROUPS else str(target_group)


def top_agencies(*, scope: AgencyScope) -> QuerySet[Agency]:
    """The highest agencies a scope reads: roots for OCSC, role agencies otherwise."""
    if scope.national:
        return Agency.objects.filter(parent__isnull=True)
    return Agency.objects.filter(path__in=scope.read_paths)


def dashboard_years(today: date | None = None) -> list[int]:
    """The fiscal years a dashboard offers: FY 2561 to the current one (SPEC §2)."""
    return fiscal_years(today)


def largest_ministry(*, fy: int) -> Agency | None:
    """The ministry with the most people in FY `fy`'s figures (benchmarks' default)."""
    figure = (
        ComplianceFigure.objects.filter(
            fy=fy,
            target_group=ALL_GROUPS,
            agency__parent__isnull=True,
            agency__kind=AgencyKind.MINISTRY,
        )
        .select_related("agency")
        .order_by("-headcount")
        .first()
    )
    return figure.agency if figure else None


def dashboard_agencies(*, scope: AgencyScope) -> AgencyQuerySet:
    """Agencies whose dashboard the scope may open (anything else → 404)."""
    return Agency.objects.visible_to(scope)


def dashboard_default_agency(*, scope: AgencyScope) -> Agency | None:
    """The top of the scope: the first assigned node, or the first ministry."""
    roots = agency_roots(scope=scope)
    if scope.national:
        roots = roots.filter(kind=AgencyKind.MINISTRY)
    return roots.first()


def dashboard_agency_options(*, scope: AgencyScope, selected: Agency) -> list[Agency]:
    """The agency drop-down in tree order, a bounded list even at 10,000 agencies.

    The top of the scope (for OCSC: every root but the thousands of local
    governments), the selected agency's trail and its children; deeper agencies
    are reached through the sub-agency table (drill-down).
    """
    trail = [int(p) for p in selected.path.strip("/").split("/") if p]
    near = Q(pk__in=trail) | Q(parent_id=selected.pk)
    if scope.national:
        near |= Q(parent__isnull=True) & ~Q(kind=AgencyKind.LOCAL_GOVERNMENT)
    else:
        near |= Q(path__in=scope.read_paths) | Q(parent__path__in=scope.read_paths)
    options = Agency.objects.visible_to(scope).filter(near)
    return tree_order(list(options.only("pk", "name_th", "path", "depth", "parent")))


def agency_dashboard(
    *, scope: AgencyScope, agency: Agency, fy: int, group: int
) -> AgencyDashboard:
    """Everything the agency dashboard shows, from precomputed figures (SPEC §7).

    About ten queries whatever the size of the subtree (SPEC §10).
    """
    figures = ComplianceFigure.objects.visible_to(scope).select_related("agency")
    rows = [FigureRow.of(f) for f in figures.filter(fy=fy, agency=agency)]
    by_group = {r.group: r for r in rows}
    years = dashboard_years()
    history = figures.filter(agency=agency, target_group=group, fy__in=years)
    phases = list(RolloutPhase.objects.order_by("fy_from"))
    framework = Framework.objects.for_fiscal_year(fy)
    headline = by_group.get(group)
    count = _no_training_count(agency, fy, group)
    return AgencyDashboard(
        agency=agency,
        fy=fy,
        group=group,
        headline=headline,
        groups=sorted(rows, key=lambda r: r.group),
        children=_children_rows(figures, parent=agency, fy=fy, group=group),
        heat=_heat(scope, agency, fy, framework),
        balance=balance_of(headline, framework),
        trend=trend(
            years, [FigureRow.of(f) for f in history], phase_names(phases, years)
        ),
        framework=framework,
        phase=phase_of(phases, fy),
        no_training=min(count, COUNT_CAP),
        no_training_capped=count > COUNT_CAP,
    )


def _no_training_count(agency: Agency, fy: int, group: int) -> int:
    """People without verified hours this FY, counted up to COUNT_CAP + 1."""
    facts = PersonYearFigure.objects.filter(
        scoping.within("agency", agency), fy=fy, hours_c=0
    )
    if group != ALL_GROUPS:
        facts = facts.filter(target_group=group)
    return facts.order_by()[: COUNT_CAP + 1].count()


def _children_rows(
    figures: QuerySet[ComplianceFigure], *, parent: Agency, fy: int, group: int
) -> list[FigureRow]:
    grandchildren = Agency.objects.filter(parent=OuterRef("agency"))
    children = (
        figures.filter(fy=fy, target_group=group, agency__parent=parent)
        .annotate(has_children=Exists(grandchildren))
        .order_by("agency__name_th")
    )
    return [FigureRow.of(f) for f in children]


def _heat(
    scope: AgencyScope, agency: Agency, fy: int, framework: Framework | None
) -> list[HeatRow]:
    if framework is None:
        return []
    skills = [
        (skill.code, local_name(skill))
        for skill in framework.skill_areas.order_by("order", "code")
    ]
    targets = {
        (g, code): level
        for g, code, level in TargetLevel.objects.filter(
            framework=framework, level__gte=1
        ).values_list("target_group", "skill_area__code", "level")
    }
    figures = SkillFigure.objects.visible_to(scope).filter(fy=fy, agency=agency)
    return heatmap(skills=skills, targets=targets, figures=figures)


FIGURE_SUMS = {
    "headcount": Sum("headcount"),
    "assessed": Sum("assessed"),
    "meeting_targets": Sum("meeting_targets"),
    "balanced": Sum("balanced"),
    "unassigned_group": Sum("unassigned_group"),
    "hours_c": Sum("hours_c"),
    "future_c": Sum("future_c"),
    "gap_sum": Sum("gap_sum"),
    "gap_n": Sum("gap_n"),
    "as_of": Max("as_of"),
    "computed_at": Max("computed_at"),
}


def national_trend(*, scope: AgencyScope, group: int) -> list[FigureRow]:
    """The nation per fiscal year: the sum over root agencies (SPEC §7).

    The one dashboard read that scans (every root × every FY): built once per
    figures version (a finished run shows at once) and language (the label).
    """
    if not scope.national:
        return _national_trend(scope, group)
    return cached_board(
        "national-trend", (group,), lambda: _national_trend(scope, group)
    )


def _national_trend(scope: AgencyScope, group: int) -> list[FigureRow]:
    sums = (
        ComplianceFigure.objects.visible_to(scope)
        .filter(agency__parent__isnull=True, target_group=group)
        .values("fy")
        .annotate(**FIGURE_SUMS)
        .order_by("fy")
    )
    label = str(_("ทั้งประเทศ"))
    return [FigureRow.of_sums(s | {"target_group": group}, label) for s in sums]


def people_behind_targets(*, fy: int) -> QuerySet[Any]:
    """Person ids in scope of FY `fy` with a group but not meeting targets (SPEC §7).

    "Not assessed" and "below target" together: everyone whose `meets` is
    false. A subquery, for the reminder task to filter further in SQL.
    """
    return PersonYearFigure.objects.filter(
        fy=fy, target_group__isnull=False, meets=False
    ).values("person_id")
