"""Retention: leavers past N years lose every name and note, figures stay exact."""

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from auditlog.models import LogEntry
from axes.models import AccessLog
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import Person, PersonVersion
from agencies.services.access_log import person_access_log
from agencies.tests.factories import PersonFactory, UserFactory, person_leaves
from competencies.models import (
    Assessment,
    DevelopmentPlan,
    Framework,
    Notification,
    PlanComment,
    TrainingRecord,
)
from competencies.services.retention import (
    PLACEHOLDER,
    leavers_anonymise,
    retention_cutoff,
)
from reports import services as reports
from reports.models import ComplianceFigure, PersonYearFigure

TODAY = date(2026, 11, 25)
YEARS = 5  # cutoff 2021-11-25: FY 2561 (2017-10 … 2018-09) figures include the leaver
SECRETS = ("ผู้พ้นเก่า", "นามสกุลลับ", "old@example.go.th", "oldleaver", "กองลับ")
NOTES = ("เหตุผลลับ", "บันทึกลับ", "ความเห็นลับ")


def _leave(person, on, title="นักทรัพยากรบุคคล"):
    person_leaves(person, on, title=title, today=TODAY)


def _records(person, framework, hr_officer):
    TrainingRecord.objects.create(
        person=person,
        title="อบรมดิจิทัล",
        completed_on=date(2018, 3, 1),
        hours=Decimal("10"),
        horizon="current",
        status="verified",
        evidence=ContentFile(b"%PDF-1.4 x", name="evidence/cert.pdf"),
    )
    TrainingRecord.objects.create(
        person=person,
        title="อบรมอนาคต",
        completed_on=date(2018, 4, 1),
        hours=Decimal("5"),
        horizon="future",
        status="rejected",
        rejection_reason="เหตุผลลับ",
    )
    for code, level in [("DLIT", 2), ("DG", 1), ("DT", 1), ("DS", 1)]:
        Assessment.objects.create(
            person=person,
            skill_area=framework.skill_areas.get(code=code),
            level=level,
            assessed_on=date(2018, 5, 1),
            method="supervisor",
            status="verified",
        )
    plan = DevelopmentPlan.objects.create(
        person=person, fiscal_year=2561, notes="บันทึกลับ"
    )
    plan.items.create(title="เรียนต่อ", target_date=date(2018, 9, 1))
    PlanComment.objects.create(plan=plan, author=hr_officer, body="ความเห็นลับ")
    person_access_log(person=person, actor=hr_officer)


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def old_leaver(framework, department_a1, hr_officer):
    user = UserFactory(username="oldleaver", first_name="ผู้พ้นเก่า", last_name="x")
    person = PersonFactory(
        agency=department_a1,
        target_group=6,
        given_name="ผู้พ้นเก่า",
        family_name="นามสกุลลับ",
        email="old@example.go.th",
        user=user,
    )
    _records(person, framework, hr_officer)
    _leave(person, date(2019, 1, 1), title="ผู้อำนวยการกองลับ")
    Notification.objects.create(user=user, kind="reminder", title="ถึง ผู้พ้นเก่า")
    AccessLog.objects.create(username="oldleaver", ip_address="10.0.0.1")
    TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    return Person.objects.get(pk=person.pk)


@pytest.fixture
def recent_leaver(framework, department_a1, hr_officer):
    person = PersonFactory(
        agency=department_a1, target_group=6, given_name="ผู้พ้นใหม่", email="n@x.th"
    )
    _records(person, framework, hr_officer)
    _leave(person, date(2024, 1, 1))
    return Person.objects.get(pk=person.pk)


def _figures():
    for fy in (2561, 2562):
        reports.compliance_recompute(fy=fy, today=TODAY)
    skip = ["id", "computed_at"]
    return (
        sorted(
            json.dumps(model_to_dict(f, exclude=skip), default=str, sort_keys=True)
            for f in ComplianceFigure.objects.all()
        ),
        sorted(
            json.dumps(model_to_dict(f, exclude=["id"]), default=str, sort_keys=True)
            for f in PersonYearFigure.objects.all()
        ),
    )


def _everything() -> str:
    """Every table the retention rule touches, as one searchable text."""
    from django.contrib.auth import get_user_model

    models = [Person, PersonVersion, TrainingRecord, Assessment, DevelopmentPlan]
    models += [PlanComment, Notification, LogEntry, AccessLog, get_user_model()]
    return json.dumps(
        [list(m.objects.order_by("pk").values()) for m in models],
        default=str,
        ensure_ascii=False,
    )


def test_cutoff_is_n_years_back_and_survives_29_february():
    assert retention_cutoff(years=10, today=TODAY) == date(2016, 11, 25)
    assert retention_cutoff(years=1, today=date(2028, 2, 29)) == date(2027, 2, 28)


def test_figures_are_unchanged_and_names_are_gone_everywhere(
    old_leaver, recent_leaver, django_capture_on_commit_callbacks
):
    evidence = old_leaver.training_records.exclude(evidence="").get().evidence
    storage, name = evidence.storage, evidence.name
    before = _figures()
    assert any(f'"person": {old_leaver.pk}' in row for row in before[1])
    text = _everything()
    assert all(secret in text for secret in SECRETS + NOTES)

    with django_capture_on_commit_callbacks(execute=True):
        result = leavers_anonymise(years=YEARS, today=TODAY)

    assert (result.persons, result.files, result.dry_run) == (1, 1, False)
    assert _figures() == before
    text = _everything()
    leaks = [s for s in SECRETS if s in text]
    assert not leaks
    assert not storage.exists(name)


def test_the_leaver_keeps_ids_agency_group_and_record_facts(old_leaver, department_a1):
    hours = list(old_leaver.training_records.values_list("pk", "hours", "status"))
    leavers_anonymise(years=YEARS, today=TODAY)
    person = Person.objects.get(pk=old_leaver.pk)
    assert person.given_name == PLACEHOLDER and person.email == ""
    assert person.national_id_tail == "" and person.national_id_hash.startswith("anon")
    assert person.current_agency == department_a1 and person.current_target_group == 6
    assert list(person.training_records.values_list("pk", "hours", "status")) == hours
    assert not person.training_records.exclude(rejection_reason="").exists()
    assert set(person.versions.values_list("position_title", flat=True)) == {""}
    assert set(person.assessments.values_list("level", flat=True)) == {1, 2}
    plan = person.development_plans.get()
    assert plan.notes == "" and set(plan.comments.values_list("body", flat=True)) == {
        ""
    }
    assert plan.items.get().title == "เรียนต่อ"


def test_the_leavers_login_is_closed(old_leaver, client):
    user = old_leaver.user
    leavers_anonymise(years=YEARS, today=TODAY)
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()


def test_audit_entries_keep_who_and_when_but_no_values(old_leaver, hr_officer):
    entries = LogEntry.objects.filter(object_id=old_leaver.pk)
    actions = sorted(entries.values_list("action", flat=True))
    leavers_anonymise(years=YEARS, today=TODAY)
    person_entries = entries.filter(content_type__model="person")
    assert sorted(entries.values_list("action", flat=True)) == actions
    assert set(person_entries.values_list("object_repr", flat=True)) == {PLACEHOLDER}
    assert set(person_entries.values_list("changes", flat=True)) == {None}
    assert person_entries.filter(actor=hr_officer, action=3).exists()
    run = LogEntry.objects.get(object_pk="retention")
    assert run.additional_data["retention"]["persons"] == 1


def test_people_within_the_period_are_untouched(old_leaver, recent_leaver):
    def facts():
        person = Person.objects.filter(pk=recent_leaver.pk)
        logs = LogEntry.objects.filter(
            content_type__model="person", object_id=recent_leaver.pk
        ).order_by("pk")
        return (
            list(person.values()),
            list(recent_leaver.versions.values()),
            list(recent_leaver.training_records.values()),
            list(logs.values("object_repr", "changes")),
        )

    before = facts()
    leavers_anonymise(years=YEARS, today=TODAY)
    assert facts() == before


def test_active_people_are_untouched_whatever_their_age(framework, department_a1):
    person = PersonFactory(agency=department_a1, effective_date=date(2001, 1, 1))
    assert leavers_anonymise(years=1, today=TODAY).persons == 0
    assert Person.objects.get(pk=person.pk).given_name == person.given_name


def test_dry_run_counts_and_writes_nothing(old_leaver, recent_leaver):
    before = _everything()
    result = leavers_anonymise(years=YEARS, today=TODAY, dry_run=True)
    assert (result.persons, result.files, result.dry_run) == (1, 1, True)
    assert _everything() == before


def test_a_second_run_is_a_no_op(old_leaver):
    leavers_anonymise(years=YEARS, today=TODAY)
    before = _everything()
    assert leavers_anonymise(years=YEARS, today=TODAY).persons == 0
    assert _everything() == before


def test_the_default_period_comes_from_the_setting(old_leaver, settings):
    settings.RETENTION_YEARS = 10  # the leaver left in 2019: not yet
    assert leavers_anonymise(today=TODAY, dry_run=True).persons == 0
    settings.RETENTION_YEARS = YEARS
    assert leavers_anonymise(today=TODAY, dry_run=True).persons == 1


@time_machine.travel("2026-11-25 10:00 +0700", tick=False)
def test_command_dry_run_then_run(old_leaver, capsys):
    call_command("anonymise_leavers", "--years", str(YEARS), "--dry-run")
    assert (
        "would anonymise 1 people who left before 2021-11-25" in capsys.readouterr().out
    )
    assert Person.objects.get(pk=old_leaver.pk).given_name == "ผู้พ้นเก่า"
    call_command("anonymise_leavers", "--years", str(YEARS))
    assert "anonymised 1 people" in capsys.readouterr().out
    assert Person.objects.get(pk=old_leaver.pk).given_name == PLACEHOLDER


def test_command_refuses_a_period_under_one_year(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("anonymise_leavers", "--years", "0")
