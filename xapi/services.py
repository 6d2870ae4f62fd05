"""Statements from learning systems become training records (SPEC §9, xAPI 1.0.3).

`statements_receive` is the one write: it validates a batch (all or nothing),
keeps every statement (the actor's national ID masked), turns `completed` /
`passed` about a person the key manages into training records through the
training import's writer (keys, audit, compliance marks), and applies voiding.
`actor_match` records what waited for HR to say who the learner is.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import require_xapi, xapi_scope, xapi_verifies
from agencies.models import ApiKey, Person
from agencies.scoping import AgencyScope
from competencies.models import Course, Horizon, RecordStatus, SkillArea, TrainingRecord
from competencies.rules import training_problems
from competencies.selectors import framework_for
from competencies.services.imports import Plan, training_write
from skillsportal.lib import national_id
from skillsportal.lib.bulk import bulk_update
from skillsportal.lib.fiscal_year import fiscal_year_of

from .identities import Ref, actor_identity, content_digest, masked, statement_refs
from .models import Outcome, Statement, StatementRef
from .validation import VOIDED, duration_hours, parse_timestamp, statement_problems

VERSION = "1.0.3"
RECORDING_VERBS = {
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/passed",
}
SKILLS_EXTENSION = "urn:skillsportal:xapi:skills"
HORIZON_EXTENSION = "urn:skillsportal:xapi:horizon"
MAX_BATCH = 1000
# Properties the LRS sets: two statements that differ only there are the same.
_LRS_SET = ("id", "stored", "authority", "version")


class Refused(Exception):
    """The whole request is refused; nothing was stored."""

    def __init__(self, status: int, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.status = status
        self.reasons = reasons


@dataclass
class _Incoming:
    """One statement of the batch and what the portal makes of it."""

    sent: dict[str, Any]
    id: str
    digest: str
    actor: str = ""
    label: str = ""
    person: Person | None = None
    outcome: str = Outcome.STORED
    reason: str = ""
    record: TrainingRecord | None = None
    skills: list[int] = field(default_factory=list)

    @property
    def verb(self) -> str:
        return str(self.sent["verb"]["id"])

    @property
    def target(self) -> dict[str, Any]:
        return dict(self.sent["object"])


def statements_receive(
    *,
    key: ApiKey,
    statements: Any,
    home_pages: set[str],
    statement_id: str | None = None,
    today: Any = None,
) -> list[str]:
    """Store a statement or a list of them; return their ids in order.

    Refused (nothing stored) with 400 for a bad statement, 403 for an actor
    the key does not manage, 409 for an id already stored with other content.
    A statement already stored with the same content changes nothing.
    """
    require_xapi(key)
    batch = statements if isinstance(statements, list) else [statements]
    _check_shape(batch, statements, statement_id)
    incoming = [_incoming(s, statement_id) for s in batch]
    ids = [i.id for i in incoming]
    if len(set(ids)) != len(ids):
        raise Refused(400, [_("มีรหัสคำสั่ง (id) ซ้ำกันในชุดเดียวกัน")])
    scope = xapi_scope(key)
    fresh = _not_stored_yet(incoming, key)
    _identify(fresh, scope, home_pages)
    voids = _voiding(fresh, scope)
    now = timezone.now()
    try:
        with transaction.atomic():
            _record(fresh, key, scope, today or timezone.localdate())
            rows = [_row(i, key, now, home_pages) for i in fresh]
            Statement.objects.bulk_create([row for row, _refs in rows], batch_size=500)
            StatementRef.objects.bulk_create(
                [
                    StatementRef(statement=row, kind=kind, value=value, related=related)
                    for row, refs in rows
                    for kind, value, related in refs
                ],
                batch_size=1000,
            )
            _void(voids, key)
    except IntegrityError:  # the same id or record key arrived at the same moment
        raise Refused(409, [_("มีคำสั่งเดียวกันถูกส่งเข้ามาพร้อมกัน กรุณาส่งใหม่")]) from None
    return ids


def _check_shape(batch: list[Any], sent: Any, statement_id: str | None) -> None:
    if not batch:
        raise Refused(400, [_("ไม่มีคำสั่งที่ส่งมา")])
    if len(batch) > MAX_BATCH:
        raise Refused(400, [_("ส่งได้ไม่เกิน %(n)s คำสั่งต่อครั้ง") % {"n": MAX_BATCH}])
    if statement_id is not None:
        if isinstance(sent, list):
            raise Refused(400, [_("PUT รับคำสั่งเดียว ไม่ใช่รายการ")])
        problems = (
            statement_problems({**sent, "id": statement_id})
            if isinstance(sent, dict)
            else statement_problems(sent)
        )
        if isinstance(sent, dict) and "id" in sent and sent["id"] != statement_id:
            problems.append(_("id ในคำสั่งต้องตรงกับ statementId"))
        if problems:
            raise Refused(400, problems)
        return
    problems = []
    for n, statement in enumerate(batch):
        prefix = f"[{n}] " if isinstance(sent, list) else ""
        problems += [prefix + p for p in statement_problems(statement)]
    if problems:
        raise Refused(400, problems)


def _incoming(statement: dict[str, Any], statement_id: str | None) -> _Incoming:
    sid = str(statement.get("id") or statement_id or uuid.uuid4()).lower()
    same = {k: v for k, v in statement.items() if k not in _LRS_SET}
    plain = hashlib.sha256(
        json.dumps(same, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return _Incoming(sent=statement, id=sid, digest=content_digest(plain))


def _not_stored_yet(incoming: list[_Incoming], key: ApiKey) -> list[_Incoming]:
    """Drop statements stored before with the same content; 409 for others."""
    stored = {
        str(s.id): s
        for s in Statement.objects.filter(id__in=[i.id for i in incoming]).only(
            "id", "agency_id", "digest"
        )
    }
    conflicts = [
        i.id
        for i in incoming
        if i.id in stored
        and (stored[i.id].digest != i.digest or stored[i.id].agency_id != key.agency_id)
    ]
    if conflicts:
        raise Refused(
            409,
            [_("คำสั่ง %(id)s มีอยู่แล้วแต่เนื้อหาต่างกัน") % {"id": c} for c in conflicts],
        )
    return [i for i in incoming if i.id not in stored]


# --- who the learner is -------------------------------------------------------------


def _identify(
    incoming: list[_Incoming], scope: AgencyScope, home_pages: set[str]
) -> None:
    """Each actor's identity, and the person it names in the key's subtree.

    A national ID that names someone outside the subtree refuses the request
    (403, SPEC §9); an e-mail is only looked for inside it.
    """
    for i in incoming:
        i.actor, i.label = actor_identity(i.sent["actor"], home_pages)
    hashes = {i.actor[4:] for i in incoming if i.actor.startswith("nid:")}
    people = {
        p.national_id_hash: p
        for p in Person.objects.editable_by(scope).filter(national_id_hash__in=hashes)
    }
    unknown = hashes - people.keys()
    if unknown and Person.objects.filter(national_id_hash__in=unknown).exists():
        outside = Person.objects.filter(national_id_hash__in=unknown).values_list(
            "national_id_hash", flat=True
        )
        named = {"nid:" + h for h in outside}
        raise Refused(
            403,
            [
                _("ผู้เรียนในคำสั่ง %(id)s ไม่อยู่ในหน่วยงานของกุญแจนี้") % {"id": i.id}
                for i in incoming
                if i.actor in named
            ],
        )
    by_email = _people_by_email(incoming, scope)
    for i in incoming:
        if i.actor.startswith("nid:"):
            i.person = people.get(i.actor[4:])
        else:
            i.person = by_email.get(i.actor)


def _people_by_email(
    incoming: list[_Incoming], scope: AgencyScope
) -> dict[str, Person]:
    """Actor key → the one person in the subtree with that e-mail (none when
    two share it: HR decides). `mbox_sha1sum` compares the hashes of the
    subtree's addresses, read only when a statement needs it."""
    wanted = {i.actor[5:] for i in incoming if i.actor.startswith("mbox:")}
    sha1s = {i.actor[5:] for i in incoming if i.actor.startswith("sha1:")}
    if not (wanted or sha1s):
        return {}
    people = Person.objects.editable_by(scope).exclude(email="")
    if not sha1s:
        emails = {e.removeprefix("mailto:") for e in wanted}
        people = people.annotate(e=Lower("email")).filter(e__in=emails)
    found: dict[str, list[Person]] = {}
    for person in people.only("pk", "email"):
        mbox = "mailto:" + person.email.lower()
        found.setdefault("mbox:" + mbox, []).append(person)
        if sha1s:
            digest = hashlib.sha1(mbox.encode()).hexdigest()  # noqa: S324 - xAPI's IFI
            if digest in sha1s:
                found.setdefault("sha1:" + digest, []).append(person)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


# --- what a statement records -------------------------------------------------------


def _record(
    incoming: list[_Incoming],
    key: ApiKey,
    scope: AgencyScope,
    today: Any,
    actor: Any = None,
) -> None:
    """Training records for `completed` / `passed` about a known person, in
    one write (`actor`: the HR officer who matched the learner, if any)."""
    plan = Plan(scope=scope, verify=xapi_verifies(key))
    courses = _courses(incoming, scope)
    skill_codes = _SkillCodes()
    keys: set[tuple[Any, ...]] = set()
    for i in incoming:
        if i.verb == VOIDED:
            i.outcome = Outcome.VOIDING
        elif (
            i.verb not in RECORDING_VERBS
            or i.target.get("objectType", "Activity") != "Activity"
        ):
            i.outcome = Outcome.STORED
        elif i.person is None:
            i.outcome = Outcome.UNMATCHED
        else:
            _plan_record(i, courses.get(i.target["id"]), key, today, skill_codes)
            if i.record is not None:
                record_key = _record_key(i.record)
                if record_key in keys:
                    i.outcome, i.reason, i.record = (
                        Outcome.NOT_RECORDED,
                        _duplicate(),
                        None,
                    )
                    continue
                keys.add(record_key)
                plan.new.append(i.record)
                plan.skills[id(i.record)] = i.skills
    _drop_taken_keys(incoming, plan)
    plan.result.new = len(plan.new)
    if plan.new:
        training_write(plan, actor, {"xapi": key.prefix})


def _plan_record(
    i: _Incoming,
    course: Course | None,
    key: ApiKey,
    today: Any,
    skill_codes: _SkillCodes,
) -> None:
    assert i.person is not None
    when = _timestamp(i.sent)
    completed_on = timezone.localtime(when).date()
    result = i.sent.get("result", {})
    hours = (
        Decimal(str(duration_hours(result["duration"])))
        if "duration" in result
        else (course.hours if course and course.hours else Decimal(0))
    ).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    problems = training_problems(
        started_on=None, completed_on=completed_on, hours=hours, today=today
    )
    extensions = i.sent.get("context", {}).get("extensions", {})
    skills, unknown = (
        (sorted(s.pk for s in course.skill_areas.all()), [])
        if course is not None
        else skill_codes.ids(extensions.get(SKILLS_EXTENSION), completed_on)
    )
    if problems or unknown:
        i.outcome = Outcome.NOT_RECORDED
        i.reason = "; ".join([*problems.values(), *unknown])[:300]
        return
    horizon = course.horizon if course else str(extensions.get(HORIZON_EXTENSION, ""))
    i.skills = skills
    i.outcome = Outcome.RECORDED
    i.record = TrainingRecord(
        person=i.person,
        course=course,
        course_code=course.code if course else "",
        title=(course.title if course else _activity_name(i.target))[:500],
        provider=(course.provider if course else key.name)[:255],
        completed_on=completed_on,
        hours=hours,
        horizon=horizon if horizon in Horizon.values else Horizon.CURRENT,
        status=RecordStatus.PENDING,
        xapi_statement=uuid.UUID(i.id),
    )


class _SkillCodes:
    """Skill ids by code in the framework of each fiscal year a batch names:
    one query per year, not per statement."""

    def __init__(self) -> None:
        self._by_fy: dict[int, dict[str, int]] = {}

    def ids(self, codes: Any, day: Any) -> tuple[list[int], list[str]]:
        """Ids of the skills extension's codes ("DLIT;DT"), and the unknown ones."""
        if not isinstance(codes, str) or not codes.strip():
            return [], []
        fy = fiscal_year_of(day)
        if fy not in self._by_fy:
            framework = framework_for(day)
            self._by_fy[fy] = dict(
                SkillArea.objects.filter(framework=framework).values_list("code", "pk")
            )
        known = self._by_fy[fy]
        wanted = [c.strip() for c in codes.split(";") if c.strip()]
        unknown = [
            _("ไม่รู้จักด้านทักษะ %(code)s") % {"code": c} for c in wanted if c not in known
        ]
        return sorted({known[c] for c in wanted if c in known}), unknown


def _courses(incoming: list[_Incoming], scope: AgencyScope) -> dict[str, Course]:
    """The catalogue courses the statements name (an activity id is unique)."""
    ids = {i.target.get("id") for i in incoming if i.verb in RECORDING_VERBS}
    courses = (
        Course.objects.visible_to(scope)
        .filter(activity_id__in=ids - {None})
        .prefetch_related("skill_areas")
    )
    return {c.activity_id: c for c in courses}


def _activity_name(activity: dict[str, Any]) -> str:
    names = activity.get("definition", {}).get("name", {})
    for tag in ("th-TH", "th", "en-US", "en-GB", "en"):
        if names.get(tag):
            return str(names[tag])
    return str(next(iter(names.values()), "") or activity["id"])


def _record_key(record: TrainingRecord) -> tuple[Any, ...]:
    return (record.person_id, record.course_code, record.course_code or record.title,
            record.completed_on)  # fmt: skip


def _drop_taken_keys(incoming: list[_Incoming], plan: Plan) -> None:
    """A record with the same SPEC §9 key exists (a file sent it): not twice."""
    if not plan.new:
        return
    people = {r.person_id for r in plan.new}
    days = {r.completed_on for r in plan.new}
    taken = {
        _record_key(r)
        for r in TrainingRecord.objects.filter(
            person_id__in=people, completed_on__in=days
        ).only("person_id", "course_code", "title", "completed_on")
    }
    for i in incoming:
        if i.record is not None and _record_key(i.record) in taken:
            plan.new.remove(i.record)
            i.outcome, i.reason, i.record = Outcome.NOT_RECORDED, _duplicate(), None


def _duplicate() -> str:
    return _("มีรายการฝึกอบรมนี้ในวันที่สำเร็จเดียวกันแล้ว")


# --- voiding ------------------------------------------------------------------------


def _voiding(incoming: list[_Incoming], scope: AgencyScope) -> list[str]:
    """Ids the batch voids: each must not itself void (xAPI Data §2.3.2)."""
    targets = {i.id: str(i.target["id"]).lower() for i in incoming if i.verb == VOIDED}
    if not targets:
        return []
    in_batch = {i.id: i for i in incoming}
    stored = {
        str(s.id): s
        for s in Statement.objects.filter(id__in=targets.values()).only(
            "id", "verb", "agency"
        )
    }
    problems = []
    for sid, target in targets.items():
        voiding = (target in in_batch and in_batch[target].verb == VOIDED) or (
            target in stored and stored[target].verb == VOIDED
        )
        if voiding:
            problems.append(_("คำสั่ง %(id)s ยกเลิกคำสั่งยกเลิกไม่ได้") % {"id": sid})
    if problems:
        raise Refused(400, problems)
    visible = set(
        Statement.objects.visible_to(scope)
        .filter(id__in=targets.values())
        .values_list("id", flat=True)
    )
    if any(t in stored and uuid.UUID(t) not in visible for t in targets.values()):
        raise Refused(403, [_("ยกเลิกได้เฉพาะคำสั่งของหน่วยงานของกุญแจนี้")])
    return list(targets.values())


def _void(targets: list[str], key: ApiKey) -> None:
    """Voided statements stay stored; the records they made are deleted (audited,
    and the figures follow through the marks)."""
    if not targets:
        return
    Statement.objects.filter(id__in=targets).update(voided=True)
    for record in TrainingRecord.objects.filter(xapi_statement__in=targets):
        record.delete()


# --- the stored row -----------------------------------------------------------------


def _timestamp(statement: dict[str, Any]) -> datetime:
    value = statement.get("timestamp")
    return (parse_timestamp(value) if value else None) or timezone.now()


def _row(
    i: _Incoming, key: ApiKey, now: datetime, home_pages: set[str]
) -> tuple[Statement, set[Ref]]:
    """The stored statement (national IDs masked, SPEC §3) and its refs, which
    name agents by identity (a national ID as its blind index)."""
    body = dict(i.sent)
    body["id"] = i.id
    body.setdefault("timestamp", now.isoformat())
    body["stored"] = now.isoformat()
    body["version"] = body.get("version", VERSION)
    body["authority"] = {
        "objectType": "Agent",
        "name": key.name,
        "account": {"homePage": settings.XAPI_HOME_PAGE, "name": key.prefix},
    }
    refs = statement_refs(body, home_pages)
    body = masked(body)  # SPEC §3: never a national ID itself
    target = i.target
    row = Statement(
        id=i.id,
        key=key,
        agency_id=key.agency_id,
        verb=i.verb[:500],
        activity=str(target.get("id", ""))[:500]
        if target.get("objectType", "Activity") == "Activity"
        else "",
        actor=i.actor,
        actor_label=i.label,
        person=i.person,
        registration=(body.get("context") or {}).get("registration"),
        outcome=i.outcome,
        reason=i.reason,
        timestamp=_timestamp(body),
        stored=now,
        body=json.dumps(body, ensure_ascii=False),
        digest=i.digest,
    )
    return row, refs


# --- HR matches a learner -----------------------------------------------------------


def actor_match(
    *, scope: AgencyScope, actor: Any, actor_key: str, raw_national_id: str
) -> int:
    """Record every waiting `completed` / `passed` of an unmatched actor for the
    person HR names by national ID; returns how many records were made."""
    if not national_id.is_valid(raw_national_id):
        raise ValidationError({"national_id": _("เลขประจำตัวประชาชนไม่ถูกต้อง")})
    person = Person.objects.editable_by(scope).with_national_id(raw_national_id).first()
    if person is None:
        raise ValidationError(
            {"national_id": _("ไม่พบบุคลากรนี้ในหน่วยงานที่ท่านดูแล")}, code="not_found"
        )
    waiting = list(
        Statement.objects.visible_to(scope)
        .filter(actor=actor_key, outcome=Outcome.UNMATCHED, voided=False)
        .select_related("key")
    )
    if not waiting:
        raise ValidationError(_("ไม่พบคำสั่งที่รอจับคู่ของผู้เรียนนี้"), code="none_waiting")
    by_key: dict[int, list[Statement]] = {}
    for statement in waiting:
        by_key.setdefault(statement.key_id, []).append(statement)
    with transaction.atomic():
        for statements in by_key.values():
            incoming = [
                _Incoming(sent=s.document, id=str(s.id), digest="", person=person)
                for s in statements
            ]
            _record(incoming, statements[0].key, scope, timezone.localdate(), actor)
            for s, i in zip(statements, incoming, strict=True):
                s.person, s.outcome, s.reason = person, i.outcome, i.reason
        bulk_update(Statement, waiting, ["person", "outcome", "reason"])
    return sum(s.outcome == Outcome.RECORDED for s in waiting)
