"""Individual development plans: the person plans, HR comments (SPEC §6, §8)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory
from competencies import services
from competencies.models import (
    Course,
    DevelopmentPlan,
    Framework,
    Notification,
    PlanComment,
    PlanItem,
)
from competencies.services.plans import default_target_date, plan_years

TODAY = date(2026, 11, 25)  # FY 2570
FY = 2570


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def me(civil_servant):
    return civil_servant.person


@pytest.fixture
def own(civil_servant):
    return scope_for(civil_servant)


@pytest.fixture
def course(framework):
    course = Course.objects.create(
        code="DG-101",
        title="ธรรมาภิบาลข้อมูลภาครัฐ",
        provider="สถาบันพัฒนาข้าราชการพลเรือน",
        hours=Decimal("6"),
        horizon="future",
    )
    course.skill_areas.set(framework.skill_areas.filter(code__in=["DG", "DT"]))
    return course


def _add(scope, person, **extra):
    data = {"fy": FY, "target_date": date(2027, 3, 31), "today": TODAY}
    return services.plan_item_add(scope=scope, person=person, **(data | extra))


def test_plan_years_are_this_and_next():
    assert plan_years(TODAY) == (2570, 2571)


def test_person_adds_own_activity_linked_to_gaps(own, me, framework):
    item = _add(
        own,
        me,
        title="ฝึกใช้ Power BI ในงาน",
        skill_areas=framework.skill_areas.filter(code="DS"),
    )
    plan = DevelopmentPlan.objects.get()
    assert plan.person == me and plan.fiscal_year == FY and item.plan == plan
    assert list(item.skill_areas.values_list("code", flat=True)) == ["DS"]
    assert item.status == "planned" and item.horizon == "current"


def test_course_fills_title_horizon_and_skills(own, me, course):
    item = _add(own, me, course=course)
    assert item.title == course.title and item.horizon == "future"
    assert sorted(item.skill_areas.values_list("code", flat=True)) == ["DG", "DT"]


def test_same_course_twice_is_refused(own, me, course):
    _add(own, me, course=course)
    with pytest.raises(ValidationError) as error:
        _add(own, me, course=course)
    assert error.value.code == "duplicate_course"


def test_target_date_must_be_in_the_plans_year(own, me, course):
    with pytest.raises(ValidationError) as error:
        _add(own, me, course=course, target_date=date(2027, 10, 1))
    assert "target_date" in error.value.message_dict


def test_past_years_are_closed(own, me, course):
    with pytest.raises(ValidationError) as error:
        _add(own, me, course=course, fy=2569, target_date=date(2026, 3, 1))
    assert error.value.code == "closed_year"


def test_inactive_course_is_refused(own, me, course):
    course.active = False
    course.save()
    with pytest.raises(ValidationError):
        _add(own, me, course=course)


def test_nobody_else_writes_my_plan(hr_officer, me, course):
    with pytest.raises(PermissionDenied):
        _add(scope_for(hr_officer), me, course=course)
    assert not DevelopmentPlan.objects.exists()


def test_done_submits_a_pending_record_with_the_course_data(
    own, civil_servant, me, course
):
    item = _add(own, me, course=course)
    record = services.plan_item_done(
        scope=own,
        actor=civil_servant,
        item=item,
        completed_on=date(2026, 11, 20),
        hours=Decimal("6"),
        today=TODAY,
    )
    item.refresh_from_db()
    assert item.status == "done" and item.training_record == record
    assert record.status == "pending" and record.person == me
    assert record.course == course and record.title == course.title
    assert record.provider == course.provider and record.horizon == "future"
    assert sorted(record.skill_areas.values_list("code", flat=True)) == ["DG", "DT"]


def test_done_applies_the_training_rules(own, civil_servant, me, course):
    item = _add(own, me, course=course)
    with pytest.raises(ValidationError):
        services.plan_item_done(
            scope=own,
            actor=civil_servant,
            item=item,
            completed_on=date(2026, 12, 1),  # in the future
            hours=Decimal("6"),
            today=TODAY,
        )
    item.refresh_from_db()
    assert item.status == "planned" and item.training_record is None


def test_done_twice_is_refused(own, civil_servant, me, course):
    item = _add(own, me, course=course)
    kwargs = {"completed_on": date(2026, 11, 20), "hours": Decimal("6")}
    services.plan_item_done(
        scope=own, actor=civil_servant, item=item, today=TODAY, **kwargs
    )
    with pytest.raises(ValidationError):
        services.plan_item_done(
            scope=own, actor=civil_servant, item=item, today=TODAY, **kwargs
        )


def test_cancel_keeps_the_item_and_frees_the_course(own, me, course):
    item = _add(own, me, course=course)
    services.plan_item_cancel(scope=own, item=item)
    item.refresh_from_db()
    assert item.status == "cancelled"
    assert _add(own, me, course=course).status == "planned"


def test_hr_comment_notifies_the_person(
    hr_officer, own, civil_servant, me, course, django_capture_on_commit_callbacks
):
    item = _add(own, me, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.plan_comment(
            scope=scope_for(hr_officer),
            actor=hr_officer,
            plan=item.plan,
            body="  ควรเพิ่มกิจกรรมด้าน DS  ",
        )
    assert comment.body == "ควรเพิ่มกิจกรรมด้าน DS" and comment.author == hr_officer
    note = Notification.objects.get()
    assert note.user == civil_servant and note.kind == "plan_comment"
    assert note.link == "/me/plan/?fy=2570"


def test_viewer_and_outsider_cannot_comment(viewer, outsider_hr, own, me, course):
    plan = _add(own, me, course=course).plan
    for user in (viewer, outsider_hr):
        with pytest.raises(PermissionDenied):
            services.plan_comment(
                scope=scope_for(user), actor=user, plan=plan, body="x"
            )
    assert not PlanComment.objects.exists()


def test_nobody_comments_on_their_own_plan(ministry_a, department_a1, course):
    from agencies.models import RoleAssignment
    from agencies.tests.factories import UserFactory

    user = UserFactory(username="hr_with_plan")
    RoleAssignment.objects.create(user=user, role="agency_hr", agency=ministry_a)
    person = PersonFactory(agency=department_a1, user=user)
    plan = _add(scope_for(user), person, course=course).plan
    with pytest.raises(PermissionDenied):
        services.plan_comment(scope=scope_for(user), actor=user, plan=plan, body="x")


def test_empty_comment_is_refused(hr_officer, own, me, course):
    plan = _add(own, me, course=course).plan
    with pytest.raises(ValidationError):
        services.plan_comment(
            scope=scope_for(hr_officer), actor=hr_officer, plan=plan, body="   "
        )


def test_default_target_date_stays_in_the_year():
    assert default_target_date(2570, TODAY) == date(2027, 2, 23)
    assert default_target_date(2570, date(2027, 9, 1)) == date(2027, 9, 30)
    assert default_target_date(2571, TODAY) == date(2027, 10, 1)


def test_plan_items_keep_skills_of_the_plans_framework(own, me, course, framework):
    later = Framework.objects.create(code="v2", name_th="ฉบับ 2", effective_from_fy=2571)
    later.skill_areas.create(code="DG", name_th="ด้าน DG ฉบับใหม่")
    item = _add(own, me, course=course, fy=2571, target_date=date(2028, 1, 10))
    assert [s.framework_id for s in item.skill_areas.all()] == [later.pk]
    assert PlanItem.objects.count() == 1
