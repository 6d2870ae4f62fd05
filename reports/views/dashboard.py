"""The agency dashboard and its worklists (SPEC §7): HR officers and viewers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.selectors import agency_trail
from agencies.views import scope_of, staff_required

from .. import charts, dashboards, selectors
from ..board_cache import Fragments, board_key, cached
from ..export_tables import ExportParams
from ..forms import AgencyDashboardForm, WorklistForm
from . import agency_param


@staff_required
@require_GET
def agency_dashboard(request: HttpRequest) -> HttpResponse:
    """One agency subtree: figures, groups, skills, 70/30, trend, worklists."""
    scope = scope_of(request)
    agency = agency_param(scope, request.GET.get("agency"), default=True)
    if agency is None:
        return render(request, "reports/agency_dashboard.html", {"board": None})
    options = selectors.dashboard_agency_options(scope=scope, selected=agency)
    form = AgencyDashboardForm(
        request.GET or None, years=selectors.dashboard_years(), options=options
    )
    form.initial["agency"] = agency.pk
    fy, group = form.value("fy", form.default_fy), form.value("group", 0)
    # The same for every scope that may open `agency` (its whole subtree is in it).
    fragments = Fragments(board_key("agency", (agency.pk, fy, group)))
    board = cached(
        fragments.key,
        lambda: selectors.agency_dashboard(
            scope=scope, agency=agency, fy=fy, group=group
        ),
    )
    ctx = {
        "form": form,
        "board": board,
        "fragments": fragments,
        "trail": agency_trail(scope=scope, agency=agency),
        "charts": _charts(board),
        "export_params": ExportParams(fy=fy, group=group, agency=agency.pk).to_json(),
    }
    return render(request, "reports/agency_dashboard.html", ctx)


def _charts(board: dashboards.AgencyDashboard) -> dict[str, object]:
    payloads: dict[str, object] = {
        "trend": charts.trend_chart(board.trend),
        "groups": charts.groups_chart(board.groups),
    }
    if board.balance is not None and board.balance.hours_total:
        payloads["balance"] = charts.balance_chart(board.balance)
    return payloads


@staff_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """People of the subtree on one worklist, by name, keyset-paged (SPEC §10)."""
    scope = scope_of(request)
    agency = agency_param(scope, request.GET.get("agency"), default=True)
    form = WorklistForm(request.GET or None, years=selectors.dashboard_years())
    fy, group = form.value("fy", form.default_fy), form.value("group", 0)
    kind = form.value("worklist", dashboards.Worklist.NOT_ASSESSED)
    listing = None
    if agency is not None:
        listing = selectors.worklist_page(
            scope=scope, agency=agency, fy=fy, worklist=kind, group=group,
            after=_after(request),
        )  # fmt: skip
    params = ExportParams(fy=fy, group=group, agency=agency.pk if agency else None)
    ctx = {
        "form": form,
        "agency": agency,
        "worklist": dashboards.Worklist(kind),
        "listing": listing,
        "export_params": {**params.to_json(), "worklist": kind},
    }
    return render(request, "reports/worklist.html", ctx)


def _after(request: HttpRequest) -> int | None:
    raw = request.GET.get("after", "")
    return int(raw) if raw.isdigit() else None
