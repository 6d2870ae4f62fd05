"""Writes of scheduled rollout reports (SPEC §1: OCSC reads and exports rollout).

Each ScheduledReport owns one django-celery-beat PeriodicTask on a monthly
CrontabSchedule (Asia/Bangkok) that calls `reports.tasks.scheduled_report_send`.
Only OCSC administrators schedule; the task re-checks that the report's creator
is still one before anything is rendered or sent (STYLE C3.8).
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from agencies.scoping import AgencyScope, scope_for
from skillsportal.lib.fiscal_year import current_fiscal_year

from . import selectors
from .export_tables import ExportParams, Target
from .exports import render_export
from .models import ExportFormat, ScheduledReport

log = logging.getLogger(__name__)
TASK = "reports.tasks.scheduled_report_send"
FIELDS = ("name", "recipients", "fy", "fmt", "day_of_month", "hour", "enabled")


def _require_ocsc(scope: AgencyScope) -> None:
    if not scope.national:
        raise PermissionDenied


@transaction.atomic
def scheduled_report_save(
    *,
    scope: AgencyScope,
    user: User,
    report: ScheduledReport | None = None,
    data: dict[str, Any],
) -> ScheduledReport:
    """Create or update a scheduled report and its monthly beat task."""
    _require_ocsc(scope)
    if report is None:
        report = ScheduledReport(created_by=user)
    for name in FIELDS:
        if name in data:
            setattr(report, name, data[name])
    report.save()
    _sync_task(report)
    return report


def _sync_task(report: ScheduledReport) -> None:
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour=str(report.hour),
        day_of_month=str(report.day_of_month),
        month_of_year="*",
        day_of_week="*",
        timezone=ZoneInfo(settings.TIME_ZONE),
    )
    task = report.periodic_task or PeriodicTask(name=f"scheduled-report-{report.pk}")
    task.crontab = crontab
    task.interval = None
    task.task = TASK
    task.kwargs = json.dumps({"report_id": report.pk})
    task.enabled = report.enabled
    task.description = report.name
    task.save()
    if report.periodic_task_id != task.pk:
        report.periodic_task = task
        report.save(update_fields=["periodic_task"])


@transaction.atomic
def scheduled_report_delete(*, scope: AgencyScope, report: ScheduledReport) -> None:
    """Remove a scheduled report and its beat task."""
    _require_ocsc(scope)
    task = report.periodic_task
    report.delete()
    if task is not None:
        task.delete()


def scheduled_report_send(*, report_id: int, today: date | None = None) -> bool:
    """Render the rollout report and e-mail it to the list (idempotent per call).

    PDF: the whole rollout report; CSV/XLSX: the per-ministry table with the
    nation's totals first. Returns False (and records why) when not sent.
    """
    report = ScheduledReport.objects.select_related("created_by").get(pk=report_id)
    scope = scope_for(report.created_by)
    if not scope.national:
        return _not_sent(report, "ผู้สร้างรายงานไม่มีสิทธิ์ผู้ดูแลระบบ สำนักงาน ก.พ. แล้ว")
    fy = report.fy or current_fiscal_year(today or timezone.localdate())
    table = "rollout" if report.fmt == ExportFormat.PDF else "ministries"
    target = Target(scope=scope, params=ExportParams(fy=fy))
    rendered = render_export(target=target, table=table, fmt=report.fmt)
    national = selectors.national_trend(scope=scope, group=0)
    ctx = {
        "report": report,
        "fy": fy,
        "row": next((r for r in national if r.fy == fy), None),
    }
    message = EmailMessage(
        subject=f"{report.name} {_('ปีงบประมาณ')} {fy}",
        body=render_to_string("reports/scheduled_report_email.txt", ctx),
        to=report.recipient_list,
    )
    message.attach(rendered.filename, rendered.content, rendered.content_type)
    message.send()
    report.last_sent_at, report.last_error = timezone.now(), ""
    report.save(update_fields=["last_sent_at", "last_error"])
    log.info("scheduled report %s sent to %s", report.pk, len(report.recipient_list))
    return True


def _not_sent(report: ScheduledReport, reason: str) -> bool:
    report.last_error = reason
    report.save(update_fields=["last_error"])
    log.warning("scheduled report %s not sent: creator lacks the role", report.pk)
    return False
