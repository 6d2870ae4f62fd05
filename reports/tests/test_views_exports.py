"""Dashboard exports (SPEC §8, §9): Thai headers, BE dates, formulas, isolation."""

import io
import subprocess
from datetime import timedelta
from urllib.parse import quote

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleAssignment
from agencies.tests.factories import AgencyFactory, PersonFactory
from reports import export_jobs, services
from reports.models import ComplianceFigure, ExportJob
from skillsportal.lib.thai_dates import format_be

FY = 2570
CREATE = reverse("reports:export-create")
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def office(ministry_a):
    return AgencyFactory(
        code="MA-OPS", name_th="สำนักงานปลัดกระทรวงเอ", parent=ministry_a
    )


@pytest.fixture
def computed(framework, office, department_a1, person_b):
    PersonFactory(agency=office, target_group=3, given_name=FORMULA)
    PersonFactory(agency=office, target_group=None, family_name="+66812345678")
    PersonFactory(agency=department_a1, target_group=6, given_name="-5")
    services.compliance_recompute(fy=FY)


def _post(client, **data):
    return client.post(CREATE, {"fy": FY, **data})


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return [line.split(",") for line in text.strip().split("\r\n")]


def test_groups_csv_has_thai_headers_and_be_dates(
    client, hr_officer, computed, ministry_a
):
    client.force_login(hr_officer)
    response = _post(client, table="groups", fmt="csv", agency=ministry_a.pk)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    assert rows[0][:3] == ["กลุ่มเป้าหมาย", "จำนวนบุคลากร", "ประเมินครบ"]
    assert rows[1][0] == "ทุกกลุ่ม" and rows[1][1] == "3"
    assert all(row[0][0].isdigit() and row[0][1] == "." for row in rows[2:])
    as_of = ComplianceFigure.objects.filter(fy=FY).first().as_of
    assert format_be(as_of) in rows[1]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="groups-MA-2570.csv"')
    assert "filename*=UTF-8''" + quote("ตัวเลขรายกลุ่มเป้าหมาย") in disposition


def test_xlsx_dates_are_real_cells_with_the_be_format(
    client, viewer, computed, ministry_a
):
    client.force_login(viewer)
    response = _post(client, table="trend", fmt="xlsx", agency=ministry_a.pk)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("ข้อมูล ณ วันที่") + 1)
    assert cell.is_date and "th-TH,107" in cell.number_format
    stamp = sheet.cell(row=2, column=headers.index("คำนวณเมื่อ") + 1)
    assert stamp.is_date and "hh:mm" in stamp.number_format


def test_pdf_numbers_have_two_places_as_on_the_dashboard():
    from decimal import Decimal

    from reports.exports import _pdf_cell

    assert _pdf_cell(Decimal("6.886400")) == ("6.89", True)
    assert _pdf_cell(1234) == ("1,234", True)


def test_a_short_table_downloads_at_once_in_every_format(
    client, viewer, computed, ministry_a
):
    """Issue 19: one flow; only size (or a whole report) makes a job."""
    client.force_login(viewer)
    for fmt, start in (("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = _post(client, table="trend", fmt=fmt, agency=ministry_a.pk)
        assert response.status_code == 200, fmt
        assert response.content.startswith(start), fmt
        assert response["Content-Disposition"].startswith("attachment;")


def test_short_exports_are_recorded_for_audit(
    client, hr_officer, computed, ministry_a, run_job
):
    client.force_login(hr_officer)
    _post(client, table="children", fmt="csv", agency=ministry_a.pk)
    job = ExportJob.objects.get()
    assert (job.created_by, job.table, job.status, job.rows) == (
        hr_officer,
        "children",
        "done",
        2,
    )
    assert not job.downloadable


@pytest.fixture
def run_job(django_capture_on_commit_callbacks):
    """Post a long export; its task runs on commit (eagerly, as in the demo)."""

    def _run(client, **data):
        with django_capture_on_commit_callbacks(execute=True):
            response = _post(client, **data)
        assert response.status_code == 302
        job = ExportJob.objects.latest("pk")
        assert response["Location"] == job.get_absolute_url()
        job.refresh_from_db()
        return job

    return _run


def test_worklist_xlsx_job_neutralises_formulas(
    client, hr_officer, computed, office, run_job
):
    client.force_login(hr_officer)
    job = run_job(
        client, table="worklist", fmt="xlsx", agency=office.pk, worklist="no_training"
    )
    assert client.get(job.get_absolute_url()).status_code == 200
    response = client.get(reverse("reports:export-download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response))).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    assert FORMULA in values and "+66812345678" in values
    assert "x-xxxx-xxxxx-" in " ".join(str(v) for v in values)


def test_worklist_csv_prefixes_formula_text(
    client, hr_officer, computed, ministry_a, run_job
):
    client.force_login(hr_officer)
    job = run_job(
        client,
        table="worklist",
        fmt="csv",
        agency=ministry_a.pk,
        worklist="no_training",
    )
    text = b"".join(
        client.get(reverse("reports:export-download", args=[job.pk]))
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+66812345678" in text and "'-5" in text
    assert "\n=" not in text and ",=" not in text


def test_exports_of_ministry_a_never_hold_ministry_b(
    client, hr_officer, computed, ministry_a, run_job
):
    client.force_login(hr_officer)
    job = run_job(client, table="subtree", fmt="csv", agency=ministry_a.pk)
    text = b"".join(
        client.get(reverse("reports:export-download", args=[job.pk]))
    ).decode("utf-8-sig")
    assert "MA-OPS" in text and "MA-D1" in text
    assert "MB" not in text and "กระทรวงบี" not in text and "กรมบีหนึ่ง" not in text


def test_export_of_another_ministry_is_404(client, hr_officer, computed, ministry_b):
    client.force_login(hr_officer)
    for table in ("groups", "subtree", "worklist"):
        response = _post(client, table=table, fmt="csv", agency=ministry_b.pk)
        assert response.status_code == 404
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("table", ["national", "ministries", "not_started", "rollout"])
def test_national_exports_are_ocsc_only(client, hr_officer, computed, table):
    client.force_login(hr_officer)
    fmt = "pdf" if table == "rollout" else "csv"
    assert _post(client, table=table, fmt=fmt).status_code == 403


def test_ocsc_ministries_table_starts_with_the_nation(client, ocsc_admin, computed):
    client.force_login(ocsc_admin)
    rows = _csv_rows(_post(client, table="ministries", fmt="csv"))
    assert rows[1][1] == "ทั้งประเทศ" and rows[1][3] == "4"
    assert {r[0] for r in rows[2:]} == {"MA", "MB"}


def test_invalid_requests_are_400(client, hr_officer, computed, ministry_a):
    client.force_login(hr_officer)
    assert _post(client, table="nope", fmt="csv").status_code == 400
    assert (
        _post(client, table="agency", fmt="csv", agency=ministry_a.pk).status_code
        == 400
    )


def test_jobs_are_served_to_their_creator_only(
    client, hr_officer, outsider_hr, ocsc_admin, computed, ministry_a, run_job
):
    client.force_login(hr_officer)
    job = run_job(client, table="subtree", fmt="xlsx", agency=ministry_a.pk)
    names = [
        "reports:export-detail",
        "reports:export-progress",
        "reports:export-download",
    ]
    for other in (outsider_hr, ocsc_admin):
        client.force_login(other)
        for name in names:
            assert client.get(reverse(name, args=[job.pk])).status_code == 404
        listed = client.get(reverse("reports:export-list")).context["jobs"]
        assert job not in listed


def test_progress_document(client, hr_officer, computed, ministry_a, run_job):
    client.force_login(hr_officer)
    job = run_job(client, table="subtree", fmt="csv", agency=ministry_a.pk)
    data = client.get(reverse("reports:export-progress", args=[job.pk])).json()
    assert data == {"status": "done", "progress": 100, "running": False}


def test_download_stops_when_the_role_is_gone(
    client, viewer, computed, ministry_a, run_job
):
    client.force_login(viewer)
    job = run_job(client, table="subtree", fmt="csv", agency=ministry_a.pk)
    RoleAssignment.objects.filter(user=viewer).delete()
    response = client.get(reverse("reports:export-download", args=[job.pk]))
    assert response.status_code == 404


def test_job_with_lost_scope_fails_without_data(hr_officer, computed, ministry_a):
    from agencies.scoping import scope_for
    from reports.export_tables import ExportParams

    job = ExportJob.objects.create(
        created_by=hr_officer,
        table="subtree",
        fmt="csv",
        params=ExportParams(fy=FY, agency=ministry_a.pk).to_json(),
    )
    RoleAssignment.objects.filter(user=hr_officer).delete()
    assert not scope_for(hr_officer).read_paths
    job = export_jobs.export_job_run(job_id=job.pk)
    assert job.status == "failed" and not job.file
    assert export_jobs.export_job_run(job_id=job.pk) is None  # idempotent


def test_purge_deletes_old_files_but_keeps_the_record(
    client, hr_officer, computed, ministry_a, run_job
):
    client.force_login(hr_officer)
    job = run_job(client, table="subtree", fmt="csv", agency=ministry_a.pk)
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    assert export_jobs.export_job_purge() == 1
    job.refresh_from_db()
    assert not job.downloadable and job.rows > 0


def _pdf_text(client, job):
    pdf = b"".join(client.get(reverse("reports:export-download", args=[job.pk])))
    assert pdf.startswith(b"%PDF")
    fonts = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Sarabun" in fonts and "Loma" not in fonts
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return out.stdout.decode()


def test_agency_pdf_keeps_thai_names_exact(
    client, hr_officer, computed, office, run_job
):
    client.force_login(hr_officer)
    job = run_job(client, table="agency", fmt="pdf", agency=office.pk)
    assert job.status == "done" and job.filename.endswith(".pdf")
    text = _pdf_text(client, job)
    assert "สำนักงานปลัดกระทรวงเอ" in text
    assert "รายงานผลการพัฒนาทักษะดิจิทัลของหน่วยงาน" in text
    assert "กระทรวงบี" not in text


def test_agency_pdf_labels_the_70_30_bar_and_every_status(
    client, ministry_a, department_a1, ocsc_admin, computed, run_job
):
    """Issue 19: the bar's legend names both parts and the target; no empty status."""
    from datetime import date
    from decimal import Decimal

    from agencies.tests.factories import PersonFactory
    from competencies.models import TrainingRecord

    person = PersonFactory(agency=department_a1)
    for hours, horizon in ((7, "current"), (3, "future")):
        TrainingRecord.objects.create(
            person=person,
            title=f"t-{horizon}",
            completed_on=date(2026, 10, 20),
            hours=Decimal(hours),
            horizon=horizon,
            status="verified",
        )
    call_command("recompute_compliance", "--fy", "2570")
    client.force_login(ocsc_admin)
    job = run_job(client, table="agency", fmt="pdf", agency=ministry_a.pk)
    text = " ".join(_pdf_text(client, job).split())
    assert "ปัจจุบัน 70.0 % อนาคต 30.0 %" in text
    assert "งานปัจจุบัน · เพื่ออนาคต · เป้าหมาย 70/30" in text
    children = text.split("หน่วยงานในสังกัด")[-1]
    assert children.count("%") == 3  # the header row only
    assert children.count("ยังไม่เริ่ม") + children.count("เริ่มดำเนินการแล้ว") == 2


def test_rollout_pdf_lists_the_ministries(client, ocsc_admin, computed, run_job):
    client.force_login(ocsc_admin)
    job = run_job(client, table="rollout", fmt="pdf")
    text = _pdf_text(client, job)
    assert "กระทรวงเอ" in text and "กระทรวงบี" in text and "ทั้งประเทศ" in text
