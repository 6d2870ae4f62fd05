"""Writes of exports (SPEC §8, §9): every export is recorded; long ones run in Celery.

A short table is rendered in the request and recorded as a finished ExportJob
(who exported what, when, how many rows). A long table or any PDF becomes a
queued job: the task rebuilds the creator's scope from their user id (STYLE
C3.8), renders into a private file and only the creator may download it.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.scoping import AgencyScope, scope_for
from skillsportal.lib.queue import enqueue

from .export_tables import TABLES, ExportParams, Target
from .exports import DOCUMENT_LABELS, DOCUMENTS, Rendered, render_export
from .models import ExportJob, ExportStatus

log = logging.getLogger(__name__)
STALE_RUN = timedelta(hours=1)
KEEP_FILES = timedelta(days=7)
NATIONAL_DOCUMENTS = {"rollout"}


def export_is_long(*, table: str) -> bool:
    """Whole reports and unbounded tables run as jobs with progress; a short
    table answers at once in every format, PDF included (one flow, issue 19)."""
    return table in DOCUMENTS or TABLES[table].long


def export_label(*, table: str, target: Target) -> str:
    """A Thai name for a queued export, shown until the file has its own title."""
    label = DOCUMENT_LABELS[table] if table in DOCUMENTS else TABLES[table].label
    where = target.agency or target.parent
    suffix = f" {where.name_th}" if where else ""
    return f"{label}{suffix} {_('ปีงบประมาณ')} {target.params.fy}"


def export_target(*, scope: AgencyScope, table: str, params: ExportParams) -> Target:
    """The export's agency or parent fetched inside the scope (SPEC §8).

    Out of scope is Http404 (existence does not leak); a national table asked
    for by anyone but OCSC is PermissionDenied, like the OCSC pages.
    """
    national_only = table in NATIONAL_DOCUMENTS or (
        table in TABLES and TABLES[table].national_only
    )
    if national_only and not scope.national:
        raise PermissionDenied
    needs_agency = table == "agency" or (table in TABLES and TABLES[table].needs_agency)
    agencies = Agency.objects.visible_to(scope)
    agency = parent = None
    if needs_agency:
        agency = agencies.filter(pk=params.agency or 0).first()
        if agency is None:
            raise Http404
    if params.parent is not None:
        parent = agencies.filter(pk=params.parent).first()
        if parent is None:
            raise Http404
    return Target(scope=scope, params=params, agency=agency, parent=parent)


def export_now(
    *,
    scope: AgencyScope,
    user: User,
    table: str,
    fmt: str,
    params: ExportParams,
) -> Rendered:
    """Render a short export in the request and record it as a finished job."""
    target = export_target(scope=scope, table=table, params=params)
    rendered = render_export(target=target, table=table, fmt=fmt)
    ExportJob.objects.create(
        created_by=user,
        table=table,
        fmt=fmt,
        params=params.to_json(),
        title=export_label(table=table, target=target),
        status=ExportStatus.DONE,
        progress=100,
        rows=rendered.rows,
        filename=rendered.filename,
        finished_at=timezone.now(),
    )
    return rendered


def export_job_create(
    *,
    scope: AgencyScope,
    user: User,
    table: str,
    fmt: str,
    params: ExportParams,
) -> ExportJob:
    """Queue a long export for the user; the task starts after commit."""
    target = export_target(scope=scope, table=table, params=params)
    job = ExportJob.objects.create(
        created_by=user,
        table=table,
        fmt=fmt,
        params=params.to_json(),
        title=export_label(table=table, target=target),
    )
    enqueue("reports.tasks.export_job_run", job_id=job.pk)
    return job


def _claim(job_id: int) -> bool:
    """Idempotent start: a queued job, or a running one whose worker died."""
    stale = timezone.now() - STALE_RUN
    queued = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED)
    dead = ExportJob.objects.filter(
        pk=job_id, status=ExportStatus.RUNNING, created_at__lt=stale
    )
    return bool((queued | dead).update(status=ExportStatus.RUNNING, progress=1))


def _progress(job_id: int, percent: int) -> None:
    ExportJob.objects.filter(pk=job_id).update(progress=max(1, min(percent, 99)))


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Render a queued job with its creator's current scope; store it privately."""
    if not _claim(job_id):
        return None
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        target = export_target(
            scope=scope_for(job.created_by),
            table=job.table,
            params=ExportParams.from_json(job.params),
        )
        rendered = render_export(
            target=target,
            table=job.table,
            fmt=job.fmt,
            progress=lambda p: _progress(job.pk, p),
        )
    except (PermissionDenied, Http404):
        return _fail(job, "ไม่มีสิทธิ์เข้าถึงข้อมูลนี้แล้ว")
    except Exception:
        log.exception("export job %s failed", job.pk)
        return _fail(job, "จัดทำไฟล์ไม่สำเร็จ กรุณาลองใหม่หรือแจ้งผู้ดูแลระบบ")
    job.file.save(
        f"{uuid.uuid4().hex}.{job.fmt}", ContentFile(rendered.content), save=False
    )
    job.title = job.title or rendered.title
    job.filename, job.rows = rendered.filename, rendered.rows
    job.status, job.progress, job.finished_at = ExportStatus.DONE, 100, timezone.now()
    job.save()
    log.info("export job %s done: %s bytes", job.pk, len(rendered.content))
    return job


def _fail(job: ExportJob, message: str) -> ExportJob:
    job.status, job.error, job.finished_at = (
        ExportStatus.FAILED,
        message,
        timezone.now(),
    )
    job.save(update_fields=["status", "error", "finished_at"])
    return job


def export_job_purge(*, older_than: timedelta = KEEP_FILES) -> int:
    """Delete export files older than `older_than`; the rows stay as the audit trail.

    Exported worklists hold names (PDPA s.37(3): keep no longer than needed).
    """
    old = ExportJob.objects.filter(created_at__lt=timezone.now() - older_than).exclude(
        file=""
    )
    purged = 0
    for job in old.iterator():
        job.file.delete(save=False)
        job.file = ""
        job.save(update_fields=["file"])
        purged += 1
    return purged
