"""Hostile input to the API is a clean 400 in the API's error shape, never a 500."""

import json

import pytest

from competencies.tests.clients import as_user


@pytest.fixture
def client(hr_officer):
    client = as_user(hr_officer)
    client.raise_request_exception = False  # a 500 is a response, not a crash
    return client


def _invalid(response):
    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]["code"] in {"invalid", "parse_error"}


def test_deeply_nested_json(client):
    body = "[" * 100_000 + "]" * 100_000
    response = client.generic(
        "POST",
        "/api/v1/training-records/",
        body,
        content_type="application/json",
    )
    _invalid(response)


def test_a_doctored_cursor(client):
    _invalid(client.get("/api/v1/persons/?cursor=cD1hYmM%3D"))  # "p=abc"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/persons/?target_group=99999999999999999999",
        "/api/v1/person-versions/?person=99999999999999999999",
        "/api/v1/training-records/?person=-99999999999999999999",
    ],
)
def test_an_integer_filter_out_of_range(client, url):
    _invalid(client.get(url))


def test_the_error_shape_is_json(client):
    response = client.generic(
        "POST", "/api/v1/training-records/", "{", content_type="application/json"
    )
    _invalid(response)
    assert json.loads(response.content)["error"]["message_en"]
