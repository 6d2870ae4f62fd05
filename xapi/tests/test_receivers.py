"""Retention reaches the statements: an anonymised leaver's learning history
keeps its facts but no longer says who the learner was (PDPA)."""

import json
from datetime import date

from agencies.tests.factories import person_leaves
from competencies.services.retention import leavers_anonymise
from xapi.models import Statement, StatementRef

from .conftest import completed

SECRETS = ("สมศรี ลับเฉพาะ", "ความเห็นส่วนตัวของผู้เรียน", "mailto:mentor@example.go.th")


def test_an_anonymised_leaver_statements_say_nothing_about_who(lms, learner, course):
    person, nid = learner
    sent = completed(nid)
    sent["actor"]["name"] = SECRETS[0]
    sent["result"]["response"] = SECRETS[1]
    sent["context"] = {
        "extensions": {"https://lms.example/notes": SECRETS[1]},
        "instructor": {"mbox": SECRETS[2]},
    }
    assert lms.post([sent]).status_code == 200
    before = Statement.objects.get(pk=sent["id"])
    masked = before.actor_label  # the national ID as the portal keeps it
    assert SECRETS[0] in before.body and masked in before.body
    person_leaves(person, date(2026, 12, 1))

    assert leavers_anonymise(years=1, today=date(2028, 1, 1)).persons == 1

    after = Statement.objects.get(pk=sent["id"])
    assert not any(secret in after.body for secret in SECRETS)
    assert masked not in after.body and after.actor_label == ""
    assert (after.actor, after.digest) == (
        f"account:https://skillsportal.ocsc.go.th|anonymised-{person.pk}",
        before.digest,
    )
    shown = lms.get(statementId=sent["id"]).json()
    assert shown["actor"]["account"]["name"] == f"anonymised-{person.pk}"
    assert (shown["verb"], shown["object"]["id"]) == (
        sent["verb"],
        sent["object"]["id"],
    )
    assert shown["result"]["completion"] is True and "response" not in shown["result"]
    assert json.loads(after.body)["id"] == sent["id"]
    assert not StatementRef.objects.filter(statement=after, kind="agent").exists()
    again = lms.post([sent])  # the LMS sends it again: nothing changes
    assert again.status_code == 200
    assert Statement.objects.get(pk=sent["id"]).body == after.body


def test_other_learners_are_untouched(lms, learner, course, department_a1):
    person, nid = learner
    sent = completed(nid)
    lms.post([sent])
    before = Statement.objects.get(pk=sent["id"]).body

    assert leavers_anonymise(years=1, today=date(2028, 1, 1)).persons == 0

    assert Statement.objects.get(pk=sent["id"]).body == before
