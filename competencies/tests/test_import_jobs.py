"""Import jobs' files are deleted after their retention (PDPA s.37(3))."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.scoping import scope_for
from competencies import services
from competencies.models import ImportJob

ROSTER = b"national_id,given_name,family_name,agency_code,personnel_category\r\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _job(user, status):
    job = services.import_job_create(
        scope=scope_for(user),
        user=user,
        kind="roster",
        upload=SimpleUploadedFile("roster.csv", ROSTER),
    )
    ImportJob.objects.filter(pk=job.pk).update(status=status)
    job.refresh_from_db()
    return job


def test_files_past_their_retention_are_deleted_and_the_rows_stay(hr_officer, settings):
    settings.IMPORT_FILES_KEEP_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        old = _job(hr_officer, "done")
    ImportJob.objects.filter(pk=old.pk).update(errors=[{"value": "x-xxxx-xxxxx-63-5"}])
    recent = _job(hr_officer, "done")
    path = Path(old.file.path)
    assert services.import_job_purge() == 1
    old.refresh_from_db()
    assert not path.exists() and not old.file and old.status == "done"
    assert old.errors == []  # errors quote the file's cells: they go with it
    assert Path(recent.file.path).exists()
    assert services.import_job_purge() == 0  # nothing left to delete


def test_a_job_still_waiting_for_confirmation_expires_with_the_reason(hr_officer):
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        waiting = _job(hr_officer, "validated")
    assert services.import_job_purge() == 1
    waiting.refresh_from_db()
    assert waiting.status == "failed" and not waiting.file
    assert "ครบระยะเวลาเก็บรักษา" in waiting.errors[0]["reason_th"]
    assert not services.import_job_confirm(job=waiting, scope=scope_for(hr_officer))


def test_running_jobs_keep_their_files(hr_officer):
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        running = _job(hr_officer, "importing")
    assert services.import_job_purge() == 0
    running.refresh_from_db()
    assert Path(running.file.path).exists()


def test_only_ocsc_may_queue_an_agencies_import(hr_officer, ocsc_admin):
    """A crafted request for the agencies kind is a 403, not a crash (SPEC §8)."""
    from django.core.exceptions import PermissionDenied

    upload = SimpleUploadedFile("agencies.csv", b"code,name_th\r\n")
    with pytest.raises(PermissionDenied, match="สำนักงาน ก.พ."):
        services.import_job_create(
            scope=scope_for(hr_officer), user=hr_officer, kind="agencies", upload=upload
        )
    job = services.import_job_create(
        scope=scope_for(ocsc_admin), user=ocsc_admin, kind="agencies", upload=upload
    )
    assert job.kind == "agencies"
