"""The agency dashboard and worklist pages (SPEC §7, §8): HR, viewer, OCSC."""

from datetime import date

import pytest
from django.urls import reverse

from agencies.tests.factories import PersonFactory
from reports import services

FY = 2570
URL = reverse("reports:agency-dashboard")
WORKLIST = reverse("reports:worklist")


@pytest.fixture
def computed(framework, assess, department_a1, division_a1a, person_b):
    done = PersonFactory(agency=department_a1, target_group=6, given_name="ครบแล้ว")
    for code, level in {"DLIT": 2, "DG": 1, "DT": 1, "DS": 1}.items():
        assess(done, code, level, date(2026, 10, 15))
    PersonFactory(agency=division_a1a, target_group=6, given_name="ค้างประเมิน")
    services.compliance_recompute(fy=FY)


def test_hr_officer_sees_own_ministry_by_default(client, hr_officer, computed):
    client.force_login(hr_officer)
    response = client.get(URL, {"fy": FY})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.agency.code == "MA" and board.headline.headcount == 2
    body = response.content.decode()
    assert "กระทรวงเอ" in body and "กระทรวงบี" not in body
    assert 'id="chart-trend"' in body and "dashboards.js" in body
    assert "ข้อมูล ณ วันที่" in body and "คำนวณเมื่อ" in body
    assert 'id="provenance"' in body  # the targets are defaults awaiting OCSC


def test_viewer_reads_a_department_of_the_subtree(
    client, viewer, computed, department_a1
):
    client.force_login(viewer)
    response = client.get(URL, {"agency": department_a1.pk, "fy": FY, "group": 6})
    assert response.status_code == 200
    assert response.context["board"].headline.assessed == 1


def test_ocsc_admin_opens_any_agency(client, ocsc_admin, computed, department_b1):
    client.force_login(ocsc_admin)
    response = client.get(URL, {"agency": department_b1.pk, "fy": FY})
    assert response.status_code == 200
    assert response.context["board"].headline.headcount == 1


def test_another_ministry_is_404(client, hr_officer, computed, department_b1):
    client.force_login(hr_officer)
    response = client.get(URL, {"agency": department_b1.pk})
    assert response.status_code == 404
    assert "กรมบีหนึ่ง" not in response.content.decode()


def test_garbage_agency_is_404(client, hr_officer, computed):
    client.force_login(hr_officer)
    assert client.get(URL, {"agency": "x' or 1=1"}).status_code == 404


def test_invalid_year_falls_back_to_the_current_one(client, hr_officer, computed):
    client.force_login(hr_officer)
    response = client.get(URL, {"fy": "2400", "group": "9"})
    assert response.status_code == 200
    assert response.context["board"].fy == response.context["form"].default_fy
    assert response.context["board"].group == 0


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("login")
    )


def test_civil_servant_without_a_role_gets_403(client, civil_servant):
    client.force_login(civil_servant)
    assert client.get(URL).status_code == 403
    assert client.get(WORKLIST).status_code == 403


def test_post_is_not_allowed(client, hr_officer):
    client.force_login(hr_officer)
    assert client.post(URL).status_code == 405


def test_no_figures_yet_shows_an_empty_state(client, hr_officer):
    client.force_login(hr_officer)
    response = client.get(URL, {"fy": 2561})
    assert response.status_code == 200
    assert "ยังไม่มีตัวเลขของปีงบประมาณนี้" in response.content.decode()


def test_dashboard_query_count_is_fixed(
    client, ocsc_admin, computed, ministry_a, django_assert_max_num_queries
):
    client.force_login(ocsc_admin)
    client.get(URL, {"agency": ministry_a.pk, "fy": FY})  # warm the session
    with django_assert_max_num_queries(18):
        assert client.get(URL, {"agency": ministry_a.pk, "fy": FY}).status_code == 200


def test_worklist_links_people_to_their_page(client, hr_officer, computed):
    client.force_login(hr_officer)
    response = client.get(WORKLIST, {"fy": FY, "worklist": "not_assessed"})
    assert response.status_code == 200
    (row,) = response.context["listing"].rows
    assert row.person.given_name == "ค้างประเมิน"
    detail = reverse("competencies:person-detail", args=[row.person.pk])
    assert f'href="{detail}"' in response.content.decode()


def test_worklist_of_another_ministry_is_404(
    client, hr_officer, computed, department_b1
):
    client.force_login(hr_officer)
    response = client.get(WORKLIST, {"agency": department_b1.pk})
    assert response.status_code == 404


def test_worklist_pages_by_keyset(client, hr_officer, computed, department_a1):
    for n in range(55):
        PersonFactory(agency=department_a1, target_group=None, given_name=f"ก{n:02d}")
    services.compliance_recompute(fy=FY)
    client.force_login(hr_officer)
    first = client.get(WORKLIST, {"fy": FY, "worklist": "no_group"}).context
    assert len(first["listing"].rows) == 50 and first["listing"].count == 55
    names = [r.person.given_name for r in first["listing"].rows]
    assert names == sorted(names)
    after = first["listing"].next_after
    second = client.get(WORKLIST, {"fy": FY, "worklist": "no_group", "after": after})
    rest = [r.person.given_name for r in second.context["listing"].rows]
    assert len(rest) == 5 and not set(rest) & set(names)
    assert second.context["listing"].next_after is None


def test_a_cached_board_gives_way_to_new_figures(
    client, hr_officer, computed, department_a1, django_assert_max_num_queries
):
    """Issue 17: the board is built once per figures version, then read back."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hr_officer)
    with CaptureQueriesContext(connection) as first:
        client.get(URL, {"fy": FY})
    with CaptureQueriesContext(connection) as second:
        board = client.get(URL, {"fy": FY}).context["board"]
    assert len(second) < len(first) - 5 and board.headline.headcount == 2
    PersonFactory(agency=department_a1, target_group=6, given_name="มาใหม่")
    services.compliance_recompute(fy=FY)
    fresh = client.get(URL, {"fy": FY})
    assert fresh.context["board"].headline.headcount == 3
    assert '<p class="display-6 mb-0" data-kpi="headcount">3</p>' in fresh.text  # the
    # rendered tables are kept per figures version as well


def test_an_agency_renamed_shows_at_once(client, hr_officer, computed, department_a1):
    """The cached boards and tables name agencies: an agency change drops them."""

    def children_table() -> str:
        page = client.get(URL, {"fy": FY}).text
        start = page.index('id="children-table"')
        return page[start : page.index("</table>", start)]

    client.force_login(hr_officer)
    assert department_a1.name_th in children_table()
    department_a1.name_th = "กรมที่เปลี่ยนชื่อแล้ว"
    department_a1.save()
    assert "กรมที่เปลี่ยนชื่อแล้ว" in children_table()
