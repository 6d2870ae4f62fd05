"""The HR officer's browser workflows, end to end in Debian's chromium (SPEC §6)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory
from competencies import services
from competencies.models import Assessment, TrainingRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def framework(db):
    call_command("load_framework")


@pytest.fixture
def staff(department_a1, division_a1a):
    people = [
        PersonFactory(agency=department_a1, given_name="สมหญิง", family_name="รักเรียน"),
        PersonFactory(
            agency=division_a1a,
            given_name="ประเสริฐ",
            family_name="ดิจิทัล",
            target_group=None,
            position_title="นักวิชาการคอมพิวเตอร์",
        ),
    ]
    return people


def test_hr_officer_browses_the_roster_and_a_person(
    page, sign_in, hr_officer, staff, framework, screenshot
):
    sign_in(hr_officer)
    screenshot("hr-home")
    page.get_by_role("link", name="บุคลากร", exact=True).click()
    page.wait_for_url("**/people/")
    assert page.get_by_role("heading", level=1).inner_text() == "ทะเบียนบุคลากร"
    row = page.get_by_role("row", name=re.compile("ประเสริฐ"))
    assert "ยังไม่กำหนด" in row.inner_text()
    assert "ผู้ปฏิบัติงานเฉพาะด้านเทคโนโลยีดิจิทัล" in row.inner_text()  # suggested
    screenshot("hr-roster")
    page.get_by_role("link", name="สมหญิง รักเรียน").click()
    assert page.get_by_role("heading", level=1).inner_text() == "สมหญิง รักเรียน"
    screenshot("hr-person")


def test_hr_officer_assigns_the_suggested_group(
    page, sign_in, hr_officer, staff, framework, screenshot
):
    sign_in(hr_officer)
    page.goto("/people/")
    page.get_by_label("เลือก ประเสริฐ ดิจิทัล").check()
    page.locator("#assign_group").select_option("suggest")
    page.get_by_role("button", name="กำหนดกลุ่มเป้าหมาย").click()
    page.wait_for_load_state()
    assert "กำหนดกลุ่มเป้าหมายแล้ว 1 คน" in page.get_by_role("status").first.inner_text()
    screenshot("hr-roster-assigned")
    staff[1].refresh_from_db()
    assert staff[1].current_target_group == 5


def test_hr_officer_logs_a_training_record(
    page, sign_in, hr_officer, staff, framework, screenshot
):
    person = staff[0]
    sign_in(hr_officer)
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="+ บันทึกการฝึกอบรม").click()
    page.get_by_label("ชื่อการอบรม/กิจกรรม").fill("การวิเคราะห์ข้อมูลด้วย Python")
    page.get_by_label("ผู้จัด").fill("สถาบันพัฒนาข้าราชการพลเรือน")
    page.get_by_label("วันที่เริ่ม").fill("16/11/2569")
    page.get_by_label("วันที่สำเร็จ").fill("16/11/2569")
    page.get_by_label("จำนวนชั่วโมง").fill("30")
    page.get_by_label("อนาคต").check()
    page.get_by_label(re.compile("DT · ความสามารถ")).check()
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_load_state()
    assert "24 ชั่วโมงต่อวัน" in page.content()  # too many hours for one day
    assert page.get_by_label("จำนวนชั่วโมง").input_value() == "30"
    screenshot("hr-training-form-error")
    page.get_by_label("วันที่เริ่ม").fill("15/11/2569")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_url(f"**/people/{person.pk}/")
    assert "ตรวจสอบแล้ว" in page.get_by_role("status").first.inner_text()
    assert "การวิเคราะห์ข้อมูลด้วย Python" in page.content()
    screenshot("hr-training-logged")
    page.go_back()  # issue 19: the form comes back as typed, dates included
    page.wait_for_load_state()
    assert page.get_by_label("ชื่อการอบรม/กิจกรรม").input_value().startswith("การวิ")
    assert page.get_by_label("วันที่สำเร็จ").input_value() == "16/11/2569"
    assert page.get_by_label("วันที่เริ่ม").input_value() == "15/11/2569"
    screenshot("hr-training-form-after-back")
    record = TrainingRecord.objects.get()
    assert (record.status, record.hours, record.completed_on) == (
        "verified",
        Decimal("30"),
        date(2026, 11, 16),
    )


def test_hr_officer_verifies_and_rejects_pending_items(
    page, sign_in, hr_officer, civil_servant, framework, screenshot
):
    own = scope_for(civil_servant)
    record = services.training_record_create(
        scope=own,
        actor=civil_servant,
        person=civil_servant.person,
        title="เรียนออนไลน์ การใช้ AI อย่างรับผิดชอบ",
        provider="Thai MOOC",
        completed_on=date(2026, 11, 3),
        hours=Decimal("6"),
        horizon="future",
    )
    from competencies.models import SkillArea

    services.assessment_create(
        scope=own,
        actor=civil_servant,
        person=civil_servant.person,
        skill_area=SkillArea.objects.get(code="DLIT"),
        level=3,
        assessed_on=date(2026, 11, 3),
        method="self",
    )
    sign_in(hr_officer)
    page.get_by_role("link", name="รอตรวจสอบ").click()
    page.wait_for_url("**/verification/")
    screenshot("hr-verification-queue")
    page.get_by_role("button", name="อนุมัติ เรียนออนไลน์ การใช้ AI อย่างรับผิดชอบ").click()
    page.wait_for_load_state()
    assert "อนุมัติรายการแล้ว" in page.get_by_role("status").first.inner_text()
    record.refresh_from_db()
    assert record.status == "verified" and record.verified_by == hr_officer
    page.get_by_role("link", name=re.compile("^ผลการประเมิน")).click()
    page.get_by_role("link", name="ไม่อนุมัติ").click()
    page.get_by_role("button", name="ยืนยันไม่อนุมัติ").click()
    assert "กรุณาระบุเหตุผลที่ไม่อนุมัติ" in page.content()
    screenshot("hr-reject-needs-reason")
    page.get_by_label("เหตุผลที่ไม่อนุมัติ").fill("ระดับ 3 ต้องมีผลทดสอบประกอบ")
    page.get_by_role("button", name="ยืนยันไม่อนุมัติ").click()
    page.wait_for_url("**/verification/")
    screenshot("hr-verification-done")
    assert Assessment.objects.get().status == "rejected"


def test_hr_officer_approves_several_items_at_once(
    page, sign_in, hr_officer, staff, framework, screenshot
):
    """Issue 19: choose items on a filtered page, confirm, and they are all decided."""
    for n, person in enumerate(staff * 2):
        TrainingRecord.objects.create(
            person=person,
            title=f"ส่งเอง {n}",
            completed_on=date(2026, 11, 3),
            hours=Decimal("2"),
            horizon="current",
            status="pending",
        )
    sign_in(hr_officer)
    page.goto("/verification/")
    page.get_by_label("ชื่อผู้ส่ง").fill(staff[0].given_name)
    page.get_by_role("button", name="กรอง").click()
    page.wait_for_url("**person=*")
    assert page.locator("input[name=items]").count() == 2
    page.get_by_label("เลือกทั้งหมดในหน้านี้").check()
    screenshot("hr-verification-bulk-chosen")
    page.get_by_role("button", name="อนุมัติที่เลือก", exact=True).click()
    page.get_by_role("heading", name="อนุมัติ 2 รายการ").wait_for()
    screenshot("hr-verification-bulk-confirm")
    page.get_by_role("button", name="ยืนยันอนุมัติ").click()
    page.wait_for_url("**person=*")
    assert "อนุมัติ 2 รายการแล้ว" in page.get_by_role("status").first.inner_text()
    assert page.get_by_label("ชื่อผู้ส่ง").input_value() == staff[0].given_name
    verified = TrainingRecord.objects.filter(status="verified")
    assert {r.person for r in verified} == {staff[0]} and verified.count() == 2


def test_a_bulk_rejection_without_a_reason_shows_why(
    page, sign_in, hr_officer, staff, framework, screenshot
):
    """Newcomer walk: the server's "required" must stay visible under forms.js."""
    TrainingRecord.objects.create(
        person=staff[0],
        title="ส่งเอง",
        completed_on=date(2026, 11, 3),
        hours=Decimal("2"),
        horizon="current",
        status="pending",
    )
    sign_in(hr_officer)
    page.goto("/verification/")
    page.get_by_label("เลือกทั้งหมดในหน้านี้").check()
    page.get_by_role("button", name="ไม่อนุมัติที่เลือก").click()
    page.get_by_role("button", name="ยืนยันไม่อนุมัติ").click()
    page.wait_for_load_state()
    assert page.get_by_text("กรุณาระบุเหตุผลที่ไม่อนุมัติ").is_visible()
    screenshot("hr-verification-bulk-reason-required")
    page.get_by_label("เหตุผลที่ไม่อนุมัติ").fill("ไม่มีหลักฐาน")
    page.get_by_role("button", name="ยืนยันไม่อนุมัติ").click()
    page.wait_for_url("**/verification/")
    assert TrainingRecord.objects.get().status == "rejected"


def test_a_pasted_long_title_is_kept_whole_and_refused_in_thai(
    page, sign_in, hr_officer, staff, framework, screenshot
):
    """Issue 19: no silent cut by maxlength, and Django's own message in Thai."""
    person = staff[0]
    sign_in(hr_officer)
    page.goto(f"/people/{person.pk}/training/new/")
    title = page.get_by_label("ชื่อการอบรม/กิจกรรม")
    limit = int(title.get_attribute("data-maxlength"))
    long_title = ("การวิเคราะห์ข้อมูล " * (limit // 10)).strip()
    title.fill(long_title)
    assert title.input_value() == long_title  # nothing cut
    assert f"{len(long_title)}/{limit}" in page.content()
    page.get_by_label("วันที่สำเร็จ").fill("16/11/2569")
    page.get_by_label("จำนวนชั่วโมง").fill("3")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_load_state()
    body = page.content()
    assert f"ยาวได้ไม่เกิน {limit} ตัวอักษร (ขณะนี้มี {len(long_title)})" in body
    assert "กรุณาระบุชื่อการอบรม" not in body  # no wrong second error
    assert "Ensure this value" not in body
    assert page.get_by_label("ชื่อการอบรม/กิจกรรม").input_value() == long_title
    screenshot("hr-training-title-too-long")
    assert not TrainingRecord.objects.exists()
