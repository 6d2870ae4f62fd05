"""Parsing and validation of training and assessment files (SPEC §6, §9)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from agencies.rules import REGISTERED_ELSEWHERE
from agencies.scoping import AgencyScope, scope_for
from agencies.tests.factories import PersonFactory, new_national_id
from competencies.importers import assessments_parse, training_parse
from competencies.models import Course, SkillArea

TODAY = date(2026, 11, 25)
TRAINING = "national_id,title,course_code,started_on,completed_on,hours,horizon,skills"
ASSESSMENT = "national_id,skill_code,level,assessed_on,method"


@pytest.fixture
def framework(db):
    call_command("load_framework")


@pytest.fixture
def nid(framework, department_a1):
    number = new_national_id()
    PersonFactory(agency=department_a1, national_id=number)
    return number


def csv(*lines):
    return ("\r\n".join(lines) + "\r\n").encode()


def training(*lines, scope=None):
    data = csv(TRAINING, *lines)
    return training_parse(
        data, "t.csv", scope=scope or AgencyScope.system(), today=TODAY
    )


def assessments(*lines, scope=None):
    data = csv(ASSESSMENT, *lines)
    scope = scope or AgencyScope.system()
    return assessments_parse(data, "a.csv", scope=scope, today=TODAY)


def only_error(batch):
    [error] = batch.errors
    return error.row, error.column, error.reason_en


def test_a_valid_training_row_resolves_person_course_and_skills(nid):
    course = Course.objects.create(code="C-1", title="ข้อมูล", hours=6, horizon="future")
    batch = training(f"{nid},ข้อมูล,C-1,01/03/2569,03/03/2569,18,future,ds; DT")
    assert batch.errors == []
    values = batch.rows[0].values
    assert values["course_id"] == course.pk
    assert values["hours"] == Decimal("18.00")
    skills = SkillArea.objects.filter(pk__in=values["skill_ids"])
    assert sorted(skills.values_list("code", flat=True)) == ["DS", "DT"]


def test_a_course_code_not_in_the_catalogue_is_kept_with_a_warning(nid):
    batch = training(f"{nid},ข้อมูล,EXT-9,,03/03/2569,3,current,")
    assert batch.errors == []
    [warning] = batch.warnings
    assert (warning.row, warning.column, warning.value) == (2, "course_code", "EXT-9")
    assert "not in the catalogue" in warning.reason_en
    assert batch.rows[0].values["course_code"] == "EXT-9"
    assert batch.rows[0].values["course_id"] is None


def test_codes_resolve_in_the_catalogue_the_officer_sees(
    nid, hr_officer, ministry_a, ministry_b
):
    """An agency's own course wins over a national one of the same code; another
    ministry's course is not in this officer's catalogue (SPEC §6)."""
    national = Course.objects.create(code="OWN-1", title="ระดับประเทศ")
    own = Course.objects.create(owner=ministry_a, code="OWN-1", title="ของกระทรวง")
    Course.objects.create(owner=ministry_b, code="B-1", title="ของกระทรวงอื่น")
    row = f"{nid},ข้อมูล,%s,,03/03/2569,3,current,"
    scope = scope_for(hr_officer)
    batch = training(row % "OWN-1", scope=scope)
    assert batch.rows[0].values["course_id"] == own.pk != national.pk
    batch = training(row % "B-1", scope=scope)
    assert batch.rows[0].values["course_id"] is None and batch.warnings


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        (",,03/03/2569,-3,current,", "hours", "more than 0"),
        (",,03/03/2569,0,current,", "hours", "more than 0"),
        (",,03/03/2569,5000,current,", "hours", "at most 1,000"),
        (",03/03/2569,03/03/2569,30,current,", "hours", "24 a day"),
        (",,03/03/2569,NaN,current,", "hours", "out of range"),
        (",,03/03/2569,สิบ,current,", "hours", "Must be a number"),
        (",,31/02/2567,3,current,", "completed_on", "Invalid date"),
        (",,01/01/2570,3,current,", "completed_on", "future"),
        (",05/03/2569,03/03/2569,3,current,", "started_on", "after the completion"),
        (",,03/03/2569,3,someday,", "horizon", "Unknown value"),
        (",,03/03/2569,3,current,DLIT;XX", "skills", "Unknown skill code"),
    ],
)
def test_bad_training_cells_are_errors(nid, cells, column, reason):
    row, col, message = only_error(training(f"{nid},อบรม,{cells}"))
    assert (row, col) == (2, column)
    assert reason in message


def test_history_before_the_guideline_is_checked_against_the_first_version(nid):
    """SPEC §6: rows dated before FY 2561 are accepted, not refused whole."""
    batch = training(f"{nid},อบรม,,,01/06/2555,3,current,DLIT")
    assert batch.errors == []
    first = SkillArea.objects.get(framework__effective_from_fy=2561, code="DLIT")
    assert batch.rows[0].values["skill_ids"] == [first.pk]
    assert only_error(training(f"{nid},อบรม,,,01/06/2555,3,current,XX"))[1] == "skills"
    assert assessments(f"{nid},DLIT,3,01/06/2555,test").errors == []
    row, column, reason = only_error(assessments(f"{nid},DLIT,9,01/06/2555,test"))
    assert column == "level"


def test_without_any_framework_a_row_is_an_error(department_a1):
    number = new_national_id()
    PersonFactory(agency=department_a1, national_id=number)
    row, column, reason = only_error(training(f"{number},อบรม,,,01/06/2555,3,current,"))
    assert column == "completed_on" and "No framework applies" in reason


def test_a_bad_skills_cell_is_shown_as_typed(nid):
    """Issue 15: not as a Python tuple ('<B>X</B>',)."""
    [error] = training(f"{nid},อบรม,,,03/03/2569,3,current,<B>X</B>; DT").errors
    assert error.value == "<B>X</B>; DT"


@pytest.mark.parametrize(
    "typed", ["3100600445635", "3-1006-00445-63-5", "3 1006 00445 63 5"]
)
def test_an_id_typed_into_another_column_is_masked_in_the_error(nid, typed):
    """Issue 15: errors are stored and offered as errors.csv: no full ID in them."""
    [error] = training(f"{nid},อบรม,,,03/03/2569,3,current,{typed}").errors
    assert "00445" not in error.value and error.value.endswith("63-5")


def test_be_ce_and_thai_digits_give_the_same_training_row(nid):
    batch = training(
        f"{nid},อบรม,,,03/03/2569,๑๒.๕,current,",
        f"{nid},อบรม2,,,2026-03-03,12.5,current,",
    )
    assert batch.errors == []
    assert {r.values["completed_on"] for r in batch.rows} == {date(2026, 3, 3)}
    assert {r.values["hours"] for r in batch.rows} == {Decimal("12.50")}


def test_same_training_key_twice_is_an_error(nid):
    line = f"{nid},อบรม,,,03/03/2569,3,current,"
    assert only_error(training(line, line))[:2] == (3, "completed_on")


def test_same_title_on_another_date_is_another_record(nid):
    batch = training(
        f"{nid},อบรม,,,03/03/2569,3,current,", f"{nid},อบรม,,,04/03/2569,3,current,"
    )
    assert batch.errors == []


def test_a_person_outside_the_scope_gets_the_one_answer(hr_officer, nid, person_b):
    """The words of the person form and the ID search (SPEC §3), nothing about
    the person; an ID nobody holds is not found."""
    outside = new_national_id()
    PersonFactory(agency=person_b.current_agency, national_id=outside)
    scope = scope_for(hr_officer)
    line = ",อบรม,,,03/03/2569,3,current,"
    batch = training(f"{outside}{line}", f"{new_national_id()}{line}", scope=scope)
    first, second = batch.errors
    assert (first.reason_th, first.reason_en) == REGISTERED_ELSEWHERE
    assert second.reason_en.startswith("No person with this national ID")
    assert first.column == "national_id" and outside not in first.value


def test_a_valid_assessment_row_defaults_to_supervisor(nid):
    batch = assessments(f"{nid},dlit,2,15/06/2569,")
    assert batch.errors == []
    values = batch.rows[0].values
    assert values["method"] == "supervisor"
    assert SkillArea.objects.get(pk=values["skill_area_id"]).code == "DLIT"


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ("XX,2,15/06/2569,test", "skill_code", "Unknown skill code"),
        ("DLIT,5,15/06/2569,test", "level", "outside the framework's scale"),
        ("DLIT,-1,15/06/2569,test", "level", "whole number"),
        ("DLIT,2,31/02/2567,test", "assessed_on", "Invalid date"),
        ("DLIT,2,15/06/2570,test", "assessed_on", "future"),
        ("DLIT,2,15/06/2569,guess", "method", "Unknown value"),
    ],
)
def test_bad_assessment_cells_are_errors(nid, cells, column, reason):
    row, col, message = only_error(assessments(f"{nid},{cells}"))
    assert (row, col) == (2, column)
    assert reason in message


def test_same_assessment_key_twice_is_an_error_but_another_method_is_not(nid):
    batch = assessments(
        f"{nid},DLIT,2,15/06/2569,test",
        f"{nid},DLIT,3,15/06/2569,self",
        f"{nid},dlit,3,2026-06-15,test",
    )
    assert only_error(batch)[:2] == (4, "skill_code")


def test_wrong_columns_are_reported_before_any_row(framework):
    batch = assessments_parse(
        csv("national_id,title", "1,2"),
        "a.csv",
        scope=AgencyScope.system(),
        today=TODAY,
    )
    assert {e.column for e in batch.errors} >= {"title", "skill_code", "level"}
