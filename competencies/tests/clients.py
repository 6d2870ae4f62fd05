"""API clients for the tests: signed in as a user, or holding an agency's key."""

from rest_framework.test import APIClient

from agencies.services.api_keys import api_key_create


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def with_key(agency, name: str = "ระบบ HR", **rights) -> APIClient:
    _, raw = api_key_create(agency=agency, name=name, **rights)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client
