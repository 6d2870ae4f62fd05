from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from agencies import services
from agencies.models import Agency, Person, PersonVersion
from agencies.tests.factories import AgencyFactory, PersonFactory


def test_agency_paths_follow_the_tree(division_a1a, department_a1, ministry_a):
    assert ministry_a.path == f"/{ministry_a.pk}/"
    assert (
        division_a1a.path == f"/{ministry_a.pk}/{department_a1.pk}/{division_a1a.pk}/"
    )
    assert division_a1a.depth == 2
    assert division_a1a.root_id == ministry_a.pk


def test_subtree_includes_every_descendant_and_nothing_else(
    division_a1a, department_b1, ministry_a
):
    codes = set(Agency.objects.subtree_of(ministry_a).values_list("code", flat=True))
    assert codes == {"MA", "MA-D1", "MA-D1-V1"}


def test_moving_an_agency_moves_its_subtree(division_a1a, department_a1, ministry_b):
    services.agency_save(
        code="MA-D1", name_th="กรมเอหนึ่ง", kind="department", parent=ministry_b
    )
    division_a1a.refresh_from_db()
    assert division_a1a.path.startswith(ministry_b.path)
    assert division_a1a.root_id == ministry_b.pk
    assert division_a1a.depth == 2


def test_an_agency_cannot_move_under_its_own_descendant(division_a1a, ministry_a):
    with pytest.raises(ValidationError):
        services.agency_save(
            code="MA", name_th="กระทรวงเอ", kind="ministry", parent=division_a1a
        )


def test_rebuild_paths_matches_incremental_paths(division_a1a, department_b1):
    before = dict(Agency.objects.values_list("code", "path"))
    Agency.objects.update(path="", depth=0)
    services.agency_rebuild_paths()
    assert dict(Agency.objects.values_list("code", "path")) == before
    assert Agency.objects.get(code="MA-D1-V1").depth == 2


def test_refresh_current_uses_version_valid_today(department_a1, department_b1):
    person = PersonFactory(agency=department_a1, target_group=3)
    PersonVersion.objects.create(
        person=person,
        effective_date=date(2025, 10, 1),
        agency=department_b1,
        category="civil_ordinary",
        target_group=5,
    )
    PersonVersion.objects.create(
        person=person,
        effective_date=date(2030, 1, 1),
        agency=department_a1,
        category="civil_ordinary",
        status="left",
    )
    services.person_refresh_current(person_ids=[person.pk], today=date(2026, 11, 25))
    person.refresh_from_db()
    assert person.current_agency == department_b1
    assert person.current_target_group == 5
    assert person.current_status == "active"


def test_future_hire_keeps_first_version_as_current(department_a1):
    person = PersonFactory(agency=department_a1, effective_date=date(2099, 1, 1))
    assert person.current_agency == department_a1


def test_refresh_due_only_touches_recent_versions(department_a1, department_b1):
    person = PersonFactory(agency=department_a1)
    PersonVersion.objects.create(
        person=person,
        effective_date=date(2026, 11, 24),
        agency=department_b1,
        category="civil_ordinary",
    )
    assert services.person_refresh_due(today=date(2026, 11, 25)) == 1
    assert Person.objects.get(pk=person.pk).current_agency == department_b1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts all")
def test_refresh_writes_only_the_people_whose_facts_change(department_a1):
    moved = PersonFactory(agency=department_a1)
    stays = PersonFactory(agency=department_a1)
    PersonVersion.objects.create(
        person=moved,
        effective_date=date(2026, 11, 24),
        agency=department_a1,
        category="civil_ordinary",
        status="left",
    )
    ids = [moved.pk, stays.pk]
    today = date(2026, 11, 25)
    assert services.person_refresh_current(person_ids=ids, today=today) == 1
    assert Person.objects.get(pk=moved.pk).current_status == "left"
    assert services.person_refresh_current(person_ids=ids, today=today) == 0


def test_factories_make_unique_agencies(db):
    assert AgencyFactory().code != AgencyFactory().code
