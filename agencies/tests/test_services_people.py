"""Services that create, edit and version people from the browser (SPEC §3, §4)."""

import json
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agencies import services
from agencies.models import Person, PersonVersion
from agencies.scoping import AgencyScope, scope_for
from agencies.signals import person_records_changed
from agencies.tests.factories import PersonFactory, new_national_id

DAY = date(2026, 10, 1)


def _create(scope, agency, **extra):
    data = {
        "national_id": new_national_id(),
        "given_name": "สมศรี",
        "family_name": "ทดสอบ",
        "effective_date": DAY,
        "agency": agency,
        "category": "civil_ordinary",
        "position_title": "นักวิชาการคอมพิวเตอร์",
        "position_type": "academic",
        "position_level": "K2",
    }
    return services.person_create(scope=scope, **(data | extra))


def _entries(model, pk):
    ct = ContentType.objects.get_for_model(model)
    return LogEntry.objects.filter(content_type=ct, object_id=pk)


def test_hr_officer_creates_a_person_with_a_first_version(hr_officer, department_a1):
    nid = new_national_id()
    person = _create(scope_for(hr_officer), department_a1, national_id=nid)
    assert person.current_agency == department_a1
    assert person.masked_national_id.endswith(f"{nid[-3:-1]}-{nid[-1]}")
    assert Person.objects.with_national_id(nid).get() == person
    assert person.versions.get().effective_date == DAY


def test_create_is_audited_once_per_row_without_the_national_id(
    hr_officer, department_a1
):
    nid = new_national_id()
    person = _create(scope_for(hr_officer), department_a1, national_id=nid)
    version = person.versions.get()
    assert _entries(Person, person.pk).count() == 1
    assert _entries(PersonVersion, version.pk).count() == 1
    dumped = json.dumps(list(LogEntry.objects.values_list("changes", flat=True)))
    assert nid not in dumped
    assert person.national_id_hash not in dumped


def test_create_rejects_a_bad_checksum_in_thai(hr_officer, department_a1):
    with pytest.raises(ValidationError) as caught:
        _create(scope_for(hr_officer), department_a1, national_id="1234567890123")
    assert "national_id" in caught.value.message_dict
    assert "เลขประจำตัวประชาชน" in caught.value.message_dict["national_id"][0]
    assert not Person.objects.exists()


def test_duplicate_national_id_never_names_the_holder(
    hr_officer, outsider_hr, department_a1, department_b1
):
    nid = new_national_id()
    PersonFactory(agency=department_b1, national_id=nid, given_name="ความลับ")
    with pytest.raises(ValidationError) as caught:
        _create(scope_for(hr_officer), department_a1, national_id=nid)
    message = str(caught.value.message_dict)
    assert "ความลับ" not in message and "กรมบี" not in message


def test_create_outside_write_scope_is_denied(viewer, outsider_hr, department_a1):
    for user in (viewer, outsider_hr):
        with pytest.raises(PermissionDenied):
            _create(scope_for(user), department_a1)
    assert not Person.objects.exists()


def test_a_transfer_adds_a_version_and_keeps_history(
    hr_officer, department_a1, division_a1a
):
    scope = scope_for(hr_officer)
    person = _create(scope, department_a1)
    today = timezone.localdate()
    services.person_version_add(
        scope=scope, person=person, effective_date=today, agency=division_a1a
    )
    person.refresh_from_db()
    assert person.current_agency == division_a1a
    first, second = person.versions.order_by("effective_date")
    assert first.agency == department_a1 and second.agency == division_a1a
    assert second.position_level == "K2"  # carried over


def test_transfer_into_a_foreign_agency_is_denied(
    hr_officer, department_a1, ministry_b
):
    scope = scope_for(hr_officer)
    person = _create(scope, department_a1)
    with pytest.raises(PermissionDenied):
        services.person_version_add(
            scope=scope, person=person, effective_date=DAY, agency=ministry_b
        )


def test_update_changes_names_in_place_and_facts_as_a_version(
    hr_officer, department_a1
):
    scope = scope_for(hr_officer)
    person = _create(scope, department_a1)
    later = DAY + timedelta(days=30)
    services.person_update(
        scope=scope,
        person=person,
        given_name="สมศรี",
        family_name="ใหม่",
        email="s@example.go.th",
        effective_date=later,
        agency=department_a1,
        category="civil_ordinary",
        position_title="นักวิชาการคอมพิวเตอร์",
        position_type="academic",
        position_level="K3",
        target_group=5,
        status="active",
    )
    person.refresh_from_db()
    assert person.family_name == "ใหม่"
    assert person.versions.count() == 2
    assert person.versions.get(effective_date=later).position_level == "K3"


def test_update_without_fact_changes_adds_no_version(hr_officer, department_a1):
    scope = scope_for(hr_officer)
    person = _create(scope, department_a1)
    version = person.versions.get()
    facts = {n: getattr(version, n) for n in services.people.VERSION_FACTS}
    services.person_update(
        scope=scope,
        person=person,
        given_name="สมศรี",
        family_name="ทดสอบ",
        effective_date=DAY + timedelta(days=5),
        **facts,
    )
    assert person.versions.count() == 1
    assert _entries(Person, person.pk).count() == 1  # nothing changed, no entry


def test_bulk_assign_adds_versions_for_people_in_scope_only(
    hr_officer, department_a1, person_b
):
    a = PersonFactory(agency=department_a1, target_group=None)
    b = PersonFactory(agency=department_a1, target_group=4)
    result = services.target_group_assign_bulk(
        scope=scope_for(hr_officer),
        person_ids=[a.pk, b.pk, person_b.pk],
        target_group=4,
        effective_date=DAY,
    )
    assert (result.assigned, result.unchanged) == (1, 1)
    a.refresh_from_db()
    person_b.refresh_from_db()
    assert a.current_target_group == 4 and a.versions.count() == 2
    assert person_b.current_target_group == 3 and person_b.versions.count() == 1


def test_bulk_suggestion_applies_only_where_there_is_one(hr_officer, department_a1):
    it = PersonFactory(
        agency=department_a1, target_group=None, position_title="นักวิชาการคอมพิวเตอร์"
    )
    unknown = PersonFactory(agency=department_a1, target_group=None, position_title="")
    result = services.target_group_assign_bulk(
        scope=scope_for(hr_officer),
        person_ids=[it.pk, unknown.pk],
        use_suggestion=True,
        effective_date=DAY,
    )
    assert (result.assigned, result.no_suggestion) == (1, 1)
    it.refresh_from_db()
    unknown.refresh_from_db()
    assert it.current_target_group == 5
    assert unknown.current_target_group is None


def test_bulk_assign_adds_nothing_before_a_persons_latest_version(
    hr_officer, department_a1
):
    later = PersonFactory(agency=department_a1, target_group=None, effective_date=DAY)
    result = services.target_group_assign_bulk(
        scope=scope_for(hr_officer),
        person_ids=[later.pk],
        target_group=4,
        effective_date=DAY - timedelta(days=1),
    )
    assert (result.assigned, result.too_early) == (0, 1)
    assert later.versions.count() == 1
    ocsc = services.target_group_assign_bulk(
        scope=AgencyScope.system(),
        person_ids=[later.pk],
        target_group=4,
        effective_date=DAY - timedelta(days=1),
    )
    assert ocsc.too_early == 0


def test_same_day_assignment_amends_that_version(hr_officer, department_a1):
    person = PersonFactory(agency=department_a1, target_group=None, effective_date=DAY)
    services.target_group_assign_bulk(
        scope=scope_for(hr_officer),
        person_ids=[person.pk],
        target_group=2,
        effective_date=DAY,
    )
    assert person.versions.get().target_group == 2


def test_bulk_assign_sends_model_signals_not_bulk_updates(hr_officer, department_a1):
    person = PersonFactory(agency=department_a1, target_group=None)
    sent = []

    def listener(**kwargs):
        sent.append(kwargs)

    person_records_changed.connect(listener)
    try:
        services.target_group_assign_bulk(
            scope=scope_for(hr_officer),
            person_ids=[person.pk],
            target_group=6,
            effective_date=DAY,
        )
    finally:
        person_records_changed.disconnect(listener)
    version = person.versions.get(effective_date=DAY)
    assert _entries(PersonVersion, version.pk).count() == 1
    assert sent == []  # single saves: the model signals carry the change


def test_bulk_assign_needs_a_group_or_the_suggestion(hr_officer, department_a1):
    with pytest.raises(ValidationError):
        services.target_group_assign_bulk(
            scope=scope_for(hr_officer), person_ids=[], effective_date=DAY
        )


def test_system_scope_may_create_anywhere(department_b1):
    person = _create(AgencyScope.system(), department_b1)
    assert person.current_agency == department_b1
