"""The formatting requirements of xAPI 1.0.3 (Data, §2.2–2.4) for statements.

`statement_problems(statement)` lists every rule a statement breaks, each as
"path: reason", or nothing when the statement may be stored. Pure functions
over the parsed JSON: no database, so a batch of a hundred checks in a
millisecond or two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

VOIDED = "http://adlnet.gov/expapi/verbs/voided"

_UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_MBOX = re.compile(r"^mailto:[^@\s:]+@[^@\s]+$")
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_VERSION = re.compile(r"^1\.0(\.\d+)?$")
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$"
)
_NUMBER = r"\d+(?:[.,]\d+)?"
_DURATION = re.compile(
    rf"^P(?=\d|T\d)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=\d)(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
_INTERACTIONS = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
    "sequencing", "likert", "numeric", "other",
}  # fmt: skip
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")

Problems = list[str]


def statement_problems(statement: Any) -> Problems:
    """Every formatting rule the statement breaks (empty: valid)."""
    problems: Problems = []
    if not isinstance(statement, dict):
        return [_("คำสั่ง (statement) ต้องเป็นออบเจ็กต์ JSON")]
    _nulls(statement, "", problems)
    _statement(statement, "", problems, sub=False)
    return problems


# --- the parts of a statement -------------------------------------------------------

_TOP = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
    "authority", "version", "attachments",
}  # fmt: skip
_SUB = {"objectType", "actor", "verb", "object", "result", "context", "timestamp",
        "attachments"}  # fmt: skip


def _statement(s: dict[str, Any], at: str, problems: Problems, *, sub: bool) -> None:
    _keys(s, _SUB if sub else _TOP, at, problems)
    for name in ("actor", "verb", "object"):
        if name not in s:
            problems.append(_path(at, name) + ": " + _("ต้องมี"))
    if not sub and "id" in s:
        _uuid(s["id"], _path(at, "id"), problems)
    if "actor" in s:
        _agent_or_group(s["actor"], _path(at, "actor"), problems)
    if "verb" in s:
        _verb(s["verb"], _path(at, "verb"), problems)
    if "object" in s:
        _object(s["object"], _path(at, "object"), problems, sub=sub)
    if "result" in s:
        _result(s["result"], _path(at, "result"), problems)
    if "context" in s:
        _context(s["context"], s.get("object"), _path(at, "context"), problems)
    for name in ("timestamp", "stored"):
        if name in s:
            _timestamp(s[name], _path(at, name), problems)
    if "version" in s and not (
        isinstance(s["version"], str) and _VERSION.match(s["version"])
    ):
        problems.append(_path(at, "version") + ": " + _("ต้องเป็นรุ่น 1.0.x"))
    if "authority" in s:
        _agent_or_group(s["authority"], _path(at, "authority"), problems)
    if "attachments" in s:
        _list_of(s["attachments"], _path(at, "attachments"), problems, _attachment)
    verb = s.get("verb")
    if isinstance(verb, dict) and verb.get("id") == VOIDED:
        target = s.get("object")
        if not (
            isinstance(target, dict) and target.get("objectType") == "StatementRef"
        ):
            problems.append(
                _path(at, "object")
                + ": "
                + _("คำสั่งยกเลิก (voided) ต้องอ้างถึงคำสั่งอื่นด้วย StatementRef")
            )


def _agent_or_group(a: Any, at: str, problems: Problems) -> None:
    if not _is_object(a, at, problems):
        return
    if a.get("objectType") == "Group":
        _group(a, at, problems)
    else:
        _agent(a, at, problems)


_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _agent(a: Any, at: str, problems: Problems) -> None:
    if not _is_object(a, at, problems):
        return
    _keys(a, {"objectType", "name", *_IFIS}, at, problems)
    if a.get("objectType", "Agent") != "Agent":
        problems.append(_path(at, "objectType") + ": " + _("ต้องเป็น Agent หรือ Group"))
    if sum(1 for k in _IFIS if k in a) != 1:
        problems.append(
            at + ": " + _("ต้องระบุตัวตนอย่างใดอย่างหนึ่งเพียงอย่างเดียว: mbox, "
                   "mbox_sha1sum, openid หรือ account")
        )  # fmt: skip
    _ifi(a, at, problems)
    if "name" in a:
        _string(a["name"], _path(at, "name"), problems)


def _group(g: dict[str, Any], at: str, problems: Problems) -> None:
    _keys(g, {"objectType", "name", "member", *_IFIS}, at, problems)
    count = sum(1 for k in _IFIS if k in g)
    if count > 1:
        problems.append(at + ": " + _("กลุ่มระบุตัวตนได้ไม่เกินหนึ่งอย่าง"))
    if count == 0 and not g.get("member"):
        problems.append(_path(at, "member") + ": " + _("กลุ่มที่ไม่ระบุตัวตนต้องมีสมาชิก"))
    _ifi(g, at, problems)
    if "name" in g:
        _string(g["name"], _path(at, "name"), problems)
    if "member" in g:
        _list_of(g["member"], _path(at, "member"), problems, _agent)


def _ifi(a: dict[str, Any], at: str, problems: Problems) -> None:
    if "mbox" in a and not (isinstance(a["mbox"], str) and _MBOX.match(a["mbox"])):
        problems.append(_path(at, "mbox") + ": " + _("ต้องอยู่ในรูป mailto:อีเมล"))
    if "mbox_sha1sum" in a and not (
        isinstance(a["mbox_sha1sum"], str) and _SHA1.match(a["mbox_sha1sum"])
    ):
        problems.append(
            _path(at, "mbox_sha1sum") + ": " + _("ต้องเป็นค่า SHA-1 ฐานสิบหก 40 หลัก")
        )
    if "openid" in a:
        _iri(a["openid"], _path(at, "openid"), problems)
    if "account" in a:
        account, where = a["account"], _path(at, "account")
        if not _is_object(account, where, problems):
            return
        _keys(account, {"homePage", "name"}, where, problems)
        for name in ("homePage", "name"):
            if name not in account:
                problems.append(_path(where, name) + ": " + _("ต้องมี"))
        if "homePage" in account:
            _iri(account["homePage"], _path(where, "homePage"), problems)
        if "name" in account:
            _string(account["name"], _path(where, "name"), problems)


def _verb(v: Any, at: str, problems: Problems) -> None:
    if not _is_object(v, at, problems):
        return
    _keys(v, {"id", "display"}, at, problems)
    if "id" not in v:
        problems.append(_path(at, "id") + ": " + _("ต้องมี"))
    else:
        _iri(v["id"], _path(at, "id"), problems)
    if "display" in v:
        _language_map(v["display"], _path(at, "display"), problems)


def _object(o: Any, at: str, problems: Problems, *, sub: bool) -> None:
    if not _is_object(o, at, problems):
        return
    kind = o.get("objectType", "Activity")
    if kind == "Activity":
        _activity(o, at, problems)
    elif kind in ("Agent", "Group"):
        _agent_or_group(o, at, problems)
    elif kind == "StatementRef":
        _keys(o, {"objectType", "id"}, at, problems)
        if "id" not in o:
            problems.append(_path(at, "id") + ": " + _("ต้องมี"))
        else:
            _uuid(o["id"], _path(at, "id"), problems)
    elif kind == "SubStatement" and not sub:
        _statement(o, at, problems, sub=True)
    else:
        problems.append(_path(at, "objectType") + ": " + _("ไม่รู้จักชนิดนี้"))


def _activity(o: dict[str, Any], at: str, problems: Problems) -> None:
    _keys(o, {"objectType", "id", "definition"}, at, problems)
    if "id" not in o:
        problems.append(_path(at, "id") + ": " + _("ต้องมี"))
    else:
        _iri(o["id"], _path(at, "id"), problems)
    if "definition" in o:
        _definition(o["definition"], _path(at, "definition"), problems)


def _definition(d: Any, at: str, problems: Problems) -> None:
    if not _is_object(d, at, problems):
        return
    allowed = {"name", "description", "type", "moreInfo", "extensions",
               "interactionType", "correctResponsesPattern",
               *_COMPONENT_LISTS}  # fmt: skip
    _keys(d, allowed, at, problems)
    for name in ("name", "description"):
        if name in d:
            _language_map(d[name], _path(at, name), problems)
    for name in ("type", "moreInfo"):
        if name in d:
            _iri(d[name], _path(at, name), problems)
    if "extensions" in d:
        _extensions(d["extensions"], _path(at, "extensions"), problems)
    if "interactionType" in d and d["interactionType"] not in _INTERACTIONS:
        problems.append(_path(at, "interactionType") + ": " + _("ไม่รู้จักชนิดนี้"))
    if "correctResponsesPattern" in d:
        _list_of(d["correctResponsesPattern"], _path(at, "correctResponsesPattern"),
                 problems, _string)  # fmt: skip
    for name in _COMPONENT_LISTS:
        if name in d:
            _list_of(d[name], _path(at, name), problems, _component)


def _component(c: Any, at: str, problems: Problems) -> None:
    if not isinstance(c, dict) or "id" not in c:
        problems.append(at + ": " + _("ต้องเป็นออบเจ็กต์ที่มี id"))
        return
    _keys(c, {"id", "description"}, at, problems)
    _string(c["id"], _path(at, "id"), problems)
    if "description" in c:
        _language_map(c["description"], _path(at, "description"), problems)


def _result(r: Any, at: str, problems: Problems) -> None:
    if not _is_object(r, at, problems):
        return
    allowed = {"score", "success", "completion", "response", "duration", "extensions"}
    _keys(r, allowed, at, problems)
    for name in ("success", "completion"):
        if name in r and not isinstance(r[name], bool):
            problems.append(_path(at, name) + ": " + _("ต้องเป็น true หรือ false"))
    if "response" in r:
        _string(r["response"], _path(at, "response"), problems)
    if "duration" in r and not (
        isinstance(r["duration"], str) and _DURATION.match(r["duration"])
    ):
        problems.append(
            _path(at, "duration") + ": " + _("ต้องเป็นระยะเวลาแบบ ISO 8601 เช่น PT2H30M")
        )
    if "extensions" in r:
        _extensions(r["extensions"], _path(at, "extensions"), problems)
    if "score" in r:
        _score(r["score"], _path(at, "score"), problems)


def _score(s: Any, at: str, problems: Problems) -> None:
    if not _is_object(s, at, problems):
        return
    _keys(s, {"scaled", "raw", "min", "max"}, at, problems)
    numbers = {}
    for name in ("scaled", "raw", "min", "max"):
        if name in s:
            value = s[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(_path(at, name) + ": " + _("ต้องเป็นตัวเลข"))
            else:
                numbers[name] = value
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        problems.append(_path(at, "scaled") + ": " + _("ต้องอยู่ระหว่าง -1 ถึง 1"))
    low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
    if low is not None and high is not None and low >= high:
        problems.append(_path(at, "min") + ": " + _("ต้องน้อยกว่า max"))
    if raw is not None and (
        (low is not None and raw < low) or (high is not None and raw > high)
    ):
        problems.append(_path(at, "raw") + ": " + _("ต้องอยู่ระหว่าง min และ max"))


def _context(c: Any, target: Any, at: str, problems: Problems) -> None:
    if not _is_object(c, at, problems):
        return
    allowed = {"registration", "instructor", "team", "contextActivities", "revision",
               "platform", "language", "statement", "extensions"}  # fmt: skip
    _keys(c, allowed, at, problems)
    if "registration" in c:
        _uuid(c["registration"], _path(at, "registration"), problems)
    if "instructor" in c:
        _agent_or_group(c["instructor"], _path(at, "instructor"), problems)
    if "team" in c:
        team = c["team"]
        if isinstance(team, dict) and team.get("objectType") == "Group":
            _group(team, _path(at, "team"), problems)
        else:
            problems.append(_path(at, "team") + ": " + _("ต้องเป็นกลุ่ม (Group)"))
    if "contextActivities" in c:
        _context_activities(c["contextActivities"], _path(at, "contextActivities"),
                            problems)  # fmt: skip
    not_activity = (
        isinstance(target, dict) and target.get("objectType", "Activity") != "Activity"
    )
    for name in ("revision", "platform"):
        if name in c:
            _string(c[name], _path(at, name), problems)
            if not_activity:
                problems.append(
                    _path(at, name) + ": " + _("ใช้ได้เมื่อ object เป็นกิจกรรมเท่านั้น")
                )
    if "language" in c and not (
        isinstance(c["language"], str) and _LANGUAGE.match(c["language"])
    ):
        problems.append(_path(at, "language") + ": " + _("ต้องเป็นรหัสภาษาตาม RFC 5646"))
    if "statement" in c:
        ref = c["statement"]
        if not (isinstance(ref, dict) and ref.get("objectType") == "StatementRef"):
            problems.append(_path(at, "statement") + ": " + _("ต้องเป็น StatementRef"))
        else:
            _object(ref, _path(at, "statement"), problems, sub=True)
    if "extensions" in c:
        _extensions(c["extensions"], _path(at, "extensions"), problems)


def _context_activities(ca: Any, at: str, problems: Problems) -> None:
    if not _is_object(ca, at, problems):
        return
    _keys(ca, {"parent", "grouping", "category", "other"}, at, problems)
    for name, value in ca.items():
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            where = _path(at, name) + (f"[{i}]" if isinstance(value, list) else "")
            if (
                not isinstance(item, dict)
                or item.get("objectType", "Activity") != "Activity"
            ):
                problems.append(where + ": " + _("ต้องเป็นกิจกรรม (Activity)"))
            else:
                _activity(item, where, problems)


def _attachment(a: Any, at: str, problems: Problems) -> None:
    if not _is_object(a, at, problems):
        return
    allowed = {"usageType", "display", "description", "contentType", "length",
               "sha2", "fileUrl"}  # fmt: skip
    _keys(a, allowed, at, problems)
    for name in ("usageType", "display", "contentType", "length", "sha2"):
        if name not in a:
            problems.append(_path(at, name) + ": " + _("ต้องมี"))
    if "usageType" in a:
        _iri(a["usageType"], _path(at, "usageType"), problems)
    for name in ("display", "description"):
        if name in a:
            _language_map(a[name], _path(at, name), problems)
    if "length" in a and (
        isinstance(a["length"], bool) or not isinstance(a["length"], int)
    ):
        problems.append(_path(at, "length") + ": " + _("ต้องเป็นจำนวนเต็ม"))
    for name in ("contentType", "sha2"):
        if name in a:
            _string(a[name], _path(at, name), problems)
    if "fileUrl" in a:
        _iri(a["fileUrl"], _path(at, "fileUrl"), problems)


# --- value rules --------------------------------------------------------------------


def _nulls(value: Any, at: str, problems: Problems) -> None:
    """No null anywhere but inside extensions (xAPI Data §2.2)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                problems.append(_path(at, key) + ": " + _("ห้ามเป็น null"))
            elif key != "extensions":
                _nulls(item, _path(at, key), problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if item is None:
                problems.append(f"{at}[{i}]: " + _("ห้ามเป็น null"))
            else:
                _nulls(item, f"{at}[{i}]", problems)


def _is_object(value: Any, at: str, problems: Problems) -> bool:
    if isinstance(value, dict):
        return True
    problems.append(at + ": " + _("ต้องเป็นออบเจ็กต์"))
    return False


def _keys(obj: dict[str, Any], allowed: set[str], at: str, problems: Problems) -> None:
    for key in obj.keys() - allowed:
        problems.append(_path(at, key) + ": " + _("ไม่รู้จักคุณสมบัตินี้"))


def _uuid(value: Any, at: str, problems: Problems) -> None:
    if not (isinstance(value, str) and _UUID.match(value)):
        problems.append(
            at + ": " + _("ต้องเป็น UUID เช่น 3f1c2a4e-8b7d-4c1e-9f0a-2b3c4d5e6f70")
        )


def _iri(value: Any, at: str, problems: Problems) -> None:
    if not (isinstance(value, str) and _IRI.match(value)):
        problems.append(at + ": " + _("ต้องเป็น IRI แบบเต็ม เช่น https://example.org/x"))


def _string(value: Any, at: str, problems: Problems) -> None:
    if not isinstance(value, str):
        problems.append(at + ": " + _("ต้องเป็นข้อความ"))


def _language_map(value: Any, at: str, problems: Problems) -> None:
    if not isinstance(value, dict):
        problems.append(at + ": " + _('ต้องเป็น language map เช่น {"th-TH": "…"}'))
        return
    for tag, text in value.items():
        if not _LANGUAGE.match(tag):
            problems.append(_path(at, tag) + ": " + _("ต้องเป็นรหัสภาษาตาม RFC 5646"))
        elif not isinstance(text, str):
            problems.append(_path(at, tag) + ": " + _("ต้องเป็นข้อความ"))


def _extensions(value: Any, at: str, problems: Problems) -> None:
    if not _is_object(value, at, problems):
        return
    for key in value:
        _iri(key, _path(at, key), problems)


def _timestamp(value: Any, at: str, problems: Problems) -> None:
    if not (isinstance(value, str) and _TIMESTAMP.match(value)) or value.endswith(
        "-00:00"
    ):
        problems.append(
            at + ": " + _("ต้องเป็นวันเวลาแบบ ISO 8601 เช่น 2026-12-05T09:30:00+07:00")
        )
        return
    if parse_timestamp(value) is None:
        problems.append(
            at + ": " + _("ต้องเป็นวันเวลาแบบ ISO 8601 เช่น 2026-12-05T09:30:00+07:00")
        )


def _list_of(
    value: Any, at: str, problems: Problems, check: Callable[[Any, str, Problems], None]
) -> None:
    if not isinstance(value, list):
        problems.append(at + ": " + _("ต้องเป็นรายการ (array)"))
        return
    for i, item in enumerate(value):
        check(item, f"{at}[{i}]", problems)


def uuid_problems(value: Any, at: str) -> Problems:
    """A UUID parameter's problems (GET by statementId)."""
    problems: Problems = []
    _uuid(value, at, problems)
    return problems


def agent_problems(value: Any, at: str) -> Problems:
    """An Agent or Group parameter's problems (GET filtered by agent)."""
    problems: Problems = []
    _nulls(value, at, problems)
    _agent_or_group(value, at, problems)
    return problems


def _path(at: str, name: str) -> str:
    return f"{at}.{name}" if at else name


# --- values the mapping reads -------------------------------------------------------


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (UTC when it names no zone)."""
    from datetime import UTC

    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


_PARTS = re.compile(rf"({_NUMBER})([YMWDHS])")


def duration_hours(value: str) -> float:
    """Hours in an ISO 8601 duration (days of 24 hours; months and years are
    not a training's length and count as nothing)."""
    date_part, _sep, time_part = value.partition("T")
    hours = 0.0
    for number, unit in _PARTS.findall(date_part):
        hours += float(number.replace(",", ".")) * {"W": 168, "D": 24}.get(unit, 0)
    for number, unit in _PARTS.findall(time_part):
        hours += (
            float(number.replace(",", ".")) * {"H": 1, "M": 1 / 60, "S": 1 / 3600}[unit]
        )
    return hours
