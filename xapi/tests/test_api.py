"""The Statement resource (SPEC §9, xAPI 1.0.3): store, map, idempotency, voiding,
scope, authentication and the GET forms."""

import json
import uuid
from datetime import date

import pytest

from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import RecordStatus, TrainingRecord
from xapi.models import Outcome, Statement

from .conftest import ACTIVITY, COMPLETED, HOME, Xapi, completed

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def voiding(target_id):
    return {
        "actor": {"mbox": "mailto:lms@example.go.th"},
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target_id},
    }


def test_a_completion_becomes_a_pending_training_record(lms, learner, course):
    person, nid = learner
    statement = completed(nid)
    response = lms.post(statement)
    assert response.status_code == 200, response.content
    assert response.json() == [statement["id"]]
    assert response["X-Experience-API-Version"] == "1.0.3"
    record = TrainingRecord.objects.get(person=person)
    assert record.xapi_statement == uuid.UUID(statement["id"])
    assert (record.course, record.hours, record.horizon) == (course, 3, "future")
    assert record.completed_on == date(2026, 11, 20)
    assert record.status == RecordStatus.PENDING
    assert set(record.skill_areas.values_list("code", flat=True)) == {"DT", "DLIT"}


def test_a_key_that_may_write_records_verified(ministry_a, learner, course):
    person, nid = learner
    assert Xapi(ministry_a, can_write=True).post(completed(nid)).status_code == 200
    assert TrainingRecord.objects.get(person=person).status == RecordStatus.VERIFIED


def test_the_same_statement_twice_changes_nothing(lms, learner, course):
    statement = completed(learner[1])
    assert lms.post(statement).status_code == 200
    assert lms.post(statement).status_code == 200
    assert lms.put(statement["id"], statement).status_code == 204
    assert TrainingRecord.objects.count() == 1 and Statement.objects.count() == 1


def test_the_same_id_with_other_content_is_a_conflict(lms, learner, course):
    statement = completed(learner[1])
    lms.post(statement)
    changed = {**statement, "result": {"completion": True, "duration": "PT9H"}}
    response = lms.post(changed)
    assert response.status_code == 409
    assert lms.put(statement["id"], changed).status_code == 409
    assert TrainingRecord.objects.get().hours == 3


def test_voiding_removes_the_record_and_keeps_the_statement(lms, learner, course):
    statement = completed(learner[1])
    lms.post(statement)
    response = lms.post(voiding(statement["id"]))
    assert response.status_code == 200, response.content
    assert not TrainingRecord.objects.exists()
    assert lms.get(statementId=statement["id"]).status_code == 404
    voided = lms.get(voidedStatementId=statement["id"])
    assert voided.status_code == 200 and voided.json()["id"] == statement["id"]


def test_a_voiding_statement_cannot_be_voided(lms, learner, course):
    statement = completed(learner[1])
    lms.post(statement)
    void = {**voiding(statement["id"]), "id": str(uuid.uuid4())}
    lms.post(void)
    response = lms.post(voiding(void["id"]))
    assert response.status_code == 400
    assert "ยกเลิกคำสั่งยกเลิกไม่ได้" in str(response.json())


def test_a_list_is_all_or_nothing(lms, learner, course):
    good = completed(learner[1])
    bad = completed(learner[1], duration="PT")
    response = lms.post([good, bad])
    assert response.status_code == 400
    assert "[1] result.duration" in str(response.json())
    assert not Statement.objects.exists() and not TrainingRecord.objects.exists()


def test_other_verbs_are_stored_without_a_record(lms, learner):
    statement = completed(learner[1])
    statement["verb"] = {"id": "http://adlnet.gov/expapi/verbs/attempted"}
    assert lms.post(statement).status_code == 200
    assert Statement.objects.get().outcome == Outcome.STORED
    assert not TrainingRecord.objects.exists()


def test_an_unknown_actor_waits_for_hr(lms, framework, course):
    response = lms.post(completed(new_national_id()))
    assert response.status_code == 200
    stored = Statement.objects.get()
    assert stored.outcome == Outcome.UNMATCHED and stored.person is None
    assert "national" not in str(stored.body)
    assert stored.document["actor"]["account"]["name"].startswith("x")


def test_the_national_id_is_stored_masked(lms, learner, course):
    person, nid = learner
    statement = completed(nid)
    lms.post(statement)
    body = lms.get(statementId=statement["id"]).json()
    assert nid not in str(body) and nid not in str(Statement.objects.get().body)
    assert body["actor"]["account"]["name"] == person.masked_national_id
    assert body["authority"]["account"]["name"] == lms.key.prefix
    assert body["stored"] and body["version"] == "1.0.3"


def test_an_actor_of_another_agency_is_forbidden(lms, framework, department_b1):
    nid = new_national_id()
    PersonFactory(agency=department_b1, national_id=nid)
    response = lms.post(completed(nid))
    assert response.status_code == 403
    assert nid not in response.content.decode()
    assert not Statement.objects.exists()


def test_an_email_actor_is_matched_in_the_keys_subtree(lms, department_a1, course):
    person = PersonFactory(agency=department_a1, email="Somchai@Example.go.th")
    statement = completed("x")
    statement["actor"] = {"mbox": "mailto:somchai@example.go.th", "name": "Somchai"}
    assert lms.post(statement).status_code == 200
    assert TrainingRecord.objects.get().person == person


def test_mbox_sha1sum_is_matched(lms, department_a1, course):
    import hashlib

    person = PersonFactory(agency=department_a1, email="dara@example.go.th")
    statement = completed("x")
    digest = hashlib.sha1(b"mailto:dara@example.go.th").hexdigest()
    statement["actor"] = {"mbox_sha1sum": digest}
    assert lms.post(statement).status_code == 200
    assert TrainingRecord.objects.get().person == person


def test_without_a_course_the_name_and_extensions_say_what(lms, learner):
    person, nid = learner
    statement = completed(nid, activity="https://lms.example.go.th/course/other")
    statement["context"] = {
        "extensions": {
            "urn:skillsportal:xapi:skills": "DG;DS",
            "urn:skillsportal:xapi:horizon": "future",
        }
    }
    assert lms.post(statement).status_code == 200
    record = TrainingRecord.objects.get()
    assert record.title == "ปัญญาประดิษฐ์เบื้องต้น" and record.course is None
    assert record.horizon == "future" and record.provider == "LMS กรม"
    assert set(record.skill_areas.values_list("code", flat=True)) == {"DG", "DS"}


def test_a_completion_without_hours_is_stored_not_recorded(lms, learner):
    statement = completed(learner[1], activity="https://lms.example.go.th/x")
    del statement["result"]["duration"]
    assert lms.post(statement).status_code == 200
    stored = Statement.objects.get()
    assert stored.outcome == Outcome.NOT_RECORDED and "ชั่วโมง" in stored.reason


@pytest.mark.parametrize("version", [None, "0.95"])
def test_the_version_header_is_required(ministry_a, learner, course, version):
    response = Xapi(ministry_a, version=version).post(completed(learner[1]))
    assert response.status_code == 400
    assert response["X-Experience-API-Version"] == "1.0.3"


def test_basic_authentication_with_the_key_as_password(ministry_a, learner, course):
    assert Xapi(ministry_a, basic=True).post(completed(learner[1])).status_code == 200


def test_a_key_without_the_xapi_right_is_forbidden(ministry_a, learner, course):
    lms = Xapi(ministry_a, can_xapi=False, can_write=True)
    assert lms.post(completed(learner[1])).status_code == 403


def test_no_key_is_unauthorised(client, framework):
    response = client.post("/xapi/statements", {}, content_type="application/json")
    assert response.status_code == 401


def test_put_needs_the_statement_id(lms, learner, course):
    statement = completed(learner[1])
    response = lms.client.put(
        "/xapi/statements", statement, format="json", headers=lms.headers
    )
    assert response.status_code == 400
    other = str(uuid.uuid4())
    assert lms.put(other, statement).status_code == 400  # ids differ
    del statement["id"]
    assert lms.put(other, statement).status_code == 204
    assert Statement.objects.get().id == uuid.UUID(other)


def test_ids_are_generated_when_absent(lms, learner, course):
    statement = completed(learner[1])
    del statement["id"]
    ids = lms.post(statement).json()
    assert Statement.objects.get().id == uuid.UUID(ids[0])


def test_the_list_filters_and_pages_within_the_keys_scope(
    lms, learner, course, ministry_b
):
    for n in range(3):
        lms.post(completed(learner[1], when=f"2026-11-{10 + n}T10:00:00+07:00"))
    Xapi(ministry_b).post({**completed(new_national_id()), "verb": {"id": COMPLETED}})
    page = lms.get(limit=2, verb=COMPLETED)
    assert page.status_code == 200 and len(page.json()["statements"]) == 2
    more = page.json()["more"]
    assert more
    rest = lms.client.get(more, headers=lms.headers).json()
    assert len(rest["statements"]) == 1 and rest["more"] == ""
    agent = json.dumps({"account": {"homePage": HOME, "name": learner[1]}})
    assert len(lms.get(agent=agent).json()["statements"]) == 3
    assert len(lms.get(activity=ACTIVITY).json()["statements"]) == 3
    assert lms.get(since="nonsense").status_code == 400


def test_the_figures_follow(lms, learner, course, ministry_a):
    from reports import services
    from reports.models import ComplianceFigure

    services.compliance_recompute(fy=2570)
    statement = completed(learner[1])
    Xapi(ministry_a, can_write=True).post(statement)
    services.compliance_refresh_marked()
    figure = ComplianceFigure.objects.get(fy=2570, agency=ministry_a, target_group=0)
    assert figure.hours_total == 3
    Xapi(ministry_a, can_write=True).post(voiding(statement["id"]))
    services.compliance_refresh_marked()
    figure.refresh_from_db()
    assert figure.hours_total == 0
