"""Registering and transferring a person, the agency tree, the lockout page."""

import pytest

from agencies.models import Person
from agencies.tests.factories import new_national_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_officer_registers_then_transfers_a_person(
    page, sign_in, hr_officer, division_a1a, screenshot
):
    nid = new_national_id()
    sign_in(hr_officer)
    page.goto("/people/")
    page.get_by_role("link", name="+ เพิ่มบุคลากร").click()
    page.get_by_label("เลขประจำตัวประชาชน").fill(nid[:12] + str((int(nid[12]) + 1) % 10))
    page.get_by_label("ชื่อ*", exact=True).fill("วันดี")
    page.get_by_label("นามสกุล").fill("มีสุข")
    page.get_by_label("หน่วยงาน").select_option(label="— กรมเอหนึ่ง")
    page.get_by_label("ตำแหน่ง", exact=True).fill("นักวิเคราะห์นโยบายและแผน")
    page.get_by_label("ระดับตำแหน่ง").fill("K2")
    page.get_by_label("วันที่มีผล").fill("1/10/2568")
    page.get_by_role("button", name="บันทึก").click()
    assert "ตรวจสอบหลักสุดท้ายไม่ผ่าน" in page.content()
    assert page.get_by_label("ชื่อ*", exact=True).input_value() == "วันดี"
    screenshot("hr-person-create-error")
    page.get_by_label("เลขประจำตัวประชาชน").fill(nid)
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url("**/people/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "วันดี มีสุข"
    assert nid not in page.content()

    page.get_by_role("link", name="แก้ไขข้อมูล").click()
    page.get_by_label("หน่วยงาน").select_option(label="— — กองเอหนึ่งเอ")
    page.get_by_label("ระดับตำแหน่ง").fill("K3")
    page.get_by_label("วันที่มีผล").fill("1 ก.ย. 2568")  # before the first version
    page.get_by_role("button", name="บันทึก").click()
    assert "วันที่มีผลต้องไม่ก่อนข้อมูลล่าสุดของบุคคลนี้" in page.content()
    assert page.get_by_label("ระดับตำแหน่ง").input_value() == "K3"
    page.get_by_label("วันที่มีผล").fill("1 ธ.ค. 2569")
    screenshot("hr-person-edit")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url("**/people/*/")
    screenshot("hr-person-transferred")
    person = Person.objects.get(given_name="วันดี")
    assert person.versions.count() == 2


def test_agency_tree_links_to_the_roster(
    page, sign_in, hr_officer, division_a1a, screenshot
):
    sign_in(hr_officer)
    page.get_by_role("link", name="หน่วยงาน", exact=True).click()
    page.get_by_role("link", name="กระทรวงเอ").click()
    page.get_by_role("link", name="กรมเอหนึ่ง").click()
    screenshot("hr-agency-detail")
    page.get_by_role("link", name="ดูรายชื่อบุคลากร (รวมหน่วยงานย่อย)").click()
    assert page.get_by_label("หน่วยงาน (รวมหน่วยงานย่อย)").input_value() == str(
        division_a1a.parent_id
    )


def test_five_wrong_passwords_show_the_thai_lockout_page(page, hr_officer, screenshot):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    page.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_label("ชื่อผู้ใช้").fill(hr_officer.username)
        page.get_by_label("รหัสผ่าน").fill("wrong-password")
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_load_state()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "บัญชีถูกล็อกชั่วคราว"
    screenshot("lockout")


def test_civil_servant_sees_own_page_and_no_roster(
    page, sign_in, civil_servant, screenshot
):
    sign_in(civil_servant)
    nav = page.get_by_role("navigation", name="เมนูหลัก")
    assert nav.get_by_role("link", name="บุคลากร", exact=True).count() == 0
    nav.get_by_role("link", name="ข้อมูลของฉัน").click()
    # Issue 19: the civil servant's own data page, not HR's person page.
    page.wait_for_url("**/me/data/")
    assert page.get_by_role("heading", level=1).inner_text() == "ข้อมูลของฉัน"
    assert "สมชาย ใจดี" in page.content()
    assert page.get_by_role("link", name="แก้ไขข้อมูล", exact=True).count() == 0
    screenshot("civil-servant-own-page")
    response = page.goto("/people/")
    assert response.status == 403
