# ruff: noqa: E501  (a table of cases, one per line)
"""xAPI 1.0.3 formatting requirements (Data §2.2–2.4): each rule, good and bad."""

import copy

import pytest

from xapi.validation import duration_hours, statement_problems

GOOD = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {"objectType": "Agent", "name": "Dara", "mbox": "mailto:dara@example.org"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
    "object": {
        "id": "http://example.org/course/1",
        "definition": {"name": {"th-TH": "หลักสูตร"}, "type": "http://adlnet.gov/expapi/activities/course"},
    },
    "result": {"score": {"scaled": 0.8, "raw": 8, "min": 0, "max": 10}, "success": True,
               "completion": True, "duration": "PT1H30M"},
    "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "platform": "Moodle",
                "language": "th-TH", "contextActivities": {"parent": [{"id": "http://example.org/p"}]},
                "extensions": {"urn:skillsportal:xapi:skills": "DLIT", "http://x.org/e": None}},
    "timestamp": "2026-11-20T10:00:00.123+07:00",
}  # fmt: skip


def with_(change):
    statement = copy.deepcopy(GOOD)
    change(statement)
    return statement


def test_a_good_statement_has_no_problems():
    assert statement_problems(GOOD) == []


def test_a_group_actor_and_sub_statement_are_accepted():
    group = {"objectType": "Group", "member": [{"mbox": "mailto:a@example.org"}]}
    sub = {
        "objectType": "SubStatement",
        "actor": {"mbox": "mailto:b@example.org"},
        "verb": {"id": "http://example.org/v"},
        "object": {"id": "http://example.org/a"},
    }
    statement = with_(lambda s: s.update(actor=group, object=sub))
    del statement["context"]["platform"]  # only with an Activity object
    assert statement_problems(statement) == []


BAD = {
    "not an object": (lambda s: s.clear() or s.update(x=1), "x"),
    "missing actor": (lambda s: s.pop("actor"), "actor"),
    "missing verb": (lambda s: s.pop("verb"), "verb"),
    "missing object": (lambda s: s.pop("object"), "object"),
    "null value": (lambda s: s["result"].update(response=None), "result.response"),
    "bad id": (lambda s: s.update(id="not-a-uuid"), "id"),
    "short uuid": (lambda s: s.update(id="fd41c918-b88b-4b20-a0a5"), "id"),
    "verb id not an IRI": (lambda s: s["verb"].update(id="completed"), "verb.id"),
    "IRI with a space": (lambda s: s["object"].update(id="http://x.org/a b"), "object.id"),
    "two identifiers": (lambda s: s["actor"].update(openid="http://x.org/me"), "actor"),
    "no identifier": (lambda s: s["actor"].pop("mbox"), "actor"),
    "mbox without mailto": (lambda s: s["actor"].update(mbox="dara@example.org"), "actor.mbox"),
    "bad sha1": (lambda s: s.update(actor={"mbox_sha1sum": "abc"}), "actor.mbox_sha1sum"),
    "account without name": (
        lambda s: s.update(actor={"account": {"homePage": "http://x.org"}}), "actor.account.name"),
    "anonymous group without members": (
        lambda s: s.update(actor={"objectType": "Group"}), "actor.member"),
    "bad language tag": (lambda s: s["verb"].update(display={"en US": "x"}), "verb.display"),
    "language map not a map": (lambda s: s["verb"].update(display="completed"), "verb.display"),
    "duration PT": (lambda s: s["result"].update(duration="PT"), "result.duration"),
    "duration P": (lambda s: s["result"].update(duration="P"), "result.duration"),
    "duration in words": (lambda s: s["result"].update(duration="1 hour"), "result.duration"),
    "scaled above 1": (lambda s: s["result"]["score"].update(scaled=1.5), "result.score.scaled"),
    "raw above max": (lambda s: s["result"]["score"].update(raw=11), "result.score.raw"),
    "min not below max": (lambda s: s["result"]["score"].update(min=10), "result.score.min"),
    "success not boolean": (lambda s: s["result"].update(success="yes"), "result.success"),
    "bad timestamp": (lambda s: s.update(timestamp="20/11/2026"), "timestamp"),
    "negative zero offset": (
        lambda s: s.update(timestamp="2026-11-20T10:00:00-00:00"), "timestamp"),
    "bad registration": (lambda s: s["context"].update(registration="r1"), "context.registration"),
    "platform on an agent object": (
        lambda s: s.update(object={"objectType": "Agent", "mbox": "mailto:x@x.org"}),
        "context.platform"),
    "unknown property": (lambda s: s.update(colour="blue"), "colour"),
    "unknown object type": (lambda s: s["object"].update(objectType="Thing"), "object.objectType"),
    "extension key not an IRI": (
        lambda s: s["context"].update(extensions={"skills": "x"}), "context.extensions.skills"),
    "bad version": (lambda s: s.update(version="2.0.0"), "version"),
    "voiding without a StatementRef": (
        lambda s: s["verb"].update(id="http://adlnet.gov/expapi/verbs/voided"), "object"),
    "sub-statement with an id": (
        lambda s: s.update(object={"objectType": "SubStatement", "id": GOOD["id"],
                                   "actor": GOOD["actor"], "verb": GOOD["verb"],
                                   "object": {"id": "http://x.org/a"}}), "object.id"),
    "nested sub-statement": (
        lambda s: s.update(object={"objectType": "SubStatement", "actor": GOOD["actor"],
                                   "verb": GOOD["verb"],
                                   "object": {"objectType": "SubStatement"}}),
        "object.object.objectType"),
}  # fmt: skip


@pytest.mark.parametrize("change, where", BAD.values(), ids=BAD.keys())
def test_a_bad_statement_names_the_rule(change, where):
    problems = statement_problems(with_(change))
    assert problems, "accepted"
    assert any(p.startswith(where) for p in problems), problems


def test_a_list_where_an_object_belongs():
    assert statement_problems([GOOD])


def test_nulls_inside_extensions_are_allowed():
    assert statement_problems(GOOD) == []  # GOOD carries one


@pytest.mark.parametrize(
    "duration, hours",
    [("PT3H", 3), ("PT1H30M", 1.5), ("PT90M", 1.5), ("P1DT2H", 26), ("PT0.5H", 0.5),
     ("PT5400S", 1.5), ("P1W", 168)],
)  # fmt: skip
def test_duration_hours(duration, hours):
    assert duration_hours(duration) == pytest.approx(hours)
