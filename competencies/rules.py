"""Business rules for development records (SPEC §6), shared by forms, imports, API.

Pure functions: they take values and return Thai error messages (empty when fine),
so one rule serves a browser form, an import row and an API payload alike.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_TRAINING_HOURS = Decimal(1000)
HOURS_PER_DAY = 24


def training_problems(
    *, started_on: date | None, completed_on: date, hours: Decimal, today: date
) -> dict[str, str]:
    """Field → message for a training record that breaks SPEC §6's rules."""
    problems: dict[str, str] = {}
    if hours <= 0:
        problems["hours"] = _("จำนวนชั่วโมงต้องมากกว่า 0")
    elif hours > MAX_TRAINING_HOURS:
        problems["hours"] = _("จำนวนชั่วโมงต้องไม่เกิน 1,000")
    if completed_on > today:
        problems["completed_on"] = _("วันที่สำเร็จต้องไม่เป็นวันในอนาคต")
    if started_on is not None:
        if started_on > completed_on:
            problems["started_on"] = _("วันที่เริ่มต้องไม่หลังวันที่สำเร็จ")
        elif "hours" not in problems:
            days = (completed_on - started_on).days + 1
            if hours > HOURS_PER_DAY * days:
                problems["hours"] = _(
                    "จำนวนชั่วโมงเกิน 24 ชั่วโมงต่อวัน (%(days)s วัน ไม่เกิน %(max)s ชั่วโมง)"
                ) % {"days": days, "max": HOURS_PER_DAY * days}
    return problems


def assessment_problems(
    *, level: int, max_level: int, assessed_on: date, today: date
) -> dict[str, str]:
    """Field → message for an assessment outside the scale or in the future."""
    problems: dict[str, str] = {}
    if not 0 <= level <= max_level:
        problems["level"] = _("ระดับต้องอยู่ระหว่าง 0 ถึง %(max)s") % {"max": max_level}
    if assessed_on > today:
        problems["assessed_on"] = _("วันที่ประเมินต้องไม่เป็นวันในอนาคต")
    return problems
