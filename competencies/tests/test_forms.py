"""HR forms: roster filters, training and assessment input (SPEC §4, §6)."""

from datetime import date

import pytest
from django.core.management import call_command

from agencies.models import Person
from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory
from competencies.forms import AssessmentForm, PersonRosterFilter, TrainingRecordForm
from competencies.models import Framework, SkillArea


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


def test_roster_filter_offers_only_the_scopes_agencies(
    hr_officer, outsider_hr, division_a1a, ministry_b
):
    mine = PersonRosterFilter(
        {}, queryset=Person.objects.none(), scope=scope_for(hr_officer)
    )
    labels = [label for _, label in mine.form.fields["agency"].choices]
    assert "กระทรวงเอ" in labels and "กระทรวงบี" not in labels
    theirs = PersonRosterFilter(
        {}, queryset=Person.objects.none(), scope=scope_for(outsider_hr)
    )
    labels = [label for _, label in theirs.form.fields["agency"].choices]
    assert "กระทรวงเอ" not in labels
    assert "scope" not in PersonRosterFilter.base_filters["agency"].extra


def test_roster_filter_rejects_a_foreign_agency(outsider_hr, ministry_a, department_a1):
    PersonFactory(agency=department_a1)
    roster = PersonRosterFilter(
        {"agency": ministry_a.pk},
        queryset=Person.objects.visible_to(scope_for(outsider_hr)),
        scope=scope_for(outsider_hr),
    )
    assert not roster.is_valid()
    assert "กระทรวงเอ" not in str(roster.errors)


def _training(**extra):
    return {
        "title": "อบรม",
        "completed_on": "1/11/2569",
        "hours": "6",
        "horizon": "current",
    } | extra


def test_training_form_reads_be_dates_and_applies_the_hour_rules(framework):
    form = TrainingRecordForm(_training(started_on="1/11/2569", hours="25"))
    assert not form.is_valid()
    assert "24" in form.errors["hours"][0]
    ok = TrainingRecordForm(_training())
    assert ok.is_valid(), ok.errors
    assert ok.cleaned_data["completed_on"] == date(2026, 11, 1)


def test_training_form_needs_a_title_or_a_course(framework):
    form = TrainingRecordForm(_training(title=""))
    assert not form.is_valid() and "title" in form.errors


def test_skill_picker_follows_the_completion_dates_fiscal_year(framework):
    newer = Framework.objects.create(code="v2", name_th="ใหม่", effective_from_fy=2571)
    SkillArea.objects.create(framework=newer, code="AI", name_th="ปัญญาประดิษฐ์")
    this_year = TrainingRecordForm(_training())
    assert "DLIT" in {s.code for s in this_year.fields["skill_areas"].queryset}
    next_year = TrainingRecordForm(_training(completed_on="1/10/2570"))
    codes = {s.code for s in next_year.fields["skill_areas"].queryset}
    assert codes == {"AI"}


def _assessment(framework, **extra):
    return {
        "skill_area": framework.skill_areas.get(code="DL").pk,
        "level": "4",
        "assessed_on": "1/11/2569",
        "method": "certificate",
    } | extra


def test_assessment_form_levels_follow_the_scale(framework):
    form = AssessmentForm(_assessment(framework))
    assert form.is_valid(), form.errors
    assert [value for value, _ in form.fields["level"].choices][1:] == [0, 1, 2, 3, 4]
    too_high = AssessmentForm({**form.data, "level": "5"})
    assert not too_high.is_valid()


def test_history_before_the_guideline_offers_the_first_versions_skills(framework):
    """SPEC §6: a completion date in FY 2555 is checked against the first version."""
    Framework.objects.create(code="v2", name_th="ใหม่", effective_from_fy=2571)
    old = TrainingRecordForm(_training(completed_on="1/6/2555"))
    assert set(old.fields["skill_areas"].queryset) == set(framework.skill_areas.all())
    assert old.is_valid(), old.errors
    assessment = AssessmentForm(_assessment(framework, assessed_on="1/6/2555"))
    assert assessment.is_valid(), assessment.errors
