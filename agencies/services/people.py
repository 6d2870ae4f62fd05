"""Writes to people and their versions (SPEC §3)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Person, PersonVersion


def person_refresh_current(
    *,
    person_ids: Iterable[int] | QuerySet[PersonVersion, dict[str, int]] | None = None,
    today: date | None = None,
) -> int:
    """Copy each person's version valid today into `Person.current_*` (one UPDATE).

    A person whose first version is still in the future keeps that version's facts,
    so the HR officer who registered a future hire can still find them.
    """
    today = today or timezone.localdate()
    past = PersonVersion.objects.filter(
        person=OuterRef("pk"), effective_date__lte=today
    ).order_by("-effective_date")
    future = PersonVersion.objects.filter(
        person=OuterRef("pk"), effective_date__gt=today
    ).order_by("effective_date")

    def current(field: str) -> Coalesce:
        return Coalesce(
            Subquery(past.values(field)[:1]), Subquery(future.values(field)[:1])
        )

    people = Person.objects.all()
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    return people.update(
        current_agency=current("agency"),
        current_category=current("category"),
        current_target_group=current("target_group"),
        current_status=current("status"),
    )


def person_refresh_due(*, today: date | None = None, days: int = 7) -> int:
    """Refresh people whose version took effect in the last `days` days (daily job).

    Versions dated in the future become current on their day; a week's overlap
    makes a missed run harmless.
    """
    today = today or timezone.localdate()
    due = PersonVersion.objects.filter(
        effective_date__gt=today - timedelta(days=days), effective_date__lte=today
    ).values("person_id")
    return person_refresh_current(person_ids=due, today=today)
