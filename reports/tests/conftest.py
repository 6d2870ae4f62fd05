from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from agencies.tests.factories import PersonFactory
from competencies.models import Assessment, Framework, TrainingRecord

TODAY = date(2026, 11, 25)


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def assess(framework):
    def _assess(person, code, level, on, method="supervisor", status="verified"):
        return Assessment.objects.create(
            person=person,
            skill_area=framework.skill_areas.get(code=code),
            level=level,
            assessed_on=on,
            method=method,
            status=status,
        )

    return _assess


@pytest.fixture
def train(db):
    def _train(person, hours, on, horizon="current", status="verified", title=None):
        return TrainingRecord.objects.create(
            person=person,
            title=title or f"t-{on}-{hours}-{horizon}",
            completed_on=on,
            hours=Decimal(str(hours)),
            horizon=horizon,
            status=status,
        )

    return _train


@pytest.fixture
def group6(framework, department_a1):
    """A group-6 person: required DLIT 2, DG 1, DT 1, DS 1 (others 0)."""
    return PersonFactory(agency=department_a1, target_group=6)
