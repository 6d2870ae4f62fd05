"""An HR officer imports a roster in the browser: errors first, then a fixed file."""

import pytest
from playwright.sync_api import expect

from agencies.models import Person
from agencies.tests.factories import new_national_id
from competencies.models import ImportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = (
    "national_id,given_name,family_name,agency_code,personnel_category,"
    "target_group,effective_date"
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def roster_file(*lines):
    data = ("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8-sig")
    return {"name": "roster.csv", "mimeType": "text/csv", "buffer": data}


def upload(page, file):
    page.goto("/imports/")
    page.get_by_label("ข้อมูลที่นำเข้า").select_option("roster")
    page.get_by_label("ไฟล์ CSV หรือ XLSX").set_input_files(file)
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()
    page.wait_for_url("**/imports/*/")


def test_hr_fixes_a_roster_with_errors_then_imports_it(
    page, sign_in, hr_officer, department_a1, division_a1a, screenshot
):
    sign_in(hr_officer)
    first, second = new_national_id(), new_national_id()
    bad = first[:12] + str((int(first[12]) + 1) % 10)
    upload(
        page,
        roster_file(
            f"{bad},สมชาย,ใจดี,MA-D1,civil_ordinary,3,01/10/2568",
            f"{second},สมหญิง,รักดี,MB-D9,civil_ordinary,7,31/02/2567",
        ),
    )
    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 4
    assert "ไม่มีข้อมูลใดถูกบันทึก" in page.get_by_role("alert").inner_text()
    assert "ตรวจสอบหลักสุดท้ายไม่ผ่าน" in errors.nth(0).inner_text()
    assert "check digit" not in errors.nth(0).inner_text()  # one language
    assert bad not in page.content()
    screenshot("import-roster-errors")

    upload(
        page,
        roster_file(
            f"{first},สมชาย,ใจดี,MA-D1,civil_ordinary,3,01/10/2568",
            f"{second},สมหญิง,รักดี,MA-D1-V1,civil_ordinary,5,2025-10-01",
        ),
    )
    assert page.locator("[data-count=new]").inner_text() == "2"
    screenshot("import-roster-preview")
    assert not Person.objects.exists()
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    page.get_by_text("นำเข้าข้อมูลเรียบร้อยแล้ว").wait_for()
    assert page.locator("[data-count=new]").inner_text() == "2"
    screenshot("import-roster-done")
    assert Person.objects.count() == 2

    page.goto("/imports/")
    assert page.locator("tbody tr").count() == 2
    screenshot("import-start")


def test_a_running_job_page_follows_progress_and_reloads_when_done(
    page, sign_in, hr_officer, department_a1, screenshot
):
    sign_in(hr_officer)
    upload(page, roster_file(f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,3,"))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="validating", progress=10)
    page.reload()
    bar = page.get_by_role("progressbar")
    ImportJob.objects.filter(pk=job.pk).update(progress=60)
    # A locator assertion, not wait_for_function: the page's CSP forbids eval.
    expect(bar).to_have_attribute("aria-valuenow", "60")
    assert bar.inner_text() == "60%"
    screenshot("import-progress")
    ImportJob.objects.filter(pk=job.pk).update(status="validated", progress=100)
    page.get_by_role("button", name="ยืนยันการนำเข้า").wait_for()
