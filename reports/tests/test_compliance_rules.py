"""SPEC §7, one hand-computed case per rule (engine on the real database)."""

from datetime import date

import pytest

from agencies.models import PersonVersion
from agencies.tests.factories import PersonFactory
from competencies.models import Framework
from reports import services
from reports.models import ComplianceFigure, PersonYearFigure

from .conftest import TODAY


def _person(fy, person):
    services.compliance_recompute(fy=fy, today=TODAY)
    return PersonYearFigure.objects.filter(fy=fy, person=person).first()


def _figure(fy, agency, group=0):
    return ComplianceFigure.objects.get(fy=fy, agency=agency, target_group=group)


def _meet_all(assess, person, on, levels=(2, 1, 1, 1)):
    for code, level in zip(["DLIT", "DG", "DT", "DS"], levels, strict=True):
        assess(person, code, level, on)


def test_person_meeting_every_target(group6, assess):
    _meet_all(assess, group6, date(2026, 10, 5))
    row = _person(2570, group6)
    assert (row.assessed, row.meets, row.gap) == (True, True, 0)


def test_missing_one_required_skill_is_not_assessed(group6, assess):
    _meet_all(assess, group6, date(2026, 10, 5), levels=(2, 1, 1, 1))
    group6.assessments.get(skill_area__code="DS").delete()
    row = _person(2570, group6)
    assert (row.assessed, row.meets, row.gap) == (False, False, 1)


def test_target_of_zero_is_not_required(group6, assess):
    _meet_all(assess, group6, date(2026, 10, 5))
    assess(group6, "SPM", 0, date(2026, 10, 5))  # SPM target 0 for group 6
    assert _person(2570, group6).meets


@pytest.mark.parametrize(
    "methods, level",
    [
        ([("self", 4), ("supervisor", 1)], 1),
        ([("supervisor", 4), ("test", 1)], 1),
        ([("test", 4), ("certificate", 0)], 0),
        ([("certificate", 2), ("self", 4)], 2),
    ],
)
def test_same_date_method_precedence(group6, assess, methods, level):
    _meet_all(assess, group6, date(2026, 10, 1))
    for method, lvl in methods:
        assess(group6, "DLIT", lvl, date(2026, 10, 5), method=method)
    figure = _person(2570, group6)
    codes = Framework.objects.for_fiscal_year(2570).skill_codes()
    assert figure.required_skills(codes)["DLIT"].level == level


def test_later_assessment_wins_and_pending_is_ignored(group6, assess):
    _meet_all(assess, group6, date(2026, 10, 1))
    assess(group6, "DLIT", 0, date(2026, 10, 2))
    assess(group6, "DLIT", 4, date(2026, 10, 3), status="pending")
    assess(group6, "DLIT", 4, date(2026, 10, 4), status="rejected")
    assert _person(2570, group6).gap == 2


def test_assessment_after_the_as_of_date_does_not_count(group6, assess):
    _meet_all(assess, group6, date(2025, 10, 1), levels=(0, 1, 1, 1))
    assess(group6, "DLIT", 2, date(2026, 10, 1))
    assert _person(2569, group6).gap == 2  # FY 2569 ends 2026-09-30
    assert _person(2570, group6).gap == 0


def test_training_on_30_september_and_1_october(group6, train):
    train(group6, 3, date(2025, 9, 30))
    train(group6, 5, date(2025, 10, 1))
    train(group6, 7, date(2026, 9, 30))
    train(group6, 11, date(2026, 10, 1))
    assert _person(2569, group6).hours_c == 1200
    assert _person(2570, group6).hours_c == 1100


def test_current_fiscal_year_counts_up_to_today(group6, train):
    train(group6, 2, TODAY)
    train(group6, 9, date(2026, 11, 26))  # tomorrow: not yet in the figures
    assert _person(2570, group6).hours_c == 200


@pytest.mark.parametrize(
    "current, future, balanced",
    [
        (7, 3, True),
        (6, 4, True),
        (8, 2, True),
        (5.9, 4.1, False),
        (8.1, 1.9, False),
        (10, 0, False),
        (0, 10, False),
        (0, 0, False),
    ],
)
def test_balanced_at_the_tolerance_edges(group6, train, current, future, balanced):
    if current:
        train(group6, current, date(2026, 10, 2))
    if future:
        train(group6, future, date(2026, 10, 3), horizon="future")
    assert _person(2570, group6).balanced is balanced


def test_unverified_training_does_not_count(group6, train):
    train(group6, 5, date(2026, 10, 2), status="pending")
    train(group6, 5, date(2026, 10, 3), status="rejected")
    assert _person(2570, group6).hours_c == 0


def test_version_valid_on_as_of_date_decides_agency(group6, department_b1, ministry_a):
    PersonVersion.objects.create(
        person=group6,
        effective_date=date(2026, 9, 30),
        agency=department_b1,
        category="civil_ordinary",
        target_group=6,
    )
    services.compliance_recompute(fy=2569, today=TODAY)
    assert _figure(2569, ministry_a).headcount == 0
    assert _figure(2569, department_b1).headcount == 1


def test_departed_and_not_yet_joined_people_are_out(
    department_a1, ministry_a, framework
):
    PersonFactory(agency=department_a1, status="left")
    PersonFactory(agency=department_a1, effective_date=date(2026, 12, 1))
    services.compliance_recompute(fy=2570, today=TODAY)
    assert _figure(2570, ministry_a).headcount == 0


def test_unassigned_group_counts_in_all_only(department_a1, ministry_a, framework):
    PersonFactory(agency=department_a1, target_group=None)
    services.compliance_recompute(fy=2570, today=TODAY)
    everyone = _figure(2570, ministry_a)
    assert (everyone.headcount, everyone.unassigned_group, everyone.mean_gap) == (
        1,
        1,
        None,
    )
    assert sum(_figure(2570, ministry_a, g).headcount for g in range(1, 7)) == 0


def test_phase_scope_by_category_and_root_kind(framework, department_a1, ministry_a):
    from agencies.tests.factories import AgencyFactory

    local = AgencyFactory(code="LG", name_th="เทศบาลตำบล", kind="local_government")
    PersonFactory(agency=local, category="civil_local")
    PersonFactory(agency=local, category="state_agency_staff")
    PersonFactory(agency=department_a1, category="military")
    for fy, expected_local, expected_ministry in [
        (2562, 1, 1),
        (2563, 2, 1),
        (2564, 2, 1),
    ]:
        services.compliance_recompute(fy=fy, today=TODAY)
        assert _figure(fy, local).headcount == expected_local, fy
        assert _figure(fy, ministry_a).headcount == expected_ministry, fy


def test_nothing_in_scope_before_the_first_phase(group6):
    services.compliance_recompute(fy=2560, today=TODAY)
    assert not ComplianceFigure.objects.filter(fy=2560).exists()


def test_figures_include_the_whole_subtree(
    group6, division_a1a, ministry_a, department_a1
):
    PersonFactory(agency=division_a1a, target_group=3)
    services.compliance_recompute(fy=2570, today=TODAY)
    assert _figure(2570, ministry_a).headcount == 2
    assert _figure(2570, department_a1).headcount == 2
    assert _figure(2570, division_a1a).headcount == 1
    assert _figure(2570, ministry_a, 3).headcount == 1
