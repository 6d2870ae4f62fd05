"""What xapi does when other apps tell it something (STYLE C2: side concerns only)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.dispatch import receiver

from agencies.models import Person
from agencies.signals import people_anonymised

from .models import Statement

ANONYMOUS = "anonymised"  # the account name prefix of an anonymised learner
_FREE_TEXT = (
    ("result", "response"),
    ("result", "extensions"),
    ("context", "extensions"),
)


@receiver(people_anonymised, sender=Person)
def statements_anonymise(sender: Any, people: Any, **kwargs: Any) -> None:
    """PDPA retention: the statements of anonymised people keep their id, verb,
    activity, times and result, but not who the learner was (name, e-mail,
    account) nor the free text an LMS may have sent. The digest stays, so the
    LMS sending the statement again changes nothing."""
    rows = list(
        Statement.objects.filter(person__in=people).only("pk", "person", "body")
    )
    for row in rows:
        body = json.loads(row.body)
        name = f"{ANONYMOUS}-{row.person_id}"
        body["actor"] = {
            "objectType": "Agent",
            "account": {"homePage": settings.XAPI_HOME_PAGE, "name": name},
        }
        for part, key in _FREE_TEXT:
            if isinstance(body.get(part), dict):
                body[part].pop(key, None)
        row.body = json.dumps(body, ensure_ascii=False)
        row.actor = f"account:{settings.XAPI_HOME_PAGE}|{name}"
        row.actor_label = ""
    Statement.objects.bulk_update(
        rows, ["body", "actor", "actor_label"], batch_size=500
    )
