"""The API isolation matrix: a key or HR officer of Ministry A never sees B.

Every registered list endpoint is walked, and every POST route; a new endpoint
without a case here fails `test_every_endpoint_has_a_case` or
`test_every_post_route_has_a_case`.
"""

from datetime import date

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from agencies.rules import REGISTERED_ELSEWHERE
from agencies.services.api_keys import api_key_create
from agencies.tests.factories import PersonFactory
from competencies.models import Assessment, Framework, ImportJob, TrainingRecord
from reports import services
from skillsportal.api_urls import router

NID_B = "1101700000001"  # a person of Ministry B

# endpoint basename -> (list URL, how to find ministry B's rows in a response)
CASES = {
    "agency": ("/api/v1/agencies/", "code", {"MB", "MB-D1"}),
    "person": ("/api/v1/persons/", "given_name", {"บุคคลบี"}),
    "person-version": ("/api/v1/person-versions/", "agency", {"MB-D1"}),
    "training-record": ("/api/v1/training-records/", "title", {"อบรมของบี"}),
    "assessment": ("/api/v1/assessments/", "person", None),
    "compliance": (
        "/api/v1/reports/compliance/?fy=2570",
        "agency_code",
        {"MB", "MB-D1"},
    ),
    "rollout": ("/api/v1/reports/rollout/", None, None),  # sums: see test below
    "framework": ("/api/v1/frameworks/", None, None),  # no agency data
    "course": ("/api/v1/courses/", None, None),  # no agency data
    "compliance-run": ("/api/v1/jobs/compliance/", None, None),  # OCSC only: 403
    "import-job": ("/api/v1/jobs/imports/", "original_name", {"b.csv"}),
}

_TRAINING = {
    "national_id": NID_B,
    "title": "อบรมเขียนโดยเอ",
    "completed_on": "2026-10-05",
    "hours": 3,
    "horizon": "current",
}
_ASSESSMENT = {
    "national_id": NID_B,
    "skill_code": "DLIT",
    "level": 3,
    "assessed_on": "2026-10-05",
}
# POST route name -> (URL, body naming B's person)
WRITES = {
    "training-record-list": ("/api/v1/training-records/", _TRAINING),
    "training-record-bulk": ("/api/v1/training-records/bulk/", {"items": [_TRAINING]}),
    "assessment-list": ("/api/v1/assessments/", _ASSESSMENT),
    "assessment-bulk": ("/api/v1/assessments/bulk/", {"items": [_ASSESSMENT]}),
    "person-search": ("/api/v1/persons/search/", {"national_id": NID_B}),
}


def test_every_endpoint_has_a_case():
    assert {basename for _, _, basename in router.registry} == set(CASES)


def test_every_post_route_has_a_case():
    posts = {
        url.name
        for url in router.urls
        if "post" in (getattr(url.callback, "actions", None) or {})
    }
    assert posts == set(WRITES)


@pytest.fixture
def world(civil_servant, person_b, department_b1, hr_officer, outsider_hr):
    call_command("load_framework")
    PersonFactory(agency=department_b1, given_name="บุคคลบี", national_id=NID_B)
    for user, name in [(hr_officer, "a.csv"), (outsider_hr, "b.csv")]:
        ImportJob.objects.create(kind="training", original_name=name, created_by=user)
    skill = Framework.objects.get().skill_areas.first()
    for person, title in [(civil_servant.person, "อบรมของเอ"), (person_b, "อบรมของบี")]:
        TrainingRecord.objects.create(
            person=person,
            title=title,
            completed_on=date(2026, 10, 2),
            hours=3,
            horizon="current",
            status="verified",
        )
        Assessment.objects.create(
            person=person,
            skill_area=skill,
            level=2,
            assessed_on=date(2026, 10, 2),
            status="verified",
        )
    services.compliance_recompute(fy=2570)
    return person_b


@pytest.fixture(params=["hr_session", "api_key"])
def client_a(request, world, ministry_a, hr_officer):
    """A's HR officer, or A's key with every right: neither may reach B."""
    client = APIClient()
    client.caller = request.param
    if request.param == "hr_session":
        client.force_authenticate(hr_officer)
    else:
        _, raw = api_key_create(
            agency=ministry_a,
            name="ระบบ HR",
            can_write=True,
            can_search_national_id=True,
        )
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def _values(response, field):
    return {str(row[field]) for row in response.json()["results"]}


@pytest.mark.parametrize("basename", sorted(CASES))
def test_agency_a_never_reads_agency_b(client_a, world, basename):
    url, field, b_values = CASES[basename]
    response = client_a.get(url)
    if basename == "compliance-run":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    if basename == "assessment":
        b_values = {str(world.pk)}
    if basename == "rollout":
        this_year = [r for r in response.json() if r["fy"] == 2570]
        assert this_year[0]["headcount"] == 1  # only A's person
    if basename == "import-job" and client_a.caller == "api_key":
        assert response.json()["results"] == []  # keys own no jobs
        return
    if field:
        rows = _values(response, field)
        assert rows, "A's own rows are listed"
        assert not rows & b_values


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/persons/{pk}/",
        "/api/v1/training-records/{training}/",
        "/api/v1/assessments/{assessment}/",
        "/api/v1/reports/compliance/?fy=2570&agency=MB",
        "/api/v1/agencies/{agency}/",
        "/api/v1/jobs/imports/{job}/",
    ],
)
def test_agency_b_details_are_404_for_a(client_a, world, department_b1, url):
    url = url.format(
        pk=world.pk,
        training=world.training_records.get().pk,
        assessment=world.assessments.get().pk,
        agency=department_b1.pk,
        job=ImportJob.objects.get(original_name="b.csv").pk,
    )
    response = client_a.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_filters_cannot_reach_agency_b(client_a, world):
    response = client_a.get("/api/v1/persons/?agency=MB")
    assert response.json()["results"] == []


def test_counts_in_figures_exclude_agency_b(client_a, world):
    rows = client_a.get("/api/v1/reports/compliance/?fy=2570").json()["results"]
    assert sum(r["headcount"] for r in rows if r["agency_code"] == "MA") == 1


def test_anonymous_gets_401_in_one_error_shape(world):
    response = APIClient().get("/api/v1/persons/")
    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) == {"code", "message", "message_en", "detail"}


def test_civil_servant_sees_only_themself(world, civil_servant):
    client = APIClient()
    client.force_authenticate(civil_servant)
    rows = client.get("/api/v1/persons/").json()["results"]
    assert [r["id"] for r in rows] == [civil_servant.person.pk]


@pytest.mark.parametrize("name", sorted(WRITES))
def test_agency_a_never_writes_agency_b(client_a, world, name):
    url, body = WRITES[name]
    before = (TrainingRecord.objects.count(), Assessment.objects.count())
    response = client_a.post(url, body, format="json")
    content = response.content.decode()
    assert "บุคคลบี" not in content and "MB" not in content and NID_B not in content
    assert (TrainingRecord.objects.count(), Assessment.objects.count()) == before
    if name == "person-search":
        # Keys with the right find nobody outside A; sessions may not search.
        assert response.status_code == 403 or response.json() == []
        return
    assert response.status_code == 400
    [error] = response.json()["error"]["detail"]["errors"]
    assert (error["index"], error["field"]) == (0, "national_id")
    # The one answer of every path for an ID another agency manages (SPEC §3).
    assert error["reason_en"] == REGISTERED_ELSEWHERE[1]


@pytest.mark.parametrize("name", sorted(set(WRITES) - {"person-search"}))
@pytest.mark.parametrize("caller", ["viewer", "read_only_key"])
def test_read_only_callers_get_403_on_every_write(
    world, viewer, ministry_a, caller, name
):
    client = APIClient()
    if caller == "viewer":
        client.force_authenticate(viewer)
    else:
        _, raw = api_key_create(agency=ministry_a, name="อ่านอย่างเดียว")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url, body = WRITES[name]
    response = client.post(url, body, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
