"""Publishing a year's figures as one swap (reports.snapshot, PostgreSQL partitions)."""

from datetime import date

import pytest
from django.db import connection

from demo.seed import SeedOptions, demo_seed
from reports import services
from reports.models import ComplianceFigure, PersonYearFigure, SkillFigure
from reports.tests.reference import agency_figures
from reports.tests.test_engine_vs_reference import _engine_figures

from .conftest import TODAY

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="partitions are PostgreSQL's"
)


def _partitions(fy: int) -> dict[str, int]:
    """Each figure table's partitions of `fy` and their row counts."""
    found = {}
    with connection.cursor() as cursor:
        for model in (PersonYearFigure, ComplianceFigure, SkillFigure):
            table = model._meta.db_table
            cursor.execute(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                " ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass"
                " AND c.relname LIKE %s",
                [table, f"{table}_y{fy}_%"],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"SELECT COUNT(*) FROM {name}")
                found[name] = cursor.fetchone()[0]
    return found


def test_each_recompute_swaps_in_one_partition_per_table(group6, train):
    train(group6, 3, date(2026, 10, 2))
    services.compliance_recompute(fy=2570, today=TODAY)
    first = _partitions(2570)
    services.compliance_recompute(fy=2570, today=TODAY)
    second = _partitions(2570)
    assert len(first) == len(second) == 3
    assert not set(first) & set(second)  # the previous ones were dropped
    assert sorted(first.values()) == sorted(second.values())
    assert PersonYearFigure.objects.get(fy=2570).hours_c == 300


def test_rows_of_a_year_in_the_default_partition_give_way(group6):
    services.compliance_recompute(fy=2570, today=TODAY)
    row = PersonYearFigure.objects.get(fy=2570)
    PersonYearFigure.objects.create(  # as migrated rows would be: in the default
        fy=2569, person=group6, agency=row.agency, category=row.category,
        assessed=False, meets=False, balanced=False, hours_c=99, future_c=0,
    )  # fmt: skip
    services.compliance_recompute(fy=2569, today=TODAY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM reports_personyearfigure_default")
        assert cursor.fetchone()[0] == 0
    assert PersonYearFigure.objects.get(fy=2569).hours_c == 0


def test_a_year_without_framework_is_left_empty(group6):
    services.compliance_recompute(fy=2560, today=TODAY)
    assert not _partitions(2560)
    assert not ComplianceFigure.objects.filter(fy=2560).exists()


def test_right_after_a_bulk_load_the_figures_match_the_reference(framework):
    """The seed writes with COPY in one transaction: nothing analysed it since."""
    demo_seed(options=SeedOptions(persons=120, today=TODAY))
    for fy in (2563, 2570):
        services.compliance_recompute(fy=fy, today=TODAY)
        assert _engine_figures(fy) == agency_figures(fy, TODAY)


@pytest.mark.django_db(transaction=True)
def test_years_computed_side_by_side_equal_years_one_by_one(settings):
    """COMPLIANCE_WORKERS years at once, each on its own connection."""
    demo_seed(options=SeedOptions(persons=150, today=TODAY))
    years = [2568, 2569, 2570]
    settings.COMPLIANCE_WORKERS = 1
    services.compliance_recompute_years(years, today=TODAY)
    alone = {fy: _engine_figures(fy) for fy in years}
    settings.COMPLIANCE_WORKERS = 2
    runs = services.compliance_recompute_years(years, today=TODAY)
    assert [r.fy for r in runs] == years
    assert {r.outcome for r in runs} == {"success"}
    assert {fy: _engine_figures(fy) for fy in years} == alone
