"""Business rules about people that are pure functions (no database)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import PositionType, TargetGroup

# One answer for any national ID registered outside one's scope (SPEC §3, §8):
# the person form, the ID search and every import say exactly this.
REGISTERED_ELSEWHERE = (
    gettext_noop("บุคคลนี้ลงทะเบียนอยู่กับหน่วยงานอื่น ท่านส่งคำขอรับโอนได้"),
    "Registered with another agency: you can request a transfer",
)


# Roster rows (SPEC §3, §9): (Thai, English) as every import error is.
ONE_REQUEST_PER_FILE = (
    "ขอรับโอนได้คนละหนึ่งแถวต่อไฟล์ เพิ่มแถวอื่นของบุคคลนี้ได้หลังได้รับโอนแล้ว",
    "One transfer request per person and file; add the other rows once it is accepted",
)
BEFORE_LATEST = (
    "วันที่มีผลต้องไม่ก่อนข้อมูลล่าสุดของบุคคลนี้ ({}) ประวัติที่เก่ากว่านั้นแก้ไขได้โดยผู้ดูแลระบบ สำนักงาน ก.พ.",
    "The effective date must not be before this person's latest version ({}); "
    "older history is corrected by OCSC administrators",
)
MSG_FOREIGN_VERSION = (
    "ไม่สามารถบันทึกข้อมูล ณ วันที่มีผลนี้ได้ กรุณาใช้วันที่มีผลอื่น",
    "A version cannot be recorded on this effective date; use another date",
)


def registered_elsewhere() -> str:
    """REGISTERED_ELSEWHERE in the active language (a page or form message)."""
    return _(REGISTERED_ELSEWHERE[0])


DIGITAL_TITLES = ("คอมพิวเตอร์", "เทคโนโลยีสารสนเทศ", "ดิจิทัล", "ระบบงาน")


def suggest_target_group(
    *, position_type: str, position_level: str, position_title: str = ""
) -> int | None:
    """A suggested target group from DPIS-style position data, never applied silently.

    After research/ocsc-framework.md §6 (an inference, not an OCSC rule): M1/M2 →
    senior executives; D1/D2 → division directors; IT position lines → digital
    specialists; other วิชาการ → policy and academic work; ทั่วไป → service work.
    """
    level = position_level.strip().upper()
    if position_type == PositionType.EXECUTIVE or level in {"M1", "M2"}:
        return TargetGroup.SENIOR_EXECUTIVES
    if position_type == PositionType.DIRECTOR or level in {"D1", "D2"}:
        return TargetGroup.DIVISION_DIRECTORS
    if any(word in position_title for word in DIGITAL_TITLES):
        return TargetGroup.DIGITAL_SPECIALISTS
    if position_type == PositionType.ACADEMIC or level.startswith("K"):
        return TargetGroup.POLICY_ACADEMIC
    if position_type == PositionType.GENERAL or level.startswith("O"):
        return TargetGroup.SERVICE
    return None
