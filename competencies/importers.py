"""Row parsing and validation of the training and assessment imports (SPEC §9).

No writes. Rows name people by national ID: a person the actor may not edit gets
the same error as an unknown ID (SPEC §8). Skill codes are those of the framework
that applies to the fiscal year of the record's date (SPEC §4). The rules of
SPEC §6 come from `competencies.rules`, shared with forms and the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Max

from agencies.models import Person, national_id_hash
from agencies.rules import REGISTERED_ELSEWHERE
from agencies.scoping import AgencyScope
from skillsportal.lib.fiscal_year import fiscal_year_of
from skillsportal.lib.importing import (
    Batch,
    CellError,
    Column,
    ParsedRow,
    RowError,
    a_date,
    a_national_id,
    as_text,
    check_duplicates,
    choice,
    decimal,
    integer,
    map_headers,
    read_rows,
    text,
)
from skillsportal.lib.tabular import (
    ROW_KEY,
    TabularError,
    looks_like_formula,
    read_table,
)

from .models import AssessmentMethod, Course, Framework, Horizon, SkillArea
from .rules import assessment_problems, training_problems

CHUNK = 2000  # larger IN lists tip PostgreSQL into sequential scans
UNKNOWN_PERSON = (
    "ไม่พบบุคลากรที่มีเลขประจำตัวประชาชนนี้ในหน่วยงานที่ท่านรับผิดชอบ",
    "No person with this national ID among the people you manage",
)
NOT_IN_CATALOGUE = (
    "รหัสหลักสูตรนี้ไม่อยู่ในรายการหลักสูตร ระบบจะเก็บรหัสไว้ตามที่ระบุ",
    "This course code is not in the catalogue; it is kept as written",
)
_RULES_EN = {
    "hours": "Hours must be more than 0, at most 1,000 and at most 24 a day",
    "completed_on": "The completion date must not be in the future",
    "started_on": "The start date must not be after the completion date",
    "level": "The level is outside the framework's scale",
    "assessed_on": "The assessment date must not be in the future",
}


def _skill_codes(value: object) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in as_text(value).split(";") if c.strip())
    if len(codes) > 20:
        raise CellError("ระบุด้านทักษะได้ไม่เกิน 20 ด้าน", "At most 20 skill codes")
    return codes


_NATIONAL_ID = Column(
    "national_id",
    a_national_id,
    ("เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "citizen_id", "pid"),
    required=True,
)
TRAINING_COLUMNS = [
    _NATIONAL_ID,
    Column("title", text(500), ("ชื่อการอบรม", "ชื่อหลักสูตร", "หลักสูตร"), required=True),
    Column("course_code", text(64), ("รหัสหลักสูตร", "course")),
    Column("provider", text(255), ("ผู้จัด", "หน่วยงานผู้จัด")),
    Column("started_on", a_date, ("วันที่เริ่ม", "start_date")),
    Column(
        "completed_on",
        a_date,
        ("วันที่สำเร็จ", "วันที่จบ", "completion_date"),
        required=True,
    ),
    Column("hours", decimal, ("จำนวนชั่วโมง", "ชั่วโมง"), required=True),
    Column("horizon", choice(Horizon), ("มุ่งเน้น", "ประเภทการพัฒนา"), required=True),
    Column("skills", _skill_codes, ("ด้านทักษะ", "ทักษะ", "skill_codes")),
]
ASSESSMENT_COLUMNS = [
    _NATIONAL_ID,
    Column("skill_code", text(16), ("รหัสด้านทักษะ", "ด้านทักษะ", "skill"), required=True),
    Column("level", integer(0, 99), ("ระดับ",), required=True),
    Column("assessed_on", a_date, ("วันที่ประเมิน", "date"), required=True),
    Column("method", choice(AssessmentMethod), ("วิธีประเมิน", "วิธีการประเมิน")),
]


@dataclass(frozen=True)
class FrameworkSkills:
    """The framework that applies to one fiscal year: its skill ids and top level."""

    framework_id: int
    skills: dict[str, int]
    max_level: int


def frameworks_for(days: Iterable[date]) -> dict[int, FrameworkSkills | None]:
    """Fiscal year → the framework its records are checked against (SPEC §4, §6)."""
    found = {
        fy: Framework.objects.for_records_of(fy)
        for fy in map(fiscal_year_of, set(days))
    }
    ids = {f.pk for f in found.values() if f is not None}
    skills: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for pk, code, framework_id in SkillArea.objects.filter(
        framework__in=ids
    ).values_list("pk", "code", "framework_id"):
        skills[framework_id][code.upper()] = pk
    tops = dict(
        Framework.objects.filter(pk__in=ids)
        .annotate(top=Max("levels__level"))
        .values_list("pk", "top")
    )
    return {
        fy: FrameworkSkills(f.pk, skills[f.pk], tops[f.pk] or 0) if f else None
        for fy, f in found.items()
    }


def _resolve_people(batch: Batch, scope: AgencyScope) -> None:
    """Set `person_id` from the national ID among people the actor may edit.

    An ID another agency manages gets `REGISTERED_ELSEWHERE` (SPEC §3), the same
    words as the person form and the ID search.
    """
    rows = [r for r in batch.rows if r.ok("national_id")]
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        for row in chunk:
            row.values["nid_hash"] = national_id_hash(row.values["national_id"])
        ids = dict(
            Person.objects.editable_by(scope)
            .filter(national_id_hash__in_array={r.values["nid_hash"] for r in chunk})
            .values_list("national_id_hash", "pk")
        )
        missing = {r.values["nid_hash"] for r in chunk} - ids.keys()
        elsewhere = set(
            Person.objects.filter(national_id_hash__in_array=missing).values_list(
                "national_id_hash", flat=True
            )
        )
        for row in chunk:
            row.values["person_id"] = ids.get(row.values["nid_hash"])
            if row.values["nid_hash"] in elsewhere:
                batch.fail(row, "national_id", *REGISTERED_ELSEWHERE)
            elif row.values["person_id"] is None:
                batch.fail(row, "national_id", *UNKNOWN_PERSON)


def _framework_of(
    batch: Batch,
    row: ParsedRow,
    column: str,
    frameworks: dict[int, FrameworkSkills | None],
) -> FrameworkSkills | None:
    fy = fiscal_year_of(row.values[column])
    framework = frameworks[fy]
    if framework is None:
        batch.fail(
            row,
            column,
            f"ไม่มีกรอบสมรรถนะที่ใช้ในปีงบประมาณ {fy}",
            f"No framework applies to fiscal year {fy} (BE)",
        )
    return framework


def _apply_rules(batch: Batch, row: ParsedRow, problems: dict[str, str]) -> None:
    for name, message in problems.items():
        batch.fail(row, name, message, _RULES_EN[name])


# --- training ----------------------------------------------------------------


def training_parse(
    data: bytes, filename: str, *, scope: AgencyScope, today: date
) -> Batch:
    """Training rows keyed by person + course code (or title) + completion date.

    Adds `person_id`, `course_id` and `skill_ids` (SPEC §6, §9). A code the
    catalogue (as the actor sees it) does not know is kept, with a warning.
    """
    batch = read_rows(data, filename, TRAINING_COLUMNS)
    if not batch.rows:
        return batch
    _resolve_people(batch, scope)
    codes = {r.values.get("course_code") for r in batch.rows} - {None, ""}
    courses = Course.objects.visible_to(scope).filter(code__in=codes).by_code()
    dates = [r.values["completed_on"] for r in batch.rows if r.ok("completed_on")]
    frameworks = frameworks_for(dates)
    for row in batch.rows:
        _training_row(batch, row, courses, frameworks, today)
    check_duplicates(batch, _training_key, "completed_on")
    return batch.finish()


def _training_row(
    batch: Batch,
    row: ParsedRow,
    courses: dict[str, int],
    frameworks: dict[int, FrameworkSkills | None],
    today: date,
) -> None:
    values = row.values
    code = values["course_code"] = values.get("course_code") or ""
    values["course_id"] = courses.get(code) if code else None
    if code and values["course_id"] is None and row.ok("course_code"):
        batch.warn(row, "course_code", *NOT_IN_CATALOGUE)
    if not row.ok("completed_on", "started_on", "hours"):
        return
    _apply_rules(
        batch,
        row,
        training_problems(
            started_on=values.get("started_on"),
            completed_on=values["completed_on"],
            hours=values["hours"],
            today=today,
        ),
    )
    framework = _framework_of(batch, row, "completed_on", frameworks)
    codes = values.get("skills") or ()
    if framework is None or not row.ok("skills"):
        return
    unknown = [c for c in codes if c not in framework.skills]
    if unknown:
        batch.fail(
            row,
            "skills",
            "ไม่พบรหัสด้านทักษะในกรอบสมรรถนะของปีงบประมาณนั้น: " + ", ".join(unknown),
            "Unknown skill code for that fiscal year's framework: "
            + ", ".join(unknown),
        )
    values["skill_ids"] = sorted(
        {framework.skills[c] for c in codes if c not in unknown}
    )


def _training_key(row: ParsedRow) -> tuple[object, ...] | None:
    if not row.ok("national_id", "completed_on", "course_code", "title"):
        return None
    v = row.values
    what = ("c", v["course_code"]) if v["course_code"] else ("t", v["title"])
    return (v["person_id"], what, v["completed_on"])


# --- assessments -------------------------------------------------------------


def assessments_parse(
    data: bytes, filename: str, *, scope: AgencyScope, today: date
) -> Batch:
    """Assessment rows keyed by person + skill + date + method (SPEC §6, §9).

    Adds `person_id` and `skill_area_id`; the level must be on the scale of the
    framework of the assessment date's fiscal year.
    """
    batch = read_rows(data, filename, ASSESSMENT_COLUMNS)
    if not batch.rows:
        return batch
    _resolve_people(batch, scope)
    dates = [r.values["assessed_on"] for r in batch.rows if r.ok("assessed_on")]
    frameworks = frameworks_for(dates)
    for row in batch.rows:
        row.values["method"] = row.values.get("method") or AssessmentMethod.SUPERVISOR
        if row.ok("assessed_on", "skill_code"):
            _assessment_row(batch, row, frameworks, today)
    check_duplicates(batch, _assessment_key, "skill_code")
    return batch.finish()


def _assessment_row(
    batch: Batch,
    row: ParsedRow,
    frameworks: dict[int, FrameworkSkills | None],
    today: date,
) -> None:
    values = row.values
    framework = _framework_of(batch, row, "assessed_on", frameworks)
    if framework is None:
        return
    values["skill_area_id"] = framework.skills.get(values["skill_code"].upper())
    if values["skill_area_id"] is None:
        th = "ไม่พบรหัสด้านทักษะนี้ในกรอบสมรรถนะของปีงบประมาณนั้น"
        batch.fail(
            row, "skill_code", th, "Unknown skill code for that year's framework"
        )
    if not row.ok("level"):
        return
    problems = assessment_problems(
        level=values["level"],
        max_level=framework.max_level,
        assessed_on=values["assessed_on"],
        today=today,
    )
    _apply_rules(batch, row, problems)


def _assessment_key(row: ParsedRow) -> tuple[object, ...] | None:
    if not row.ok("national_id", "skill_code", "assessed_on", "method"):
        return None
    v = row.values
    return (v["person_id"], v["skill_area_id"], v["assessed_on"], v["method"])


# --- courses -----------------------------------------------------------------


def _plain_text(max_length: int) -> Callable[[object], str]:
    """Text that is not a spreadsheet formula: the catalogue is exported and
    opened in Excel (SPEC §9), so "=HYPERLINK(…)" is refused, not stored."""
    parse = text(max_length)

    def plain(value: object) -> str:
        result = parse(value)
        if looks_like_formula(result):
            raise CellError(
                "ข้อความต้องไม่ขึ้นต้นด้วย = + - หรือ @ (อาจเป็นสูตรของโปรแกรมตารางคำนวณ)",
                "Must not start with = + - or @ (a spreadsheet would run it)",
            )
        return result

    return plain


def _a_link(value: object) -> str:
    link = as_text(value)
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError:
        raise CellError(
            "ลิงก์ต้องเป็น URL ที่ขึ้นต้นด้วย http:// หรือ https://",
            "The link must be a URL starting with http:// or https://",
        ) from None
    if len(link) > 200:
        raise CellError("ยาวเกิน 200 ตัวอักษร", "Longer than 200 characters")
    return link


def _an_iri(value: object) -> str:
    """An absolute IRI, as xAPI names activities (scheme ":" then no spaces)."""
    iri = as_text(value)
    scheme, colon, rest = iri.partition(":")
    valid_scheme = scheme[:1].isascii() and scheme[:1].isalpha()
    valid_scheme = valid_scheme and all(c.isalnum() or c in "+-." for c in scheme)
    if not (colon and valid_scheme and rest) or any(c.isspace() for c in iri):
        raise CellError(
            "รหัสกิจกรรม xAPI ต้องเป็น IRI แบบเต็ม เช่น https://lms.example.go.th/course/12",
            "The xAPI activity id must be an absolute IRI, "
            "e.g. https://lms.example.go.th/course/12",
        )
    if len(iri) > 2048:
        raise CellError("ยาวเกิน 2048 ตัวอักษร", "Longer than 2048 characters")
    return iri


COURSE_COLUMNS = [
    Column("code", _plain_text(64), ("รหัสหลักสูตร", "course_code"), required=True),
    Column("title", _plain_text(500), ("ชื่อหลักสูตร", "หลักสูตร"), required=True),
    Column("provider", _plain_text(255), ("ผู้จัด", "หน่วยงานผู้จัด")),
    Column("hours", decimal, ("จำนวนชั่วโมง", "ชั่วโมง")),
    Column("horizon", choice(Horizon), ("มุ่งเน้น", "ประเภทการพัฒนา")),
    Column("skills", _skill_codes, ("ด้านทักษะ", "ทักษะ", "skill_codes")),
    Column("link", _a_link, ("ลิงก์", "url")),
    Column("activity_id", _an_iri, ("รหัสกิจกรรม", "xapi_activity_id", "iri")),
]


def courses_parse(data: bytes, filename: str, *, today: date) -> Batch:
    """Catalogue rows keyed by code (within the owner) (SPEC §6, §9).

    Adds `skill_ids`: skill codes of the framework that applies today. Hours are
    > 0 and at most 1,000 when given; an activity id names one course only.
    """
    batch = read_rows(data, filename, COURSE_COLUMNS)
    if not batch.rows:
        return batch
    framework = frameworks_for([today])[fiscal_year_of(today)]
    for row in batch.rows:
        _course_row(batch, row, framework)
    check_duplicates(
        batch, lambda r: r.values["code"] if r.ok("code") else None, "code"
    )
    check_duplicates(batch, _activity_key, "activity_id")
    return batch.finish()


def _activity_key(row: ParsedRow) -> str | None:
    return row.values.get("activity_id") or None if row.ok("activity_id") else None


def _course_row(
    batch: Batch, row: ParsedRow, framework: FrameworkSkills | None
) -> None:
    values = row.values
    hours = values.get("hours")
    if hours is not None and row.ok("hours") and not 0 < hours <= 1000:
        batch.fail(
            row,
            "hours",
            "จำนวนชั่วโมงต้องมากกว่า 0 และไม่เกิน 1,000",
            "Hours must be more than 0 and at most 1,000",
        )
    codes = values.get("skills") or ()
    if not codes or not row.ok("skills"):
        values["skill_ids"] = []
        return
    known = framework.skills if framework else {}
    unknown = [c for c in codes if c not in known]
    if unknown:
        batch.fail(
            row,
            "skills",
            "ไม่พบรหัสด้านทักษะในกรอบสมรรถนะปัจจุบัน: " + ", ".join(unknown),
            "Unknown skill code in the current framework: " + ", ".join(unknown),
        )
    values["skill_ids"] = sorted({known[c] for c in codes if c in known})


# --- attendees of a training event ---------------------------------------------


def attendees_parse(
    *, scope: AgencyScope, text: str = "", data: bytes = b"", filename: str = ""
) -> Batch:
    """National IDs pasted (one per line, or separated by spaces or commas) or a
    CSV/XLSX list with a `national_id` column (other columns are ignored), as
    rows with `person_id` among the people the actor may edit (SPEC §6, §8)."""
    batch = _pasted(text) if text.strip() else _listed(data, filename)
    if not batch.errors or batch.rows:
        _resolve_people(batch, scope)
    return batch


def _pasted(text: str) -> Batch:
    batch = Batch([], [], frozenset({"national_id"}))
    for number, line in enumerate(text.splitlines(), start=1):
        for token in line.replace(",", " ").replace(";", " ").split():
            row = ParsedRow(number, {"national_id": None})
            batch.rows.append(row)
            try:
                row.values["national_id"] = a_national_id(token)
            except CellError as exc:
                row.values["national_id"] = token
                batch.fail(row, "national_id", exc.th, exc.en)
    if not batch.rows:
        batch.errors.append(RowError(None, "", "", *_NO_ATTENDEES))
    return batch


_NO_ATTENDEES = ("ไม่มีรายชื่อผู้เข้าอบรม", "No attendees were given")


def _listed(data: bytes, filename: str) -> Batch:
    try:
        table = read_table(data, filename, max_bytes=settings.IMPORT_MAX_BYTES)
    except TabularError as exc:
        return Batch([], [RowError(None, "", "", exc.message, exc.message_en)])
    aliases = [_NATIONAL_ID.name, *_NATIONAL_ID.aliases]
    mapping, _unknown = map_headers(table.headers, [_NATIONAL_ID])
    header = next((h for h, _c in mapping), None)
    if header is None:
        th = "ไม่มีคอลัมน์ national_id (เลขประจำตัวประชาชน)"
        return Batch([], [RowError(1, aliases[0], "", th, "No national_id column")])
    batch = Batch([], [], frozenset({"national_id"}))
    for raw in table.rows:
        row = ParsedRow(raw[ROW_KEY], {"national_id": None})  # type: ignore[arg-type]
        cell = raw[header]
        if cell in ("", None):
            continue  # a blank line in a list of names
        batch.rows.append(row)
        try:
            row.values["national_id"] = a_national_id(cell)
        except CellError as exc:
            row.values["national_id"] = as_text(cell)
            batch.fail(row, "national_id", exc.th, exc.en)
    if not batch.rows:
        batch.errors.append(RowError(None, "", "", *_NO_ATTENDEES))
    return batch
