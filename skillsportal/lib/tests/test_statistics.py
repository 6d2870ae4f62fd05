"""Planner statistics after bulk writes (PostgreSQL)."""

import pytest
from django.db import connection

from agencies.models import Agency
from skillsportal.lib.statistics import analyze_stale

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="planner statistics are PostgreSQL's"
)


def _estimate(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def _flush_counters() -> None:
    """This session's change counters reach pg_stat_user_tables."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@pytest.mark.django_db(transaction=True)
def test_a_table_changed_by_a_bulk_write_is_analysed_and_a_fresh_one_is_not():
    table = Agency._meta.db_table
    analyze_stale([table])
    Agency.objects.bulk_create(
        Agency(code=f"X{i}", name_th=f"หน่วยงาน {i}", path=f"/{i}/", depth=0)
        for i in range(3000)
    )
    _flush_counters()
    assert analyze_stale([table]) == [table]
    assert _estimate(table) == Agency.objects.count()
    _flush_counters()
    assert analyze_stale([table]) == []
