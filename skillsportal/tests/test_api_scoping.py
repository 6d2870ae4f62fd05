"""The API isolation matrix: a key or HR officer of Ministry A never sees B.

Every registered list endpoint is walked; a new endpoint without a case here
fails `test_every_endpoint_has_a_case`.
"""

from datetime import date

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from agencies.services.api_keys import api_key_create
from competencies.models import Assessment, Framework, TrainingRecord
from reports import services
from skillsportal.api_urls import router

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
}


def test_every_endpoint_has_a_case():
    assert {basename for _, _, basename in router.registry} == set(CASES)


@pytest.fixture
def world(civil_servant, person_b, department_b1):
    call_command("load_framework")
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
    client = APIClient()
    if request.param == "hr_session":
        client.force_authenticate(hr_officer)
    else:
        _, raw = api_key_create(agency=ministry_a, name="ระบบ HR")
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
    ],
)
def test_agency_b_details_are_404_for_a(client_a, world, department_b1, url):
    url = url.format(
        pk=world.pk,
        training=world.training_records.get().pk,
        assessment=world.assessments.get().pk,
        agency=department_b1.pk,
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
