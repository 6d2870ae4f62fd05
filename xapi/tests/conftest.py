import uuid
from decimal import Decimal

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from agencies.services.api_keys import api_key_create
from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import Course, SkillArea

URL = "/xapi/statements"
HOME = "https://skillsportal.ocsc.go.th"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ACTIVITY = "https://lms.example.go.th/course/ai-101"


class Xapi:
    """A learning system holding an agency's key with the xAPI right."""

    def __init__(self, agency, *, basic=False, version="1.0.3", **rights):
        rights.setdefault("can_xapi", True)
        self.key, raw = api_key_create(agency=agency, name="LMS กรม", **rights)
        self.client = APIClient()
        if basic:
            import base64

            token = base64.b64encode(f"lms:{raw}".encode()).decode()
            self.client.credentials(HTTP_AUTHORIZATION=f"Basic {token}")
        else:
            self.client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.headers = {"X-Experience-API-Version": version} if version else {}

    def post(self, body):
        return self.client.post(URL, body, format="json", headers=self.headers)

    def put(self, sid, body):
        return self.client.put(
            f"{URL}?statementId={sid}", body, format="json", headers=self.headers
        )

    def get(self, **params):
        return self.client.get(URL, params, headers=self.headers)


def completed(national_id, *, activity=ACTIVITY, duration="PT3H", when=None, **extra):
    """A course completion as an LMS sends it (actor by the portal account)."""
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "name": "ผู้เรียน",
            "account": {"homePage": HOME, "name": national_id},
        },
        "verb": {"id": COMPLETED, "display": {"en-US": "completed"}},
        "object": {
            "objectType": "Activity",
            "id": activity,
            "definition": {
                "name": {"th-TH": "ปัญญาประดิษฐ์เบื้องต้น", "en-US": "AI basics"},
                "type": "http://adlnet.gov/expapi/activities/course",
            },
        },
        "result": {"completion": True, "success": True, "duration": duration},
        "timestamp": when or "2026-11-20T10:00:00+07:00",
    }
    statement.update(extra)
    return statement


@pytest.fixture
def framework(db):
    call_command("load_framework")


@pytest.fixture
def learner(department_a1, framework):
    nid = new_national_id()
    return PersonFactory(agency=department_a1, national_id=nid, target_group=3), nid


@pytest.fixture
def lms(ministry_a):
    return Xapi(ministry_a)


@pytest.fixture
def course(framework):
    course = Course.objects.create(
        code="AI-101", title="ปัญญาประดิษฐ์เพื่องานราชการ", provider="สำนักงาน ก.พ.",
        hours=Decimal("6"), horizon="future", activity_id=ACTIVITY,
    )  # fmt: skip
    course.skill_areas.set(SkillArea.objects.filter(code__in=["DT", "DLIT"]))
    return course
