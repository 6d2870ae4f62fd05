"""A real Celery worker process on Redis runs a task against the test database."""

import time
from datetime import date

import pytest

from agencies import tasks
from agencies.models import Person, PersonVersion
from agencies.tests.factories import PersonFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_process_runs_a_task_on_the_database(
    celery_worker_queue, department_a1, department_b1
):
    person = PersonFactory(agency=department_a1)
    PersonVersion.objects.create(
        person=person,
        effective_date=date(2025, 10, 1),
        agency=department_b1,
        category="civil_ordinary",
    )
    tasks.person_refresh_current.apply_async(
        kwargs={"person_ids": [person.pk]}, queue=celery_worker_queue
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Person.objects.get(pk=person.pk).current_agency_id == department_b1.pk:
            return
        time.sleep(0.2)
    pytest.fail("the worker did not run the task within 60 s")
