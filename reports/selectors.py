"""Reads of compliance figures for pages, exports and the API (scoped)."""

from __future__ import annotations

from django.db.models import QuerySet

from agencies.models import Agency
from agencies.scoping import AgencyScope

from .models import ALL_GROUPS, ComplianceFigure, ComplianceRun


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


def rollout_by_year(*, scope: AgencyScope) -> list[dict[str, object]]:
    """Totals over the scope's top agencies for every FY with figures (SPEC §5, §7)."""
    from django.db.models import Max, Sum

    from competencies.models import RolloutPhase

    phases = list(RolloutPhase.objects.order_by("fy_from"))
    rows = (
        ComplianceFigure.objects.visible_to(scope)
        .filter(target_group=ALL_GROUPS, agency__in=top_agencies(scope=scope))
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
