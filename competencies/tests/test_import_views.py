"""Browser import pages (SPEC §9): upload, preview, confirm, errors; scoped (§8)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Person
from agencies.tests.factories import new_national_id
from competencies.models import ImportJob

HEADER = "national_id,given_name,family_name,agency_code,personnel_category"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, user, *lines, kind="roster", name="roster.csv"):
    client.force_login(user)
    data = ("\r\n".join([HEADER, *lines]) + "\r\n").encode()
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("imports:start"), {"kind": kind, "file": file})


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(reverse("imports:start"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("user", ["viewer", "civil_servant"])
def test_people_without_write_scope_get_403(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("imports:start")).status_code == 403
    assert client.get(reverse("imports:template", args=["roster"])).status_code == 403


def test_hr_uploads_previews_confirms_and_sees_the_counts(
    client, hr_officer, department_a1, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client, hr_officer, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary"
        )
    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == "validated" and job.counts["new"] == 1
    assert job.agency.code == "MA" and job.created_by == hr_officer
    assert not Person.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "ยืนยันการนำเข้า" in page and 'data-count="new">1<' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job-confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.finished_at
    assert Person.objects.get().current_agency == department_a1
    assert "นำเข้าข้อมูลเรียบร้อยแล้ว" in client.get(job.get_absolute_url()).content.decode()


def test_the_uploaded_file_is_kept_privately(
    client, hr_officer, department_a1, tmp_path
):
    upload(client, hr_officer, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    job = ImportJob.objects.get()
    assert job.original_name == "roster.csv"
    assert job.file.path.startswith(str(tmp_path / "private"))
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018


def test_errors_are_listed_and_downloadable_as_neutralised_csv(
    client, hr_officer, department_a1, django_capture_on_commit_callbacks
):
    nid = new_national_id()
    bad = nid[:12] + str((int(nid[12]) + 1) % 10)
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            client, hr_officer, f"{bad},ก,ข,MA-D1,civil_ordinary", "=1+1,ก,ข,MA-D1,x"
        )
    job = ImportJob.objects.get()
    assert job.status == "failed"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "ไม่มีข้อมูลใดถูกบันทึก" in page and job.errors[0]["reason_th"] in page
    assert "check digit does not match" not in page  # Thai page, Thai reasons
    assert bad not in page and "ยืนยันการนำเข้า" not in page
    response = client.get(reverse("imports:job-errors", args=[job.pk]))
    assert response["Content-Disposition"].endswith('errors.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "value", "reason_th", "reason_en"]
    assert bad not in response.content.decode()
    assert all(
        not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row
    )
    assert client.post(reverse("imports:job-confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == "failed" and not Person.objects.exists()


def test_another_officers_job_is_404_everywhere(
    client, hr_officer, outsider_hr, department_a1
):
    line = f"{new_national_id()},ก,ข,MA-D1,civil_ordinary"
    upload(client, hr_officer, line, name="ministry-a-staff.csv")
    job = ImportJob.objects.get()
    client.force_login(outsider_hr)
    for name in ["job-detail", "job-progress", "job-errors"]:
        assert client.get(reverse(f"imports:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("imports:job-confirm", args=[job.pk])).status_code == 404
    assert (
        "ministry-a-staff" not in client.get(reverse("imports:start")).content.decode()
    )


def test_ocsc_sees_every_job(client, hr_officer, ocsc_admin, department_a1):
    upload(client, hr_officer, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    client.force_login(ocsc_admin)
    job = ImportJob.objects.get()
    assert client.get(job.get_absolute_url()).status_code == 200


def test_hr_cannot_choose_agencies_but_ocsc_can(client, hr_officer, ocsc_admin):
    response = upload(client, hr_officer, "x", kind="agencies")
    assert response.status_code == 200 and not ImportJob.objects.exists()
    assert "agencies" not in response.context["form"].fields["kind"].choices[0]
    client.force_login(ocsc_admin)
    assert "หน่วยงาน" in client.get(reverse("imports:start")).content.decode()


def test_a_file_over_the_size_limit_is_refused_with_a_clear_error(
    client, hr_officer, settings
):
    client.force_login(hr_officer)
    big = SimpleUploadedFile("roster.csv", b"x" * (50 * 1024 * 1024))
    response = client.post(reverse("imports:start"), {"kind": "roster", "file": big})
    assert response.status_code == 200
    assert "ไฟล์มีขนาดใหญ่เกิน 20 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_other_extensions_are_refused(client, hr_officer):
    response = upload(client, hr_officer, "x", name="roster.xls")
    assert "รองรับเฉพาะไฟล์ .csv หรือ .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_progress_is_a_small_json_document(client, hr_officer, department_a1):
    upload(client, hr_officer, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    job = ImportJob.objects.get()
    data = client.get(reverse("imports:job-progress", args=[job.pk])).json()
    assert set(data) == {"status", "progress", "running"}


def test_a_running_job_shows_a_progress_bar_polled_by_a_script(
    client, hr_officer, department_a1
):
    upload(client, hr_officer, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="validating", progress=40)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'aria-valuenow="40"' in page and "js/progress.js" in page
    assert "<script>" not in page


@pytest.mark.parametrize("kind", ["agencies", "roster", "training", "assessments"])
def test_each_kind_has_a_template_csv(client, ocsc_admin, kind):
    client.force_login(ocsc_admin)
    response = client.get(reverse("imports:template", args=[kind]))
    header, example = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    )
    assert len(header) == len(example)


def test_the_roster_template_speaks_the_officers_terms_and_imports_as_is(
    client, hr_officer, ministry_a
):
    """Issue 19: own agency code, the portal's level codes, a valid unused ID."""
    from agencies.scoping import scope_for
    from agencies.services import roster_import
    from skillsportal.lib import national_id

    client.force_login(hr_officer)
    response = client.get(reverse("imports:template", args=["roster"]))
    header, example = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    )
    row = dict(zip(header, example, strict=True))
    assert row["agency_code"] == "MA" and row["position_level"] == "K2"
    assert national_id.is_valid(row["national_id"])
    result = roster_import(
        data=response.content,
        filename="roster-template.csv",
        scope=scope_for(hr_officer),
        actor=hr_officer,
        commit=False,
    )
    assert result.ok, result.errors


def test_confirm_only_accepts_post(client, hr_officer, department_a1):
    upload(client, hr_officer, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    job = ImportJob.objects.get()
    assert client.get(reverse("imports:job-confirm", args=[job.pk])).status_code == 405


def test_a_crash_marks_the_job_failed_instead_of_leaving_it_running(
    hr_officer, department_a1, monkeypatch
):
    from agencies.scoping import scope_for
    from competencies import services
    from competencies.services import import_jobs

    job = services.import_job_create(
        scope=scope_for(hr_officer),
        user=hr_officer,
        kind="roster",
        upload=SimpleUploadedFile("r.csv", b"national_id\r\n1\r\n"),
    )

    def boom(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setitem(import_jobs.IMPORTERS, "roster", boom)
    with pytest.raises(RuntimeError):
        services.import_job_validate(job=job, scope=scope_for(hr_officer))
    job.refresh_from_db()
    assert job.status == "failed" and not job.is_running
    assert job.errors[0]["reason_en"].startswith("Unexpected error")


def test_the_import_pages_speak_one_language(client, hr_officer, department_a1):
    """Issue 19: no English line under the Thai, no Thai reason in English."""
    from competencies.models import ImportJob, ImportStatus

    client.force_login(hr_officer)
    job = ImportJob.objects.create(
        kind="roster",
        original_name="r.csv",
        created_by=hr_officer,
        agency=department_a1,
        status=ImportStatus.FAILED,
        errors=[
            {
                "row": 2,
                "column": "agency_code",
                "value": "X",
                "reason_th": "ไม่พบรหัสหน่วยงาน",
                "reason_en": "Unknown agency code",
            }
        ],
    )
    page = client.get(reverse("imports:job-detail", args=[job.pk])).content.decode()
    assert "ไม่พบรหัสหน่วยงาน" in page and "Unknown agency code" not in page
    assert "error(s) found" not in page and 'lang="en"' not in page.split("<main")[-1]


def _upload_file(client, user, kind, name, text):
    client.force_login(user)
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("imports:start"), {"kind": kind, "file": file})


def test_hr_imports_courses_into_their_agencys_catalogue(
    client, hr_officer, ministry_a, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from competencies.models import Course

    call_command("load_framework")
    text = "code,title,hours,skills\r\nA-10,ข้อมูลเปิด,6,DS\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        _upload_file(client, hr_officer, "courses", "courses.csv", text)
    job = ImportJob.objects.get()
    assert job.status == "validated", job.errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:job-confirm", args=[job.pk]))
    course = Course.objects.get()
    assert (course.owner, course.code) == (ministry_a, "A-10")
    page = client.get(reverse("imports:start") + "?kind=courses").content.decode()
    assert 'value="courses" selected' in page


def test_a_training_file_with_an_unknown_code_is_previewed_with_a_warning(
    client, hr_officer, department_a1, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from agencies.tests.factories import PersonFactory

    call_command("load_framework")
    nid = new_national_id()
    PersonFactory(agency=department_a1, national_id=nid)
    text = (
        "national_id,title,course_code,completed_on,hours,horizon\r\n"
        f"{nid},อบรมภายนอก,EXT-7,01/03/2569,3,current\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _upload_file(client, hr_officer, "training", "training.csv", text)
    job = ImportJob.objects.get()
    assert job.status == "validated" and job.counts["new"] == 1
    [warning] = job.warnings
    assert (warning["row"], warning["column"], warning["value"]) == (
        2,
        "course_code",
        "EXT-7",
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="import-warnings"' in page and "EXT-7" in page
    assert "ยืนยันการนำเข้า" in page
