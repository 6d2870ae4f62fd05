"""The OCSC rollout dashboard and the job table (SPEC §5, §7): OCSC only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.views import scope_of

from .. import charts, dashboards, selectors
from ..board_cache import Fragments, board_key, cached
from ..export_tables import ExportParams
from ..forms import RolloutForm
from . import agency_param, ocsc_required


@ocsc_required
@require_GET
def rollout_dashboard(request: HttpRequest) -> HttpResponse:
    """The nation by phase and FY, by ministry with drill-down, who lags behind."""
    scope = scope_of(request)
    parent = agency_param(scope, request.GET.get("parent"))
    form = RolloutForm(request.GET or None, years=selectors.dashboard_years())
    filters = form.filters(parent=parent)
    page = request.GET.get("page", "")
    page = page if page.isdigit() and len(page) <= 9 else "1"  # as Paginator would
    # Figures change only when a compliance run lands; every OCSC scope is national.
    key = (filters.fy, filters.group, parent and parent.pk, filters.kind, filters.level)
    fragments = Fragments(board_key("rollout", (*key, filters.min_headcount, page)))
    board = cached(
        fragments.key,
        lambda: selectors.rollout_dashboard(scope=scope, filters=filters, page=page),
    )
    params = ExportParams(
        fy=filters.fy,
        group=filters.group,
        parent=parent.pk if parent else None,
        kind=filters.kind,
        level=filters.level,
        min_headcount=filters.min_headcount,
    )
    ctx = {
        "form": form,
        "board": board,
        "fragments": fragments,
        "charts": {
            "trend": charts.trend_chart(board.trend),
            "ranking": charts.ranking_chart(board.rows),
        },
        "export_params": params.to_json(),
    }
    return render(request, "reports/rollout_dashboard.html", ctx)


@ocsc_required
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    """The job table: every computation of figures, newest first."""
    page = selectors.runs_page(page=request.GET.get("page") or 1)
    ctx = {
        "page": page,
        "rows": [dashboards.RunRow(run) for run in page],
        "export_params": {"fy": selectors.dashboard_years()[-1]},
    }
    return render(request, "reports/run_list.html", ctx)
