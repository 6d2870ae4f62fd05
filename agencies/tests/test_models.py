from datetime import date

from agencies.models import Person, PersonVersion
from agencies.tests.factories import PersonFactory


def test_masked_national_id_shows_only_last_three_digits(department_a1):
    person = PersonFactory(agency=department_a1, national_id="3100600445635")
    assert person.masked_national_id == "x-xxxx-xxxxx-63-5"
    assert "3100600445635" not in str(person.__dict__)


def test_person_is_found_by_national_id_in_any_form(department_a1):
    person = PersonFactory(agency=department_a1, national_id="3100600445635")
    assert Person.objects.with_national_id("3-1006-00445-63-5").get() == person
    assert Person.objects.with_national_id("๓๑๐๐๖๐๐๔๔๕๖๓๕").get() == person


def test_valid_on_picks_latest_version_not_after_the_day(department_a1, department_b1):
    person = PersonFactory(agency=department_a1, effective_date=date(2018, 1, 1))
    PersonVersion.objects.create(
        person=person,
        effective_date=date(2020, 10, 1),
        agency=department_b1,
        category="civil_ordinary",
    )
    on = PersonVersion.objects.valid_on
    assert on(date(2020, 9, 30)).get().agency == department_a1
    assert on(date(2020, 10, 1)).get().agency == department_b1
    assert not on(date(2017, 12, 31)).exists()
