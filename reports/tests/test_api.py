from datetime import date

import pytest
from rest_framework.test import APIClient

from reports import services


@pytest.fixture
def api(hr_officer, group6, train, division_a1a):
    train(group6, 7, date(2026, 10, 2))
    train(group6, 3, date(2026, 10, 3), horizon="future")
    services.compliance_recompute(fy=2570)
    client = APIClient()
    client.force_authenticate(hr_officer)
    return client


def test_one_agency_figures_with_skills(api):
    body = api.get("/api/v1/reports/compliance/?fy=2570&agency=MA").json()
    (row,) = body["results"]
    assert row["agency_code"] == "MA" and row["target_group"] == "all"
    assert row["headcount"] == 1 and row["hours_total"] == 10.0 and row["balanced"] == 1
    assert {s["skill_code"] for s in row["skills"]} == {"DLIT", "DG", "DT", "DS"}


def test_target_group_filter(api):
    body = api.get(
        "/api/v1/reports/compliance/?fy=2570&agency=MA&target_group=3"
    ).json()
    assert body["results"][0]["headcount"] == 0


def test_every_agency_in_scope_without_agency(api):
    body = api.get("/api/v1/reports/compliance/?fy=2570").json()
    assert {r["agency_code"] for r in body["results"]} == {"MA", "MA-D1", "MA-D1-V1"}


def test_bad_parameters_are_400_with_field_errors(api):
    response = api.get("/api/v1/reports/compliance/?fy=abc&target_group=9")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and {"fy", "target_group"} <= set(error["detail"])


def test_etag_gives_304_until_figures_change(api):
    first = api.get("/api/v1/reports/compliance/?fy=2570&agency=MA")
    assert first.has_header("Last-Modified")
    again = api.get(
        "/api/v1/reports/compliance/?fy=2570&agency=MA",
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    assert again.status_code == 304
    services.compliance_recompute(fy=2570)
    changed = api.get(
        "/api/v1/reports/compliance/?fy=2570&agency=MA",
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    assert changed.status_code == 200


def test_job_table_for_ocsc(ocsc_admin, group6):
    services.compliance_recompute(fy=2570)
    client = APIClient()
    client.force_authenticate(ocsc_admin)
    rows = client.get("/api/v1/jobs/compliance/").json()["results"]
    assert rows[0]["kind"] == "full" and rows[0]["outcome"] == "success"
