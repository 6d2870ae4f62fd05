"""schemathesis against our own OpenAPI schema, in-process over WSGI.

Checks every operation: no server errors and responses that match the schema.
"""

from datetime import date

import pytest
import schemathesis
import schemathesis.checks as checks
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from agencies.services.api_keys import api_key_create
from competencies.models import TrainingRecord
from reports import services
from skillsportal.wsgi import application


def _schema():
    import django

    django.setup()
    raw = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(raw)


schema = _schema()
schema.app = application


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_key(keep_test_connection, civil_servant, person_b, ministry_a):
    call_command("load_framework")
    TrainingRecord.objects.create(
        person=civil_servant.person,
        title="อบรม",
        completed_on=date(2026, 10, 2),
        hours=3,
        horizon="current",
        status="verified",
    )
    services.compliance_recompute(fy=2570)
    # Every right, so fuzzed writes reach the validation instead of a 403.
    _, raw = api_key_create(
        agency=ministry_a,
        name="schemathesis",
        can_write=True,
        can_search_national_id=True,
    )
    return raw


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_schema(case, api_key):
    # Lenient filters (an unknown query value is ignored, not refused) are a choice,
    # so the negative-data checks are left out; everything else is checked.
    case.call_and_validate(
        app=application,
        headers={"Authorization": f"Bearer {api_key}"},
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ],
    )
