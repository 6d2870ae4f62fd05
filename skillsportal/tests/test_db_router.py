"""Dashboards read figures from the replica; all else stays on the primary."""

import pytest
from django.db import transaction

from agencies.models import Person
from reports.models import ComplianceFigure, ComplianceRun, SkillFigure
from skillsportal.db_router import FiguresReplicaRouter

router = FiguresReplicaRouter()


def test_figures_are_read_from_the_replica():
    assert router.db_for_read(ComplianceFigure) == "replica"
    assert router.db_for_read(SkillFigure) == "replica"


def test_people_runs_and_writes_stay_on_the_primary():
    assert router.db_for_read(Person) is None
    assert router.db_for_read(ComplianceRun) is None
    assert router.db_for_write(ComplianceFigure) is None


@pytest.mark.django_db(transaction=True)
def test_a_transaction_reads_the_figures_it_is_writing_on_the_primary():
    with transaction.atomic():
        assert router.db_for_read(ComplianceFigure) is None
    assert router.db_for_read(ComplianceFigure) == "replica"


def test_nothing_is_migrated_on_the_replica():
    assert router.allow_migrate("replica", "reports") is False
    assert router.allow_migrate("default", "reports") is True
