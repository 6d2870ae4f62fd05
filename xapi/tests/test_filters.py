"""GET /xapi/statements filters beyond actor and object (xAPI Communication
§2.1.3): registration, related_activities, related_agents; and /xapi/about."""

import json
import uuid

from rest_framework.test import APIClient

from agencies.tests.factories import PersonFactory, new_national_id
from xapi.identities import statement_refs
from xapi.models import RefKind, Statement

from .conftest import ACTIVITY, HOME, completed

COURSE_SET = "https://lms.example.go.th/program/digital-2570"
TEACHER = {"objectType": "Agent", "mbox": "mailto:teacher@example.go.th"}
MENTEE = {"objectType": "Agent", "mbox": "mailto:mentee@example.go.th"}
MENTORED = "http://id.tincanapi.com/verb/mentored"


def ids(response):
    assert response.status_code == 200, response.content
    return {s["id"] for s in response.json()["statements"]}


def agent(value):
    return json.dumps(value)


def test_registration_keeps_one_attempt(lms, learner):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    a = completed(learner[1], context={"registration": first})
    b = completed(learner[1], context={"registration": second})
    lms.post([a, b, completed(learner[1])])
    assert ids(lms.get(registration=first.upper())) == {a["id"]}
    assert ids(lms.get(registration=second, activity=ACTIVITY)) == {b["id"]}
    assert lms.get(registration="attempt-1").status_code == 400


def test_related_activities_reach_the_context(lms, learner):
    inside = completed(
        learner[1],
        activity="https://lms.example.go.th/lesson/1",
        context={"contextActivities": {"parent": [{"id": COURSE_SET}]}},
    )
    direct = completed(learner[1], activity=COURSE_SET)
    lms.post([inside, direct, completed(learner[1])])
    assert ids(lms.get(activity=COURSE_SET)) == {direct["id"]}
    assert ids(lms.get(activity=COURSE_SET, related_activities="true")) == {
        inside["id"],
        direct["id"],
    }
    assert lms.get(activity=COURSE_SET, related_activities="yes").status_code == 400


def test_the_agent_filter_matches_actor_or_object_and_related_reaches_further(
    lms, learner
):
    taught = completed(learner[1], context={"instructor": TEACHER})
    mentoring = {  # the teacher is the object of someone else's statement
        "actor": MENTEE,
        "verb": {"id": MENTORED, "display": {"en-US": "mentored"}},
        "object": TEACHER,
    }
    own = {**mentoring, "actor": TEACHER, "object": {"id": ACTIVITY}}
    stored = lms.post([taught, mentoring, own]).json()
    mentoring_id, own_id = stored[1], stored[2]
    assert ids(lms.get(agent=agent(TEACHER))) == {mentoring_id, own_id}
    assert ids(lms.get(agent=agent(TEACHER), related_agents="true")) == {
        taught["id"],
        mentoring_id,
        own_id,
    }
    learner_agent = agent({"account": {"homePage": HOME, "name": learner[1]}})
    assert ids(lms.get(agent=learner_agent)) == {taught["id"]}


def test_refs_hold_identities_never_a_national_id(learner):
    nid = learner[1]
    sub = {
        "actor": {"objectType": "Agent", "account": {"homePage": HOME, "name": nid}},
        "verb": {"id": MENTORED},
        "object": {
            "objectType": "SubStatement",
            "actor": {"account": {"homePage": HOME, "name": nid}},
            "verb": {"id": MENTORED},
            "object": {"id": COURSE_SET},
            "context": {"team": {"objectType": "Group", "member": [MENTEE]}},
        },
        "authority": TEACHER,
    }
    refs = statement_refs(sub, {HOME})
    assert (RefKind.ACTIVITY, COURSE_SET, True) in refs
    assert (RefKind.AGENT, "mbox:mailto:teacher@example.go.th", True) in refs
    assert all(nid not in value for _kind, value, _related in refs)
    assert any(value.startswith("nid:") for _kind, value, _related in refs)
    assert len(refs) == 3  # the anonymous team group names nobody


def test_about_is_open_to_anyone(db):
    response = APIClient().get("/xapi/about")
    assert response.status_code == 200
    assert response.json()["version"] == ["1.0.3"]
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_no_national_id_is_kept_anywhere_yet_related_agents_find_it(
    lms, learner, department_a1
):
    teacher_nid = new_national_id()
    PersonFactory(agency=department_a1, national_id=teacher_nid)
    teacher = {"account": {"homePage": HOME, "name": teacher_nid}}
    sent = completed(
        learner[1],
        context={
            "instructor": teacher,
            "team": {
                "objectType": "Group",
                "member": [teacher],
                "mbox": "mailto:t@x.th",
            },
        },
    )
    assert lms.post([sent]).status_code == 200
    stored = Statement.objects.get(pk=sent["id"]).body
    assert teacher_nid not in stored and learner[1] not in stored
    assert ids(lms.get(agent=agent(teacher), related_agents="true")) == {sent["id"]}
    assert ids(lms.get(agent=agent(teacher))) == set()
