"""Transfers between agencies (SPEC §3): out by the managing agency, in by request.

A person is managed by the agency of their current version. That agency records
a move to any agency (`person_transfer_out`). An agency that wants someone it
does not manage sends a transfer request (`transfer_request_create`, or rows of
a roster import); the managing agency's HR or OCSC accepts or declines it. The
requester sees nothing of the person until it is accepted, and every message
about a national ID outside one's scope is the same `REGISTERED_ELSEWHERE`,
whatever that person's data.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillsportal.lib import national_id as national_id_lib
from skillsportal.lib.errors import field_error

from ..access import require_write
from ..models import (
    Agency,
    Person,
    PersonStatus,
    PersonVersion,
    TransferRequest,
    TransferStatus,
)
from ..signals import transfer_request_changed
from .people import (
    VERSION_FACTS,
    person_refresh_current,
    require_not_before_latest,
    version_facts_on,
    version_save,
)

if TYPE_CHECKING:
    from ..scoping import AgencyScope

REQUEST_FACTS = (
    "category",
    "position_title",
    "position_type",
    "position_level",
    "target_group",
)


# --- transfer out ----------------------------------------------------------------


@transaction.atomic
def person_transfer_out(
    *,
    scope: AgencyScope,
    person: Person,
    agency: Agency,
    effective_date: date,
    **facts: Any,
) -> PersonVersion:
    """The managing agency moves a person to any agency from `effective_date`.

    From then on the person belongs to the new agency; the old one keeps its
    past figures (its versions are untouched). Facts not given carry over.
    """
    require_write(scope, person.current_agency)
    require_not_before_latest(scope, person.pk, effective_date)
    given = {k: v for k, v in facts.items() if k in VERSION_FACTS and _given(v)}
    merged = version_facts_on(person, effective_date) | given | {"agency": agency}
    merged.setdefault("status", PersonStatus.ACTIVE)
    version = version_save(person=person, effective_date=effective_date, facts=merged)
    person_refresh_current(person_ids=[person.pk])
    person.refresh_from_db()
    return version


# --- transfer requests -----------------------------------------------------------


@transaction.atomic
def transfer_request_create(
    *,
    scope: AgencyScope,
    actor: Any,
    national_id: str,
    agency: Agency,
    effective_date: date,
    **facts: Any,
) -> TransferRequest:
    """Ask the managing agency for a person (by national ID) from a date.

    Errors never depend on the person's data: an unknown ID, one the caller
    manages already, or a request already pending, and nothing else.
    """
    require_write(scope, agency)
    try:
        nid = national_id_lib.validate(national_id)
    except ValueError as error:
        raise field_error("national_id", _(str(error)), "invalid") from None
    person = Person.objects.with_national_id(nid).first()
    if person is None:
        raise field_error(
            "national_id", _("ไม่พบเลขนี้ในระบบ ลงทะเบียนเป็นบุคลากรใหม่ได้"), "unknown"
        )
    if Person.objects.editable_by(scope).filter(pk=person.pk).exists():
        raise field_error(
            "national_id",
            _("บุคคลนี้อยู่ในหน่วยงานที่ท่านดูแลแล้ว แก้ไขข้อมูลได้ที่หน้าบุคลากร"),
            "managed",
        )
    if TransferRequest.objects.filter(
        person=person, agency=agency, status=TransferStatus.PENDING
    ).exists():
        raise field_error(
            "national_id", _("มีคำขอรับโอนบุคคลนี้ที่รอการพิจารณาอยู่แล้ว"), "pending"
        )
    request = TransferRequest(
        person=person,
        agency=agency,
        from_agency_id=person.current_agency_id,
        effective_date=effective_date,
        requested_by=actor,
        **_request_facts(facts),
    )
    request.full_clean(exclude=["person"])
    request.save()
    transfer_request_changed.send(
        sender=TransferRequest, request=request, event="requested"
    )
    return request


def _request_facts(facts: dict[str, Any]) -> dict[str, Any]:
    values = {k: facts.get(k) for k in REQUEST_FACTS}
    blank = {k: "" for k, v in values.items() if v is None and k != "target_group"}
    return values | blank


def _given(value: Any) -> bool:
    return value not in ("", None)


def transfer_requests_upsert(
    *, rows: list[dict[str, Any]], actor: Any, source: dict[str, Any]
) -> tuple[int, int]:
    """Requests from roster rows (person_id, agency_id, effective_date, facts).

    A pending request of the same agency for the same person is updated; an
    identical one is left alone (re-importing a file writes nothing). Returns
    (written, unchanged). Call inside the import's transaction.
    """
    managing = dict(
        Person.objects.filter(pk__in=[row["person_id"] for row in rows]).values_list(
            "pk", "current_agency_id"
        )
    )
    pending = {
        (r.person_id, r.agency_id): r
        for r in TransferRequest.objects.select_for_update().filter(
            person_id__in=[row["person_id"] for row in rows],
            status=TransferStatus.PENDING,
        )
    }
    written = unchanged = 0
    for row in rows:
        values = {"effective_date": row["effective_date"], **_request_facts(row)}
        request = pending.get((row["person_id"], row["agency_id"]))
        if request is not None and all(
            getattr(request, k) == v for k, v in values.items()
        ):
            unchanged += 1
            continue
        if request is None:
            request = TransferRequest(
                person_id=row["person_id"],
                agency_id=row["agency_id"],
                from_agency_id=managing[row["person_id"]],
                requested_by=actor,
                source=source,
            )
        for name, value in values.items():
            setattr(request, name, value)
        request.save()
        written += 1
        transfer_request_changed.send(
            sender=TransferRequest, request=request, event="requested"
        )
    return written, unchanged


def _pending_locked(request: TransferRequest) -> TransferRequest:
    locked = (
        TransferRequest.objects.select_for_update(of=("self",))
        .select_related("person", "person__current_agency", "agency")
        .get(pk=request.pk)
    )
    if not locked.is_pending:
        raise ValidationError(_("คำขอนี้ได้รับการพิจารณาแล้ว"), code="decided")
    return locked


@transaction.atomic
def transfer_request_accept(
    *, scope: AgencyScope, actor: Any, request: TransferRequest
) -> PersonVersion:
    """The managing agency (or OCSC) accepts: the person moves on the date.

    Blank facts of the request carry over from the version valid that day; the
    figures of both agencies follow through the version's signals.
    """
    locked = _pending_locked(request)
    person = locked.person
    require_write(scope, person.current_agency)
    require_not_before_latest(scope, person.pk, locked.effective_date)
    given = {k: getattr(locked, k) for k in REQUEST_FACTS}
    given = {k: v for k, v in given.items() if _given(v)}
    facts = version_facts_on(person, locked.effective_date) | given
    facts |= {"agency": locked.agency, "status": PersonStatus.ACTIVE}
    facts.setdefault("category", person.current_category)
    version = version_save(
        person=person, effective_date=locked.effective_date, facts=facts
    )
    person_refresh_current(person_ids=[person.pk])
    _decide(locked, actor, TransferStatus.ACCEPTED, version=version)
    return version


@transaction.atomic
def transfer_request_decline(
    *, scope: AgencyScope, actor: Any, request: TransferRequest, reason: str
) -> TransferRequest:
    """The managing agency (or OCSC) declines, with a reason; nothing moves."""
    locked = _pending_locked(request)
    require_write(scope, locked.person.current_agency)
    if not reason.strip():
        raise field_error("reason", _("ระบุเหตุผล"), "required")
    locked.decline_reason = reason.strip()
    return _decide(locked, actor, TransferStatus.DECLINED)


@transaction.atomic
def transfer_request_cancel(
    *, scope: AgencyScope, actor: Any, request: TransferRequest
) -> TransferRequest:
    """The requesting agency withdraws its pending request."""
    locked = _pending_locked(request)
    require_write(scope, locked.agency)
    return _decide(locked, actor, TransferStatus.CANCELLED)


def _decide(
    request: TransferRequest,
    actor: Any,
    status: str,
    version: PersonVersion | None = None,
) -> TransferRequest:
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.version = version
    request.save()
    if status != TransferStatus.CANCELLED:
        transfer_request_changed.send(
            sender=TransferRequest, request=request, event=status
        )
    return request
