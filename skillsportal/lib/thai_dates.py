"""Parse and format dates as Thai users write them (SPEC §2, §9)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from skillsportal.lib.fiscal_year import BE_OFFSET

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Pasted text (Word, LINE, web pages) often carries these; they are invisible on
# screen but break matching, so every input path deletes them.
INVISIBLE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff"))

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# The English UI keeps BE years (a Thai government record) with English month names.
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENGLISH_MONTHS_ABBR = tuple(name[:3] for name in ENGLISH_MONTHS)

# A year this large cannot be a CE year anyone types today, while every BE year
# in living memory is above it (SPEC §9).
BE_THRESHOLD = 2400


def _month_key(token: str) -> str:
    # Users drop or space the dots ("พย", "พ. ย.") and may add "พ.ศ." before the
    # year, so compare month tokens with dots, spaces and that suffix removed.
    key = re.sub(r"[.\s]", "", token)
    return key.removesuffix("พศ")


_MONTH_NUMBERS = {
    _month_key(name): number
    for names in (THAI_MONTHS, THAI_MONTHS_ABBR)
    for number, name in enumerate(names, start=1)
}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_NAMED = re.compile(r"(\d{1,2}) ?(\D+?) ?(\d{4})", re.ASCII)

_FORMAT_HINT = gettext_lazy("ใช้รูปแบบ วว/ดด/ปปปป หรือ ปปปป-ดด-วว")


def normalize_digits(text: str) -> str:
    """Replace Thai digits ๐–๙ with ASCII 0–9 (SPEC §9)."""
    return text.translate(THAI_DIGITS)


def parse_date(text: str) -> date:
    """Parse an ISO, DD/MM/YYYY or Thai-month date; years ≥ 2400 are BE (SPEC §9)."""
    shown = text.strip()[:40]
    cleaned = unicodedata.normalize("NFC", normalize_digits(text)).translate(INVISIBLE)
    cleaned = " ".join(cleaned.split())
    if m := _ISO.fullmatch(cleaned):
        year, month, day = (int(g) for g in m.groups())
    elif m := _SLASHED.fullmatch(cleaned):
        day, month, year = (int(g) for g in m.groups())
    elif (m := _NAMED.fullmatch(cleaned)) and _month_key(m[2]) in _MONTH_NUMBERS:
        day, month, year = int(m[1]), _MONTH_NUMBERS[_month_key(m[2])], int(m[3])
    else:
        raise ValueError(
            _("อ่านวันที่ไม่ได้: %(text)s (%(hint)s)")
            % {"text": shown or _("(ว่าง)"), "hint": _FORMAT_HINT}
        )
    # Convert the year before building the date: 29/02/2567 BE is 2024-02-29,
    # a leap day that date(2567, 2, 29) would wrongly reject.
    if year >= BE_THRESHOLD:
        year -= BE_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("วันที่ไม่ถูกต้อง: %(text)s") % {"text": shown}) from None


def parse_typed_date(text: str) -> date:
    """A date typed into a form's Thai date field: like `parse_date`, but a
    day-first date with a CE year (03/12/2026) is refused, naming the BE date it
    might mean, rather than guessed: in a Thai field the year is BE (SPEC §2)."""
    day = parse_date(text)
    cleaned = normalize_digits(text).translate(INVISIBLE).strip()
    year = re.search(r"(\d{4})\s*$", cleaned)
    if year and int(year[1]) < BE_THRESHOLD and not _ISO.fullmatch(cleaned):
        raise ValueError(
            _(
                "ปี %(year)s เป็นปีคริสต์ศักราช ช่องนี้ใช้ปีพุทธศักราช "
                "หากหมายถึงวันที่ %(be)s กรุณากรอก %(be)s"
            )
            % {"year": year[1], "be": format_be(day)}
        )
    return day


def coerce_date(value: object) -> date:
    """Return a date from a date, datetime (XLSX cell, CE) or text (SPEC §9)."""
    # datetime is a subclass of date, so it must be checked first.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError(
        _("วันที่ไม่ถูกต้อง: %(text)s (%(hint)s)")
        % {"text": str(value)[:40], "hint": _FORMAT_HINT}
    )


def format_be(d: date, style: str = "short") -> str:
    """Format a date with a BE year: short, medium or long (SPEC §2).

    Month names follow the active language; the year is BE in every language.
    """
    year = d.year + BE_OFFSET
    english = (get_language() or "").startswith("en")
    if style == "short":
        return f"{d.day:02d}/{d.month:02d}/{year}"
    if style == "medium":
        names = ENGLISH_MONTHS_ABBR if english else THAI_MONTHS_ABBR
        return f"{d.day} {names[d.month - 1]} {year}"
    if style == "long":
        names = ENGLISH_MONTHS if english else THAI_MONTHS
        return f"{d.day} {names[d.month - 1]} {year}"
    raise ValueError(f"unknown date style: {style!r}")


def file_date(d: date) -> str:
    """A date for a file name, sortable and in the Buddhist Era: 2569-12-04."""
    return f"{d.year + BE_OFFSET:04d}-{d.month:02d}-{d.day:02d}"
