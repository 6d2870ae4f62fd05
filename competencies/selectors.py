"""Reads that combine people with their development records (STYLE C5).

Every selector takes a scope or an already scoped person; querysets come back
with what their page needs prefetched, so templates trigger no queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.access import writes_anywhere
from agencies.models import Person, PersonQuerySet, PersonVersion
from skillsportal.lib.fiscal_year import current_fiscal_year, fiscal_year_of
from skillsportal.lib.i18n import local_name
from skillsportal.lib.keyset import keyset_page
from skillsportal.lib.thai_dates import format_be

from .models import (
    Assessment,
    Course,
    DevelopmentPlan,
    Framework,
    PlanItem,
    ProficiencyLevel,
    RecordStatus,
    SkillArea,
    TargetLevel,
    TrainingEvent,
    TrainingRecord,
)

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

QUEUE_SIZE = 50
AUDIT_SIZE = 50
# Never shown in an audit trail: identifiers and bookkeeping, not facts (SPEC §3).
AUDIT_HIDDEN = {
    "id",
    "national_id_hash",
    "national_id_tail",
    "person",
    "created_at",
    "updated_at",
    # copies of the version valid today: the version entries already say it
    "current_agency",
    "current_category",
    "current_target_group",
    "current_status",
}
M2M_OPERATIONS = {"add": _("เพิ่ม"), "delete": _("นำออก")}
AUDIT_LABELS = {
    "user": _("บัญชีผู้ใช้"),
    "submitted_by": _("ผู้บันทึก"),
    "verified_by": _("ผู้ตรวจสอบ"),
    "verified_at": _("เวลาที่ตรวจสอบ"),
    "person": _("บุคลากร"),
    "plan": _("แผนพัฒนา"),
    "course": _("หลักสูตร"),
    "skill_area": _("ด้านทักษะ"),
    "skill_areas": _("ด้านทักษะ"),
    "evidence": _("หลักฐาน"),
}


def people_not_assessed(
    people: PersonQuerySet, *, fy: int | None = None, today: date | None = None
) -> PersonQuerySet:
    """People with a group who lack a level in a required skill (SPEC §7 "assessed").

    Required = target ≥ 1 for the person's current group in the framework of FY
    `fy`; a level = a verified assessment dated ≤ today of a skill area with the
    same code (any framework version). Two nested NOT EXISTS, no Python loop.
    """
    today = today or timezone.localdate()
    framework = Framework.objects.for_fiscal_year(fy or current_fiscal_year(today))
    if framework is None:
        return people.none()
    has_level = Assessment.objects.filter(
        person=OuterRef(OuterRef("pk")),
        status=RecordStatus.VERIFIED,
        assessed_on__lte=today,
        skill_area__code=OuterRef("skill_area__code"),
    )
    missing = TargetLevel.objects.filter(
        framework=framework,
        target_group=OuterRef("current_target_group"),
        level__gte=1,
    ).filter(~Exists(has_level))
    return people.filter(current_target_group__isnull=False).filter(Exists(missing))


def framework_for(day: date) -> Framework | None:
    """The framework version a record dated `day` is checked against (SPEC §4, §6)."""
    return Framework.objects.for_records_of(fiscal_year_of(day))


def skill_areas_of(framework: Framework | None) -> Any:
    """A framework's skill areas in their order (the skill picker, SPEC §6)."""
    if framework is None:
        return SkillArea.objects.none()
    return SkillArea.objects.filter(framework=framework).order_by("order")


def levels_of(framework: Framework | None) -> list[ProficiencyLevel]:
    """A framework's proficiency scale, 0 first (SPEC §4)."""
    if framework is None:
        return []
    return list(ProficiencyLevel.objects.filter(framework=framework).order_by("level"))


@dataclass(frozen=True)
class PersonRecords:
    """Everything recorded about one person's development (SPEC §6)."""

    training: list[TrainingRecord]
    assessments: list[Assessment]
    plans: list[DevelopmentPlan]


def person_records(*, person: Person) -> PersonRecords:
    """Training, assessments and plans of one (already scoped) person."""
    training = (
        person.training_records.select_related("course")
        .prefetch_related("skill_areas")
        .order_by("-completed_on", "-pk")
    )
    assessments = person.assessments.select_related("skill_area").order_by(
        "-assessed_on", "skill_area__order", "-pk"
    )
    items = Prefetch(
        "items",
        queryset=PlanItem.objects.select_related("course").prefetch_related(
            "skill_areas"
        ),
    )
    plans = person.development_plans.prefetch_related(items)  # type: ignore[arg-type]
    plans = plans.order_by("-fiscal_year")
    return PersonRecords(list(training), list(assessments), list(plans))


@dataclass(frozen=True)
class AuditLine:
    """One audit entry as shown: no national ID, no raw ids (SPEC §3)."""

    timestamp: Any
    actor: str
    action: int
    what: str
    label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _shown(value: Any, model_field: Any, names: dict[tuple[Any, str], str]) -> str:
    """A logged value (auditlog stores strings) as a person would read it."""
    if value in (None, "None", ""):
        return "—"
    if model_field.is_relation:
        return names.get((model_field.related_model, str(value)), "—")
    choices = {str(k): v for k, v in (model_field.choices or [])}
    kind = model_field.get_internal_type()
    if kind == "FileField":  # a storage path means nothing to a reader
        return str(_("แนบไฟล์แล้ว"))
    try:
        if choices:
            return str(choices.get(str(value), value))
        if kind == "DateField":
            return format_be(date.fromisoformat(str(value)))
        if kind == "DateTimeField":
            moment = datetime.fromisoformat(str(value))
            if timezone.is_naive(moment):  # auditlog writes UTC without an offset
                moment = moment.replace(tzinfo=UTC)
            moment = timezone.localtime(moment)
            return f"{format_be(moment.date())} {moment:%H:%M}"
    except ValueError:
        pass
    return str(value)


def _logged_fields(model: type[Model], changes: dict[str, Any]) -> Iterator[Any]:
    """(model field, logged values) for the concrete fields a person may read."""
    for name, values in (changes or {}).items():
        if name in AUDIT_HIDDEN:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            if model is not Person:
                continue
            # An imported person's entry also logs their first version's fields.
            try:
                model_field = PersonVersion._meta.get_field(name)
            except FieldDoesNotExist:
                continue
        if model_field.concrete or model_field.many_to_many:
            yield model_field, values


def _related_names(entries: list[Any], by_type: dict[int, Any]) -> dict[Any, str]:
    """Names of the agencies, users, courses… that entries refer to, one query each."""
    wanted: dict[Any, set[str]] = {}
    for e in entries:
        for model_field, values in _logged_fields(
            by_type[e.content_type_id], e.changes
        ):
            if model_field.is_relation and not model_field.many_to_many:
                ids = {str(v) for v in values if v not in (None, "None", "")}
                wanted.setdefault(model_field.related_model, set()).update(ids)
    return {
        (model, str(obj.pk)): local_name(obj) if hasattr(obj, "name_th") else str(obj)
        for model, ids in wanted.items()
        for obj in model._default_manager.filter(pk__in=ids)
    }


def _changes(
    model: type[Model], entry: Any, names: dict[Any, str]
) -> list[tuple[str, str, str]]:
    lines = []
    for model_field, values in _logged_fields(model, entry.changes):
        label = str(AUDIT_LABELS.get(model_field.name, model_field.verbose_name))
        if isinstance(values, dict):  # many-to-many: {"operation", "objects"}
            objects = ", ".join(values.get("objects", []))
            operation = M2M_OPERATIONS.get(values.get("operation", ""), "")
            lines.append((label, "", f"{operation} {objects}".strip()))
            continue
        old, new = (_shown(v, model_field, names) for v in (list(values) + [""])[:2])
        if entry.action != LogEntry.Action.CREATE or new != "—":
            lines.append((label, old, new))
    return lines


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _be(match: re.Match[str]) -> str:
    """Model reprs carry ISO dates; the Thai UI shows BE dates (SPEC §2)."""
    try:
        return format_be(date.fromisoformat(match.group(0)))
    except ValueError:
        return match.group(0)


def person_audit_trail(*, person: Person, size: int = AUDIT_SIZE) -> list[AuditLine]:
    """Who changed what about a person and their records, newest first (PDPA).

    Covers the person, their versions, training records, assessments and plans.
    National ID fields are never shown, not even the stored last digits.
    """
    models: list[tuple[type[Model], Any]] = [
        (Person, [person.pk]),
        (PersonVersion, person.versions.values("pk")),
        (TrainingRecord, person.training_records.values("pk")),
        (Assessment, person.assessments.values("pk")),
        (DevelopmentPlan, person.development_plans.values("pk")),
    ]
    types = ContentType.objects.get_for_models(*(m for m, _ids in models))
    query = Q()
    for model, ids in models:
        query |= Q(content_type=types[model], object_id__in=ids)
    entries = list(
        LogEntry.objects.filter(query)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[:size]
    )
    by_type = {ct.pk: model for model, ct in types.items()}
    names = _related_names(entries, by_type)
    return [
        AuditLine(
            timestamp=e.timestamp,
            actor=(e.actor.get_full_name() or e.actor.get_username())
            if e.actor
            else "",
            action=e.action,
            what=str(by_type[e.content_type_id]._meta.verbose_name),
            label=_ISO_DATE.sub(_be, e.object_repr),
            changes=_changes(by_type[e.content_type_id], e, names),
        )
        for e in entries
    ]


QUEUE_CAP = 1_000  # "1,000+": enough to plan the work, cheap to count
QUEUE_KINDS: dict[str, type[TrainingRecord] | type[Assessment]] = {
    "training": TrainingRecord,
    "assessment": Assessment,
}


@dataclass(frozen=True)
class QueuePage:
    """One page of the verification queue, oldest first (SPEC §6, §10).

    `counts` holds each kind's pending items under the same filters, capped at
    `cap` + 1 (shown as "10,000+").
    """

    kind: str
    items: list[Any]
    counts: dict[str, int]
    cap: int
    next_after: int | None
    prev_before: int | None

    @property
    def tabs(self) -> list[tuple[str, str, int]]:
        """(kind, its name, its count) for the page's tabs."""
        return [
            (kind, str(model._meta.verbose_name_plural), self.counts[kind])
            for kind, model in QUEUE_KINDS.items()
        ]


def _pending(model: type[TrainingRecord] | type[Assessment], scope: AgencyScope) -> Any:
    pending = model.objects.pending().editable_by(scope)
    if scope.person_id is not None:
        pending = pending.exclude(person_id=scope.person_id)
    return pending


def verification_pending(*, scope: AgencyScope, kind: str) -> Any:
    """Pending items of one kind of people in the scope's write subtrees.

    The actor's own submissions are left out: nobody verifies themself.
    """
    return _pending(QUEUE_KINDS[kind], scope)


def verification_counts(pending: dict[str, Any]) -> dict[str, int]:
    """Each kind's pending items, counted up to QUEUE_CAP + 1."""
    return {k: qs.order_by()[: QUEUE_CAP + 1].count() for k, qs in pending.items()}


def verification_page(
    pending: dict[str, Any],
    *,
    kind: str,
    after: int | None = None,
    before: int | None = None,
    size: int = QUEUE_SIZE,
    counts: dict[str, int] | None = None,
) -> QueuePage:
    """A keyset page of `pending[kind]` by submission time (oldest first).

    `pending` maps each kind to its scoped and filtered queryset; the partial
    indexes on (created_at, id) WHERE pending serve the order and the counts
    (`counts`: already known, e.g. cached by the view).
    """
    rows = pending[kind].select_related("person__current_agency")
    if kind == "training":
        rows = rows.select_related("course").prefetch_related("skill_areas")
    else:
        rows = rows.select_related("skill_area")
    page = keyset_page(
        rows, key=("created_at", "pk"), after=after, before=before, size=size
    )
    return QueuePage(
        kind=kind,
        items=page.items,
        counts=counts if counts is not None else verification_counts(pending),
        cap=QUEUE_CAP,
        next_after=page.next_after,
        prev_before=page.prev_before,
    )


def verification_chosen(*, scope: AgencyScope, kind: str, ids: list[int]) -> list[Any]:
    """The chosen items still pending and decidable, oldest first (a bulk decision)."""
    rows = verification_pending(scope=scope, kind=kind).filter(pk__in=ids)
    rows = rows.select_related("person__current_agency")
    if kind == "assessment":
        rows = rows.select_related("skill_area")
    return list(rows.order_by("created_at", "pk"))


def pending_count(*, scope: AgencyScope, cap: int = 1_000) -> int:
    """How many items wait for this HR officer, capped (home page badge)."""
    if not writes_anywhere(scope):
        return 0
    return sum(
        _pending(model, scope).order_by()[:cap].count()
        for model in (TrainingRecord, Assessment)
    )


def course_search(*, scope: AgencyScope, text: str = "", owner: str = "") -> Any:
    """The catalogue as the scope sees it (SPEC §6), by code, title or provider;
    `owner` "national" or "agency" narrows it."""
    courses = Course.objects.visible_to(scope)
    if text:
        courses = courses.filter(
            Q(code__icontains=text)
            | Q(title__icontains=text)
            | Q(provider__icontains=text)
        )
    if owner == "national":
        courses = courses.filter(owner=None)
    elif owner == "agency":
        courses = courses.exclude(owner=None)
    return courses.select_related("owner").prefetch_related("skill_areas")


def event_records(*, scope: AgencyScope, event: TrainingEvent) -> Any:
    """The attendees' records of an event that the scope may see, by name (the
    event page): someone who moved to another agency is theirs now (SPEC §8)."""
    return (
        TrainingRecord.objects.visible_to(scope)
        .filter(event=event)
        .select_related("person")
        .order_by("person__given_name", "person__family_name", "pk")
    )


def events_for(*, scope: AgencyScope) -> Any:
    """The events of agencies the scope reads, latest first, with their size."""
    return (
        TrainingEvent.objects.visible_to(scope)
        .select_related("agency", "course")
        .annotate(attendees=Count("records"))
        .order_by("-completed_on", "-pk")
    )
