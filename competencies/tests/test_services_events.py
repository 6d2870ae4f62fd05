"""Training events (SPEC §6): one class, one record per attendee, all or nothing."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from agencies.models import PersonVersion
from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory, new_national_id, person_moves
from competencies.models import SkillArea, TrainingEvent, TrainingRecord
from competencies.services import event_attendee_remove, event_attendees, event_save


@pytest.fixture
def hr(db, hr_officer):
    call_command("load_framework")
    return hr_officer


@pytest.fixture
def event(hr, ministry_a):
    e = TrainingEvent(
        agency=ministry_a,
        title="การวิเคราะห์ข้อมูล",
        started_on=date(2026, 3, 2),
        completed_on=date(2026, 3, 3),
        hours=Decimal("12"),
        horizon="future",
    )
    skills = SkillArea.objects.filter(
        code__in=["DS", "DT"], framework__code="ocsc-digital-2017"
    )
    return event_save(scope=scope_for(hr), actor=hr, event=e, skill_areas=skills)


def people(agency, n):
    ids = [new_national_id() for _ in range(n)]
    return ids, [PersonFactory(agency=agency, national_id=i) for i in ids]


def add(hr, event, **kwargs):
    return event_attendees(scope=scope_for(hr), actor=hr, event=event, **kwargs)


def test_a_class_of_thirty_is_recorded_verified_in_one_go(hr, event, department_a1):
    ids, persons = people(department_a1, 30)
    preview = add(hr, event, text="\n".join(ids))
    assert (
        preview.ok and len(preview.added) == 30 and not TrainingRecord.objects.exists()
    )
    done = add(hr, event, person_ids=preview.person_ids, commit=True)
    assert done.written
    records = TrainingRecord.objects.filter(event=event)
    assert records.count() == 30
    assert set(records.values_list("status", "verified_by", "hours")) == {
        ("verified", hr.pk, Decimal("12.00"))
    }
    assert sorted(records[0].skill_areas.values_list("code", flat=True)) == ["DS", "DT"]
    entry = LogEntry.objects.get_for_object(records[0]).get()
    assert entry.additional_data == {"training_event": event.pk}


def test_recording_twice_changes_nothing(hr, event, department_a1):
    ids, _persons = people(department_a1, 3)
    add(hr, event, text=" ".join(ids), commit=True)
    again = add(hr, event, text=",".join(ids), commit=True)
    assert (len(again.added), len(again.already), again.written) == (0, 3, False)
    assert TrainingRecord.objects.count() == 3


def test_a_list_file_with_other_columns_is_read(hr, event, department_a1):
    ids, _persons = people(department_a1, 2)
    data = ("ชื่อ,เลขประจำตัวประชาชน\r\n" + "".join(f"ก,{i}\r\n" for i in ids)).encode()
    assert len(add(hr, event, data=data, filename="list.csv").added) == 2


@pytest.mark.parametrize("problem", ["duplicate", "outside", "left", "invalid"])
def test_bad_attendees_are_errors_and_nothing_is_written(
    hr, event, department_a1, department_b1, problem
):
    ids, persons = people(department_a1, 2)
    if problem == "duplicate":
        ids.append(ids[0])
    elif problem == "outside":
        ids += people(department_b1, 1)[0]
    elif problem == "left":
        PersonVersion.objects.create(
            person=persons[1],
            effective_date=date(2026, 1, 1),
            agency=department_a1,
            category="civil_ordinary",
            status="left",
        )
    else:
        ids.append("1234567890123")
    result = add(hr, event, text="\n".join(ids), commit=True)
    [error] = result.errors
    assert error.reason_th and error.reason_en
    if problem == "outside":
        assert ids[-1] not in error.value  # masked: no detail about them
    assert not TrainingRecord.objects.exists()


def test_picked_ids_outside_the_scope_are_refused(hr, event, person_b):
    result = add(hr, event, person_ids=[person_b.pk], commit=True)
    assert result.errors and not TrainingRecord.objects.exists()


def test_editing_the_event_changes_every_record_audited(hr, event, department_a1):
    ids, _persons = people(department_a1, 3)
    add(hr, event, text="\n".join(ids), commit=True)
    event.hours = Decimal("6")
    event.completed_on = date(2026, 3, 4)
    event_save(scope=scope_for(hr), actor=hr, event=event, skill_areas=[])
    records = TrainingRecord.objects.filter(event=event)
    assert set(records.values_list("hours", "completed_on")) == {
        (Decimal("6.00"), date(2026, 3, 4))
    }
    assert not TrainingRecord.skill_areas.through.objects.exists()
    changed = LogEntry.objects.get_for_object(records[0]).filter(action=1).get()
    assert changed.changes["hours"] == ["12.00", "6"]


def test_event_rules_are_the_training_rules(hr, event):
    event.hours = Decimal("49")  # two days: at most 48
    with pytest.raises(ValidationError):
        event_save(scope=scope_for(hr), actor=hr, event=event, skill_areas=[])


def test_another_ministrys_hr_cannot_use_the_event(event, outsider_hr, department_a1):
    with pytest.raises(PermissionDenied):
        add(outsider_hr, event, text=new_national_id())


def test_an_attendee_added_by_mistake_is_taken_off_audited(hr, event, department_a1):
    ids, persons = people(department_a1, 2)
    add(hr, event, text="\n".join(ids), commit=True)
    wrong = TrainingRecord.objects.get(event=event, person=persons[0])
    pk = wrong.pk
    event_attendee_remove(scope=scope_for(hr), event=event, record=wrong)

    assert list(TrainingRecord.objects.filter(event=event)) == [
        TrainingRecord.objects.get(person=persons[1])
    ]
    deleted = LogEntry.objects.get(object_pk=pk, action=LogEntry.Action.DELETE)
    assert deleted.content_type.model == "trainingrecord"


def test_only_an_attendee_the_officer_manages_is_taken_off(
    hr, event, department_a1, outsider_hr, ministry_b
):
    ids, persons = people(department_a1, 1)
    add(hr, event, text=ids[0], commit=True)
    record = TrainingRecord.objects.get(event=event)
    with pytest.raises(PermissionDenied):  # another ministry's officer
        event_attendee_remove(scope=scope_for(outsider_hr), event=event, record=record)
    person_moves(persons[0], ministry_b, date(2026, 3, 10))  # to Ministry B
    with pytest.raises(ValidationError):  # their record is Ministry B's now
        event_attendee_remove(scope=scope_for(hr), event=event, record=record)
    assert TrainingRecord.objects.filter(pk=record.pk).exists()
