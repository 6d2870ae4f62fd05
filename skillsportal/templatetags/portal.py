"""Display filters shared by every app: BE dates, masked IDs, names by language."""

from datetime import date, datetime

from django import template

from skillsportal.lib import national_id
from skillsportal.lib.i18n import local_name as _local_name
from skillsportal.lib.thai_dates import format_be

register = template.Library()


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
    from django.utils import timezone

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
