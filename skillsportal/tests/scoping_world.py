"""The scope-leak battery's world: Ministry A's person, records and jobs, and a
fingerprint of its state that must not change whatever the outsider does."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.utils import timezone

from agencies.models import Person, PersonVersion, TransferRequest
from agencies.scoping import scope_for
from agencies.services.api_keys import api_key_create
from agencies.tests.factories import PersonFactory, new_national_id
from competencies import services
from competencies.models import (
    Assessment,
    Course,
    Framework,
    ImportJob,
    Notification,
    NotificationPreference,
    PlanComment,
    PlanItem,
    SkillArea,
    TrainingEvent,
    TrainingRecord,
)
from reports.models import ExportJob, ScheduledReport
from xapi.models import Statement

SECRET_NAME = "ลับเฉพาะ"
SECRET_FAMILY = "ห้ามรั่วไหล"
SECRET_TITLE = "อบรมลับสุดยอด"


@dataclass
class World:
    """Ministry A's data that the outsider must never see or touch."""

    person: Person
    national_id: str
    record: TrainingRecord
    pending: TrainingRecord
    assessment: Assessment
    job: ImportJob
    agency_pk: int
    secrets: tuple[str, ...]
    export_pk: int = 0
    schedule_pk: int = 0
    transfer_pk: int = 0  # Ministry A's pending transfer request
    b_agency_pk: int = 0  # the outsider's own agency
    course_pk: int = 0  # a course of Ministry A's own catalogue
    event_pk: int = 0  # a class Ministry A ran, with A's person attending
    xapi_actor: str = ""  # a learner Ministry A's LMS sent, not matched yet


@pytest.fixture
def world(hr_officer, civil_servant, ministry_a, department_a1, person_b):
    framework = Framework.objects.create(
        code="t", name_th="กรอบ", effective_from_fy=2560
    )
    skill = SkillArea.objects.create(framework=framework, code="DLIT", name_th="ด")
    nid = new_national_id()
    person = PersonFactory(
        agency=department_a1,
        national_id=nid,
        given_name=SECRET_NAME,
        family_name=SECRET_FAMILY,
    )
    record = TrainingRecord.objects.create(
        person=person,
        title=SECRET_TITLE,
        completed_on=date(2026, 1, 10),
        hours=Decimal("3"),
        horizon="current",
        status="verified",
        evidence=ContentFile(b"%PDF-1.4 secret", name="evidence/x.pdf"),
    )
    own = scope_for(civil_servant)
    pending = services.training_record_create(
        scope=own,
        actor=civil_servant,
        person=civil_servant.person,
        title=SECRET_TITLE + " รอ",
        completed_on=date(2026, 11, 1),
        hours=Decimal("2"),
        horizon="future",
    )
    assessment = services.assessment_create(
        scope=own,
        actor=civil_servant,
        person=civil_servant.person,
        skill_area=skill,
        level=0,
        assessed_on=date(2026, 11, 1),
        method="self",
    )
    job = ImportJob.objects.create(
        kind="roster",
        original_name="ลับ-roster.csv",
        file="imports/x.csv",
        created_by=hr_officer,
        agency=ministry_a,
    )
    export = ExportJob.objects.create(
        created_by=hr_officer, table="agency", fmt="csv", title=SECRET_TITLE
    )
    schedule = ScheduledReport.objects.create(name=SECRET_TITLE, recipients="a@b.th")
    secrets = (SECRET_NAME, SECRET_FAMILY, SECRET_TITLE, nid, "กระทรวงเอ", "กรมเอหนึ่ง")
    world = World(person, nid, record, pending, assessment, job, ministry_a.pk, secrets)
    world.export_pk, world.schedule_pk = export.pk, schedule.pk
    world.transfer_pk = TransferRequest.objects.create(
        person=person,
        agency=department_a1,
        from_agency=department_a1,
        effective_date=date(2026, 12, 1),
        position_title=SECRET_TITLE,
    ).pk
    world.b_agency_pk = person_b.current_agency_id
    world.course_pk = Course.objects.create(
        owner=department_a1, code="A-SECRET", title=SECRET_TITLE
    ).pk
    event = TrainingEvent.objects.create(
        agency=department_a1,
        title=SECRET_TITLE,
        completed_on=date(2026, 2, 1),
        hours=Decimal("3"),
        horizon="current",
    )
    TrainingRecord.objects.filter(pk=record.pk).update(event=event)
    world.event_pk = event.pk
    key, _raw = api_key_create(agency=ministry_a, name=SECRET_TITLE, can_xapi=True)
    world.xapi_actor = "mbox:mailto:secret@a.example"
    Statement.objects.create(
        id=uuid.uuid4(),
        key=key,
        agency=ministry_a,
        verb="http://adlnet.gov/expapi/verbs/completed",
        activity="https://lms.a.example/course/1",
        actor=world.xapi_actor,
        actor_label=SECRET_NAME,
        outcome="unmatched",
        timestamp=timezone.now(),
        stored=timezone.now(),
        body=json.dumps({"actor": {"name": SECRET_NAME}}),
    )
    return world


def _state() -> str:
    """Everything an outsider's request could change, as one comparable value."""
    return json.dumps(
        [
            list(Person.objects.order_by("pk").values_list("pk", "given_name")),
            PersonVersion.objects.count(),
            list(TrainingRecord.objects.order_by("pk").values_list("pk", "status")),
            list(Assessment.objects.order_by("pk").values_list("pk", "status")),
            list(ImportJob.objects.order_by("pk").values_list("pk", "status")),
            # The outsider may record exports of their own; Ministry A's stay put.
            list(
                ExportJob.objects.exclude(created_by__username="hr_b")
                .order_by("pk")
                .values_list("pk", "status")
            ),
            list(ScheduledReport.objects.order_by("pk").values_list("pk", "enabled")),
            # The outsider may ask for anyone (a request of their own); A's stay put.
            list(
                TransferRequest.objects.exclude(requested_by__username="hr_b")
                .order_by("pk")
                .values_list("pk", "status")
            ),
            # Self-service (issue 7): plans, comments, notifications, preferences.
            list(PlanItem.objects.order_by("pk").values_list("pk", "status")),
            list(Course.objects.order_by("pk").values_list("pk", "owner", "title")),
            list(TrainingEvent.objects.order_by("pk").values_list("pk", "hours")),
            list(Statement.objects.order_by("pk").values_list("outcome", "person")),
            PlanComment.objects.count(),
            # (The outsider's own transfer request tells A's HR: a new notice.)
            list(
                Notification.objects.exclude(kind="transfer")
                .order_by("pk")
                .values_list("pk", "read_at")
            ),
            list(
                NotificationPreference.objects.exclude(user__username="hr_b")
                .order_by("pk")
                .values_list("user_id", "email_enabled")
            ),
            # The outsider's own audited settings are theirs; nothing of A's is logged.
            LogEntry.objects.exclude(content_type__app_label="reports")
            .exclude(actor__username="hr_b")
            .count(),
        ],
        default=str,
    )
