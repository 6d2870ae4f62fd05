"""Reads of compliance figures for pages, exports and the API (scoped)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
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
from django.utils.translation import gettext as _

from agencies.models import Agency, AgencyKind, AgencyQuerySet, Person, PersonQuerySet
from agencies.scoping import AgencyScope
from agencies.selectors import (
    COUNT_CAP,
    agency_roots,
    agency_trail,
    roster,
)
from competencies.models import Framework, RolloutPhase, TargetLevel
from skillsportal.lib.i18n import local_name

from .dashboards import (
    ROLLOUT_LIST_SIZE,
    ROLLOUT_PAGE_SIZE,
    WORKLIST_FILTERS,
    AgencyDashboard,
    FigureRow,
    HeatRow,
    KindRow,
    RolloutDashboard,
    RolloutFilters,
    WorklistPage,
    WorklistRow,
    balance_of,
    heatmap,
    phase_names,
    phase_of,
    tree_order,
    trend,
)
from .models import (
    ALL_GROUPS,
    ComplianceFigure,
    ComplianceRun,
    PersonYearFigure,
    SkillFigure,
)
from .services import fiscal_years


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
            rows = rows.filter(agency__path__startswith=agency.path)
        else:
            rows = rows.filter(agency=agency)
    if target_group is not None:
        rows = rows.filter(target_group=target_group)
    return rows.select_related("agency").order_by("agency__path", "target_group")


def latest_runs(*, limit: int = 50) -> QuerySet[ComplianceRun]:
    """The job table (OCSC administrators only: the caller checks the role)."""
    return ComplianceRun.objects.all()[:limit]


def group_label(target_group: int) -> str:
    return "all" if target_group == ALL_GROUPS else str(target_group)


def top_agencies(*, scope: AgencyScope) -> QuerySet[Agency]:
    """The highest agencies a scope reads: roots for OCSC, role agencies otherwise."""
    if scope.national:
        return Agency.objects.filter(parent__isnull=True)
    return Agency.objects.filter(path__in=scope.read_paths)


def rollout_by_year(
    *, scope: AgencyScope, fy: int | None = None
) -> list[dict[str, object]]:
    """Totals over the scope's top agencies for every FY (or one) (SPEC §5, §7)."""
    from django.db.models import Max, Sum

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
        result.append({**row, "phase": phase.name_th if phase else None})
    return result


# --- dashboards (SPEC §7, §10): precomputed figures only, a fixed query count ---


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
        fy=fy, agency__path__startswith=agency.path, hours_c=0
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


def worklist_facts(
    *, scope: AgencyScope, agency: Agency, fy: int, worklist: str, group: int = 0
) -> QuerySet[PersonYearFigure]:
    """Figures of the people of `agency`'s subtree on one worklist (SPEC §7).

    Only people the scope may read today: someone who has since moved out of
    the subtree is counted in the figures but not listed (SPEC §8).
    """
    facts = PersonYearFigure.objects.filter(
        WORKLIST_FILTERS[worklist], fy=fy, agency__path__startswith=agency.path
    )
    if group != ALL_GROUPS:
        facts = facts.filter(target_group=group)
    if not scope.national:
        facts = facts.filter(
            scope.agency_q("person__current_agency") | Q(person_id=scope.person_id or 0)
        )
    return facts


def worklist_people(
    *, scope: AgencyScope, agency: Agency, fy: int, worklist: str, group: int = 0
) -> PersonQuerySet:
    """The people of one worklist (for exports; the page reads `worklist_page`)."""
    facts = worklist_facts(
        scope=scope, agency=agency, fy=fy, worklist=worklist, group=group
    )
    return roster(scope=scope).filter(pk__in=facts.values("person_id"))


def facts_of(*, fy: int, people: list[Person]) -> dict[int, PersonYearFigure]:
    """Each listed person's figures of FY `fy`, with the agency of that year."""
    facts = PersonYearFigure.objects.filter(
        fy=fy, person_id__in=[p.pk for p in people]
    ).select_related("agency")
    return {f.person_id: f for f in facts}


_WORKLIST_ORDER = (
    "agency_id",
    "person__family_name",
    "person__given_name",
    "person_id",
)


def worklist_page(
    *,
    scope: AgencyScope,
    agency: Agency,
    fy: int,
    worklist: str,
    group: int = 0,
    after: int | None = None,
    size: int = 50,
) -> WorklistPage:
    """One page of a worklist: by agency, then name; keyset, never OFFSET.

    The (fy, agency) index serves the agency order and each agency's people are
    sorted alone (incremental sort), so a page costs milliseconds even for a
    ministry of 100,000 people (SPEC §10). The count stops at COUNT_CAP.
    """
    facts = worklist_facts(
        scope=scope, agency=agency, fy=fy, worklist=worklist, group=group
    )
    # Counted from the subtree's figures, like the dashboard's numbers: the
    # scope reads the whole subtree, and the join behind `facts` costs 5×.
    counted = worklist_facts(
        scope=AgencyScope.system(), agency=agency, fy=fy, worklist=worklist, group=group
    )
    count = counted.order_by()[: COUNT_CAP + 1].count()
    bound = None
    if after is not None:
        bound = facts.filter(person_id=after).values_list(*_WORKLIST_ORDER).first()
    page = facts if bound is None else facts.filter(_after(bound))
    rows = list(
        page.select_related("person", "agency").order_by(*_WORKLIST_ORDER)[: size + 1]
    )
    more = len(rows) > size
    rows = rows[:size]
    return WorklistPage(
        rows=[WorklistRow(f.person, f) for f in rows],
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        next_after=rows[-1].person_id if more else None,
        first=bound is None,
    )


def _after(bound: tuple[int, str, str, int]) -> Q:
    """Rows after `bound` in (agency, family name, given name, id) order."""
    agency_id, family, given, pk = bound
    same_agency = (
        Q(person__family_name__gt=family)
        | Q(person__family_name=family, person__given_name__gt=given)
        | Q(person__family_name=family, person__given_name=given, person_id__gt=pk)
    )
    return Q(agency_id__gt=agency_id) | (Q(agency_id=agency_id) & same_agency)


# --- rollout (SPEC §5, §7): the nation, by phase, by ministry, furthest behind ---

_SUMS = {
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


NATIONAL_CACHE_SECONDS = 60


def national_trend(*, scope: AgencyScope, group: int) -> list[FigureRow]:
    """The nation per fiscal year: the sum over root agencies (SPEC §7).

    The one dashboard read that scans (every root × every FY): kept a minute
    in the cache. Each row still carries its own computed_at, so the page
    never claims fresher figures than it shows.
    """
    if not scope.national:
        return _national_trend(scope, group)
    key = f"reports:national-trend:{group}"
    try:
        rows: list[FigureRow] | None = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break the page
        rows = None
    if rows is None:
        rows = _national_trend(scope, group)
        try:
            cache.set(key, rows, NATIONAL_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            pass
    return rows


def _national_trend(scope: AgencyScope, group: int) -> list[FigureRow]:
    sums = (
        ComplianceFigure.objects.visible_to(scope)
        .filter(agency__parent__isnull=True, target_group=group)
        .values("fy")
        .annotate(**_SUMS)
        .order_by("fy")
    )
    label = str(_("ทั้งประเทศ"))
    return [FigureRow.of_sums(s | {"target_group": group}, label) for s in sums]


def root_kinds(*, scope: AgencyScope, fy: int, group: int) -> list[KindRow]:
    """Root agencies summed by kind (ministries, local governments, …)."""
    sums = (
        ComplianceFigure.objects.visible_to(scope)
        .filter(agency__parent__isnull=True, fy=fy, target_group=group)
        .values("agency__kind")
        .annotate(agencies=Count("pk"), fy=Max("fy"), **_SUMS)
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
        figures = figures.filter(agency__path__startswith=within.path).exclude(
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
        .annotate(rate=rate)
        .order_by("rate", "-headcount", "agency__path")
    )


def rollout_dashboard(
    *, scope: AgencyScope, filters: RolloutFilters, page: int = 1
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
        page=rows,
        rows=[FigureRow.of(f) for f in rows.object_list],
        not_started=[FigureRow.of(f) for f in idle[:ROLLOUT_LIST_SIZE]],
        not_started_counts=not_started_counts(
            scope=scope, fy=fy, level=level, within=within
        ),
        behind=[FigureRow.of(f) for f in behind[:ROLLOUT_LIST_SIZE]],
    )


def runs_page(*, page: int = 1, size: int = 50) -> Page:  # type: ignore[type-arg]
    """The job table, newest first (OCSC administrators only: the view checks)."""
    return Paginator(ComplianceRun.objects.order_by("-started_at"), size).get_page(page)


def people_behind_targets(*, fy: int) -> QuerySet[Any]:
    """Person ids in scope of FY `fy` with a group but not meeting targets (SPEC §7).

    "Not assessed" and "below target" together: everyone whose `meets` is
    false. A subquery, for the reminder task to filter further in SQL.
    """
    return PersonYearFigure.objects.filter(
        fy=fy, target_group__isnull=False, meets=False
    ).values("person_id")
