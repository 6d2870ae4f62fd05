"""Display filters shared by every app: BE dates, masked IDs, names by language."""

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from skillsportal.lib import national_id
from skillsportal.lib.fiscal_year import fiscal_year_elapsed
from skillsportal.lib.form_fields import bootstrap_field
from skillsportal.lib.i18n import local_name as _local_name
from skillsportal.lib.thai_dates import format_be

register = template.Library()
register.filter("field", bootstrap_field)  # a form field as Bootstrap markup


@register.filter
def be_date(value: date | datetime | None, style: str = "short") -> str:
    """A date in the Buddhist Era: 25/11/2569, or style "long"/"medium"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_be(value, style)


@register.filter
def be_datetime(value: datetime | None) -> str:
    """A timestamp with a BE date: 25/11/2569 17:05."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_be(local.date())} {local:%H:%M}"


@register.filter
def masked_id(tail: str) -> str:
    """A national ID shown only as its last three digits (SPEC §3)."""
    return national_id.mask(tail) if tail else ""


@register.filter
def local_name(obj: object) -> str:
    """A framework name (skill area, level, framework) in the page's language."""
    return _local_name(obj) if obj else ""


@register.filter
def phase_period(phase: Any, last: bool) -> str:
    """`{{ phase|phase_period:forloop.last }}`: a rollout phase's FYs (SPEC §5)."""
    return str(phase.period(last=bool(last)))


@register.simple_tag
def fy_in_progress(fy: int | str | None) -> str:
    """`{% fy_in_progress fy %}`: a note that a running year's figures are partial."""
    if not fy:
        return ""
    share = fiscal_year_elapsed(int(fy), timezone.localdate())
    if share is None:
        return ""
    text = _(
        "ปีงบประมาณ %(fy)s ยังไม่สิ้นสุด ผ่านไปแล้ว %(pct)s%% ของปี "
        "ตัวเลขเป็นยอดสะสมถึงวันนี้ และจะเพิ่มขึ้นจนสิ้นปีงบประมาณ"
    ) % {"fy": fy, "pct": f"{share * 100:.0f}"}
    return format_html(
        '<p class="alert alert-info py-2 small" id="fy-in-progress">{}</p>', text
    )


# Every status word of records, jobs and runs → (Bootstrap tone, symbol): the
# symbol says it too, so colour never carries the meaning alone (WCAG 1.4.1).
STATUS_LOOK = {
    "verified": ("success", "✓"),
    "done": ("success", "✓"),
    "success": ("success", "✓"),
    "accepted": ("success", "✓"),
    "rejected": ("danger", "✗"),
    "failed": ("danger", "✗"),
    "declined": ("danger", "✗"),
    "pending": ("warning", "…"),
    "validated": ("primary", "✓"),
    "cancelled": ("secondary", "–"),
    "expired": ("secondary", "–"),
}


@register.simple_tag
def status_badge(obj: object, field: str = "status") -> str:
    """`{% status_badge record %}`: a record's, job's or run's status as a badge."""
    value = getattr(obj, field, "")
    tone, symbol = STATUS_LOOK.get(value, ("info", "…"))
    label = getattr(obj, f"get_{field}_display", lambda: value)()
    return format_html(
        '<span class="badge text-bg-{}">{} {}</span>', tone, symbol, label
    )
