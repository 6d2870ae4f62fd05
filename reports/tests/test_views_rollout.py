"""The OCSC rollout dashboard and job table (SPEC §5, §7): OCSC only."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.tests.factories import AgencyFactory, PersonFactory
from reports import services

FY = 2570
URL = reverse("reports:rollout-dashboard")
RUNS = reverse("reports:run-list")


@pytest.fixture
def computed(framework, assess, department_a1, person_b):
    done = PersonFactory(agency=department_a1, target_group=6)
    for code, level in {"DLIT": 2, "DG": 1, "DT": 1, "DS": 1}.items():
        assess(done, code, level, date(2026, 10, 15))
    services.compliance_recompute(fy=FY)


def test_ocsc_admin_reads_the_nation(client, ocsc_admin, computed):
    client.force_login(ocsc_admin)
    response = client.get(URL, {"fy": FY})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.national.headcount == 2 and board.national.assessed == 1
    assert board.phase.fy_from <= FY
    body = response.content.decode()
    assert "กระทรวงเอ" in body and "กระทรวงบี" in body and "ยังไม่เริ่ม" in body
    assert response.context["charts"]["trend"]["labels"][0] == "2561"


def test_drill_down_lists_the_children(client, ocsc_admin, computed, ministry_a):
    client.force_login(ocsc_admin)
    response = client.get(URL, {"fy": FY, "parent": ministry_a.pk})
    assert [r.label for r in response.context["board"].rows] == ["กรมเอหนึ่ง"]


def test_unknown_parent_is_404(client, ocsc_admin, computed):
    client.force_login(ocsc_admin)
    assert client.get(URL, {"parent": 999999}).status_code == 404


@pytest.mark.parametrize("user", ["hr_officer", "viewer", "civil_servant"])
def test_other_roles_get_403_and_no_figures(client, computed, user, request):
    client.force_login(request.getfixturevalue(user))
    for url in (URL, RUNS):
        response = client.get(url)
        assert response.status_code == 403
        assert "กระทรวงบี" not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    for url in (URL, RUNS):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_kind_filter_lists_local_governments(client, ocsc_admin, computed):
    AgencyFactory(code="LG1", name_th="เทศบาลตำบลหนึ่ง", kind="local_government")
    services.compliance_recompute(fy=FY)
    client.force_login(ocsc_admin)
    response = client.get(URL, {"fy": FY, "kind": "local_government"})
    assert [r.label for r in response.context["board"].rows] == ["เทศบาลตำบลหนึ่ง"]


def test_rollout_query_count_is_fixed(
    client, ocsc_admin, computed, django_assert_max_num_queries
):
    client.force_login(ocsc_admin)
    client.get(URL)
    with django_assert_max_num_queries(16):
        assert client.get(URL, {"fy": FY}).status_code == 200


def test_job_table_lists_runs(client, ocsc_admin, computed):
    client.force_login(ocsc_admin)
    response = client.get(RUNS)
    assert response.status_code == 200
    assert "คำนวณใหม่ทั้งหมด" in response.content.decode()


def test_every_page_type_is_timed_and_within_its_query_budget(computed, capsys):
    from reports.management.commands.bench_pages import PAGES

    call_command("bench_pages", "--n", "1")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("BENCH ")
    result = json.loads(last.removeprefix("BENCH "))
    assert set(result["pages"]) == set(PAGES)
    assert all(page["p95_ms"] > 0 for page in result["pages"].values())
    over = {
        name: page["queries"]
        for name, page in result["pages"].items()
        if page["queries"] > PAGES[name].budget
    }
    assert over == {}, "pages over their query budget (issue 17)"


def test_a_phase_reads_the_same_on_the_report_and_in_the_admin(
    client, ocsc_admin, computed
):
    """SPEC §5: scope is cumulative; the latest phase covers every later FY."""
    from django.contrib import admin

    from competencies.admin import RolloutPhaseAdmin
    from competencies.models import RolloutPhase

    client.force_login(ocsc_admin)
    said = "ปีงบประมาณ 2564–2565 และทุกปีต่อจากนั้น"
    report = client.get(URL, {"fy": FY}).content.decode()
    assert said in report and "ปีงบประมาณ 2561–2562<" in report
    columns = RolloutPhaseAdmin(RolloutPhase, admin.site)
    listed = [columns.period(p) for p in RolloutPhase.objects.order_by("fy_from")]
    assert listed[-1] == said and listed[0] == "ปีงบประมาณ 2561–2562"


def test_phases_have_english_names(client, ocsc_admin, computed):
    client.force_login(ocsc_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(URL, {"fy": FY}).content.decode()
    assert "Phase 3" in page and "ระยะที่ 3" not in page


def test_a_running_year_says_it_is_in_progress(client, ocsc_admin, computed):
    """Issue 19: two months into FY 2570 the figures are partial, and say so."""
    import time_machine

    client.force_login(ocsc_admin)
    with time_machine.travel(date(2026, 12, 4), tick=False):
        page = client.get(URL, {"fy": FY}).content.decode()
        assert 'id="fy-in-progress"' in page and "ผ่านไปแล้ว 18% ของปี" in page
        ended = client.get(URL, {"fy": 2569}).content.decode()
        assert 'id="fy-in-progress"' not in ended
        agency = reverse("reports:agency-dashboard")
        assert 'id="fy-in-progress"' in client.get(agency, {"fy": FY}).content.decode()
