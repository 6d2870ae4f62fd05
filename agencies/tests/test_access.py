"""ACCESS audit entries: who opened a person's page or API record, and when (PDPA)."""

from datetime import timedelta

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from agencies.services.api_keys import api_key_create
from agencies.tests.factories import PersonFactory

ACCESS = LogEntry.Action.ACCESS


@pytest.fixture
def person(department_a1):
    return PersonFactory(agency=department_a1, given_name="ผู้ถูกเปิดดู")


def _accesses(person):
    return LogEntry.objects.filter(
        content_type__model="person", object_id=person.pk, action=ACCESS
    )


def test_opening_a_person_page_is_logged_with_the_actor(client, hr_officer, person):
    client.force_login(hr_officer)
    page = client.get(reverse("competencies:person-detail", args=[person.pk]))
    assert page.status_code == 200
    entry = _accesses(person).get()
    assert entry.actor == hr_officer and entry.remote_addr == "127.0.0.1"
    assert "เข้าดู" in page.content.decode()  # shown in the page's audit trail


def test_reloads_within_ten_minutes_count_once(client, hr_officer, viewer, person):
    url = reverse("competencies:person-detail", args=[person.pk])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.force_login(hr_officer)
        client.get(url)
        client.get(url)
        client.force_login(viewer)
        client.get(url)
        assert _accesses(person).count() == 2
        clock.shift(timedelta(minutes=11))
        client.get(url)
    actors = _accesses(person).order_by("pk").values_list("actor__username", flat=True)
    assert list(actors) == [
        "hr_a",
        "viewer_a",
        "viewer_a",
    ]


def test_people_opening_their_own_page_are_not_logged(client, civil_servant):
    client.force_login(civil_servant)
    own = civil_servant.person
    url = reverse("competencies:person-detail", args=[own.pk])
    assert client.get(url).status_code == 200
    assert not _accesses(own).exists()


def test_a_refused_page_logs_nothing(client, outsider_hr, person):
    client.force_login(outsider_hr)
    url = reverse("competencies:person-detail", args=[person.pk])
    assert client.get(url).status_code == 404
    assert not _accesses(person).exists()


def test_the_api_record_of_a_person_is_logged(client, hr_officer, person):
    client.force_login(hr_officer)
    assert client.get(reverse("person-list")).status_code == 200
    assert not _accesses(person).exists()  # lists are not logged per person
    response = client.get(reverse("person-detail", args=[person.pk]))
    assert response.status_code == 200 and response.json()["id"] == person.pk
    assert _accesses(person).get().actor == hr_officer


def test_an_api_key_read_is_logged_with_the_key(client, ministry_a, person):
    key, raw = api_key_create(agency=ministry_a, name="HRIS")
    url = reverse("person-detail", args=[person.pk])
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    entry = _accesses(person).get()
    assert entry.actor is None
    assert entry.additional_data == {"api_key": key.prefix}


def test_a_search_by_national_id_is_logged_with_the_key(client, ministry_a):
    found = PersonFactory(agency=ministry_a, national_id="3100600445635")
    key, raw = api_key_create(
        agency=ministry_a, name="DPIS", can_search_national_id=True
    )
    response = client.post(
        "/api/v1/persons/search/",
        {"national_id": "3100600445635"},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert [p["id"] for p in response.json()] == [found.pk]
    assert _accesses(found).get().additional_data == {"api_key": key.prefix}
