"""Retention (PDPA): anonymise people who left more than `RETENTION_YEARS` ago.

A leaver is a person whose latest version has status `left` with an effective
date before the cutoff (today minus N years): nothing about them has changed
since. Their names, email and national ID traces are replaced, free text on their
records and plans is cleared, evidence files are deleted, their login is closed,
and the audit trail of all those rows loses its values. Ids, agencies, target
groups and the dates, hours and levels of records are kept, so the compliance
figures (SPEC §7) do not change.

Every step is one set-based UPDATE or DELETE over the people marked in the first
step (their national ID hash carries this run's random marker), all in one
transaction. The rule spans both apps' rows, so it lives in the upper one;
apps above it (xapi) get `people_anonymised` and clear their own copies.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import (
    Person,
    PersonQuerySet,
    PersonStatus,
    PersonVersion,
    RoleAssignment,
)
from agencies.signals import people_anonymised

from ..models import (
    Assessment,
    DevelopmentPlan,
    Notification,
    NotificationPreference,
    PlanComment,
    PlanItem,
    TrainingRecord,
)

log = logging.getLogger(__name__)
PLACEHOLDER = "ลบข้อมูลแล้ว"  # stored data, not UI text: the same in every language
MARK = "anonymised:"  # prefix of the national ID hash of anonymised people


@dataclass(frozen=True)
class RetentionResult:
    """What a run did (or, dry, would do)."""

    cutoff: date
    persons: int
    files: int
    dry_run: bool


def retention_cutoff(*, years: int, today: date) -> date:
    """The day `years` years before `today` (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def leavers_due(*, cutoff: date) -> PersonQuerySet:
    """People whose latest version is `left` and dated before `cutoff`, not yet
    anonymised."""
    latest = PersonVersion.objects.filter(person=OuterRef("pk")).order_by(
        "-effective_date"
    )
    return (
        Person.objects.annotate(
            last_status=Subquery(latest.values("status")[:1]),
            last_date=Subquery(latest.values("effective_date")[:1]),
        )
        .filter(last_status=PersonStatus.LEFT, last_date__lt=cutoff)
        .exclude(national_id_hash__startswith=MARK)
    )


def leavers_anonymise(
    *, years: int | None = None, today: date | None = None, dry_run: bool = False
) -> RetentionResult:
    """Anonymise every leaver past the retention period (PDPA, issue 9).

    A dry run only counts. A second run finds nobody and writes nothing.
    """
    years = settings.RETENTION_YEARS if years is None else years
    if years < 1:
        raise ValidationError(_("ระยะเวลาเก็บรักษาต้องอย่างน้อย 1 ปี"), code="years")
    cutoff = retention_cutoff(years=years, today=today or timezone.localdate())
    if dry_run:
        due = leavers_due(cutoff=cutoff).values("pk")
        return RetentionResult(cutoff, due.count(), _evidence(due).count(), True)
    with transaction.atomic():
        return _anonymise(cutoff=cutoff, years=years)


def _anonymise(*, cutoff: date, years: int) -> RetentionResult:
    marker = f"{MARK}{secrets.token_hex(6)}:"
    pk_text = Cast("pk", output_field=CharField())
    count = Person.objects.filter(
        pk__in=leavers_due(cutoff=cutoff).values("pk")
    ).update(
        national_id_hash=Concat(Value(marker), pk_text),
        national_id_tail="",
        given_name=PLACEHOLDER,
        family_name=Concat(Value("#"), pk_text),
        email="",
        updated_at=timezone.now(),
    )
    if count == 0:
        return RetentionResult(cutoff, 0, 0, False)
    people = Person.objects.filter(national_id_hash__startswith=marker).values("pk")
    _redact_audit(people)
    files = _clear_records(people)
    _close_accounts(people, marker)
    people_anonymised.send(sender=Person, people=people)  # xapi: the statements
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        object_pk="retention",
        object_repr="anonymise_leavers",
        action=LogEntry.Action.UPDATE,
        additional_data={
            "retention": {
                "persons": count,
                "files": files,
                "years": years,
                "cutoff": cutoff.isoformat(),
            }
        },
    )
    log.info("retention: %s people anonymised, %s evidence files", count, files)
    return RetentionResult(cutoff, count, files, False)


def _evidence(people: Any) -> Any:
    return TrainingRecord.objects.filter(person__in=people).exclude(
        Q(evidence="") | Q(evidence__isnull=True)
    )


def _owned_rows(people: Any) -> dict[type[models.Model], Any]:
    """Every audited row that belongs to these people, as pk subqueries."""
    by_person = Q(person__in=people)
    by_plan = Q(plan__person__in=people)
    by_user = Q(user__person__in=people)
    return {
        Person: people,
        PersonVersion: PersonVersion.objects.filter(by_person).values("pk"),
        RoleAssignment: RoleAssignment.objects.filter(by_user).values("pk"),
        TrainingRecord: TrainingRecord.objects.filter(by_person).values("pk"),
        Assessment: Assessment.objects.filter(by_person).values("pk"),
        DevelopmentPlan: DevelopmentPlan.objects.filter(by_person).values("pk"),
        PlanItem: PlanItem.objects.filter(by_plan).values("pk"),
        PlanComment: PlanComment.objects.filter(by_plan).values("pk"),
        NotificationPreference: NotificationPreference.objects.filter(by_user).values(
            "pk"
        ),
    }


def _redact_audit(people: Any) -> None:
    """Audit entries keep who, when and what kind of row, but no names or values."""
    rows = _owned_rows(people)
    types = ContentType.objects.get_for_models(*rows)
    query = Q()
    for model, pks in rows.items():
        query |= Q(content_type=types[model], object_id__in=pks)
    LogEntry.objects.filter(query).update(
        object_repr=PLACEHOLDER, changes=None, changes_text="", serialized_data=None
    )


def _clear_records(people: Any) -> int:
    """Clear free text and evidence; keep dates, hours, levels and statuses."""
    training = TrainingRecord.objects.filter(person__in=people)
    files = list(_evidence(people).values_list("evidence", flat=True))
    training.update(evidence="", rejection_reason="")
    Assessment.objects.filter(person__in=people).update(rejection_reason="")
    DevelopmentPlan.objects.filter(person__in=people).update(notes="")
    PlanComment.objects.filter(plan__person__in=people).update(body="")
    PersonVersion.objects.filter(person__in=people).update(
        position_title="", position_level=""
    )
    storage = TrainingRecord.evidence.field.storage

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(files)


def _close_accounts(people: Any, marker: str) -> None:
    """The leavers' logins: closed, renamed, their sign-in traces and inbox gone."""
    users = get_user_model().objects.filter(person__in=people)
    usernames = users.values("username")
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=usernames).delete()
    TOTPDevice.objects.filter(user__in=users).delete()
    Notification.objects.filter(user__in=users).delete()
    LogEntry.objects.filter(actor__in=users).update(actor_email=None)
    users.update(
        username=Concat(Value(marker.replace(":", "-")), Cast("pk", CharField())),
        first_name="",
        last_name="",
        email="",
        password="!",  # unusable (django.contrib.auth.hashers.UNUSABLE_PASSWORD_PREFIX)
        is_active=False,
        is_staff=False,
        is_superuser=False,
    )
