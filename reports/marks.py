"""Mark compliance figures stale when their inputs change (cache invalidation).

Signals are used here only because this is a side concern (STYLE C2): whatever
writes a version, training record or assessment, the figures follow. Bulk writers
send `agencies.signals.person_records_changed` instead.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from agencies.models import Agency, PersonVersion
from agencies.signals import person_records_changed
from competencies.models import (
    Assessment,
    Framework,
    RolloutPhase,
    TargetLevel,
    TrainingRecord,
)
from skillsportal.lib.queue import enqueue

from . import services
from .board_cache import figures_changed

QUEUED_KEY = "compliance:refresh-queued"
RECOMPUTE_KEY = "compliance:recompute-queued"
DATE_FIELD: dict[type[Model], str] = {
    TrainingRecord: "completed_on",
    Assessment: "assessed_on",
    PersonVersion: "effective_date",
}


def request_refresh() -> None:
    enqueue("reports.tasks.compliance_refresh_marked", once=QUEUED_KEY, countdown=1)


@receiver(pre_save, sender=TrainingRecord)
@receiver(pre_save, sender=Assessment)
@receiver(pre_save, sender=PersonVersion)
def _remember_old_date(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    """An edit may move a record to another date or person: both sides go stale."""
    old = None
    if instance.pk:
        old = (
            sender._default_manager.filter(pk=instance.pk)
            .values_list("person_id", DATE_FIELD[sender])
            .first()
        )
    instance._compliance_old = old or (None, None)


@receiver(post_save, sender=TrainingRecord)
@receiver(post_save, sender=Assessment)
@receiver(post_save, sender=PersonVersion)
@receiver(post_delete, sender=TrainingRecord)
@receiver(post_delete, sender=Assessment)
@receiver(post_delete, sender=PersonVersion)
def _mark_record(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    new: date = getattr(instance, DATE_FIELD[sender])
    old_person, old_date = getattr(instance, "_compliance_old", (None, None))
    only_that_year = sender is TrainingRecord
    for person_id, day in {(instance.person_id, new), (old_person, old_date)}:
        if person_id and day:
            services.compliance_mark(
                person_ids=[person_id], since=day, only_that_year=only_that_year
            )
    request_refresh()


@receiver(person_records_changed)
def _mark_people(sender: Any, person_ids: Any, since: date, **kwargs: Any) -> None:
    services.compliance_mark(person_ids=person_ids, since=since)
    request_refresh()


@receiver(post_save, sender=Framework)
@receiver(post_save, sender=TargetLevel)
@receiver(post_save, sender=RolloutPhase)
def _framework_changed(**kwargs: Any) -> None:
    """Targets, policy or phases changed: every fiscal year is recomputed."""
    enqueue("reports.tasks.compliance_recompute_all", once=RECOMPUTE_KEY, countdown=1)


@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
def _tree_changed(**kwargs: Any) -> None:
    """An agency renamed, moved or removed: the cached boards, their tables and
    the API pages name and nest agencies, so none of them is kept."""
    figures_changed()
