"""Catalogue pages (SPEC §6): OCSC keeps national courses, HR their agencies';
everyone with a role reads the catalogue they are offered."""

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from competencies.models import Course

LIST = reverse("competencies:course-list")
NEW = reverse("competencies:course-create")


def edit(course):
    return reverse("competencies:course-edit", args=[course.pk])


@pytest.fixture
def catalogue(db, ministry_a, department_a1, ministry_b):
    call_command("load_framework")
    return {
        "national": Course.objects.create(code="N-1", title="หลักสูตรกลาง"),
        "ministry": Course.objects.create(owner=ministry_a, code="A-1", title="ของเอ"),
        "department": Course.objects.create(
            owner=department_a1, code="A1-1", title="ของกรมเอหนึ่ง"
        ),
        "other": Course.objects.create(owner=ministry_b, code="B-1", title="ของบี"),
    }


def shown(response):
    return {c.code for c in response.context["page"].items}


def test_hr_reads_national_and_own_courses_and_edits_only_their_own(
    client, hr_officer, catalogue
):
    client.force_login(hr_officer)
    response = client.get(LIST)
    assert shown(response) == {"N-1", "A-1", "A1-1"}
    assert "ของบี" not in response.content.decode()
    editable = response.context["editable"]
    assert editable == {catalogue["ministry"].pk, catalogue["department"].pk}
    assert shown(client.get(LIST, {"q": "กลาง"})) == {"N-1"}
    assert shown(client.get(LIST, {"owner": "agency"})) == {"A-1", "A1-1"}


def test_a_unit_sees_its_ancestors_courses(
    client, civil_servant, catalogue, division_a1a
):
    from agencies.models import RoleAssignment

    RoleAssignment.objects.create(
        user=civil_servant, role="agency_viewer", agency=division_a1a
    )
    client.force_login(civil_servant)
    assert shown(client.get(LIST)) == {"N-1", "A-1", "A1-1"}


def test_civil_servants_without_a_role_get_403(client, civil_servant, catalogue):
    client.force_login(civil_servant)
    assert client.get(LIST).status_code == 403


def test_hr_creates_a_course_of_their_agency(client, hr_officer, catalogue, ministry_a):
    client.force_login(hr_officer)
    response = client.post(
        NEW,
        {
            "owner": ministry_a.pk,
            "code": "A-2",
            "title": "การใช้ข้อมูลเปิด",
            "hours": "6",
            "horizon": "future",
            "skill_areas": list(
                catalogue["national"]
                .skill_areas.model.objects.filter(
                    code__in=["DS", "DT"], framework__code="ocsc-digital-2017"
                )
                .values_list("pk", flat=True)
            ),
            "activity_id": "https://lms.example.go.th/course/a-2",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    course = Course.objects.get(code="A-2")
    assert course.owner == ministry_a and course.horizon == "future"
    assert sorted(course.skill_areas.values_list("code", flat=True)) == ["DS", "DT"]
    created = LogEntry.objects.get_for_object(course).get(action=LogEntry.Action.CREATE)
    assert created.actor == hr_officer


def test_hr_cannot_keep_national_or_other_agencies_courses(
    client, hr_officer, catalogue
):
    client.force_login(hr_officer)
    assert client.get(edit(catalogue["national"])).status_code == 403
    assert client.get(edit(catalogue["other"])).status_code == 404
    response = client.post(
        NEW,
        {"code": "N-2", "title": "x", "horizon": "current"},  # no owner: national
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not Course.objects.filter(code="N-2").exists()


def test_viewers_read_but_do_not_write(client, viewer, catalogue):
    client.force_login(viewer)
    assert client.get(LIST).status_code == 200
    assert client.get(NEW).status_code == 403
    assert client.get(edit(catalogue["ministry"])).status_code == 403


def test_ocsc_creates_a_national_course(client, ocsc_admin, catalogue):
    client.force_login(ocsc_admin)
    response = client.post(NEW, {"code": "N-2", "title": "ใหม่", "horizon": "current"})
    assert response.status_code == 302
    assert Course.objects.get(code="N-2").owner is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "=HYPERLINK(1)"}, "title", "ขึ้นต้นด้วย ="),
        ({"code": "A-1"}, None, "มีหลักสูตรรหัสนี้แล้ว"),
        ({"hours": "0"}, None, "มากกว่า 0"),
        ({"url": "javascript:alert(1)"}, "url", "URL"),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_is_kept(
    client, hr_officer, catalogue, ministry_a, data, field, message
):
    client.force_login(hr_officer)
    typed = {
        "owner": ministry_a.pk,
        "code": "A-9",
        "title": "พิมพ์ไว้",
        "horizon": "current",
    }
    response = client.post(NEW, {**typed, **data})
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors[field] if field else form.errors.as_text()
    assert message in str(errors)
    assert form.data["title"] == {**typed, **data}["title"]
    assert Course.objects.count() == 4


def test_an_edit_keeps_the_owner_and_is_audited(
    client, hr_officer, catalogue, ministry_a
):
    client.force_login(hr_officer)
    course = catalogue["ministry"]
    response = client.post(
        edit(course),
        {"owner": ministry_a.pk, "code": "A-1", "title": "ชื่อใหม่", "horizon": "current"},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "ชื่อใหม่"
    assert LogEntry.objects.get_for_object(course).filter(action=1).exists()


def test_the_list_speaks_english_when_asked(client, hr_officer, catalogue):
    client.force_login(hr_officer)
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(LIST).content.decode()
    assert "Course catalogue" in body and "รายการหลักสูตร" not in body


def test_the_person_page_marks_a_code_not_in_the_catalogue(
    client, hr_officer, catalogue
):
    from datetime import date

    from agencies.tests.factories import PersonFactory
    from competencies.models import TrainingRecord

    person = PersonFactory(agency=catalogue["department"].owner)
    for code, course in (("EXT-9", None), ("N-1", catalogue["national"])):
        TrainingRecord.objects.create(
            person=person,
            title=f"อบรม {code}",
            course=course,
            course_code=code,
            completed_on=date(2026, 3, 1),
            hours=3,
            horizon="current",
            status="verified",
        )
    client.force_login(hr_officer)
    body = client.get(reverse("competencies:person-detail", args=[person.pk])).content
    assert body.decode().count(">ไม่อยู่ในรายการหลักสูตร<") == 1
