import pytest
from rest_framework.test import APIClient

from agencies.services.api_keys import api_key_create, api_key_revoke
from agencies.tests.factories import PersonFactory


@pytest.fixture
def person(department_a1):
    return PersonFactory(agency=department_a1, national_id="3100600445635")


def _client(raw):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_persons_never_carry_a_full_national_id(person, ministry_a):
    _, raw = api_key_create(agency=ministry_a, name="x")
    body = _client(raw).get("/api/v1/persons/").content.decode()
    assert "3100600445635" not in body and "x-xxxx-xxxxx-63-5" in body
    assert "national_id_hash" not in body


def test_search_by_national_id_needs_the_right(person, ministry_a):
    _, plain = api_key_create(agency=ministry_a, name="plain")
    _, allowed = api_key_create(
        agency=ministry_a, name="dpis", can_search_national_id=True
    )
    body = {"national_id": "3-1006-00445-63-5"}
    assert _client(plain).post("/api/v1/persons/search/", body).status_code == 403
    found = _client(allowed).post("/api/v1/persons/search/", body).json()
    assert [p["id"] for p in found] == [person.pk]


def test_search_does_not_find_people_outside_the_key(person, ministry_b):
    _, raw = api_key_create(agency=ministry_b, name="b", can_search_national_id=True)
    found = _client(raw).post(
        "/api/v1/persons/search/", {"national_id": "3100600445635"}
    )
    assert found.json() == []


def test_search_with_a_bad_id_is_a_clear_400(person, ministry_a):
    _, raw = api_key_create(agency=ministry_a, name="d", can_search_national_id=True)
    response = _client(raw).post("/api/v1/persons/search/", {"national_id": "12"})
    assert response.status_code == 400
    assert "13 หลัก" in response.json()["error"]["detail"]["national_id"][0]


def test_revoked_and_expired_keys_are_refused(person, ministry_a):
    key, raw = api_key_create(agency=ministry_a, name="old")
    api_key_revoke(key=key)
    response = _client(raw).get("/api/v1/persons/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    _, expired = api_key_create(agency=ministry_a, name="e", days=-1)
    assert _client(expired).get("/api/v1/persons/").status_code == 401


def test_key_use_is_recorded(person, ministry_a):
    key, raw = api_key_create(agency=ministry_a, name="u")
    _client(raw).get("/api/v1/agencies/")
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_filters_by_agency_subtree(person, ministry_a, department_a1):
    _, raw = api_key_create(agency=ministry_a, name="f")
    rows = _client(raw).get("/api/v1/persons/?agency=MA-D1").json()["results"]
    assert [r["id"] for r in rows] == [person.pk]


def test_throttled_per_key(person, ministry_a, settings):
    from rest_framework.settings import api_settings

    from skillsportal.api_auth import KeyOrUserThrottle

    KeyOrUserThrottle.THROTTLE_RATES = {
        **api_settings.DEFAULT_THROTTLE_RATES,
        "api": "2/min",
    }
    try:
        _, raw = api_key_create(agency=ministry_a, name="t")
        client = _client(raw)
        codes = [client.get("/api/v1/agencies/").status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert client.get("/api/v1/agencies/").json()["error"]["code"] == "throttled"
    finally:
        KeyOrUserThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_openapi_schema_lists_the_compliance_endpoint(client, hr_officer):
    client.force_login(hr_officer)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/reports/compliance/" in schema and "bearer" in schema
