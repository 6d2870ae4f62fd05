"""API writes of training records and assessments (SPEC §6, §8, §9).

The items go through the importers: the same rules, keys and scope as files.
"""

import json
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from rest_framework.test import APIClient

from agencies.models import ApiKey
from agencies.signals import person_records_changed
from agencies.tests.factories import PersonFactory
from competencies import api as competencies_api
from competencies.models import Assessment, TrainingRecord
from competencies.tests.clients import as_user, with_key
from reports.models import ComplianceMark

TRAINING = "/api/v1/training-records/"
TRAINING_BULK = "/api/v1/training-records/bulk/"
ASSESSMENTS = "/api/v1/assessments/"
ASSESSMENTS_BULK = "/api/v1/assessments/bulk/"
NID_A = "3100600445635"
NID_B = "1101700000001"
NID_NOBODY = "5101000001237"


@pytest.fixture
def person(db, department_a1):
    call_command("load_framework")
    return PersonFactory(agency=department_a1, national_id=NID_A)


@pytest.fixture
def person_of_b(person, department_b1):
    return PersonFactory(agency=department_b1, national_id=NID_B)


def training(**changes):
    item = {
        "national_id": NID_A,
        "title": "การวิเคราะห์ข้อมูล",
        "provider": "สำนักงาน ก.พ.",
        "started_on": "2026-03-01",
        "completed_on": "2026-03-03",
        "hours": 18,
        "horizon": "future",
        "skills": ["DS", "DT"],
    }
    return {**item, **changes}


def assessment(**changes):
    item = {
        "national_id": NID_A,
        "skill_code": "DLIT",
        "level": 2,
        "assessed_on": "15/06/2569",
        "method": "test",
    }
    return {**item, **changes}


def _errors(response):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    return error["detail"]["errors"]


class TestCreate:
    def test_a_code_outside_the_catalogue_is_written_with_a_warning(
        self, person, hr_officer
    ):
        item = training(course_code="EXT-1")
        response = as_user(hr_officer).post(TRAINING, item, format="json")
        assert response.status_code == 201, response.content
        [warning] = response.json()["warnings"]
        assert (warning["index"], warning["field"]) == (0, "course_code")
        record = TrainingRecord.objects.get()
        assert (record.course_code, record.course) == ("EXT-1", None)
        listed = as_user(hr_officer).get(TRAINING).json()["results"][0]
        assert (listed["course"], listed["in_catalogue"]) == ("EXT-1", False)

    def test_hr_records_one_training_verified_with_its_skills(self, person, hr_officer):
        response = as_user(hr_officer).post(TRAINING, training(), format="json")
        assert response.status_code == 201
        record = TrainingRecord.objects.get()
        assert response.json() == {
            "new": 1,
            "updated": 0,
            "unchanged": 0,
            "ids": [record.pk],
            "warnings": [],
        }
        assert (record.person, record.status, record.verified_by) == (
            person,
            "verified",
            hr_officer,
        )
        assert sorted(record.skill_areas.values_list("code", flat=True)) == [
            "DS",
            "DT",
        ]

    def test_history_before_the_guideline_is_accepted(self, person, hr_officer):
        """SPEC §6: records dated before FY 2561 use the first framework version."""
        client = as_user(hr_officer)
        old = training(started_on=None, completed_on="2012-06-01", skills=["DLIT"])
        assert client.post(TRAINING, old, format="json").status_code == 201
        item = assessment(assessed_on="01/06/2555")
        assert client.post(ASSESSMENTS, item, format="json").status_code == 201
        assert TrainingRecord.objects.get().completed_on == date(2012, 6, 1)
        assert Assessment.objects.get().skill_area.framework.effective_from_fy == 2561
        response = client.post(ASSESSMENTS, assessment(level=9), format="json")
        assert response.status_code == 400

    def test_an_officer_cannot_verify_their_own_records_through_the_api(
        self, person, hr_officer
    ):
        """Issue 15: POST with the session of the person themself stays pending."""
        person.user = hr_officer
        person.save(update_fields=["user"])
        client = as_user(hr_officer)
        item = assessment(method="self", level=4)
        assert client.post(ASSESSMENTS, item, format="json").status_code == 201
        assert client.post(TRAINING, training(), format="json").status_code == 201
        assert Assessment.objects.get().status == "pending"
        assert TrainingRecord.objects.get().status == "pending"

    def test_a_key_that_may_write_records_a_verified_assessment(
        self, person, ministry_a
    ):
        response = with_key(ministry_a, can_write=True).post(
            ASSESSMENTS, assessment(), format="json"
        )
        assert response.status_code == 201
        made = Assessment.objects.get()
        assert (made.level, made.method, made.status) == (2, "test", "verified")
        assert made.assessed_on == date(2026, 6, 15)
        entry = LogEntry.objects.get(object_pk=str(made.pk))
        prefix = ApiKey.objects.get().prefix
        assert entry.additional_data == {"api": ASSESSMENTS, "api_key": prefix}

    def test_posting_an_existing_key_again_is_200_and_changes_nothing(
        self, person, hr_officer
    ):
        client = as_user(hr_officer)
        first = client.post(TRAINING, training(), format="json").json()
        again = client.post(TRAINING, training(), format="json")
        assert again.status_code == 200
        assert again.json() == {**first, "new": 0, "unchanged": 1}

    def test_a_bad_single_item_is_index_0(self, person, hr_officer):
        response = as_user(hr_officer).post(TRAINING, training(hours=0), format="json")
        [error] = _errors(response)
        assert (error["index"], error["field"], error["value"]) == (0, "hours", "0")
        assert error["reason_th"] and error["reason_en"]


class TestBulk:
    def test_creates_every_item_and_returns_ids_in_item_order(self, person, hr_officer):
        items = [training(title=f"อบรม {i}") for i in range(3)]
        response = as_user(hr_officer).post(
            TRAINING_BULK, {"items": items}, format="json"
        )
        assert response.status_code == 201
        body = response.json()
        assert body["new"] == 3
        titles = dict(TrainingRecord.objects.values_list("pk", "title"))
        assert [titles[pk] for pk in body["ids"]] == ["อบรม 0", "อบรม 1", "อบรม 2"]

    def test_reposting_the_same_batch_changes_nothing(self, person, hr_officer):
        client = as_user(hr_officer)
        body = {"items": [training(title=f"อบรม {i}") for i in range(2)]}
        first = client.post(TRAINING_BULK, body, format="json").json()
        records, entries = TrainingRecord.objects.count(), LogEntry.objects.count()
        stamps = list(TrainingRecord.objects.values_list("updated_at", flat=True))
        again = client.post(TRAINING_BULK, body, format="json")
        assert again.status_code == 200
        assert again.json() == {**first, "new": 0, "unchanged": 2}
        assert TrainingRecord.objects.count() == records
        assert LogEntry.objects.count() == entries
        assert list(TrainingRecord.objects.values_list("updated_at", flat=True)) == (
            stamps
        )

    def test_a_changed_item_updates_its_record(self, person, hr_officer):
        client = as_user(hr_officer)
        client.post(ASSESSMENTS_BULK, {"items": [assessment()]}, format="json")
        response = client.post(
            ASSESSMENTS_BULK, {"items": [assessment(level=3)]}, format="json"
        )
        assert response.json()["updated"] == 1
        assert Assessment.objects.get().level == 3

    @pytest.mark.parametrize(
        ("bad", "field"),
        [
            ({"national_id": NID_NOBODY}, "national_id"),
            ({"national_id": "3100600445636"}, "national_id"),  # checksum
            ({"skills": ["DS", "NOPE"]}, "skills"),
            ({"hours": 5000}, "hours"),
            ({"hours": 72, "started_on": "2026-03-03"}, "hours"),  # 24 a day
            ({"completed_on": "2026-02-30"}, "completed_on"),
            ({"completed_on": "31/02/2567"}, "completed_on"),
            ({"title": None}, "title"),
            ({"horizon": "someday"}, "horizon"),
            ({"hours": {"n": 3}}, "hours"),
            ({"hours": True}, "hours"),
            ({"colour": "red"}, "colour"),
        ],
    )
    def test_one_bad_item_writes_nothing_and_is_named(
        self, person, hr_officer, bad, field
    ):
        items = [training(title="ดี"), training(**bad), training(title="ดีด้วย")]
        response = as_user(hr_officer).post(
            TRAINING_BULK, {"items": items}, format="json"
        )
        errors = _errors(response)
        assert {(e["index"], e["field"]) for e in errors} == {(1, field)}
        assert not TrainingRecord.objects.exists()

    def test_a_missing_field_is_named(self, person, hr_officer):
        item = training()
        del item["completed_on"]
        response = as_user(hr_officer).post(
            TRAINING_BULK, {"items": [item]}, format="json"
        )
        [error] = _errors(response)
        assert (error["index"], error["field"]) == (0, "completed_on")
        assert error["reason_en"] == "A value is required"

    def test_the_same_key_twice_in_a_batch_is_an_error(self, person, hr_officer):
        items = [training(), training(hours=3)]
        errors = _errors(
            as_user(hr_officer).post(TRAINING_BULK, {"items": items}, format="json")
        )
        assert [(e["index"], e["field"]) for e in errors] == [(1, "completed_on")]
        assert not TrainingRecord.objects.exists()

    def test_every_bad_item_is_listed_with_both_languages(self, person, hr_officer):
        items = [
            assessment(),
            assessment(skill_code="ZZ"),
            assessment(level=9, skill_code="DS"),
            assessment(assessed_on="2099-01-01", skill_code="DT"),
            assessment(method="guess", skill_code="DG"),
            "not an object",
            {},
        ]
        errors = _errors(
            as_user(hr_officer).post(ASSESSMENTS_BULK, {"items": items}, format="json")
        )
        assert [(e["index"], e["field"]) for e in errors] == [
            (1, "skill_code"),
            (2, "level"),
            (3, "assessed_on"),
            (4, "method"),
            (5, ""),
            (6, ""),
        ]
        assert all(e["reason_th"] and e["reason_en"] for e in errors)
        assert not Assessment.objects.exists()

    def test_more_than_5000_items_is_a_clear_400(self, person, hr_officer):
        items = [{}] * 5001
        [error] = _errors(
            as_user(hr_officer).post(TRAINING_BULK, {"items": items}, format="json")
        )
        assert (error["index"], error["field"], error["value"]) == (
            None,
            "items",
            "5001",
        )
        assert "5,000" in error["reason_en"]

    def test_a_list_body_is_refused(self, person, hr_officer):
        response = as_user(hr_officer).post(TRAINING_BULK, [training()], format="json")
        [error] = _errors(response)
        assert (error["index"], error["field"]) == (None, "items")

    def test_a_body_over_the_limit_is_413(self, person, hr_officer, monkeypatch):
        monkeypatch.setattr(competencies_api, "WRITE_MAX_BYTES", 1000)
        items = [training(title="อบรม" * 100)]
        response = as_user(hr_officer).post(
            TRAINING_BULK, {"items": items}, format="json"
        )
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"
        assert not TrainingRecord.objects.exists()

    def test_one_limit_whichever_check_meets_it_first(
        self, person, hr_officer, settings
    ):
        """Issue 15: past Django's own limit the API still answers its JSON 413."""
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        client = as_user(hr_officer)
        client.raise_request_exception = False
        body = json.dumps({"items": [training(title="อบรม" * 100)]})
        response = client.generic(
            "POST", TRAINING_BULK, body, content_type="application/json"
        )
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"

    def test_queries_do_not_grow_with_items(
        self, person, hr_officer, django_assert_max_num_queries
    ):
        items = [training(title=f"อบรม {i}") for i in range(200)]
        client = as_user(hr_officer)
        with django_assert_max_num_queries(40):
            response = client.post(TRAINING_BULK, {"items": items}, format="json")
        assert response.json()["new"] == 200


class TestWhoMayWrite:
    @pytest.mark.parametrize("url", [TRAINING, TRAINING_BULK])
    def test_viewers_get_403_and_nothing_is_written(self, person, viewer, url):
        body = training() if url == TRAINING else {"items": [training()]}
        response = as_user(viewer).post(url, body, format="json")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"
        assert not TrainingRecord.objects.exists()

    def test_civil_servants_get_403(self, person, civil_servant):
        response = as_user(civil_servant).post(ASSESSMENTS, assessment(), format="json")
        assert response.status_code == 403

    @pytest.mark.parametrize("url", [ASSESSMENTS, ASSESSMENTS_BULK])
    def test_keys_read_only_by_default(self, person, ministry_a, url):
        client = with_key(ministry_a)
        assert client.get(ASSESSMENTS).status_code == 200
        body = assessment() if url == ASSESSMENTS else {"items": [assessment()]}
        assert client.post(url, body, format="json").status_code == 403
        assert not Assessment.objects.exists()

    def test_anonymous_callers_are_refused(self, person):
        response = APIClient().post(TRAINING, training(), format="json")
        assert response.status_code in (401, 403)
        assert not TrainingRecord.objects.exists()

    def test_a_key_of_b_gets_the_one_answer_for_a_person_of_a(
        self, person_of_b, ministry_b
    ):
        items = [
            training(national_id=NID_B),
            training(national_id=NID_A),
            training(national_id=NID_NOBODY),
        ]
        client = with_key(ministry_b, can_write=True)
        response = client.post(TRAINING_BULK, {"items": items}, format="json")
        errors = _errors(response)
        assert [(e["index"], e["field"]) for e in errors] == [
            (1, "national_id"),
            (2, "national_id"),
        ]
        # A person of A gets the one answer of every path (SPEC §3); nobody at
        # all is not found. Neither says anything about the person.
        assert errors[0]["reason_en"] == (
            "Registered with another agency: you can request a transfer"
        )
        assert errors[1]["reason_en"].startswith("No person with this national ID")
        assert NID_A not in response.content.decode()
        assert not TrainingRecord.objects.exists()

    def test_create_api_key_write_gives_a_key_that_writes(self, person, capsys):
        call_command("create_api_key", "--agency", "MA", "--name", "DPIS", "--write")
        raw = capsys.readouterr().out.strip()
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        response = client.post(ASSESSMENTS, assessment(), format="json")
        assert response.status_code == 201


def test_compliance_figures_are_marked_stale(
    person, hr_officer, django_capture_on_commit_callbacks
):
    told = []

    def listener(sender, person_ids, since, **kwargs):
        told.append((sender, person_ids, since))
        assert ComplianceMark.objects.filter(person_id=person.pk).exists()

    person_records_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            as_user(hr_officer).post(TRAINING, training(), format="json")
    finally:
        person_records_changed.disconnect(listener)
    assert told == [(TrainingRecord, [person.pk], date(2026, 3, 3))]


def test_the_schema_documents_the_writes(hr_officer):
    schema = as_user(hr_officer).get("/api/schema/?format=json").json()
    bulk = schema["paths"]["/api/v1/training-records/bulk/"]["post"]
    body = bulk["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/TrainingRecordBulk"}
    assert {"200", "201", "400", "403", "413"} <= set(bulk["responses"])
    items = schema["components"]["schemas"]["AssessmentBulk"]["properties"]["items"]
    assert items["maxItems"] == 5000
    assert "post" in schema["paths"]["/api/v1/assessments/"]
