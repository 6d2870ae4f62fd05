"""A civil servant's self-service, end to end in Debian's chromium (SPEC §1, §6, §7).

The civil servant sees their gaps and submits training; an HR officer, in
another browser context, verifies it; the civil servant's figures and inbox
follow.
"""

import re
from datetime import date
from decimal import Decimal

import pytest

from competencies.models import Course, Notification, TrainingRecord
from conftest import ARTIFACTS, PASSWORD
from reports import services
from reports.models import PersonYearFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FY = 2570


@pytest.fixture
def scene(framework, assess, civil_servant, hr_officer):
    """Somchai (group 3) with two verified levels, a course for his gaps."""
    me = civil_servant.person
    assess(me, "DLIT", 2, date(2026, 10, 12))
    assess(me, "DG", 2, date(2026, 10, 12), method="test")
    course = Course.objects.create(
        code="OCSC-DS-01",
        title="การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ",
        provider="สำนักงาน ก.พ.",
        hours=Decimal("12"),
        horizon="future",
    )
    course.skill_areas.set(framework.skill_areas.filter(code__in=["DS", "DT"]))
    services.compliance_recompute(fy=FY)
    services.compliance_refresh_marked()
    return me


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(user.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/")


def _no_serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], "\n".join(map(str, bad))


def _figure(person):
    return PersonYearFigure.objects.get(fy=FY, person=person)


def test_civil_servant_submits_hr_verifies_figures_follow(
    page, browser, live_server, civil_servant, hr_officer, scene, screenshot
):
    _sign_in(page, civil_servant)
    page.get_by_role("link", name="ทักษะของฉัน").click()
    page.wait_for_url("**/me/")
    assert "ยังขาดอีก 11 ระดับใน 6 ด้าน" in page.locator("#verdict").inner_text()
    assert page.locator("#skills-table tr[data-skill]").count() == 7
    assert page.locator("#skills-chart").bounding_box()["height"] > 150
    screenshot("me-skills")
    _no_serious_violations(page)

    page.get_by_role("link", name="+ ส่งบันทึกการฝึกอบรม").first.click()
    page.get_by_label("ชื่อการอบรม/กิจกรรม").fill("Thai MOOC: ปัญญาประดิษฐ์สำหรับงานภาครัฐ")
    page.get_by_label("ผู้จัด").fill("Thai MOOC")
    page.get_by_label("วันที่สำเร็จ").fill("20/11/2569")
    page.get_by_label("จำนวนชั่วโมง").fill("6")
    page.get_by_label("อนาคต").check()
    page.get_by_label(re.compile("DT · ความสามารถ")).check()
    screenshot("me-training-form")
    page.get_by_role("button", name="ส่งให้เจ้าหน้าที่ตรวจสอบ").click()
    page.wait_for_url("**/me/")
    assert "รอเจ้าหน้าที่ตรวจสอบ" in page.get_by_role("status").first.inner_text()
    assert "อีก 6 ชั่วโมงจะนับเมื่อเจ้าหน้าที่อนุมัติ" in page.content()
    screenshot("me-training-pending")
    assert _figure(scene).hours_c == 0

    page.get_by_role("link", name="แผนพัฒนาของฉัน").first.click()
    assert "OCSC-DS-01" in page.locator("#recommendations").inner_text()
    screenshot("me-plan-recommendations")
    _no_serious_violations(page)
    page.get_by_role("button", name=re.compile("เพิ่มในแผน")).first.click()
    assert "ในแผนแล้ว" in page.get_by_role("status").first.inner_text()
    screenshot("me-plan")

    hr = browser.new_context(
        base_url=live_server.url,
        locale="th-TH",
        viewport={"width": 1280, "height": 900},
    ).new_page()
    _sign_in(hr, hr_officer)
    hr.goto("/verification/")
    hr.get_by_role("button", name="อนุมัติ Thai MOOC: ปัญญาประดิษฐ์สำหรับงานภาครัฐ").click()
    hr.wait_for_load_state()
    assert "อนุมัติรายการแล้ว" in hr.get_by_role("status").first.inner_text()
    hr.screenshot(path=str(ARTIFACTS / "me-hr-verified.png"), full_page=True)
    hr.context.close()

    assert TrainingRecord.objects.get(hours=6).status == "verified"
    if _figure(scene).hours_c == 0:  # eager Celery refreshes on commit; else sweep
        services.compliance_refresh_marked()
    figure = _figure(scene)
    assert (figure.hours_c, figure.future_c, figure.balanced) == (600, 600, False)

    page.goto("/me/")
    assert page.locator('[data-hours="total"]').inner_text() == "6"
    assert "100.0 %" in page.locator('[data-hours="future"]').inner_text()
    assert "ยังไม่สมดุล" in page.locator("#hours").inner_text()
    badge = page.locator("#nav-notifications [data-unread]")
    assert badge.get_attribute("data-unread") == "1"
    screenshot("me-skills-after")

    page.locator("#nav-notifications").click()
    page.wait_for_url("**/me/notifications/")
    assert "การฝึกอบรม ได้รับการอนุมัติแล้ว" in page.locator("#notifications").inner_text()
    screenshot("me-notifications")
    _no_serious_violations(page)
    page.get_by_role("button", name="เปิดดู").first.click()
    page.wait_for_url("**/me/?fy=2570")
    assert Notification.objects.get().read_at is not None
    assert page.locator("#nav-notifications [data-unread]").count() == 0


def test_hr_comments_on_a_plan_and_the_person_reads_it(
    page, browser, live_server, civil_servant, hr_officer, scene, screenshot
):
    from agencies.scoping import scope_for
    from competencies import services as records

    records.plan_item_add(
        scope=scope_for(civil_servant),
        person=scene,
        fy=FY,
        course=Course.objects.get(),
        target_date=date(2027, 3, 31),
    )
    _sign_in(page, hr_officer)
    page.goto("/me/team/plans/")
    screenshot("me-hr-team-plans")
    page.get_by_role("link", name=scene.full_name).click()
    assert "OCSC-DS-01" in page.locator("#plan-items").inner_text()
    page.get_by_label("ความเห็นต่อแผนพัฒนา").fill(
        "แผนดีแล้ว ควรเพิ่มกิจกรรมด้านภาวะผู้นำดิจิทัล (DL) ก่อนสิ้นปีงบประมาณ"
    )
    page.get_by_role("button", name="ส่งความเห็น").click()
    page.wait_for_load_state()
    assert "แจ้งบุคลากรแล้ว" in page.get_by_role("status").first.inner_text()
    screenshot("me-hr-person-plan")

    mine = browser.new_context(
        base_url=live_server.url, locale="th-TH", viewport={"width": 390, "height": 844}
    ).new_page()
    _sign_in(mine, civil_servant)
    mine.goto("/me/")
    top = {"x": 0, "y": 0, "width": 390, "height": 1500}
    mine.screenshot(path=str(ARTIFACTS / "me-skills-mobile.png"), clip=top)
    mine.goto("/me/plan/")
    assert "ภาวะผู้นำดิจิทัล" in mine.locator("[data-comment]").inner_text()
    mine.screenshot(path=str(ARTIFACTS / "me-plan-mobile.png"), clip=top)
    mine.goto("/me/data/")
    with mine.expect_download() as download:
        mine.get_by_role("link", name="ดาวน์โหลดข้อมูลทั้งหมด (JSON)").click()
    assert download.value.suggested_filename.startswith("my-data-")
    mine.set_viewport_size({"width": 1280, "height": 900})
    mine.screenshot(path=str(ARTIFACTS / "me-data.png"), full_page=True)
    mine.goto("/me/settings/notifications/")
    mine.get_by_label("ส่งสำเนาการแจ้งเตือนทางอีเมล").uncheck()
    mine.get_by_role("button", name="บันทึก").click()
    assert "บันทึกการตั้งค่า" in mine.get_by_role("status").first.inner_text()
    mine.screenshot(
        path=str(ARTIFACTS / "me-notification-settings.png"), full_page=True
    )
    mine.context.close()


def test_self_assessment_and_an_activity_done(
    page, sign_in, civil_servant, scene, screenshot
):
    sign_in(civil_servant)
    page.goto("/me/assessments/new/")
    skill = page.get_by_label("ด้านทักษะ")
    skill.select_option(
        label=next(
            o
            for o in skill.locator("option").all_inner_texts()
            if o.startswith("DT · ")
        )
    )
    page.locator("#id_level").select_option("2")
    screenshot("me-assessment-form")
    page.get_by_role("button", name="ส่งให้เจ้าหน้าที่ตรวจสอบ").click()
    page.wait_for_url("**/me/")
    row = page.locator('#skills-table tr[data-skill="DT"]')
    assert "รอตรวจสอบ 1 รายการ" in row.inner_text()

    page.goto("/me/plan/items/new/?fy=2570")
    page.get_by_label("กิจกรรม/หลักสูตร").fill("เรียนรู้การใช้ระบบสารบรรณอิเล็กทรอนิกส์")
    page.get_by_label(re.compile("DLIT · ")).check()
    screenshot("me-plan-item-form")
    page.get_by_role("button", name="เพิ่มในแผน").click()
    page.get_by_role("link", name="บันทึกว่าเสร็จแล้ว").click()
    page.get_by_label("จำนวนชั่วโมง").fill("3")
    screenshot("me-plan-item-done")
    page.get_by_role("button", name="ส่งให้เจ้าหน้าที่ตรวจสอบ").click()
    page.wait_for_load_state()
    assert "รอตรวจสอบ" in page.locator("#plan-items").inner_text()
    record = TrainingRecord.objects.get()
    assert record.status == "pending" and record.hours == 3


def test_hr_officer_with_a_person_record_and_without(
    page, sign_in, hr_officer, viewer, division_a1a, framework, screenshot
):
    from agencies.tests.factories import PersonFactory

    sign_in(viewer)
    page.goto("/me/")
    assert "ยังไม่ได้เชื่อมกับข้อมูลบุคลากร" in page.content()
    screenshot("me-no-person")
    page.goto("/accounts/login/")  # next persona
    page.context.clear_cookies()
    PersonFactory(agency=division_a1a, user=hr_officer, given_name="วิไล")
    sign_in(hr_officer)
    page.goto("/me/")
    nav = page.locator("nav.navbar").bounding_box()
    assert nav["height"] < 80  # every item on one line at 1280 px
    screenshot("me-hr-with-person")
