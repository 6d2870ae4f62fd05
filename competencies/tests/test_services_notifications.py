"""Notifications: decisions, e-mail copies, opt-out and FY-end reminders (SPEC §6)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory, UserFactory
from competencies import services
from competencies.models import (
    Framework,
    Notification,
)
from reports import services as figures
from reports import tasks as report_tasks

WINDOW = {"from": "07-01", "every_days": 14}


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def submitted(civil_servant):
    return services.training_record_create(
        scope=scope_for(civil_servant),
        actor=civil_servant,
        person=civil_servant.person,
        title="การวิเคราะห์ข้อมูลด้วย Python",
        completed_on=date(2026, 11, 20),
        hours=Decimal("6"),
        horizon="future",
    )


def _decide(hr_officer, record, captured, reason=None):
    with captured(execute=True):
        if reason is None:
            return services.training_record_verify(
                scope=scope_for(hr_officer), actor=hr_officer, record=record
            )
        return services.training_record_reject(
            scope=scope_for(hr_officer), actor=hr_officer, record=record, reason=reason
        )


def test_verify_tells_the_person_in_portal_and_by_email(
    hr_officer,
    civil_servant,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _decide(hr_officer, submitted, django_capture_on_commit_callbacks)
    note = Notification.objects.get()
    assert note.user == civil_servant and note.kind == "record_verified"
    assert "อนุมัติแล้ว" in note.title and submitted.title in note.body
    assert note.link == "/me/?fy=2570" and note.read_at is None and note.emailed_at
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [civil_servant.email]
    assert mailoutbox[0].subject == note.title
    assert "ตั้งค่าการแจ้งเตือน" in mailoutbox[0].body


def test_reject_tells_the_reason(
    hr_officer, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    _decide(hr_officer, submitted, django_capture_on_commit_callbacks, "ไม่มีหลักฐาน")
    note = Notification.objects.get()
    assert note.kind == "record_rejected" and "ไม่มีหลักฐาน" in note.body
    assert "ไม่มีหลักฐาน" in mailoutbox[0].body


def test_assessment_decision_names_the_skill(
    hr_officer, civil_servant, framework, django_capture_on_commit_callbacks
):
    assessment = services.assessment_create(
        scope=scope_for(civil_servant),
        actor=civil_servant,
        person=civil_servant.person,
        skill_area=framework.skill_areas.get(code="DLIT"),
        level=2,
        assessed_on=date(2026, 11, 1),
        method="self",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_verify(
            scope=scope_for(hr_officer), actor=hr_officer, assessment=assessment
        )
    note = Notification.objects.get()
    assert "ผลการประเมินตนเอง" in note.title and "DLIT" in note.body


def test_no_email_after_opt_out_but_still_in_portal(
    hr_officer,
    civil_servant,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    services.notification_preference_update(
        scope=scope_for(civil_servant), email_enabled=False, reminders_enabled=True
    )
    _decide(hr_officer, submitted, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=civil_servant).count() == 1
    assert mailoutbox == []


def test_no_email_without_an_address(
    hr_officer,
    civil_servant,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    civil_servant.email = ""
    civil_servant.save()
    _decide(hr_officer, submitted, django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 1 and mailoutbox == []


def test_email_is_sent_once(civil_servant, mailoutbox):
    note = Notification.objects.create(user=civil_servant, kind="reminder", title="x")
    assert services.notification_email_send(notification_id=note.pk)
    assert not services.notification_email_send(notification_id=note.pk)
    assert len(mailoutbox) == 1


def test_a_failed_send_can_be_retried(civil_servant, mailoutbox, monkeypatch):
    note = Notification.objects.create(user=civil_servant, kind="reminder", title="x")

    def down(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("competencies.services.notifications.send_mail", down)
    with pytest.raises(ConnectionError):
        services.notification_email_send(notification_id=note.pk)
    monkeypatch.undo()
    assert services.notification_email_send(notification_id=note.pk)
    assert len(mailoutbox) == 1


def test_a_rolled_back_decision_tells_no_one(hr_officer, submitted, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.training_record_verify(
            scope=scope_for(hr_officer), actor=hr_officer, record=submitted
        )
        raise RuntimeError
    assert not Notification.objects.exists() and mailoutbox == []


def test_person_without_login_gets_nothing(hr_officer, department_a1):
    person = PersonFactory(agency=department_a1)
    record = person.training_records.create(
        title="t", completed_on=date(2026, 11, 1), hours=1, horizon="current"
    )
    services.training_record_verify(
        scope=scope_for(hr_officer), actor=hr_officer, record=record
    )
    assert not Notification.objects.exists()


def test_mark_read_only_touches_own(civil_servant, hr_officer):
    mine = Notification.objects.create(user=civil_servant, kind="reminder", title="a")
    theirs = Notification.objects.create(user=hr_officer, kind="reminder", title="b")
    services.notification_mark_read(scope=scope_for(civil_servant), notification=mine)
    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(
            scope=scope_for(civil_servant), notification=theirs
        )
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_mark_all_read(civil_servant, hr_officer):
    for title in "abc":
        Notification.objects.create(user=civil_servant, kind="reminder", title=title)
    Notification.objects.create(user=hr_officer, kind="reminder", title="d")
    assert services.notifications_mark_all_read(scope=scope_for(civil_servant)) == 3
    assert Notification.objects.unread().count() == 1


# --- reminders before the fiscal year ends (SPEC §7; research E7) ---------------


@pytest.fixture
def behind(framework, civil_servant, division_a1a):
    """Three people in scope of FY 2570, none assessed; one without a login."""
    other = UserFactory(username="somsri")
    PersonFactory(agency=division_a1a, user=other, given_name="สมศรี")
    PersonFactory(agency=division_a1a, given_name="ไม่มีบัญชี")
    return civil_servant, other


def _candidates(fy=2570):
    from reports.selectors import people_behind_targets

    return people_behind_targets(fy=fy)


def _run(today, settings):
    settings.FY_END_REMINDERS = WINDOW
    figures.compliance_recompute(fy=2570, today=today)
    return services.reminders_send(candidates=_candidates(), fy=2570, today=today)


def test_no_reminders_before_the_window(behind, settings):
    assert _run(date(2027, 6, 30), settings) == 0
    assert not Notification.objects.exists()


def test_reminders_in_the_window_once_per_period(
    behind, settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(date(2027, 7, 1), settings) == 2
    assert Notification.objects.filter(kind="reminder").count() == 2
    assert len(mailoutbox) == 2 and "2570" in mailoutbox[0].subject
    assert _run(date(2027, 7, 2), settings) == 0
    Notification.objects.update(created_at=timezone.now() - timedelta(days=15))
    assert _run(date(2027, 7, 16), settings) == 2


def test_opted_out_and_on_target_people_are_not_reminded(behind, settings, framework):
    civil_servant, other = behind
    services.notification_preference_update(
        scope=scope_for(other), email_enabled=True, reminders_enabled=False
    )
    person = civil_servant.person
    targets = dict(
        framework.targets.filter(target_group=3).values_list(
            "skill_area__code", "level"
        )
    )
    for code, level in targets.items():
        person.assessments.create(
            skill_area=framework.skill_areas.get(code=code),
            level=level,
            assessed_on=date(2026, 11, 1),
            status="verified",
        )
    assert _run(date(2027, 8, 1), settings) == 0


def test_reminder_selection_is_set_based(
    behind, settings, django_assert_max_num_queries
):
    settings.FY_END_REMINDERS = WINDOW
    figures.compliance_recompute(fy=2570, today=date(2027, 7, 1))
    # the recipients, their languages, one bulk INSERT (+ savepoint, release),
    # whatever the headcount
    with django_assert_max_num_queries(5):
        services.reminders_send(
            candidates=_candidates(), fy=2570, today=date(2027, 7, 1)
        )


def test_beat_task_reminds_for_the_current_year(behind, settings):
    settings.FY_END_REMINDERS = WINDOW
    with time_machine.travel(date(2027, 7, 5), tick=False):
        figures.compliance_recompute(fy=2570)
        assert report_tasks.reminders_send() == 2


def test_a_notification_speaks_its_readers_language(civil_servant, hr_officer):
    """Newcomer walk: HR decides in Thai; the reader chose English."""
    from datetime import date as day
    from decimal import Decimal

    from agencies.models import UserPreference
    from agencies.scoping import scope_for
    from competencies.models import TrainingRecord

    UserPreference.objects.create(user=civil_servant, language="en")
    record = TrainingRecord.objects.create(
        person=civil_servant.person,
        title="Python",
        completed_on=day(2026, 11, 2),
        hours=Decimal(3),
        horizon="current",
        status="pending",
    )
    services.training_record_verify(
        scope=scope_for(hr_officer), actor=hr_officer, record=record
    )
    note = civil_servant.notifications.get()
    assert note.title == "Training approved"
