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
