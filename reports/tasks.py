"""Celery tasks keeping the compliance figures fresh: thin doors onto services."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from skillsportal.lib.fiscal_year import current_fiscal_year

from . import export_jobs, schedules, services


@shared_task(acks_late=True)
def compliance_refresh_marked() -> int:
    """Recompute what was marked stale (debounced: one queued at a time)."""
    from .marks import QUEUED_KEY

    try:
        cache.delete(QUEUED_KEY)  # changes from now on queue a new run
    except Exception:
        pass
    run = services.compliance_refresh_marked()
    return run.persons if run else 0


@shared_task(acks_late=True)
def compliance_recompute(*, fy: int) -> int:
    """Recompute one fiscal year in full."""
    return services.compliance_recompute(fy=fy).rows


@shared_task(acks_late=True)
def compliance_recompute_all() -> int:
    """Recompute every fiscal year in full (after framework or phase changes)."""
    from .marks import RECOMPUTE_KEY

    try:
        cache.delete(RECOMPUTE_KEY)
    except Exception:
        pass
    runs = services.compliance_recompute_years(services.fiscal_years())
    return sum(run.rows for run in runs)


@shared_task(acks_late=True)
def compliance_nightly() -> int:
    """The current FY's as-of date moves every day: recompute it in full."""
    fy = current_fiscal_year(timezone.localdate())
    return services.compliance_recompute(fy=fy).rows


@shared_task(acks_late=True)
def export_job_run(*, job_id: int) -> str:
    """Render one queued export for its creator (SPEC §9; scope rebuilt inside)."""
    job = export_jobs.export_job_run(job_id=job_id)
    return job.status if job else "skipped"


@shared_task(acks_late=True)
def export_job_purge() -> int:
    """Delete export files past their retention; the audit rows stay."""
    return export_jobs.export_job_purge()


@shared_task(acks_late=True)
def scheduled_report_send(*, report_id: int) -> bool:
    """E-mail one scheduled rollout report (fired monthly by celery beat)."""
    return schedules.scheduled_report_send(report_id=report_id)


@shared_task(acks_late=True)
def reminders_send() -> int:
    """Daily (beat): remind people behind their targets before the FY ends.

    Who is behind comes from the engine's per-person figures (reports); sending is
    competencies' service, so the task lives here, where both may be imported.
    """
    from competencies import services as competencies_services

    from .selectors import people_behind_targets

    today = timezone.localdate()
    fy = current_fiscal_year(today)
    return competencies_services.reminders_send(
        candidates=people_behind_targets(fy=fy), fy=fy, today=today
    )
