"""What xapi does when other apps tell it something (STYLE C2: side concerns only)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver

from agencies.models import Person
from agencies.signals import people_anonymised
from skillsportal.lib.bulk import bulk_update

from .models import RefKind, Statement, StatementRef

ANONYMOUS = "anonymised"  # the account name prefix of an anonymised learner
_FREE_TEXT = (
    ("result", "response"),
    ("result", "extensions"),
    ("context", "extensions"),
)
_AGENT_KEYS = {"mbox", "mbox_sha1sum", "openid", "account", "member"}
_CHUNK = 500


@receiver(people_anonymised, sender=Person)
def statements_anonymise(sender: Any, people: Any, **kwargs: Any) -> None:
    """PDPA retention: the statements of anonymised people, and those of the
    same learner no one matched, keep their id, verb, activity, times and
    result, but say nobody's name, e-mail or account (the learner's nor an
    instructor's or team's) and lose the free text an LMS may have sent; refs
    naming the learner go. The keyed digest stays, so the LMS sending a
    statement again changes nothing."""
    actors = set(
        Statement.objects.filter(person__in=people).values_list("actor", flat=True)
    )
    mine = Statement.objects.filter(Q(person__in=people) | Q(actor__in=actors))
    StatementRef.objects.filter(
        Q(statement__in=mine.values("pk")) | Q(value__in=actors), kind=RefKind.AGENT
    ).delete()
    rows = mine.only("pk", "person", "body").order_by("pk")
    batch: list[Statement] = []
    for row in rows.iterator(chunk_size=_CHUNK):
        name = f"{ANONYMOUS}-{row.person_id or row.pk}"
        anonymous = {
            "objectType": "Agent",
            "account": {"homePage": settings.XAPI_HOME_PAGE, "name": name},
        }
        body = json.loads(row.body)
        authority = body.pop("authority", None)
        body = _nobody(body, anonymous)
        if authority is not None:
            body["authority"] = authority  # the key: a system, not a person
        for part, key in _FREE_TEXT:
            if isinstance(body.get(part), dict):
                body[part].pop(key, None)
        row.body = json.dumps(body, ensure_ascii=False)
        row.actor = f"account:{settings.XAPI_HOME_PAGE}|{name}"
        row.actor_label = ""
        batch.append(row)
        if len(batch) == _CHUNK:
            bulk_update(Statement, batch, ["body", "actor", "actor_label"])
            batch = []
    bulk_update(Statement, batch, ["body", "actor", "actor_label"])


def _nobody(value: Any, anonymous: dict[str, Any]) -> Any:
    """`value` with every Agent or Group in it replaced by `anonymous`."""
    if isinstance(value, list):
        return [_nobody(item, anonymous) for item in value]
    if not isinstance(value, dict):
        return value
    if value.get("objectType") in ("Agent", "Group") or _AGENT_KEYS & value.keys():
        return dict(anonymous)
    return {key: _nobody(item, anonymous) for key, item in value.items()}
