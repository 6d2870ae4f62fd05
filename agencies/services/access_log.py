"""ACCESS entries in the audit trail: who opened a person's data, when (PDPA).

A page view or an API read of one person writes a django-auditlog ACCESS entry
(`LogEntry.Action.ACCESS`), shown in the person page's audit trail. Repeated views
by the same actor within `ACCESS_WINDOW` count as one, so the trail of changes is
not buried under reloads. A person viewing their own record is not logged.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from agencies.models import ApiKey, Person

ACCESS_WINDOW = timedelta(minutes=10)


def person_access_log(
    *, person: Person, actor: Any, api_key: ApiKey | None = None
) -> LogEntry | None:
    """Record that `actor` (a user, or a system through `api_key`) read `person`.

    Returns the new entry, or None for self-service and repeats within the window.
    """
    user = actor if isinstance(actor, get_user_model()) else None
    if user is not None and person.user_id == user.pk:
        return None
    recent = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=person.pk,
        action=LogEntry.Action.ACCESS,
        actor=user,
        timestamp__gte=timezone.now() - ACCESS_WINDOW,
    )
    if api_key is not None:
        recent = recent.filter(additional_data__api_key=api_key.prefix)
    if recent.exists():
        return None
    extra = {"api_key": api_key.prefix} if api_key is not None else None
    return LogEntry.objects.log_create(
        person,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        actor=user,
        additional_data=extra,
    )
