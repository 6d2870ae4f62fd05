"""In-portal notifications, their e-mail copies and fiscal-year-end reminders.

People are told when HR decides what they submitted (SPEC §6), when HR comments
on their development plan, and, from a configurable day before the fiscal year
ends, when they are not yet assessed or still below target (SPEC §7; research
mission-anchors E7). The in-portal row is written in the caller's transaction;
the e-mail copy goes after commit, only to users with an address who have not
opted out. Logs carry ids and counts only, never personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies.models import (
    Person,
    Role,
    RoleAssignment,
    TransferRequest,
    TransferStatus,
    UserPreference,
)
from agencies.signals import transfer_request_changed
from skillsportal.lib.fiscal_year import fiscal_year_bounds, fiscal_year_of
from skillsportal.lib.i18n import local_name
from skillsportal.lib.queue import enqueue
from skillsportal.lib.thai_dates import format_be

from ..models import (
    Assessment,
    Notification,
    NotificationKind,
    NotificationPreference,
    RecordStatus,
    TrainingRecord,
)

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

log = logging.getLogger(__name__)
REMINDER_BATCH = 1000


@dataclass(frozen=True)
class ReminderWindow:
    """When reminders run: from `month`/`day` of the FY's last year to its end."""

    month: int
    day: int
    every_days: int

    @classmethod
    def from_settings(cls) -> ReminderWindow:
        conf = settings.FY_END_REMINDERS
        month, day = (int(x) for x in str(conf["from"]).split("-"))
        return cls(month=month, day=day, every_days=int(conf["every_days"]))

    def opens(self, fy: int) -> date:
        return date(fiscal_year_bounds(fy)[1].year, self.month, self.day)

    def is_open(self, fy: int, today: date) -> bool:
        return self.opens(fy) <= today <= fiscal_year_bounds(fy)[1]


def _email_allowed(user_id: int) -> bool:
    pref = NotificationPreference.objects.filter(user_id=user_id).first()
    return pref is None or pref.email_enabled


def _address(user: Any) -> str:
    """The account's e-mail, else the person record's (HR keeps it current)."""
    if user.email:
        return str(user.email)
    email = Person.objects.filter(user=user).values_list("email", flat=True).first()
    return email or ""


def _absolute(path: str) -> str:
    """A link for an e-mail: the first trusted origin is the portal's public URL."""
    origins = list(settings.CSRF_TRUSTED_ORIGINS)
    return f"{origins[0].rstrip('/')}{path}" if origins and path else ""


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification once (idempotent: `emailed_at` is claimed first).

    Skipped for users without an address and for those who opted out.
    """
    note = Notification.objects.select_related("user").get(pk=notification_id)
    address = _address(note.user)
    if not address or not _email_allowed(note.user_id):
        return False
    claimed = Notification.objects.filter(
        pk=notification_id, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return False
    ctx = {
        "note": note,
        "link": _absolute(note.link),
        "settings_link": _absolute(reverse("me:notification-settings")),
    }
    body = render_to_string("me/notification_email.txt", ctx)
    try:
        send_mail(note.title, body, None, [address])
    except Exception:  # the mail server failed: unclaim, so a retry may send it
        Notification.objects.filter(pk=note.pk).update(emailed_at=None)
        raise
    log.info("notification %s e-mailed", note.pk)
    return True


def _email_on_commit(notification_ids: list[int]) -> None:
    """A lost broker loses only the e-mail: the in-portal notification stands."""
    for pk in notification_ids:
        enqueue("competencies.tasks.notification_email_send", notification_id=pk)


UNREAD_TTL = 300  # seconds; every write below also clears the cached count


def _unread_key(user_id: int) -> str:
    return f"notes:unread:{user_id}"


def unread_count(*, user_id: int) -> int:
    """The user's unread notifications for the menu badge on every page, cached
    (one query less per page; issue 17)."""
    key = _unread_key(user_id)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user_id=user_id).unread().count()
        cache.set(key, count, UNREAD_TTL)
    return int(count)


def _unread_changed(user_ids: list[int]) -> None:
    """Forget the cached counts after commit (a count cached before the commit
    would otherwise stand until UNREAD_TTL)."""
    keys = [_unread_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def notify(
    *, user_id: int, kind: str, title: str, body: str = "", link: str = ""
) -> Notification:
    """Write one in-portal notification and queue its e-mail copy after commit."""
    note = Notification.objects.create(
        user_id=user_id, kind=kind, title=title[:255], body=body, link=link
    )
    _email_on_commit([note.pk])
    _unread_changed([user_id])
    return note


def recipient_language(user_id: int) -> str:
    """The language a user chose (SPEC §1: Thai until they switch)."""
    chosen = (
        UserPreference.objects.filter(user_id=user_id)
        .values_list("language", flat=True)
        .first()
    )
    return chosen or settings.LANGUAGE_CODE


def in_language_of(user_id: int) -> Any:
    """Compose a notification in its reader's language, not the writer's."""
    return translation.override(recipient_language(user_id))


def _record_words(record: TrainingRecord | Assessment) -> tuple[str, str]:
    if isinstance(record, TrainingRecord):
        return _("การฝึกอบรม"), record.title
    level = _("ระดับ %(level)s") % {"level": record.level}
    skill = record.skill_area
    return _("ผลการประเมินตนเอง"), f"{skill.code} {local_name(skill)}: {level}"


def record_decision_notify(*, record: TrainingRecord | Assessment) -> Any:
    """Tell a person that HR verified or rejected what they submitted (SPEC §6).

    Written in the decision's transaction, so a rolled-back decision tells no
    one; the e-mail copy follows on commit. Nothing for a person without a login.
    """
    user_id = (
        Person.objects.filter(pk=record.person_id).values_list("user", flat=True)
    ).first()
    if user_id is None:
        return None
    with in_language_of(user_id):
        what, name = _record_words(record)
        if record.status == RecordStatus.VERIFIED:
            kind = NotificationKind.RECORD_VERIFIED
            title = _("%(what)s ได้รับการอนุมัติแล้ว") % {"what": what}
            body = name
        else:
            kind = NotificationKind.RECORD_REJECTED
            title = _("%(what)s ไม่ได้รับการอนุมัติ") % {"what": what}
            body = _("%(name)s\nเหตุผล: %(reason)s") % {
                "name": name,
                "reason": record.rejection_reason,
            }
    day = (
        record.completed_on
        if isinstance(record, TrainingRecord)
        else record.assessed_on
    )
    link = f"{reverse('me:skills')}?fy={fiscal_year_of(day)}"
    return notify(user_id=user_id, kind=kind, title=title, body=body, link=link)


def notification_mark_read(*, scope: AgencyScope, notification: Notification) -> Any:
    """Mark one of the user's own notifications read (idempotent)."""
    own = Notification.objects.visible_to(scope).filter(pk=notification.pk)
    own.filter(read_at__isnull=True).update(read_at=timezone.now())
    _unread_changed([notification.user_id])
    return own.get()


def notifications_mark_all_read(*, scope: AgencyScope) -> int:
    """Mark every unread notification of the user read; returns how many."""
    unread = Notification.objects.visible_to(scope).unread()
    done = unread.update(read_at=timezone.now())
    if scope.user_id is not None:
        _unread_changed([scope.user_id])
    return done


def notification_preference_update(
    *, scope: AgencyScope, email_enabled: bool, reminders_enabled: bool
) -> NotificationPreference:
    """Save the user's own notification choices (opt-out of e-mail or reminders)."""
    if scope.user_id is None:
        raise ValueError("a signed-in user is required")
    pref, _created = NotificationPreference.objects.update_or_create(
        user_id=scope.user_id,
        defaults={
            "email_enabled": email_enabled,
            "reminders_enabled": reminders_enabled,
        },
    )
    return pref


def _reminder_recipients(candidates: QuerySet[Any], *, since: datetime) -> list[int]:
    """User ids of the candidate people, minus opt-outs and the recently reminded.

    One query: the candidate set, the opt-out and the "once per N days" rule
    are all subqueries (no per-person query).
    """
    reminded = Notification.objects.filter(
        user=OuterRef("pk"), kind=NotificationKind.REMINDER, created_at__gte=since
    )
    opted_out = NotificationPreference.objects.filter(
        user=OuterRef("pk"), reminders_enabled=False
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True, person__pk__in=candidates)
        .filter(~Exists(reminded), ~Exists(opted_out))
    )
    return list(users.order_by("pk").values_list("pk", flat=True))


def _reminder_text(fy: int) -> tuple[str, str]:
    end = format_be(fiscal_year_bounds(fy)[1], "long")
    title = _("ใกล้สิ้นปีงบประมาณ %(fy)s: ท่านยังไม่ผ่านเป้าหมายทักษะดิจิทัล") % {"fy": fy}
    body = _(
        "ปีงบประมาณ %(fy)s สิ้นสุดวันที่ %(end)s ท่านยังประเมินไม่ครบ"
        "หรือยังไม่ถึงระดับเป้าหมาย ดูช่องว่างและหลักสูตรที่แนะนำได้ที่หน้า"
        " “ทักษะของฉัน” และ “แผนพัฒนาของฉัน”"
    ) % {"fy": fy, "end": end}
    return title, body


def reminders_send(
    *, candidates: QuerySet[Any], fy: int, today: date | None = None
) -> int:
    """Remind people behind their targets before FY `fy` ends (SPEC §7).

    `candidates` are person ids in scope of `fy` and not meeting targets (the
    compliance figures). Runs only inside the window of `FY_END_REMINDERS`;
    each user at most once per `every_days`; opted-out users are skipped.
    Notifications are bulk-inserted; only the e-mails go one by one. Returns
    the number reminded; a second run the same day finds everyone reminded.
    """
    today = today or timezone.localdate()
    window = ReminderWindow.from_settings()
    if not window.is_open(fy, today):
        return 0
    since = timezone.now() - timedelta(days=window.every_days)
    recipients = _reminder_recipients(candidates, since=since)
    chosen = dict(
        UserPreference.objects.filter(user_id__in=recipients)
        .exclude(language="")
        .values_list("user_id", "language")
    )
    texts = {}
    for language in {*chosen.values(), settings.LANGUAGE_CODE}:
        with translation.override(language):
            texts[language] = _reminder_text(fy)
    link = reverse("me:skills")
    for start in range(0, len(recipients), REMINDER_BATCH):
        with transaction.atomic():
            notes = Notification.objects.bulk_create(
                Notification(
                    user_id=pk,
                    kind=NotificationKind.REMINDER,
                    title=texts[chosen.get(pk, settings.LANGUAGE_CODE)][0],
                    body=texts[chosen.get(pk, settings.LANGUAGE_CODE)][1],
                    link=link,
                )
                for pk in recipients[start : start + REMINDER_BATCH]
            )
            _email_on_commit([n.pk for n in notes])
            _unread_changed(recipients[start : start + REMINDER_BATCH])
    log.info("FY %s reminders: %s sent", fy, len(recipients))
    return len(recipients)


# --- transfers between agencies (SPEC §3) ------------------------------------------


@receiver(transfer_request_changed)
def transfer_notify(
    sender: Any, request: TransferRequest, event: str, **kwargs: Any
) -> list[Notification]:
    """Tell the managing agency's HR of a request, and the requester of the decision.

    The requester's notice names the masked ID and date they typed, never the
    person (they see nothing of them until accepted).
    """
    link = reverse("competencies:transfer-detail", args=[request.pk])
    if event == "requested":
        users = _managing_hr(request.person) - {request.requested_by_id}
    else:
        users = {u for u in [request.requested_by_id] if u is not None}
    notes = []
    for user_id in sorted(users):
        with in_language_of(user_id):
            title, body = _transfer_words(request, event)
        kind = NotificationKind.TRANSFER
        notes.append(
            notify(user_id=user_id, kind=kind, title=title, body=body, link=link)
        )
    return notes


def _transfer_words(request: TransferRequest, event: str) -> tuple[str, str]:
    when = format_be(request.effective_date)
    if event == "requested":
        title = _("คำขอรับโอน: %(name)s") % {"name": request.person.full_name}
        body = _("%(agency)s ขอรับโอนตั้งแต่ %(date)s") % {
            "agency": local_name(request.agency),
            "date": when,
        }
        return title, body
    if event == TransferStatus.ACCEPTED:
        title = _("คำขอรับโอนได้รับการอนุมัติ")
    else:
        title = _("คำขอรับโอนไม่ได้รับการอนุมัติ")
    body = _("เลขประจำตัวประชาชน %(nid)s วันที่มีผล %(date)s") % {
        "nid": request.masked_national_id,
        "date": when,
    }
    if request.decline_reason:
        body += "\n" + _("เหตุผล: %(reason)s") % {"reason": request.decline_reason}
    return title, body


def _managing_hr(person: Person) -> set[int]:
    """HR officers whose subtree holds the person's current agency, and OCSC."""
    path = person.current_agency.path if person.current_agency else ""
    ancestors = [int(part) for part in path.strip("/").split("/") if part]
    return set(
        RoleAssignment.objects.filter(
            role=Role.AGENCY_HR, agency_id__in=ancestors
        ).values_list("user_id", flat=True)
    )
