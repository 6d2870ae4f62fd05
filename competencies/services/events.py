"""Training events (SPEC §6): a class and its attendees, one record each.

Attendees come as national IDs (pasted or a file) or as people picked from the
roster; they resolve among the people the officer may edit, as every import
does (`importers._resolve_people`). The records are written through the
training import's writer (`imports.training_write`): the same keys, the same
verification on entry, audit and compliance marks. All or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import require_write
from agencies.models import Person, PersonStatus, PersonVersion
from agencies.scoping import AgencyScope
from agencies.signals import person_records_changed
from skillsportal.lib.bulk import AuditRow, audit_log_bulk, bulk_update
from skillsportal.lib.importing import Batch, ParsedRow, RowError, check_duplicates

from ..importers import UNKNOWN_PERSON, attendees_parse
from ..models import RecordStatus, SkillArea, TrainingEvent, TrainingRecord
from ..rules import training_problems
from .imports import Plan, training_write
from .records import check_skills

LEFT_BEFORE = (
    "บุคคลนี้พ้นจากหน่วยงานก่อนวันที่จัดอบรม",
    "This person had left before the event",
)


@dataclass
class Attendees:
    """The preview of adding attendees: who gets a record, who already has it,
    and every error (no detail about people outside the officer's scope)."""

    added: list[Person] = field(default_factory=list)
    already: list[Person] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def person_ids(self) -> list[int]:
        return [p.pk for p in self.added + self.already]


@transaction.atomic
def event_save(
    *,
    scope: AgencyScope,
    actor: Any,
    event: TrainingEvent,
    skill_areas: Iterable[SkillArea],
) -> TrainingEvent:
    """Create or change an event; a change reaches every attendee's record.

    Rules of a training record (SPEC §6), checked once for the class: hours,
    dates, the skill areas of the completion date's framework. Records of
    people the officer no longer manages (moved to another agency) are left
    as they are.
    """
    require_write(scope, event.agency)
    problems = training_problems(
        started_on=event.started_on,
        completed_on=event.completed_on,
        hours=event.hours,
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems, code="invalid")
    skills = list(skill_areas)
    check_skills(skills, event.completed_on)
    if event.pk is None:
        event.created_by = actor
        event.save()
        event.skill_areas.set(skills)
        return event
    before = TrainingEvent.objects.get(pk=event.pk)
    event.save()
    event.skill_areas.set(skills)
    _propagate(scope, actor, event, since=min(before.completed_on, event.completed_on))
    return event


_FOLLOWED = ("title", "provider", "started_on", "completed_on", "hours", "horizon")


def _propagate(
    scope: AgencyScope, actor: Any, event: TrainingEvent, since: date
) -> None:
    records = list(
        TrainingRecord.objects.editable_by(scope)
        .filter(event=event)
        .prefetch_related("skill_areas")
    )
    skill_ids = sorted(s.pk for s in event.skill_areas.all())
    audit = []
    for record in records:
        changes = {}
        for name in _FOLLOWED:
            old, new = getattr(record, name), getattr(event, name)
            if old != new:
                changes[name] = [str(old), str(new)]
                setattr(record, name, new)
        old_skills = sorted(s.pk for s in record.skill_areas.all())
        if old_skills != skill_ids:
            changes["skill_areas"] = ["; ".join(map(str, old_skills))]
            changes["skill_areas"].append("; ".join(map(str, skill_ids)))
        if changes:
            audit.append(AuditRow.of(record, changes))
    if not audit:
        return
    try:
        with transaction.atomic():
            bulk_update(TrainingRecord, records, [*_FOLLOWED, "updated_at"])
    except IntegrityError:
        raise ValidationError(
            _("ผู้เข้าอบรมบางคนมีรายการฝึกอบรมนี้ในวันที่สำเร็จใหม่แล้ว"), code="duplicate"
        ) from None
    link = TrainingRecord.skill_areas.through
    link.objects.filter(trainingrecord__in=records).delete()
    link.objects.bulk_create(
        link(trainingrecord_id=r.pk, skillarea_id=s) for r in records for s in skill_ids
    )
    audit_log_bulk(audit, actor=actor, source={"training_event": event.pk})
    person_ids = sorted({r.person_id for r in records})
    person_records_changed.send(
        sender=TrainingRecord, person_ids=person_ids, since=since
    )


@transaction.atomic
def event_attendee_remove(
    *, scope: AgencyScope, event: TrainingEvent, record: TrainingRecord
) -> None:
    """Take an attendee off the event: their record of it is deleted (SPEC §6).

    For a person added by mistake. The officer may edit the event and that
    person (a record of someone who moved away stays theirs). auditlog logs the
    deletion, the compliance engine's model signals mark the figures, and an
    evidence file goes once the transaction has committed.
    """
    require_write(scope, event.agency)
    if record.event_id != event.pk or not (
        TrainingRecord.objects.editable_by(scope).filter(pk=record.pk).exists()
    ):
        raise ValidationError(_("ไม่พบผู้เข้าอบรมนี้ในการจัดอบรม"), code="not_attendee")
    evidence = record.evidence.name if record.evidence else ""
    record.delete()
    if evidence:
        storage = TrainingRecord.evidence.field.storage
        transaction.on_commit(lambda: storage.delete(evidence))


def event_attendees(
    *,
    scope: AgencyScope,
    actor: Any,
    event: TrainingEvent,
    text: str = "",
    data: bytes = b"",
    filename: str = "",
    person_ids: Sequence[int] = (),
    commit: bool = False,
) -> Attendees:
    """Preview (or, with `commit`, record) attendees of an event (SPEC §6).

    Errors: an invalid or unknown ID, a person outside the officer's scope
    (said as for an unknown ID), the same person twice, a person who had left
    before the event. People who already have the record are listed, and
    left as they are (idempotent, SPEC §9 keys).
    """
    require_write(scope, event.agency)
    batch = _attendee_batch(scope, text, data, filename, person_ids)
    if batch.errors and not batch.rows:
        return Attendees(errors=batch.errors)
    check_duplicates(batch, _person_key, "national_id")
    _left_before(batch, event)
    batch.finish()
    if batch.errors:
        return Attendees(errors=batch.errors)
    ids = [r.values["person_id"] for r in batch.rows]
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    have = set(
        _keyed(event).filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    result = Attendees(
        added=[people[i] for i in ids if i not in have],
        already=[people[i] for i in ids if i in have],
    )
    if commit and result.added:
        _record(scope, actor, event, result)
    return result


def _attendee_batch(
    scope: AgencyScope,
    text: str,
    data: bytes,
    filename: str,
    person_ids: Sequence[int],
) -> Batch:
    if text.strip() or data:
        return attendees_parse(scope=scope, text=text, data=data, filename=filename)
    batch = Batch([], [], frozenset({"national_id"}))
    editable = set(
        Person.objects.editable_by(scope)
        .filter(pk__in=person_ids)
        .values_list("pk", flat=True)
    )
    for number, pk in enumerate(person_ids, start=1):
        row = ParsedRow(number, {"national_id": "", "person_id": pk})
        batch.rows.append(row)
        if pk not in editable:
            batch.fail(row, "national_id", *UNKNOWN_PERSON)
    if not batch.rows:
        batch.errors.append(
            RowError(None, "", "", "ไม่มีรายชื่อผู้เข้าอบรม", "No attendees were given")
        )
    return batch


def _person_key(row: ParsedRow) -> int | None:
    return row.values.get("person_id") if row.ok("national_id") else None


def _left_before(batch: Batch, event: TrainingEvent) -> None:
    """People whose version on the event's first day says they had left."""
    day = event.started_on or event.completed_on
    rows = [r for r in batch.rows if r.ok("national_id")]
    status = PersonVersion.objects.filter(
        person=OuterRef("pk"), effective_date__lte=day
    ).order_by("-effective_date")
    left = set(
        Person.objects.filter(pk__in=[r.values["person_id"] for r in rows])
        .annotate(then=Subquery(status.values("status")[:1]))
        .filter(then=PersonStatus.LEFT)
        .values_list("pk", flat=True)
    )
    for row in rows:
        if row.values["person_id"] in left:
            batch.fail(row, "national_id", *LEFT_BEFORE)


def _keyed(event: TrainingEvent) -> Any:
    """Records with the event's SPEC §9 key (person aside)."""
    records = TrainingRecord.objects.filter(completed_on=event.completed_on)
    if event.course_code:
        return records.filter(course_code=event.course_code)
    return records.filter(Q(course_code="") & Q(title=event.title))


def _record(
    scope: AgencyScope, actor: Any, event: TrainingEvent, result: Attendees
) -> None:
    skill_ids = sorted(event.skill_areas.values_list("pk", flat=True))
    plan = Plan(scope=scope)
    for person in result.added:
        record = TrainingRecord(
            person_id=person.pk,
            event=event,
            course=event.course,
            course_code=event.course_code,
            title=event.title,
            provider=event.provider,
            started_on=event.started_on,
            completed_on=event.completed_on,
            hours=event.hours,
            horizon=event.horizon,
            status=RecordStatus.PENDING,
        )
        plan.new.append(record)
        plan.skills[id(record)] = skill_ids
    plan.result.new = len(plan.new)
    try:
        with transaction.atomic():
            training_write(plan, actor, {"training_event": event.pk})
    except IntegrityError:  # someone recorded one of them at the same moment
        raise ValidationError(
            _("ข้อมูลถูกแก้ไขพร้อมกัน ไม่มีข้อมูลใดถูกบันทึก กรุณาลองอีกครั้ง"), code="conflict"
        ) from None
    result.written = True
