"""Scheduled rollout reports (SPEC §1): form, beat task, e-mail with attachment."""

import io
import json

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from agencies.models import RoleAssignment
from agencies.tests.factories import PersonFactory
from reports import services, tasks
from reports.models import ScheduledReport

FY = 2570
LIST = reverse("reports:schedule-list")
CREATE = reverse("reports:schedule-create")
FORM = {
    "name": "รายงานประจำเดือนถึงผู้บริหาร",
    "recipients": "a@ocsc.go.th\nb@ocsc.go.th, c@ocsc.go.th",
    "fy": "",
    "fmt": "xlsx",
    "day_of_month": "5",
    "hour": "8",
    "enabled": "on",
}


@pytest.fixture
def computed(framework, department_a1, person_b):
    PersonFactory(agency=department_a1, target_group=6)
    services.compliance_recompute(fy=FY)


def test_ocsc_admin_schedules_a_monthly_report(client, ocsc_admin):
    client.force_login(ocsc_admin)
    response = client.post(CREATE, FORM)
    assert response.status_code == 302 and response["Location"] == LIST
    report = ScheduledReport.objects.get()
    assert report.recipient_list == ["a@ocsc.go.th", "b@ocsc.go.th", "c@ocsc.go.th"]
    task = report.periodic_task
    assert task.task == "reports.tasks.scheduled_report_send" and task.enabled
    assert json.loads(task.kwargs) == {"report_id": report.pk}
    cron = task.crontab
    assert (cron.minute, cron.hour, cron.day_of_month, cron.month_of_year) == (
        "0",
        "8",
        "5",
        "*",
    )
    assert str(cron.timezone) == "Asia/Bangkok"
    assert FORM["name"] in client.get(LIST).content.decode()


def test_editing_updates_the_same_beat_task(client, ocsc_admin):
    client.force_login(ocsc_admin)
    client.post(CREATE, FORM)
    report = ScheduledReport.objects.get()
    edit = reverse("reports:schedule-edit", args=[report.pk])
    client.post(edit, FORM | {"day_of_month": "20", "enabled": ""})
    assert PeriodicTask.objects.filter(name__startswith="scheduled-report").count() == 1
    task = PeriodicTask.objects.get(pk=report.periodic_task_id)
    assert task.crontab.day_of_month == "20" and not task.enabled


def test_delete_removes_the_beat_task(client, ocsc_admin):
    client.force_login(ocsc_admin)
    client.post(CREATE, FORM)
    report = ScheduledReport.objects.get()
    client.post(reverse("reports:schedule-delete", args=[report.pk]))
    assert not ScheduledReport.objects.exists()
    assert not PeriodicTask.objects.filter(name__startswith="scheduled-report").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("recipients", "not-an-email"), ("day_of_month", "31"), ("hour", "24")],
)
def test_invalid_input_shows_errors(client, ocsc_admin, field, value):
    client.force_login(ocsc_admin)
    response = client.post(CREATE, FORM | {field: value})
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not ScheduledReport.objects.exists()


@pytest.mark.parametrize("user", ["hr_officer", "viewer"])
def test_schedules_are_ocsc_only(client, user, request):
    client.force_login(request.getfixturevalue(user))
    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, FORM).status_code == 403
    assert not ScheduledReport.objects.exists()


def _report(ocsc_admin, **extra):
    from agencies.scoping import scope_for
    from reports.schedules import scheduled_report_save

    data = {
        "name": "รายงานรายเดือน",
        "recipients": "a@ocsc.go.th\nb@ocsc.go.th",
        "fy": None,
        "fmt": "xlsx",
        "day_of_month": 1,
        "hour": 7,
        "enabled": True,
    }
    return scheduled_report_save(
        scope=scope_for(ocsc_admin), user=ocsc_admin, data=data | extra
    )


def test_task_emails_the_report_with_an_attachment(ocsc_admin, computed):
    report = _report(ocsc_admin)
    assert tasks.scheduled_report_send(report_id=report.pk) is True
    (message,) = mail.outbox
    assert message.to == ["a@ocsc.go.th", "b@ocsc.go.th"]
    assert "รายงานรายเดือน" in message.subject and str(FY) in message.subject
    assert "บุคลากรในขอบเขต: 2 คน" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".xlsx") and "spreadsheetml" in mimetype
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[2]][1] == "ทั้งประเทศ"
    report.refresh_from_db()
    assert report.last_sent_at is not None and report.last_error == ""


def test_task_sends_a_pdf_when_asked(ocsc_admin, computed):
    report = _report(ocsc_admin, fmt="pdf", fy=FY)
    assert tasks.scheduled_report_send(report_id=report.pk) is True
    ((filename, content, mimetype),) = mail.outbox[0].attachments
    assert content.startswith(b"%PDF") and mimetype == "application/pdf"


def test_nothing_is_sent_once_the_creator_lost_the_role(ocsc_admin, computed):
    report = _report(ocsc_admin)
    RoleAssignment.objects.filter(user=ocsc_admin).delete()
    assert tasks.scheduled_report_send(report_id=report.pk) is False
    assert mail.outbox == []
    report.refresh_from_db()
    assert report.last_error


def test_send_now_queues_the_task(client, ocsc_admin, computed):
    report = _report(ocsc_admin)
    client.force_login(ocsc_admin)
    response = client.post(reverse("reports:schedule-send", args=[report.pk]))
    assert response.status_code == 302 and len(mail.outbox) == 1
