"""Celery tasks for agencies: thin doors onto services."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def person_refresh_current(*, person_ids: list[int] | None = None) -> int:
    """Copy the version valid today into people's current facts."""
    if person_ids is None:
        return services.person_refresh_due()
    return services.person_refresh_current(person_ids=person_ids)
