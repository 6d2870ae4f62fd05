"""Import jobs: the browser's upload → validate → confirm → write flow (SPEC §9).

The file is stored privately; a Celery task validates it without writing, then,
once confirmed, writes it in one transaction through the same importer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from agencies.access import require_national, require_writer
from agencies.models import Agency
from agencies.scoping import AgencyScope
from agencies.services import agencies_import, roster_import
from skillsportal.lib.bulk import ImportResult
from skillsportal.lib.importing import RowError
from skillsportal.lib.queue import enqueue

from ..models import ImportJob, ImportKind, ImportStatus
from .courses import courses_import
from .imports import assessments_import, training_import

MSG_CRASHED = "เกิดข้อผิดพลาดที่ไม่คาดคิด ไม่มีข้อมูลใดถูกบันทึก กรุณาติดต่อผู้ดูแลระบบ"
MSG_EXPIRED = (
    "ไฟล์นี้ถูกลบเมื่อครบระยะเวลาเก็บรักษา ไม่มีข้อมูลใดถูกบันทึก กรุณาอัปโหลดใหม่",
    "The file was deleted after its retention period; nothing was written. "
    "Upload it again.",
)

IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    ImportKind.AGENCIES: agencies_import,
    ImportKind.ROSTER: roster_import,
    ImportKind.TRAINING: training_import,
    ImportKind.ASSESSMENTS: assessments_import,
    ImportKind.COURSES: courses_import,
}


def import_job_create(
    *, scope: AgencyScope, user: Any, kind: str, upload: UploadedFile
) -> ImportJob:
    """Store an uploaded file privately and queue its validation (SPEC §9).

    Only HR (write scope) or OCSC may import; agencies only OCSC (SPEC §8).
    """
    require_writer(scope)
    if kind == ImportKind.AGENCIES:
        require_national(scope)
    if upload.size is None or upload.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(_too_big(), code="too_big")
    name = (upload.name or "upload").rsplit("/", 1)[-1][-200:]
    job = ImportJob(kind=kind, original_name=name, created_by=user)
    if not scope.national:
        job.agency = Agency.objects.filter(path=scope.write_paths[0]).first()
    job.file.save(f"{kind}{_extension(name)}", upload, save=False)
    job.save()
    enqueue("competencies.tasks.import_job_validate", job_id=job.pk)
    return job


def _too_big() -> str:
    mb = settings.IMPORT_MAX_BYTES / (1024 * 1024)
    return f"ไฟล์มีขนาดใหญ่เกินกำหนด (ไม่เกิน {mb:g} MB) / File is larger than {mb:g} MB"


def _extension(name: str) -> str:
    lowered = name.lower()
    return ".xlsx" if lowered.endswith(".xlsx") else ".csv"


def import_job_validate(*, job: ImportJob, scope: AgencyScope) -> None:
    """Validate a job's file without writing; keep counts or errors (SPEC §9)."""
    claimed = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.UPLOADED, ImportStatus.VALIDATING]
    ).update(status=ImportStatus.VALIDATING, progress=5)
    if claimed:
        _execute(job, scope, commit=False)


def import_job_confirm(*, job: ImportJob, scope: AgencyScope) -> bool:
    """Queue the import of a validated job, once (a conditional UPDATE claims it)."""
    require_writer(scope)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.VALIDATED).update(
        status=ImportStatus.IMPORTING, progress=0
    )
    if claimed:
        enqueue("competencies.tasks.import_job_run", job_id=job.pk)
    return bool(claimed)


def import_job_run(*, job: ImportJob, scope: AgencyScope) -> None:
    """Write a confirmed job in one transaction; revalidates first (SPEC §9)."""
    if ImportJob.objects.filter(pk=job.pk, status=ImportStatus.IMPORTING).exists():
        _execute(job, scope, commit=True)


def _execute(job: ImportJob, scope: AgencyScope, *, commit: bool) -> None:
    def progress(percent: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(progress=min(percent, 99))

    with job.file.open("rb") as handle:
        data = handle.read()
    # A catalogue file fills the uploader's agency's catalogue (OCSC: national).
    owner = {"owner": job.agency} if job.kind == ImportKind.COURSES else {}
    try:
        result = IMPORTERS[job.kind](
            **owner,
            data=data,
            filename=job.file.name,
            scope=scope,
            actor=job.created_by,
            commit=commit,
            source={"import_job": job.pk, "file": job.original_name},
            progress=progress,
        )
    except PermissionDenied as exc:
        error = RowError(None, "", "", str(exc), "You may not import this data")
        result = ImportResult(errors=[error])
    except Exception:
        # Never leave the page polling a job that will not finish.
        error = RowError(None, "", "", MSG_CRASHED, "Unexpected error; nothing written")
        _finish(job, ImportResult(errors=[error]), commit=commit)
        raise
    _finish(job, result, commit=commit)


def _finish(job: ImportJob, result: ImportResult, *, commit: bool) -> None:
    if result.ok:
        status = ImportStatus.DONE if commit else ImportStatus.VALIDATED
    else:
        status = ImportStatus.FAILED
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        progress=100,
        counts=result.counts if result.ok else {},
        errors=[e.as_dict() for e in result.errors],
        warnings=[w.as_dict() for w in result.warnings],
        transfers=result.transfers if result.ok else [],
        finished_at=timezone.now() if commit or not result.ok else None,
    )


def import_job_purge(*, older_than: timedelta | None = None) -> int:
    """Delete uploaded files past their retention, and the errors quoting them;
    the job rows stay (PDPA s.37(3)).

    Uploaded rosters hold full national IDs and names. A job still waiting for
    confirmation expires (failed, with the reason), claimed by a conditional
    UPDATE so a confirmation at the same moment wins; running jobs are left.
    """
    keep = older_than or timedelta(days=settings.IMPORT_FILES_KEEP_DAYS)
    old = (
        ImportJob.objects.filter(created_at__lt=timezone.now() - keep)
        .exclude(file="")
        .exclude(status__in=[ImportStatus.VALIDATING, ImportStatus.IMPORTING])
    )
    expired = [RowError(None, "", "", *MSG_EXPIRED).as_dict()]
    purged = 0
    for job in old.iterator():
        waiting = job.status in (ImportStatus.UPLOADED, ImportStatus.VALIDATED)
        if waiting and not ImportJob.objects.filter(
            pk=job.pk, status=job.status
        ).update(
            status=ImportStatus.FAILED, errors=expired, finished_at=timezone.now()
        ):
            continue
        job.file.delete(save=False)
        errors = expired if waiting else []
        ImportJob.objects.filter(pk=job.pk).update(
            file="", errors=errors, transfers=[], warnings=[]
        )
        purged += 1
    return purged
