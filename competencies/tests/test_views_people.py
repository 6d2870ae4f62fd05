"""Roster, national-ID search, person page, create, edit, bulk groups (SPEC §3, §8)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Person
from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import Assessment, Framework

LIST = reverse("competencies:person-list")
SEARCH = reverse("competencies:person-search-id")
CREATE = reverse("competencies:person-create")
ASSIGN = reverse("competencies:person-assign-groups")


def detail(person):
    return reverse("competencies:person-detail", args=[person.pk])


def edit(person):
    return reverse("competencies:person-edit", args=[person.pk])


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def somying(department_a1):
    return PersonFactory(agency=department_a1, given_name="สมหญิง", family_name="รักเรียน")


def names(response):
    return {p.given_name for p in response.context["page"].people}


# --- roster -------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_hr_officer_sees_only_own_subtree(client, hr_officer, somying, person_b):
    client.force_login(hr_officer)
    response = client.get(LIST)
    assert response.status_code == 200
    assert names(response) == {"สมหญิง"}
    assert "บุคคลบี" not in response.content.decode()
    assert "กำหนดกลุ่มเป้าหมาย" in response.content.decode()


def test_civil_servant_has_no_roster(client, civil_servant):
    client.force_login(civil_servant)
    assert client.get(LIST).status_code == 403


def test_viewer_reads_the_roster_without_bulk_tools(client, viewer, somying):
    client.force_login(viewer)
    response = client.get(LIST)
    assert names(response) == {"สมหญิง"}
    assert response.context["assign_form"] is None
    assert 'name="people"' not in response.content.decode()


def test_filters_by_name_agency_group_category_and_status(
    client, hr_officer, somying, division_a1a, department_a1
):
    PersonFactory(agency=division_a1a, given_name="มานี", target_group=None)
    PersonFactory(agency=department_a1, given_name="ปิติ", category="military")
    PersonFactory(agency=department_a1, given_name="ชูใจ", status="left")
    client.force_login(hr_officer)
    assert names(client.get(LIST, {"q": "สมห"})) == {"สมหญิง"}
    assert names(client.get(LIST, {"q": "สมหญิง รักเ"})) == {"สมหญิง"}
    assert names(client.get(LIST, {"agency": division_a1a.pk})) == {"มานี"}
    assert names(client.get(LIST, {"group": "none"})) == {"มานี"}
    assert names(client.get(LIST, {"category": "military"})) == {"ปิติ"}
    assert names(client.get(LIST, {"status": "left"})) == {"ชูใจ"}


def test_not_assessed_filter(client, hr_officer, somying, department_a1, framework):
    done = PersonFactory(agency=department_a1, given_name="ครบ", target_group=6)
    for code in ("DLIT", "DG", "DT", "DS"):  # group 6 requires these four
        Assessment.objects.create(
            person=done,
            skill_area=framework.skill_areas.get(code=code),
            level=1,
            assessed_on=date(2026, 1, 5),
            status="verified",
        )
    PersonFactory(agency=department_a1, given_name="ไม่มีกลุ่ม", target_group=None)
    client.force_login(hr_officer)
    assert names(client.get(LIST, {"not_assessed": "on"})) == {"สมหญิง"}


def test_foreign_agency_filter_shows_nobody(client, outsider_hr, somying, ministry_a):
    client.force_login(outsider_hr)
    response = client.get(LIST, {"agency": ministry_a.pk})
    assert response.status_code == 200
    assert names(response) == set()
    assert "กระทรวงเอ" not in response.content.decode()


def test_roster_pages_by_keyset_within_a_query_budget(
    client, hr_officer, department_a1, django_assert_max_num_queries
):
    for n in range(55):
        PersonFactory(agency=department_a1, given_name=f"คน{n:02d}", family_name="ก")
    client.force_login(hr_officer)
    with django_assert_max_num_queries(12):
        first = client.get(LIST)
    page = first.context["page"]
    assert len(page.people) == 50 and page.prev_before is None
    with django_assert_max_num_queries(12):
        second = client.get(LIST, {"after": page.next_after})
    assert len(second.context["page"].people) == 5
    assert second.context["page"].next_after is None
    back = client.get(LIST, {"before": second.context["page"].prev_before})
    assert [p.pk for p in back.context["page"].people] == [p.pk for p in page.people]


# --- search by national ID ------------------------------------------------------


def test_search_by_national_id_is_post_only(client, hr_officer):
    client.force_login(hr_officer)
    assert client.get(SEARCH).status_code == 405


def test_search_by_national_id_opens_the_person(client, hr_officer, department_a1):
    nid = new_national_id()
    person = PersonFactory(agency=department_a1, national_id=nid)
    client.force_login(hr_officer)
    response = client.post(SEARCH, {"national_id": nid})
    assert response.status_code == 302
    assert response["Location"] == detail(person)
    assert nid not in response["Location"]


def test_search_outside_scope_gives_the_one_answer(client, outsider_hr, department_a1):
    nid = new_national_id()
    PersonFactory(agency=department_a1, national_id=nid, given_name="ลับ")
    client.force_login(outsider_hr)
    response = client.post(SEARCH, {"national_id": nid})
    assert response.status_code == 200
    body = response.content.decode()
    assert "ลงทะเบียนอยู่กับหน่วยงานอื่น ท่านส่งคำขอรับโอนได้" in body
    assert "ลับ" not in body and nid not in body
    assert reverse("competencies:transfer-request-create") in body
    unknown = client.post(SEARCH, {"national_id": new_national_id()})
    assert "ไม่พบบุคลากรที่มีเลขนี้ในระบบ" in unknown.content.decode()


def test_search_with_a_bad_checksum_shows_a_thai_error(client, hr_officer):
    client.force_login(hr_officer)
    response = client.post(SEARCH, {"national_id": "1234567890123"})
    assert "ไม่ถูกต้อง" in response.content.decode()


# --- person page ----------------------------------------------------------------


def test_person_page_masks_the_id_and_shows_history(client, hr_officer, department_a1):
    nid = new_national_id()
    person = PersonFactory(agency=department_a1, national_id=nid)
    client.force_login(hr_officer)
    body = client.get(detail(person)).content.decode()
    assert nid not in body and person.masked_national_id in body
    assert "ประวัติสังกัดและตำแหน่ง" in body and "กรมเอหนึ่ง" in body


def test_person_page_outside_scope_is_404(client, outsider_hr, somying):
    client.force_login(outsider_hr)
    response = client.get(detail(somying))
    assert response.status_code == 404
    assert "สมหญิง" not in response.content.decode()


def test_civil_servant_sees_own_page_and_no_one_else(client, civil_servant, somying):
    client.force_login(civil_servant)
    own = client.get(detail(civil_servant.person))
    assert own.status_code == 200 and not own.context["can_write"]
    assert client.get(detail(somying)).status_code == 404


def test_person_page_query_budget(
    client, hr_officer, somying, django_assert_max_num_queries
):
    client.force_login(hr_officer)
    with django_assert_max_num_queries(20):
        assert client.get(detail(somying)).status_code == 200


# --- create and edit --------------------------------------------------------------


def _new_person(agency, **extra):
    return {
        "national_id": new_national_id(),
        "given_name": "สมใหม่",
        "family_name": "มาใหม่",
        "email": "",
        "effective_date": "1/10/2569",
        "agency": agency.pk,
        "category": "civil_ordinary",
        "position_title": "นักทรัพยากรบุคคล",
        "position_type": "academic",
        "position_level": "K1",
        "target_group": "",
        "status": "active",
    } | extra


def test_hr_officer_creates_a_person(client, hr_officer, division_a1a):
    client.force_login(hr_officer)
    response = client.post(CREATE, _new_person(division_a1a))
    person = Person.objects.get(given_name="สมใหม่")
    assert response.status_code == 302 and response["Location"] == detail(person)
    assert person.versions.get().effective_date == date(2026, 10, 1)


def test_create_keeps_what_was_typed_and_explains_in_thai(
    client, hr_officer, division_a1a
):
    client.force_login(hr_officer)
    data = _new_person(division_a1a, national_id="1234567890123")
    response = client.post(CREATE, data)
    body = response.content.decode()
    assert response.status_code == 200 and not Person.objects.exists()
    assert "ตรวจสอบหลักสุดท้ายไม่ผ่าน" in body
    assert 'value="สมใหม่"' in body and 'value="1/10/2569"' in body


def test_create_offers_only_writable_agencies(
    client, hr_officer, viewer, division_a1a, ministry_b
):
    client.force_login(hr_officer)
    body = client.get(CREATE).content.decode()
    assert "กองเอหนึ่งเอ" in body and "กระทรวงบี" not in body
    response = client.post(CREATE, _new_person(ministry_b))
    assert response.status_code == 200 and not Person.objects.exists()
    client.force_login(viewer)
    assert client.get(CREATE).status_code == 403


def test_edit_names_in_place(client, hr_officer, somying):
    client.force_login(hr_officer)
    form = client.get(edit(somying)).context["form"]
    data = {k: form[k].value() or "" for k in form.fields}
    data |= {"family_name": "แต่งงานแล้ว", "agency": somying.current_agency_id}
    data["effective_date"] = ""
    response = client.post(edit(somying), data)
    assert response.status_code == 302
    somying.refresh_from_db()
    assert somying.family_name == "แต่งงานแล้ว" and somying.versions.count() == 1


def test_a_fact_change_needs_a_date_and_adds_a_version(
    client, hr_officer, somying, division_a1a
):
    client.force_login(hr_officer)
    form = client.get(edit(somying)).context["form"]
    data = {k: form[k].value() or "" for k in form.fields}
    data |= {"agency": division_a1a.pk, "effective_date": ""}
    response = client.post(edit(somying), data)
    assert response.status_code == 200 and "ระบุวันที่มีผล" in response.content.decode()
    data["effective_date"] = "01/11/2569"
    assert client.post(edit(somying), data).status_code == 302
    somying.refresh_from_db()
    assert somying.current_agency == division_a1a and somying.versions.count() == 2


def test_edit_out_of_scope_is_404_and_read_only_is_403(
    client, outsider_hr, viewer, somying
):
    client.force_login(outsider_hr)
    assert client.get(edit(somying)).status_code == 404
    client.force_login(viewer)
    assert client.get(edit(somying)).status_code == 403


# --- bulk target groups ---------------------------------------------------------


def test_bulk_assign_from_the_roster(client, hr_officer, somying, department_a1):
    other = PersonFactory(agency=department_a1, target_group=None)
    client.force_login(hr_officer)
    response = client.post(
        ASSIGN,
        {
            "people": [somying.pk, other.pk],
            "group": "5",
            "effective_date": "25/11/2569",
            "next": LIST + "?q=x",
        },
    )
    assert response.status_code == 302 and response["Location"] == LIST + "?q=x"
    other.refresh_from_db()
    assert other.current_target_group == 5


def test_bulk_assign_errors_keep_the_selection(client, hr_officer, somying):
    client.force_login(hr_officer)
    response = client.post(ASSIGN, {"people": [somying.pk], "group": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{somying.pk}"' in body and "checked" in body


def test_bulk_assign_ignores_foreign_people(client, outsider_hr, somying):
    client.force_login(outsider_hr)
    response = client.post(
        ASSIGN, {"people": [somying.pk], "group": "1", "effective_date": "1/1/2569"}
    )
    assert response.status_code == 200
    assert "สมหญิง" not in response.content.decode()
    somying.refresh_from_db()
    assert somying.versions.count() == 1


def test_bulk_assign_is_post_only_and_not_for_viewers(client, viewer, hr_officer):
    client.force_login(hr_officer)
    assert client.get(ASSIGN).status_code == 405
    client.force_login(viewer)
    assert client.post(ASSIGN, {}).status_code == 403


def test_not_found_does_not_echo_the_national_id(client, hr_officer):
    nid = new_national_id()
    client.force_login(hr_officer)
    body = client.post(SEARCH, {"national_id": nid}).content.decode()
    assert "ไม่พบบุคลากร" in body and nid not in body


def test_person_page_shows_plans_to_a_viewer_without_write_buttons(
    client, viewer, somying, framework
):
    from competencies.models import DevelopmentPlan, PlanItem

    plan = DevelopmentPlan.objects.create(person=somying, fiscal_year=2570)
    item = PlanItem.objects.create(
        plan=plan, title="หลักสูตรธรรมาภิบาลข้อมูล", target_date=date(2027, 3, 31)
    )
    item.skill_areas.set([framework.skill_areas.get(code="DG")])
    client.force_login(viewer)
    response = client.get(detail(somying))
    body = response.content.decode()
    assert "แผนพัฒนารายบุคคล" in body and "หลักสูตรธรรมาภิบาลข้อมูล" in body
    assert "31/03/2570" in body
    assert not response.context["can_write"]
    assert reverse("competencies:person-edit", args=[somying.pk]) not in body


def test_person_pages_are_not_cached_and_posts_need_csrf(hr_officer, somying):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_officer)
    assert "no-store" in client.get(detail(somying))["Cache-Control"]
    response = client.post(
        ASSIGN, {"people": [somying.pk], "group": "1", "effective_date": "1/1/2569"}
    )
    assert response.status_code == 403
    assert somying.versions.count() == 1


def test_roster_links_still_work_after_an_id_search(client, hr_officer, department_a1):
    for n in range(51):
        PersonFactory(agency=department_a1, given_name=f"คน{n:02d}")
    client.force_login(hr_officer)
    body = client.post(SEARCH, {"national_id": new_national_id()}).content.decode()
    assert f'action="{LIST}"' in body
    assert f'href="{LIST}?after=' in body
    assert f'name="next" value="{LIST}' in body
