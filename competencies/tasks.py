"""Celery tasks for competencies: thin doors onto services (STYLE C8).

Import jobs take the job id only and rebuild the uploader's scope inside the
task, so a revoked role takes effect even for a queued job.
"""

from celery import shared_task

from agencies.scoping import scope_for

from . import services
from .models import ImportJob


@shared_task(acks_late=True)
def import_job_validate(*, job_id: int) -> None:
    """Validate an uploaded import file and store its preview (SPEC §9)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    services.import_job_validate(job=job, scope=scope_for(job.created_by))


@shared_task(acks_late=True)
def import_job_run(*, job_id: int) -> None:
    """Write a confirmed import job in one transaction (SPEC §9)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    services.import_job_run(job=job, scope=scope_for(job.created_by))


@shared_task(acks_late=True)
def import_job_purge() -> int:
    """Daily (beat): delete uploaded import files past their retention."""
    return services.import_job_purge()


@shared_task(acks_late=True)
def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one in-portal notification (queued on commit; sent at most once)."""
    return services.notification_email_send(notification_id=notification_id)
