"""Shared fixtures: a small agency tree and the cast of personas (STYLE C9).

Ministry A (with Department A1 and its Division A1a) and Ministry B (Department B1).
- ocsc_admin: OCSC administrator, sees everything
- hr_officer: HR on Ministry A
- viewer: read-only on Ministry A
- civil_servant: a person in Division A1a with a login
- outsider_hr: HR on Ministry B
"""

import os

import pytest
from django.conf import settings

from agencies.models import RoleAssignment
from agencies.tests.factories import AgencyFactory, PersonFactory, UserFactory


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("REQUIRE_SERVICES") != "1":
        return
    from skillsportal.settings_test import SERVICES_UP

    missing = [name for name, up in SERVICES_UP.items() if not up]
    if missing or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.exit(f"REQUIRE_SERVICES=1 but not reachable: {missing}", returncode=3)


@pytest.fixture
def ministry_a(db):
    return AgencyFactory(code="MA", name_th="กระทรวงเอ", kind="ministry")


@pytest.fixture
def department_a1(ministry_a):
    return AgencyFactory(code="MA-D1", name_th="กรมเอหนึ่ง", parent=ministry_a)


@pytest.fixture
def division_a1a(department_a1):
    return AgencyFactory(
        code="MA-D1-V1", name_th="กองเอหนึ่งเอ", parent=department_a1, kind="division"
    )


@pytest.fixture
def ministry_b(db):
    return AgencyFactory(code="MB", name_th="กระทรวงบี", kind="ministry")


@pytest.fixture
def department_b1(ministry_b):
    return AgencyFactory(code="MB-D1", name_th="กรมบีหนึ่ง", parent=ministry_b)


def _with_role(username, role, agency=None, **extra):
    user = UserFactory(username=username, **extra)
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def ocsc_admin(db):
    return _with_role("ocsc", "oncsc_admin")


@pytest.fixture
def hr_officer(ministry_a):
    return _with_role("hr_a", "agency_hr", ministry_a)


@pytest.fixture
def viewer(ministry_a):
    return _with_role("viewer_a", "agency_viewer", ministry_a)


@pytest.fixture
def outsider_hr(ministry_b):
    return _with_role("hr_b", "agency_hr", ministry_b)


@pytest.fixture
def civil_servant(division_a1a):
    user = UserFactory(username="somchai", first_name="สมชาย", last_name="ใจดี")
    PersonFactory(agency=division_a1a, user=user, given_name="สมชาย")
    return user


@pytest.fixture
def person_b(department_b1):
    return PersonFactory(agency=department_b1, given_name="บุคคลบี")
