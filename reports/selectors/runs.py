"""The compliance job table (OCSC)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import (
    QuerySet,
)

from ..models import (
    ComplianceRun,
)


def latest_runs(*, limit: int = 50) -> QuerySet[ComplianceRun]:
    """The job table (OCSC administrators only: the caller checks the role)."""
    return ComplianceRun.objects.all()[:limit]


def runs_page(*, page: int | str = 1, size: int = 50) -> Page:
    """The job table, newest first (OCSC administrators only: the view checks)."""
    return Paginator(ComplianceRun.objects.order_by("-started_at"), size).get_page(page)
