"""Row parsing and validation of the training and assessment imports (SPEC §9).

No writes. Rows name people by national ID: a person the actor may not edit gets
the same error as an unknown ID (SPEC §8). Skill codes are those of the framework
that applies to the fiscal year of the record's date (SPEC §4). The rules of
SPEC §6 come from `competencies.rules`, shared with forms and the API.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

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
    a_date,
    a_national_id,
    as_text,
    check_duplicates,
    choice,
    decimal,
    integer,
    read_rows,
    text,
)

from .models import AssessmentMethod, Course, Framework, Horizon, SkillArea
from .rules import assessment_problems, training_problems

CHUNK = 2000  # larger IN lists tip PostgreSQL into sequential scans
UNKNOWN_PERSON = (
    "ไม่พบบุคลากรที่มีเลขประจำตัวประชาชนนี้ในหน่วยงานที่ท่านรับผิดชอบ",
    "No person with this national ID among the people you manage",
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
            .filter(national_id_hash__in={r.values["nid_hash"] for r in chunk})
            .values_list("national_id_hash", "pk")
        )
        missing = {r.values["nid_hash"] for r in chunk} - ids.keys()
        elsewhere = set(
            Person.objects.filter(national_id_hash__in=missing).values_list(
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

    Adds `person_id`, `course_id` and `skill_ids` (SPEC §6, §9).
    """
    batch = read_rows(data, filename, TRAINING_COLUMNS)
    if not batch.rows:
        return batch
    _resolve_people(batch, scope)
    codes = {r.values.get("course_code") for r in batch.rows} - {None}
    courses = dict(Course.objects.filter(code__in=codes).values_list("code", "pk"))
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
    code = values.get("course_code")
    values["course_id"] = courses.get(code) if code else None
    if code and values["course_id"] is None and row.ok("course_code"):
        batch.fail(row, "course_code", "ไม่พบรหัสหลักสูตรนี้", "Unknown course code")
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
    what = row.values["course_id"] or row.values["title"]
    return (row.values["person_id"], what, row.values["completed_on"])


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
