"""Training event pages (SPEC §6): create, add attendees with a preview, edit."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.tests.factories import PersonFactory, new_national_id, person_moves
from competencies.models import TrainingEvent, TrainingRecord

NEW = reverse("competencies:event-create")


LIST = reverse("competencies:event-list")


@pytest.fixture
def hr(client, hr_officer):
    call_command("load_framework")
    client.force_login(hr_officer)
    return hr_officer


def create(client, ministry_a, **changes):
    data = {
        "agency": ministry_a.pk,
        "title": "การใช้ AI อย่างปลอดภัย",
        "started_on": "2/3/2569",
        "completed_on": "3/3/2569",
        "hours": "12",
        "horizon": "future",
        **changes,
    }
    return client.post(NEW, data)


def test_hr_creates_an_event_and_records_a_class(client, hr, ministry_a, department_a1):
    response = create(client, ministry_a)
    event = TrainingEvent.objects.get()
    assert response.url == event.get_absolute_url()
    assert event.completed_on == date(2026, 3, 3)
    ids = [new_national_id() for _ in range(3)]
    people = [PersonFactory(agency=department_a1, national_id=i) for i in ids]
    url = reverse("competencies:event-attendees", args=[event.pk])
    preview = client.post(url, {"national_ids": "\n".join(ids)})
    body = preview.content.decode()
    assert preview.status_code == 200 and "ยืนยันการบันทึก" in body
    assert all(p.full_name in body for p in people)
    assert not any(i in body for i in ids)  # the confirm form carries no IDs
    assert not TrainingRecord.objects.exists()
    done = client.post(url, {"people": [p.pk for p in people], "confirm": "1"})
    assert done.url == event.get_absolute_url()
    assert TrainingRecord.objects.filter(event=event).count() == 3
    page = client.get(event.get_absolute_url()).content.decode()
    assert all(p.full_name in page for p in people)


def test_an_event_form_keeps_what_was_typed_on_error(client, hr, ministry_a):
    response = create(client, ministry_a, hours="100")  # two days: at most 48
    assert response.status_code == 200
    assert "hours" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "การใช้ AI อย่างปลอดภัย"
    assert not TrainingEvent.objects.exists()


def test_a_preview_with_errors_writes_nothing(client, hr, ministry_a, person_b):
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    url = reverse("competencies:event-attendees", args=[event.pk])
    response = client.post(url, {"national_ids": "1234567890123"})
    assert 'id="attendee-errors"' in response.content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert not TrainingRecord.objects.exists()


def test_the_roster_search_offers_people_to_pick(client, hr, ministry_a, department_a1):
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    person = PersonFactory(agency=department_a1, given_name="สมหญิง")
    page = client.get(event.get_absolute_url(), {"q": "สมหญิง"})
    assert [p.pk for p in page.context["found"]] == [person.pk]


def test_viewers_read_events_but_do_not_add(client, viewer, ministry_a, hr_officer):
    call_command("load_framework")
    client.force_login(hr_officer)
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    client.force_login(viewer)
    assert client.get(LIST).status_code == 200
    assert "form" not in client.get(event.get_absolute_url()).context
    assert client.get(NEW).status_code == 403
    url = reverse("competencies:event-attendees", args=[event.pk])
    assert client.post(url, {"national_ids": new_national_id()}).status_code == 403


def test_hr_takes_an_attendee_off_after_confirming(
    client, hr, ministry_a, department_a1
):
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    people = [PersonFactory(agency=department_a1) for _ in range(2)]
    url = reverse("competencies:event-attendees", args=[event.pk])
    client.post(url, {"people": [p.pk for p in people], "confirm": "1"})
    wrong = TrainingRecord.objects.get(person=people[0])
    remove = reverse("competencies:event-attendee-remove", args=[event.pk, wrong.pk])
    page = client.get(event.get_absolute_url())
    assert page.context["removable"] == set(
        TrainingRecord.objects.values_list("pk", flat=True)
    )
    assert remove in page.content.decode()

    confirm = client.get(remove)
    assert (
        confirm.status_code == 200 and people[0].full_name in confirm.content.decode()
    )
    assert TrainingRecord.objects.count() == 2  # nothing happens on GET
    done = client.post(remove)

    assert done.url == event.get_absolute_url()
    assert list(TrainingRecord.objects.values_list("person", flat=True)) == [
        people[1].pk
    ]
    assert client.post(remove).status_code == 404  # already off


def test_viewers_cannot_take_attendees_off(client, viewer, ministry_a, hr_officer):
    call_command("load_framework")
    client.force_login(hr_officer)
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    person = PersonFactory(agency=ministry_a)
    url = reverse("competencies:event-attendees", args=[event.pk])
    client.post(url, {"people": [person.pk], "confirm": "1"})
    record = TrainingRecord.objects.get()
    client.force_login(viewer)
    assert client.get(event.get_absolute_url()).context["removable"] == set()
    remove = reverse("competencies:event-attendee-remove", args=[event.pk, record.pk])
    assert client.post(remove).status_code == 403
    assert TrainingRecord.objects.exists()


def test_the_attendees_are_paged(client, hr, ministry_a, department_a1, settings):
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    people = [PersonFactory(agency=department_a1) for _ in range(53)]
    url = reverse("competencies:event-attendees", args=[event.pk])
    client.post(url, {"people": [p.pk for p in people], "confirm": "1"})
    first = client.get(event.get_absolute_url())
    assert first.context["attendees"] == 53 and len(first.context["page"].items) == 50
    after = first.context["page"].next_after
    second = client.get(event.get_absolute_url(), {"after": after})
    shown = first.context["page"].items + second.context["page"].items
    assert sorted(r.person_id for r in shown) == sorted(p.pk for p in people)
    assert "ผู้เข้าอบรม 53 คน" in second.content.decode()


def test_an_attendee_who_moved_away_is_counted_not_named(
    client, hr, ministry_a, department_a1, ministry_b
):
    create(client, ministry_a)
    event = TrainingEvent.objects.get()
    stays, leaves = (
        PersonFactory(agency=department_a1),
        PersonFactory(agency=department_a1, given_name="ย้ายไปแล้ว"),
    )
    url = reverse("competencies:event-attendees", args=[event.pk])
    client.post(url, {"people": [stays.pk, leaves.pk], "confirm": "1"})
    person_moves(leaves, ministry_b, date(2026, 3, 10))
    page = client.get(event.get_absolute_url())
    assert [r.person_id for r in page.context["page"].items] == [stays.pk]
    assert (page.context["attendees"], page.context["moved_away"]) == (1, 1)
    assert "ย้ายไปแล้ว" not in page.text and 'id="moved-away"' in page.text
