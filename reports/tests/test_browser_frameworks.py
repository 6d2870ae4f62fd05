"""A framework version in chromium (SPEC §4, issue 18): OCSC starts a draft
for a fiscal year, raises a row of the target grid, sees who would newly miss,
publishes, and the rollout report for that year changes."""

from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from agencies.tests.factories import PersonFactory
from competencies.models import Assessment, Framework, SkillArea
from reports import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting_one(department_a1):
    """One group-6 officer at level 2 in every skill: meets today's targets."""
    call_command("load_framework")
    person = PersonFactory(agency=department_a1, target_group=6)
    for skill in SkillArea.objects.all():
        Assessment.objects.create(
            person=person, skill_area=skill, level=2, assessed_on=date(2026, 10, 5),
            method="supervisor", status="verified",
        )  # fmt: skip
    services.compliance_recompute(fy=2570)
    return person


def test_ocsc_edits_previews_and_publishes_a_version(
    page, sign_in, ocsc_admin, meeting_one, screenshot
):
    sign_in(ocsc_admin)
    page.goto("/reports/rollout/?fy=2570")
    expect(page.locator("[data-kpi=meeting] + p")).to_contain_text("1 คน")

    page.goto("/reports/frameworks/")
    page.get_by_label("เริ่มใช้ปีงบประมาณ").fill("2570")
    page.get_by_label("รหัสกรอบ").fill("ocsc-2570")
    page.get_by_label("ชื่อ (ไทย)").fill("กรอบสมรรถนะ ปีงบประมาณ 2570")
    page.get_by_role("button", name="สร้างฉบับร่าง").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "กรอบสมรรถนะ ปีงบประมาณ 2570"
    )
    draft = Framework.objects.get(code="ocsc-2570")
    for code in draft.skill_codes():
        page.locator(f"#id_t_6_{code}").fill("4")
    page.get_by_role("button", name="บันทึกและดูผลกระทบ").click()
    expect(page.locator("[data-scope=national] [data-newly-miss]")).to_have_text("1")
    expect(page.locator("[data-scope=national] [data-newly-meet]")).to_have_text("0")
    screenshot("framework-preview")

    page.get_by_role("button", name="ประกาศใช้").click()
    expect(page.get_by_role("status").first).to_contain_text("2570")
    page.goto("/reports/rollout/?fy=2570")
    expect(page.locator("[data-kpi=meeting] + p")).to_contain_text("0 คน")
    assert Framework.objects.for_fiscal_year(2570) == draft

    page.goto("/reports/frameworks/")
    screenshot("framework-list")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="ไทย")).to_be_visible()
    page.goto(f"/reports/frameworks/{draft.pk}/")
    expect(page.locator("body")).to_contain_text("Published")
    screenshot("framework-detail-en")
    page.goto("/courses/")
    screenshot("courses-en")
