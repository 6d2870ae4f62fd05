"""The bulk writers' tools (SPEC §10 speed): COPY in the background, audit JSON."""

import json
import uuid
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from agencies.models import Person, PersonVersion
from agencies.tests.factories import PersonFactory
from skillsportal.lib.bulk import (
    JsonText,
    background_copy,
    bulk_update,
    creation_changes,
    insert_rows,
    reserve_pks,
)

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY and its thread are PostgreSQL's"
)


def _person(agency, name):
    return {
        "national_id_hash": f"hash-{name}",
        "national_id_tail": "123",
        "given_name": name,
        "family_name": "ทดสอบ",
        "email": "",
        "current_agency_id": agency.pk,
    }


def _version(agency, person_id):
    return {
        "person_id": person_id,
        "effective_date": date(2026, 10, 1),
        "agency_id": agency.pk,
        "category": "civil_ordinary",
    }


def test_creation_changes_is_the_json_auditlog_would_store():
    values = {
        "name": 'ก "ข"\n\\',
        "hours": 12.5,
        "group": None,
        "day": date(2026, 1, 2),
    }
    text = creation_changes(values)
    assert isinstance(text, JsonText)
    assert json.loads(text) == {
        "name": ["None", 'ก "ข"\n\\'],
        "hours": ["None", "12.5"],
        "group": ["None", "None"],
        "day": ["None", "2026-01-02"],
    }
    assert text == json.dumps(json.loads(text), ensure_ascii=False)
    assert json.loads(creation_changes(values, ["day", "missing"])) == {
        "day": ["None", "2026-01-02"]
    }


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_background_copies_run_in_order_and_refer_to_reserved_pks(department_a1):
    people = [_person(department_a1, n) for n in ("ก", "ข")]
    with transaction.atomic():
        reserve_pks(Person, people)
        versions = [_version(department_a1, p["id"]) for p in people]
        reserve_pks(PersonVersion, versions)
        with background_copy() as background:
            insert_rows(Person, people, background=background)
            insert_rows(PersonVersion, versions, background=background)
    stored = PersonVersion.objects.filter(pk__in=[v["id"] for v in versions])
    assert sorted(stored.values_list("person__given_name", flat=True)) == ["ก", "ข"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_failed_background_copy_raises_djangos_error_and_writes_nothing(
    department_a1,
):
    taken = PersonFactory(agency=department_a1)
    clash = _person(department_a1, "ค")
    clash["national_id_hash"] = taken.national_id_hash
    fine = _person(department_a1, "ง")
    reserve_pks(Person, [fine, clash])
    with pytest.raises(IntegrityError), transaction.atomic():
        with background_copy() as background:
            insert_rows(Person, [fine], background=background)
            insert_rows(Person, [clash], background=background)
    assert list(Person.objects.values_list("pk", flat=True)) == [taken.pk]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_foreign_keys_are_checked_in_the_block_and_deferred_after_it(department_a1):
    orphan = _version(department_a1, person_id=10**9)
    orphan["id"] = 10**9
    with pytest.raises(IntegrityError), transaction.atomic():
        with background_copy() as background:
            insert_rows(PersonVersion, [orphan], background=background)
        pytest.fail("the orphan version was not refused at the end of the block")
    with transaction.atomic():
        with background_copy():
            pass
        # Django's FKs are deferred again: an orphan row is accepted for now…
        PersonVersion.objects.create(**{**orphan, "id": 10**9 + 1})
        PersonVersion.objects.filter(pk=10**9 + 1).delete()  # …and gone by commit


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_references_are_checked_once_per_table_when_the_role_may(department_a1):
    person = _person(department_a1, "จ")
    reserve_pks(Person, [person])
    elsewhere = _version(department_a1, person["id"])
    elsewhere["agency_id"] = 10**9  # no such agency
    reserve_pks(PersonVersion, [elsewhere])
    with pytest.raises(IntegrityError, match="agencies_agency"), transaction.atomic():
        with background_copy() as background:
            assert background.set_based  # the suite's role is a superuser
            insert_rows(Person, [person], background=background)
            insert_rows(PersonVersion, [elsewhere], background=background)
    assert not Person.objects.filter(pk=person["id"]).exists()
    with connection.cursor() as cursor:  # the triggers are on again
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone() == ("origin",)


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize("granted", [False, True], ids=["plain", "granted"])
def test_a_role_checks_per_table_only_with_the_readme_grant(department_a1, granted):
    """Without README's `GRANT SET ON PARAMETER` the triggers check each row;
    with it, each table once. Either way an orphan is refused."""
    role = f"bulk_plain_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        cursor.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
        if granted:
            cursor.execute(f"GRANT SET ON PARAMETER session_replication_role TO {role}")
        cursor.execute(f"SET LOCAL ROLE {role}")
    people = [_person(department_a1, n) for n in ("ฉ", "ช")]
    reserve_pks(Person, people)
    versions = [_version(department_a1, p["id"]) for p in people]
    reserve_pks(PersonVersion, versions)
    with transaction.atomic():
        with background_copy() as background:
            assert background.set_based is granted
            insert_rows(Person, people, background=background)
            insert_rows(PersonVersion, versions, background=background)
    assert PersonVersion.objects.filter(person__given_name="ช").exists()
    orphan = {**_version(department_a1, 10**9), "id": 10**9}
    with pytest.raises(IntegrityError), transaction.atomic():
        with background_copy() as background:
            insert_rows(PersonVersion, [orphan], background=background)


def test_bulk_update_writes_the_named_fields_of_each_object_only(
    department_a1, department_b1
):
    people = [PersonFactory(agency=department_a1) for _ in range(3)]
    versions = list(PersonVersion.objects.filter(person__in=people).order_by("pk"))
    for i, version in enumerate(versions[:2]):
        version.agency = department_b1
        version.position_level = f"ระดับ {i}"
        version.position_title = "not named: not written"
    bulk_update(PersonVersion, versions[:2], ["agency", "position_level"])
    rows = PersonVersion.objects.order_by("pk").values_list(
        "agency", "position_level", "position_title"
    )
    title = versions[2].position_title
    assert list(rows.filter(pk__in=[v.pk for v in versions])) == [
        (department_b1.pk, "ระดับ 0", title),
        (department_b1.pk, "ระดับ 1", title),
        (department_a1.pk, "", title),
    ]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_bulk_update_outside_a_transaction_commits_and_leaves_no_table(
    department_a1,
):
    person = PersonFactory(agency=department_a1)
    person.given_name = "ใหม่"
    bulk_update(Person, [person], ["given_name"])
    assert Person.objects.get(pk=person.pk).given_name == "ใหม่"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('pg_temp._bulk_update')")
        assert cursor.fetchone() == (None,)


def test_bulk_update_takes_rows_read_with_values(department_a1, department_b1):
    person = PersonFactory(agency=department_a1)
    row = PersonVersion.objects.filter(person=person).values("pk", "agency_id").get()
    row["agency_id"] = department_b1.pk
    bulk_update(PersonVersion, [row], ["agency"])
    assert PersonVersion.objects.get(pk=row["pk"]).agency_id == department_b1.pk


def test_bulk_update_of_one_pk_twice_keeps_the_last(department_a1):
    person = PersonFactory(agency=department_a1)
    first, last = ({"pk": person.pk, "given_name": name} for name in ("ก", "ข"))
    bulk_update(Person, [first, last], ["given_name"])
    assert Person.objects.get(pk=person.pk).given_name == "ข"
