"""A real Celery worker process on Redis runs a task against the test database."""

import os
import subprocess
import sys
import time
import uuid
from datetime import date

import pytest
from django.conf import settings
from django.db import connection

from agencies import tasks
from agencies.models import Person, PersonVersion
from agencies.tests.factories import PersonFactory
from skillsportal.celery import app

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_queue():
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs Redis and PostgreSQL (CI sets REQUIRE_SERVICES=1)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skillsportal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "skillsportal",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
    )
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        worker.wait(timeout=30)


def test_worker_process_runs_a_task_on_the_database(
    worker_queue, department_a1, department_b1
):
    person = PersonFactory(agency=department_a1)
    PersonVersion.objects.create(
        person=person,
        effective_date=date(2025, 10, 1),
        agency=department_b1,
        category="civil_ordinary",
    )
    tasks.person_refresh_current.apply_async(
        kwargs={"person_ids": [person.pk]}, queue=worker_queue
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Person.objects.get(pk=person.pk).current_agency_id == department_b1.pk:
            return
        time.sleep(0.2)
    pytest.fail("the worker did not run the task within 60 s")
