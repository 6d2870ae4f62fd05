"""Roster reads: keyset pages, suggestions, scoped agency choices (SPEC §8, §10)."""

import pytest

from agencies import selectors
from agencies.models import Person
from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory


@pytest.fixture
def crowd(department_a1):
    """Twelve people whose names sort in a known order, with name ties."""
    people = []
    for family in ("ขจร", "กมล", "คงดี"):
        for given in ("ดวง", "จันทร์", "จันทร์", "ชม"):
            people.append(
                PersonFactory(
                    agency=department_a1, given_name=given, family_name=family
                )
            )
    return people


def _expected(people):
    return [
        p.pk for p in sorted(people, key=lambda p: (p.family_name, p.given_name, p.pk))
    ]


def _walk(queryset, size):
    seen, after = [], None
    while True:
        page = selectors.person_page(queryset, after=after, size=size)
        seen += [p.pk for p in page.people]
        if page.next_after is None:
            return seen
        after = page.next_after


@pytest.mark.parametrize("cap", [1_000, 3])
def test_keyset_pages_cover_everyone_once_in_name_order(
    crowd, hr_officer, monkeypatch, cap
):
    # cap=3 forces the "large set" plan that walks the name index.
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    roster = selectors.roster(scope=scope_for(hr_officer))
    assert _walk(roster, size=5) == _expected(crowd)


def test_previous_page_returns_the_same_rows(crowd, hr_officer):
    roster = selectors.roster(scope=scope_for(hr_officer))
    first = selectors.person_page(roster, size=5)
    second = selectors.person_page(roster, after=first.next_after, size=5)
    back = selectors.person_page(roster, before=second.prev_before, size=5)
    assert [p.pk for p in back.people] == [p.pk for p in first.people]
    assert back.prev_before is None and back.next_after == first.next_after


def test_a_foreign_cursor_restarts_the_list(crowd, hr_officer, person_b):
    roster = selectors.roster(scope=scope_for(hr_officer))
    page = selectors.person_page(roster, after=person_b.pk, size=5)
    assert [p.pk for p in page.people] == _expected(crowd)[:5]
    assert page.prev_before is None


def test_the_count_is_capped(crowd, hr_officer, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 10)
    page = selectors.person_page(selectors.roster(scope=scope_for(hr_officer)))
    assert (page.count, page.count_capped) == (10, True)


def test_a_page_is_two_queries(crowd, hr_officer, django_assert_num_queries):
    roster = selectors.roster(scope=scope_for(hr_officer))
    with django_assert_num_queries(2):
        page = selectors.person_page(roster, size=5)
        [p.current_agency.name_th for p in page.people]


def test_suggestions_come_from_the_position_in_one_query(
    department_a1, django_assert_num_queries
):
    it = PersonFactory(agency=department_a1, position_title="นักวิชาการคอมพิวเตอร์")
    other = PersonFactory(agency=department_a1, position_title="")
    with django_assert_num_queries(1):
        rows = selectors.roster_rows(people=[it, other])
    assert rows[0].suggested == 5 and rows[1].suggested is None


def test_search_by_national_id_is_scoped(hr_officer, outsider_hr, department_a1):
    from agencies.tests.factories import new_national_id

    nid = new_national_id()
    person = PersonFactory(agency=department_a1, national_id=nid)
    assert (
        selectors.person_by_national_id(scope=scope_for(hr_officer), national_id=nid)
        == person
    )
    assert (
        selectors.person_by_national_id(scope=scope_for(outsider_hr), national_id=nid)
        is None
    )


def test_agency_choices_follow_the_scope(hr_officer, viewer, division_a1a, ministry_b):
    readable = selectors.agencies_for(scope=scope_for(viewer))
    writable = selectors.agencies_for(scope=scope_for(viewer), write=True)
    assert set(readable.values_list("code", flat=True)) == {"MA", "MA-D1", "MA-D1-V1"}
    assert not writable.exists()
    assert selectors.agencies_for(scope=scope_for(hr_officer), write=True).count() == 3


def test_current_version_prefers_today_then_the_first_future(department_a1):
    from datetime import date

    hire = PersonFactory(agency=department_a1, effective_date=date(2099, 1, 1))
    assert selectors.person_current_version(person=hire).effective_date.year == 2099
    assert Person.objects.count() == 1


def test_current_of_a_version_list_agrees_with_the_query(department_a1):
    from datetime import date

    hire = PersonFactory(agency=department_a1, effective_date=date(2099, 1, 1))
    versions = selectors.person_versions(person=hire)
    assert selectors.current_of(versions) == selectors.person_current_version(
        person=hire
    )
    person = PersonFactory(agency=department_a1, effective_date=date(2020, 1, 1))
    assert selectors.current_of([]) is None
    assert selectors.current_of(selectors.person_versions(person=person)).agency == (
        department_a1
    )
