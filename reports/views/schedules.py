"""Scheduled rollout reports (OCSC administrators): list, form, delete, send now."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.views import scope_of, user_of

from .. import schedules, selectors
from ..forms import ScheduledReportForm
from ..models import ScheduledReport
from ..tasks import scheduled_report_send
from . import ocsc_required


@ocsc_required
@require_GET
def schedule_list(request: HttpRequest) -> HttpResponse:
    reports = ScheduledReport.objects.select_related("periodic_task__crontab")
    return render(request, "reports/schedule_list.html", {"reports": reports})


@ocsc_required
def schedule_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a monthly report; saving (re)writes its beat task."""
    report = get_object_or_404(ScheduledReport, pk=pk) if pk else None
    form = ScheduledReportForm(
        request.POST or None, instance=report, years=selectors.dashboard_years()
    )
    if request.method == "POST" and form.is_valid():
        schedules.scheduled_report_save(
            scope=scope_of(request),
            user=user_of(request),
            report=report,
            data=form.cleaned_data,
        )
        messages.success(request, _("บันทึกรายงานตามกำหนดเวลาแล้ว"))
        return redirect("reports:schedule-list")
    ctx = {"form": form, "report": report}
    return render(request, "reports/schedule_form.html", ctx)


@ocsc_required
@require_POST
def schedule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ScheduledReport, pk=pk)
    schedules.scheduled_report_delete(scope=scope_of(request), report=report)
    messages.success(request, _("ลบรายงานตามกำหนดเวลาแล้ว"))
    return redirect("reports:schedule-list")


@ocsc_required
@require_POST
def schedule_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send one report now (queued; eager in the demo)."""
    report = get_object_or_404(ScheduledReport, pk=pk)
    scheduled_report_send.delay(report_id=report.pk)
    messages.success(request, _("ส่งรายงานเข้าคิวแล้ว"))
    return redirect("reports:schedule-list")
