"""A transfer between ministries in chromium (SPEC §3): request → accept moves
the person and both agencies' figures from the effective date; a decline
leaves everything as it was."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import TrainingRecord
from reports import services
from reports.models import PersonYearFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOVED_ON = "01/10/2569"  # the first day of FY 2570


@pytest.fixture
def mover(department_a1, department_b1, person_b):
    """A person of ministry B with figures in FY 2569 and 2570; one of A's."""
    call_command("load_framework")
    nid = new_national_id()
    person = PersonFactory(
        agency=department_b1, national_id=nid, given_name="ย้ายได้", family_name="ไปเอ"
    )
    TrainingRecord.objects.create(
        person=person,
        title="อบรมก่อนย้าย",
        completed_on=date(2026, 11, 20),
        hours=6,
        horizon="current",
        status="verified",
    )
    PersonFactory(agency=department_a1)
    for fy in (2569, 2570):
        services.compliance_recompute(fy=fy)
    return person, nid


def _agencies(person):
    """The agency of the person's figure in FY 2569 and FY 2570."""
    rows = PersonYearFigure.objects.filter(person=person, fy__in=(2569, 2570))
    rows = rows.order_by("fy")
    return [r.agency.code for r in rows.select_related("agency")]


def _headcount(page, fy=2570):
    page.goto(f"/reports/agency/?fy={fy}")
    return page.locator("[data-kpi=headcount]").inner_text()


def _request(page, sign_in, hr_officer, nid):
    sign_in(hr_officer)
    page.get_by_role("link", name="การโอนย้าย").click()
    page.get_by_role("link", name="+ ส่งคำขอรับโอน").click()
    page.get_by_label("เลขประจำตัวประชาชน").fill(nid)
    page.get_by_label("หน่วยงานที่รับโอน").select_option(label="— กรมเอหนึ่ง")
    page.get_by_label("วันที่มีผล").fill(MOVED_ON)
    page.get_by_label("ตำแหน่ง", exact=True).fill("นักวิชาการคอมพิวเตอร์")
    page.get_by_role("button", name="ส่งคำขอ").click()
    expect(page.locator("[data-status]")).to_have_text("รอการพิจารณา")
    assert "ย้ายได้" not in page.content()  # nothing of the person before acceptance


def _open_incoming(page, sign_in, outsider_hr):
    sign_in(outsider_hr)
    page.get_by_role("link", name="การโอนย้าย").click()
    row = page.locator("#transfers-incoming").get_by_role(
        "row", name=re.compile("ย้ายได้ ไปเอ")
    )
    row.get_by_role("link", name="พิจารณา").click()


def test_a_request_accepted_moves_the_person_and_the_figures(
    page, sign_in, screenshot, hr_officer, outsider_hr, mover
):
    person, nid = mover
    assert _agencies(person) == ["MB-D1", "MB-D1"]
    sign_in(hr_officer)
    assert _headcount(page) == "1"
    _request(page, sign_in, hr_officer, nid)
    screenshot("transfer-requested")
    _open_incoming(page, sign_in, outsider_hr)
    assert _headcount(page) == "2"
    _open_incoming(page, sign_in, outsider_hr)
    screenshot("transfer-to-decide")
    page.get_by_role("button", name="รับโอน", exact=True).click()
    expect(page.locator("[data-status]")).to_contain_text("รับโอนแล้ว")
    # Ministry B keeps its past (FY 2569); from FY 2570 the person is A's.
    assert _agencies(person) == ["MB-D1", "MA-D1"]
    assert _headcount(page) == "1"
    assert _headcount(page, fy=2569) == "2"
    sign_in(hr_officer)
    assert _headcount(page) == "2"
    page.locator("#nav-notifications").click()
    expect(page.get_by_text("คำขอรับโอนได้รับการอนุมัติ")).to_be_visible()
    screenshot("transfer-accepted-notice")


def test_a_declined_request_leaves_everything(
    page, sign_in, screenshot, hr_officer, outsider_hr, mover
):
    person, nid = mover
    _request(page, sign_in, hr_officer, nid)
    _open_incoming(page, sign_in, outsider_hr)
    page.get_by_label("เหตุผลที่ไม่รับโอน").fill("ยังไม่มีคำสั่งย้าย")
    page.get_by_role("button", name="ไม่รับโอน").click()
    expect(page.locator("[data-status]")).to_contain_text("ไม่รับโอน")
    screenshot("transfer-declined")
    assert _agencies(person) == ["MB-D1", "MB-D1"]
    person.refresh_from_db()
    assert person.current_agency.code == "MB-D1" and person.versions.count() == 1
    assert _headcount(page) == "2"
