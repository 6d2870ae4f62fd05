"""Dashboards in chromium (SPEC §7): charts drawn, exports downloaded, axe clean."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from agencies.tests.factories import AgencyFactory, PersonFactory
from competencies.models import Assessment, SkillArea, TrainingRecord
from reports import services
from reports.models import ExportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FY = 2570
DAY = date(2026, 10, 15)


@pytest.fixture
def computed(ministry_a, department_a1, division_a1a, person_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_framework")
    office = AgencyFactory(
        code="MA-OPS", name_th="สำนักงานปลัดกระทรวงเอ", parent=ministry_a
    )
    skills = {s.code: s for s in SkillArea.objects.all()}
    for n, agency in enumerate([department_a1, division_a1a, office] * 4):
        person = PersonFactory(agency=agency, target_group=(n % 6) + 1)
        for skill in list(skills.values())[: n % 8]:
            Assessment.objects.create(
                person=person,
                skill_area=skill,
                level=1 + n % 3,
                assessed_on=DAY,
                method="supervisor",
                status="verified",
            )
        TrainingRecord.objects.create(
            person=person,
            title=f"อบรม {n}",
            completed_on=DAY,
            hours=6 + n,
            horizon="future" if n % 3 == 0 else "current",
            status="verified",
        )
    PersonFactory(agency=office, target_group=None, given_name="ยังไม่มีกลุ่ม")
    for fy in (2569, FY):
        services.compliance_recompute(fy=fy)
    return office


def _no_serious_violations(page):
    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], "\n".join(map(str, bad))


def _chart_drawn(page, name):
    """Whether Chart.js drew chart `name` in Sarabun, waiting for the deferred
    scripts up to 10 s (a loaded CI machine runs them after the page shows)."""
    try:
        page.wait_for_function(
            "name => { const c = document.querySelector(`canvas[data-chart=${name}]`);"
            " return !!(c && window.Chart && Chart.getChart(c)"
            " && Chart.defaults.font.family === 'Sarabun'); }",
            arg=name,
            timeout=10_000,
        )
    except PlaywrightTimeout:
        return False
    return True


def test_hr_officer_reads_the_agency_dashboard(
    page, sign_in, screenshot, computed, hr_officer
):
    sign_in(hr_officer)
    page.get_by_role("link", name="รายงาน", exact=True).click()
    expect(page.get_by_role("heading", name="แดชบอร์ดหน่วยงาน")).to_be_visible()
    page.get_by_label("ปีงบประมาณ", exact=True).select_option(str(FY))
    page.get_by_role("button", name="แสดง").click()
    expect(page.locator("[data-kpi=headcount]")).to_have_text("13")
    for name in ("chart-trend", "chart-groups", "chart-balance"):
        assert _chart_drawn(page, name), name
    assert "กระทรวงบี" not in page.content()
    screenshot("reports-agency-dashboard")
    _no_serious_violations(page)
    page.get_by_role("link", name=re.compile("ยังไม่กำหนดกลุ่มเป้าหมาย")).click()
    expect(page.get_by_role("link", name=re.compile("ยังไม่มีกลุ่ม"))).to_be_visible()
    screenshot("reports-worklist")
    _no_serious_violations(page)


def test_csv_and_pdf_exports_download(page, sign_in, screenshot, computed, hr_officer):
    sign_in(hr_officer)
    page.goto(f"/reports/agency/?agency={computed.pk}&fy={FY}")
    groups = page.locator("section", has=page.locator("#groups-title"))
    with page.expect_download() as info:
        groups.get_by_role("button", name=re.compile("^CSV")).click()
    download = info.value
    assert download.suggested_filename.startswith("ตัวเลขรายกลุ่มเป้าหมาย")
    text = open(download.path(), encoding="utf-8-sig").read()
    assert text.startswith("กลุ่มเป้าหมาย,จำนวนบุคลากร")
    page.get_by_role("button", name=re.compile("^PDF")).first.click()
    expect(page.get_by_role("status")).to_contain_text("จัดทำไฟล์เสร็จ")
    screenshot("reports-export-job")
    _no_serious_violations(page)
    with page.expect_download() as info:
        page.locator("#download").click()
    assert info.value.suggested_filename.endswith(".pdf")
    assert "สำนักงานปลัดกระทรวงเอ" in info.value.suggested_filename


def test_a_running_export_shows_its_progress(page, sign_in, screenshot, hr_officer):
    job = ExportJob.objects.create(
        created_by=hr_officer, table="subtree", fmt="xlsx", progress=40
    )
    sign_in(hr_officer)
    page.goto(f"/reports/exports/{job.pk}/")
    bar = page.get_by_role("progressbar", name="ความคืบหน้า")
    expect(bar).to_have_attribute("aria-valuenow", "40")
    ExportJob.objects.filter(pk=job.pk).update(progress=75)
    expect(bar).to_have_attribute("aria-valuenow", "75")
    screenshot("reports-export-progress")
    _no_serious_violations(page)


def test_ocsc_admin_reads_the_rollout_and_drills_down(
    page, sign_in, screenshot, computed, ocsc_admin
):
    sign_in(ocsc_admin)
    page.get_by_role("link", name="รายงาน", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ภาพรวมการขับเคลื่อน")
    expect(page.locator("#current-phase")).to_be_visible()
    assert _chart_drawn(page, "chart-trend") and _chart_drawn(page, "chart-ranking")
    screenshot("reports-rollout-dashboard")
    _no_serious_violations(page)
    page.locator("#agencies-table").get_by_role(
        "link", name="กระทรวงเอ", exact=True
    ).click()
    expect(page.locator("#agencies-table")).to_contain_text("สำนักงานปลัดกระทรวงเอ")
    expect(page.get_by_role("navigation", name="เส้นทาง")).to_contain_text("ทั้งประเทศ")
    screenshot("reports-rollout-drilldown")
    with page.expect_download() as info:
        page.locator("section", has=page.locator("#agencies-title")).get_by_role(
            "button", name=re.compile("^XLSX")
        ).click()
    assert info.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("link", name="งานคำนวณตัวเลข").click()
    expect(page.locator("#runs-table")).to_contain_text("สำเร็จ")
    screenshot("reports-runs")
    _no_serious_violations(page)


def test_ocsc_admin_schedules_a_report(page, sign_in, screenshot, ocsc_admin):
    sign_in(ocsc_admin)
    page.goto("/reports/schedules/new/")
    page.get_by_label("ชื่อรายงาน").fill("รายงานประจำเดือน")
    page.get_by_label("ผู้รับ (อีเมล)").fill("a@ocsc.go.th\nb@ocsc.go.th")
    page.get_by_label("ส่งทุกวันที่").fill("5")
    screenshot("reports-schedule-form")
    _no_serious_violations(page)
    page.get_by_role("button", name="บันทึก").click()
    expect(page.locator("#schedules")).to_contain_text("รายงานประจำเดือน")
    screenshot("reports-schedule-list")
    _no_serious_violations(page)
