"""The bulk writers' tools (SPEC §10 speed): COPY in the background, audit JSON."""

import json
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from agencies.models import Person, PersonVersion
from agencies.tests.factories import PersonFactory
from skillsportal.lib.bulk import (
    JsonText,
    background_copy,
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
