"""Backup and restore: a dump restored into a fresh database gives the same figures."""

import os
import subprocess
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from agencies.tests.factories import PersonFactory
from competencies.models import TrainingRecord
from reports import services

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "SELECT agency_id, target_group, headcount, assessed, meeting_targets, balanced,"
    " hours_c, future_c, gap_sum FROM reports_compliancefigure"
    " WHERE fy = 2570 ORDER BY agency_id, target_group"
)


def _url(name):
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_finds_the_same_figures(
    tmp_path, department_a1, division_a1a
):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL")
    call_command("load_framework")
    person = PersonFactory(agency=division_a1a, target_group=4)
    TrainingRecord.objects.create(
        person=person,
        title="อบรม",
        completed_on=date(2026, 10, 2),
        hours=6,
        horizon="future",
        status="verified",
    )
    services.compliance_recompute(fy=2570)
    with connection.cursor() as cursor:
        cursor.execute(FIGURES)
        before = cursor.fetchall()
    assert before

    source = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_URL": _url(source)}
    dump = tmp_path / "portal.dump"
    subprocess.run([ROOT / "scripts/backup.sh", dump], env=env, check=True)

    fresh = f"{source}_restored"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        env["DATABASE_URL"] = _url(fresh)
        subprocess.run([ROOT / "scripts/restore.sh", dump], env=env, check=True)
        with psycopg.connect(_url(fresh)) as restored:
            after = restored.execute(FIGURES).fetchall()
        assert after == before
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
