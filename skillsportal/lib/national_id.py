"""Thai national ID numbers: normalise, check, blind-index and mask (SPEC §3, §9).

Error messages never repeat the number itself: it is personal data (PDPA) and
messages end up in logs and downloadable error reports.
"""

from __future__ import annotations

import hashlib
import hmac
import operator
import random
import re

from django.utils.translation import gettext_noop

from skillsportal.lib.thai_dates import INVISIBLE, THAI_DIGITS

# Word and spreadsheets turn "-" into typographic dashes, so strip those too.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")
_THIRTEEN = re.compile(r"[0-9]{13}", re.ASCII)
_LAST_THREE = re.compile(r"[0-9]{3}", re.ASCII)
# 0 (non-Thai persons) and 9 are outside the civil-service population.
_FIRST_DIGITS = "12345678"
_WEIGHTS = range(13, 1, -1)

MSG_FORMAT = gettext_noop("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก")
MSG_CHECKSUM = gettext_noop("เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้ายไม่ผ่าน)")
MSG_FIRST_DIGIT = gettext_noop("เลขประจำตัวประชาชนไม่ถูกต้อง (หลักแรกต้องเป็น 1–8)")


def _clean(raw: str) -> str:
    return _SEPARATORS.sub("", raw.translate(THAI_DIGITS).translate(INVISIBLE))


def normalize(raw: str) -> str:
    """Return the 13 ASCII digits of ``raw`` or raise ValueError (SPEC §3)."""
    if len(raw) == 13 and raw.isascii() and raw.isdigit():
        return raw  # the common case, checked without the clean-up passes
    value = _clean(raw)
    if not _THIRTEEN.fullmatch(value):
        raise ValueError(MSG_FORMAT)
    return value


def check_digit(first12: str) -> int:
    """Return the check digit for the first 12 digits (SPEC §9)."""
    if not re.fullmatch(r"[0-9]{12}", first12, re.ASCII):
        raise ValueError("check_digit needs exactly 12 ASCII digits")
    return _check_digit(first12)


def _check_digit(first12: str) -> int:
    total = sum(map(operator.mul, map(int, first12), _WEIGHTS))
    return (11 - total % 11) % 10


def is_valid(value: str) -> bool:
    """Return whether ``value`` is a well-formed, checksum-valid ID (SPEC §9)."""
    try:
        validate(value)
    except ValueError:
        return False
    return True


def validate(raw: str) -> str:
    """Return the normalised ID or raise ValueError with a Thai message (SPEC §9)."""
    value = normalize(raw)
    if value[0] not in _FIRST_DIGITS:
        raise ValueError(MSG_FIRST_DIGIT)
    if int(value[12]) != _check_digit(value[:12]):
        raise ValueError(MSG_CHECKSUM)
    return value


def blind_index(value: str, key: bytes) -> str:
    """Return the HMAC-SHA256 hex digest of the normalised ID (SPEC §3)."""
    # An unkeyed hash of ~10^12 candidates is brute-forced in minutes; refuse
    # to silently degrade into one.
    if not key:
        raise ValueError("blind_index needs a non-empty key")
    return hmac.digest(key, normalize(value).encode("ascii"), hashlib.sha256).hex()


def mask(value: str) -> str:
    """Mask an ID (13 digits or its stored last 3) as x-xxxx-xxxxx-12-3 (SPEC §3)."""
    cleaned = _clean(value)
    if _THIRTEEN.fullmatch(cleaned):
        cleaned = cleaned[10:]
    elif not _LAST_THREE.fullmatch(cleaned):
        raise ValueError(MSG_FORMAT)
    return f"x-xxxx-xxxxx-{cleaned[:2]}-{cleaned[2]}"


def generate(rng: random.Random) -> str:
    """Return a random valid ID for demo data and tests (SPEC §3)."""
    first12 = str(rng.randint(1, 8)) + "".join(
        str(rng.randint(0, 9)) for _ in range(11)
    )
    return first12 + str(check_digit(first12))
