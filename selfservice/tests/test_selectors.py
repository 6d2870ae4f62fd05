"""Per-person reads for self-service (SPEC §6, §7): figures, history, courses."""

import json
from datetime import date
from decimal import Decimal

import pytest

from agencies.scoping import scope_for
from agencies.tests.factories import AgencyFactory, PersonFactory, new_national_id
from competencies import services as records
from competencies.models import Course, DevelopmentPlan, Notification
from reports import selectors as reports_selectors
from reports import services
from reports.models import ComplianceMark
from selfservice import selectors

FY = 2570
TODAY = date(2026, 11, 25)
GROUP6 = {"DLIT": 2, "DG": 1, "DT": 1, "DS": 1}


@pytest.fixture
def computed():
    def _compute(fy=FY):
        services.compliance_recompute(fy=fy, today=TODAY)
        ComplianceMark.objects.all().delete()  # as the sweep would

    return _compute


@pytest.fixture
def course(framework):
    def _course(code, horizon, skills, active=True):
        course = Course.objects.create(
            code=code, title=f"หลักสูตร {code}", hours=6, horizon=horizon, active=active
        )
        course.skill_areas.set(framework.skill_areas.filter(code__in=skills))
        return course

    return _course


def _skills(person, fy=FY):
    return selectors.my_skills(person=person, fy=fy, today=TODAY)


def test_levels_and_targets_come_from_the_figures(group6, assess, computed):
    assess(group6, "DLIT", 1, date(2026, 10, 5))
    assess(group6, "DLIT", 2, date(2026, 10, 20), method="self", status="pending")
    assess(group6, "DG", 1, date(2026, 10, 20), method="supervisor")
    computed()
    skills = _skills(group6)
    rows = {r.code: r for r in skills.rows}
    assert [r.code for r in skills.rows if r.required] == list(GROUP6)
    assert rows["DLIT"].target == 2 and rows["DLIT"].level == 1
    assert rows["DLIT"].gap == 1 and rows["DLIT"].pending == 1
    assert rows["DLIT"].level_name and rows["DLIT"].target_name
    assert rows["DG"].meets and rows["DT"].level is None and rows["DT"].gap == 1
    assert not rows["SPM"].required and rows["SPM"].gap == 0
    assert skills.verdict == "short" and skills.figure.gap == 3
    assert [r.code for r in skills.short] == ["DLIT", "DT", "DS"]
    assert [r.code for r in skills.not_assessed] == ["DT", "DS"]
    assert skills.group == 6 and skills.group_name == "ผู้ปฏิบัติงานอื่น"
    assert skills.targets_to_confirm  # the shipped targets are portal defaults


def test_source_follows_the_method_precedence(group6, assess, computed):
    assess(group6, "DLIT", 1, date(2026, 10, 5), method="supervisor")
    assess(group6, "DLIT", 2, date(2026, 10, 5), method="certificate")
    computed()
    row = next(r for r in _skills(group6).rows if r.code == "DLIT")
    assert row.level == 2 and row.source.method == "certificate"


def test_meeting_every_target(group6, assess, computed):
    for code, level in GROUP6.items():
        assess(group6, code, level, date(2026, 10, 5))
    computed()
    skills = _skills(group6)
    assert skills.verdict == "meets" and not skills.short


def test_out_of_scope_and_no_group(framework, department_a1, computed):
    left = PersonFactory(agency=department_a1, status="left")
    no_group = PersonFactory(agency=department_a1, target_group=None)
    computed()
    assert _skills(left).verdict == "out_of_scope"
    assert not _skills(left).in_scope and _skills(left).balance is None
    assert _skills(no_group).verdict == "no_group"


def test_phase_one_left_out_a_local_government_employee(framework):
    town = AgencyFactory(code="LG", name_th="เทศบาลเมือง", kind="local_government")
    person = PersonFactory(agency=town, category="government_employee")
    services.compliance_recompute(fy=2561, today=TODAY)
    services.compliance_recompute(fy=FY, today=TODAY)
    assert _skills(person, fy=2561).verdict == "out_of_scope"
    assert _skills(person, fy=FY).in_scope


def test_hours_and_the_70_30_balance(group6, train, computed):
    train(group6, 7, date(2026, 10, 10))
    train(group6, 3, date(2026, 11, 1), horizon="future")
    train(group6, 5, date(2026, 11, 2), status="pending")
    train(group6, 9, date(2026, 9, 30))  # FY 2569
    computed()
    skills = _skills(group6)
    balance = skills.balance
    assert balance.hours_total == 10 and balance.hours_future == 3
    assert balance.future_pct == Decimal("30.0") and skills.figure.balanced
    assert skills.pending_hours == 5
    assert len(skills.training) == 3  # this FY's, every status


def test_refreshing_while_marks_wait(group6, train, computed):
    computed()
    assert not _skills(group6).refreshing
    train(group6, 2, date(2026, 11, 1))  # marks the person stale
    assert _skills(group6).refreshing


def test_my_skills_query_count_is_fixed(
    group6, assess, train, computed, django_assert_max_num_queries
):
    for code in GROUP6:
        assess(group6, code, 1, date(2026, 10, 5))
        train(group6, 2, date(2026, 10, 6), title=f"t-{code}")
    computed()
    with django_assert_max_num_queries(9):
        skills = _skills(group6)
        [r.source for r in skills.rows]
        [list(t.skill_areas.all()) for t in skills.training]


@pytest.mark.parametrize(
    ("hours", "future", "expected"),
    [(0, 0, "current"), (10, 1, "future"), (10, 3, "current"), (10, 6, "current")],
)
def test_preferred_horizon(framework, hours, future, expected):
    from reports.models import PersonYearFigure

    figure = PersonYearFigure(hours_c=hours * 100, future_c=future * 100)
    assert selectors.preferred_horizon(figure, framework) == expected


def test_recommendations_close_gaps_70_30_first(group6, train, course, computed):
    train(group6, 10, date(2026, 10, 10))  # all current: future share 0
    both = course("C-DT-DS", "current", ["DT", "DS"])
    future = course("F-DT", "future", ["DT"])
    course("F-SPM", "future", ["SPM"])  # not required of group 6
    course("F-OLD", "future", ["DT"], active=False)
    computed()
    recs = selectors.course_recommendations(skills=_skills(group6))
    assert [r.course for r in recs] == [future, both]
    assert recs[0].preferred and recs[1].closes == ["DS", "DT"]


def test_recommendations_leave_out_planned_and_taken(group6, train, course, computed):
    planned = course("C-1", "current", ["DT"])
    taken = course("C-2", "current", ["DT"])
    kept = course("C-3", "current", ["DT"])
    plan = DevelopmentPlan.objects.create(person=group6, fiscal_year=FY)
    plan.items.create(title="x", course=planned, target_date=date(2027, 1, 1))
    record = train(group6, 6, date(2026, 10, 10))
    record.course = taken
    record.save()
    computed()
    recs = selectors.course_recommendations(skills=_skills(group6))
    assert [r.course for r in recs] == [kept]


def test_no_recommendations_without_gaps(group6, assess, course, computed):
    for code, level in GROUP6.items():
        assess(group6, code, level, date(2026, 10, 5))
    course("C-1", "current", ["DT"])
    computed()
    assert selectors.course_recommendations(skills=_skills(group6)) == []


def test_plan_view_lists_uncovered_gaps(civil_servant, framework, course, computed):
    me = civil_servant.person
    computed()
    records.plan_item_add(
        scope=scope_for(civil_servant),
        person=me,
        fy=FY,
        course=course("C-DG", "current", ["DG"]),
        target_date=date(2027, 1, 1),
        today=TODAY,
    )
    view = selectors.plan_view(person=me, fy=FY, today=TODAY)
    assert view.editable and len(view.items) == 1
    assert "DG" not in {r.code for r in view.uncovered}
    assert {"DLIT", "DT"} <= {r.code for r in view.uncovered}
    assert view.years == [2571, 2570]
    assert not selectors.plan_view(person=me, fy=2569, today=TODAY).editable


def test_people_behind_targets(framework, department_a1, assess, computed):
    behind = PersonFactory(agency=department_a1, target_group=6)
    done = PersonFactory(agency=department_a1, target_group=6)
    PersonFactory(agency=department_a1, target_group=None)
    for code, level in GROUP6.items():
        assess(done, code, level, date(2026, 10, 5))
    computed()
    ids = set(
        reports_selectors.people_behind_targets(fy=FY).values_list(
            "person_id", flat=True
        )
    )
    assert ids == {behind.pk}


def test_team_plans_stay_in_the_subtree(
    hr_officer, outsider_hr, framework, department_a1, department_b1
):
    mine = PersonFactory(agency=department_a1)
    theirs = PersonFactory(agency=department_b1)
    for person in (mine, theirs):
        plan = DevelopmentPlan.objects.create(person=person, fiscal_year=FY)
        plan.items.create(title="a", target_date=date(2027, 1, 1))
        plan.items.create(title="b", target_date=date(2027, 1, 1), status="done")
    listed = selectors.team_plans(scope=scope_for(hr_officer), fy=FY)
    assert [p.person for p in listed] == [mine]
    assert listed[0].planned == 1 and listed[0].done == 1
    outsider = selectors.team_plans(scope=scope_for(outsider_hr), fy=FY)
    assert [p.person for p in outsider] == [theirs]


def test_my_data_holds_everything_but_the_full_national_id(
    civil_servant, division_a1a, train, framework
):
    nid = new_national_id()
    user = civil_servant
    me = PersonFactory(agency=division_a1a, national_id=nid, given_name="ทดสอบ")
    civil_servant.person.user = None
    civil_servant.person.save()
    me.user = user
    me.save()
    train(me, 3, date(2026, 10, 10))
    Notification.objects.create(user=user, kind="reminder", title="เตือน")
    plan = DevelopmentPlan.objects.create(person=me, fiscal_year=FY)
    item = plan.items.create(title="แผน", target_date=date(2027, 1, 1))
    item.skill_areas.set(framework.skill_areas.filter(code="DG"))
    data = selectors.my_data(person=me)
    text = json.dumps(data, ensure_ascii=False)
    assert nid not in text and nid[:9] not in text
    assert data["person"]["national_id_masked"] == me.masked_national_id
    assert data["person"]["given_name"] == "ทดสอบ"
    assert data["training"][0]["hours"] == 3.0 and data["training"][0]["skills"] == []
    assert data["plan_items"][0]["skills"] == ["DG"]
    assert data["notifications"][0]["title"] == "เตือน"
    assert data["notification_preference"] == {
        "email_enabled": True,
        "reminders_enabled": True,
    }
    assert len(data["versions"]) == 1


def test_transcript_groups_verified_training_by_year(group6, train):
    train(group6, 7, date(2026, 10, 10))
    train(group6, 3, date(2026, 11, 1), horizon="future")
    train(group6, 9, date(2026, 9, 30))
    train(group6, 4, date(2026, 11, 2), status="pending")
    years = selectors.transcript_years(person=group6)
    assert [(y.fy, y.hours, y.future_hours) for y in years] == [
        (2570, 10, 3),
        (2569, 9, 0),
    ]


def test_own_activities_and_cancelled_courses_do_not_hide_courses(
    group6, course, computed
):
    cancelled = course("C-1", "current", ["DT"])
    kept = course("C-2", "current", ["DT"])
    plan = DevelopmentPlan.objects.create(person=group6, fiscal_year=FY)
    plan.items.create(title="เรียนรู้ในงาน", target_date=date(2027, 1, 1))
    plan.items.create(
        title="x", course=cancelled, target_date=date(2027, 1, 1), status="cancelled"
    )
    computed()
    recs = selectors.course_recommendations(skills=_skills(group6))
    assert [r.course for r in recs] == [cancelled, kept]


def test_recommendations_give_every_gap_skill_a_turn(group6, course, computed):
    """Newcomer walk: eight DT courses must not crowd out the DLIT gap (2 levels)."""
    crowd = [course(f"C-DT-{n}", "current", ["DT"]) for n in range(10)]
    dlit = course("Z-DLIT", "current", ["DLIT"])
    ds = course("Z-DS", "current", ["DS"])
    computed()
    recs = [r.course for r in selectors.course_recommendations(skills=_skills(group6))]
    assert dlit in recs and ds in recs
    assert len(recs) == selectors.RECOMMENDATION_LIMIT
    assert set(recs) - {dlit, ds} <= set(crowd)
