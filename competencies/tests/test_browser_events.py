"""A whole class in one form, in Debian's chromium (SPEC §6, issue 18): thirty
attendees recorded at once, on each attendee's page and in the agency figures."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import TrainingRecord
from reports import services
from reports.models import ComplianceFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def class_of_30(department_a1):
    call_command("load_framework")
    ids = [new_national_id() for _ in range(30)]
    people = [
        PersonFactory(agency=department_a1, national_id=i, target_group=3) for i in ids
    ]
    return ids, people


def test_hr_records_a_class_of_thirty(
    page, sign_in, hr_officer, ministry_a, class_of_30, screenshot
):
    ids, people = class_of_30
    sign_in(hr_officer)
    page.get_by_role("link", name="การจัดอบรม", exact=True).click()
    page.get_by_role("link", name="+ บันทึกการจัดอบรม").click()
    page.get_by_label("หน่วยงานผู้จัด").select_option(str(ministry_a.pk))
    page.get_by_label("ชื่อการอบรม/กิจกรรม").fill("การใช้ปัญญาประดิษฐ์ในงานราชการ")
    page.get_by_label("วันที่เริ่ม").fill("2/11/2569")
    page.get_by_label("วันที่สำเร็จ").fill("3/11/2569")
    page.get_by_label("จำนวนชั่วโมง").fill("12")
    page.get_by_label("อนาคต").check()
    page.get_by_label(re.compile("DT · ")).check()
    screenshot("event-form")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "การใช้ปัญญาประดิษฐ์ในงานราชการ"
    )
    page.get_by_label(re.compile("บรรทัดละหนึ่งคน")).fill("\n".join(ids))
    page.get_by_role("button", name="ตรวจสอบรายชื่อ", exact=True).click()
    expect(page.locator("#attendees-added li")).to_have_count(30)
    screenshot("event-preview")
    assert not TrainingRecord.objects.exists()
    page.get_by_role("button", name="ยืนยันการบันทึก").click()
    expect(page.get_by_role("status").first).to_contain_text("30 คน")
    expect(page.locator("#event-attendees tbody tr")).to_have_count(30)
    screenshot("event-recorded")

    page.goto(f"/people/{people[7].pk}/")
    expect(page.locator("#training-heading + *")).to_contain_text(
        "การใช้ปัญญาประดิษฐ์ในงานราชการ"
    )

    # What the Celery beat's refresh does with the marks the write left.
    services.compliance_refresh_marked()
    figure = ComplianceFigure.objects.get(fy=2570, agency=ministry_a, target_group=0)
    assert (figure.hours_total, figure.hours_future) == (360, 360)
    page.goto(f"/reports/agency/?agency={ministry_a.pk}&fy=2570")
    expect(page.locator("body")).to_contain_text("360.00")
