"""Row parsing and validation of the agencies and roster imports (SPEC §9): no writes.

Built on the import toolkit (`skillsportal.lib.importing`). Every error names the
row, the column, the value (national IDs masked, SPEC §3) and the reason in Thai
and English.
"""

from __future__ import annotations

from datetime import date, timedelta

from skillsportal.lib.importing import (
    Batch,
    Column,
    ParsedRow,
    a_date,
    a_national_id,
    an_email,
    check_duplicates,
    choice,
    integer,
    read_rows,
    text,
)

from .access import writes_path
from .models import (
    Agency,
    AgencyKind,
    PersonnelCategory,
    PersonStatus,
    PositionType,
    national_id_hash,
)
from .scoping import AgencyScope

UNKNOWN_AGENCY = (
    "ไม่พบหน่วยงานรหัสนี้ในหน่วยงานที่ท่านรับผิดชอบ",
    "No agency with this code among the agencies you manage",
)


# --- agencies ----------------------------------------------------------------

AGENCY_COLUMNS = [
    Column("code", text(32), ("รหัสหน่วยงาน", "รหัส", "agency_code"), required=True),
    Column("name_th", text(255), ("ชื่อหน่วยงาน", "ชื่อภาษาไทย", "ชื่อ"), required=True),
    Column("name_en", text(255), ("ชื่อภาษาอังกฤษ", "english_name")),
    Column("parent_code", text(32), ("รหัสหน่วยงานแม่", "รหัสหน่วยงานต้นสังกัด", "parent")),
    Column("kind", choice(AgencyKind), ("ประเภทหน่วยงาน", "ประเภท"), required=True),
]


def agencies_parse(data: bytes, filename: str) -> Batch:
    """Agency rows: codes unique in the file, parents known, no loops (SPEC §9)."""
    batch = read_rows(data, filename, AGENCY_COLUMNS)
    if batch.errors and not batch.rows:
        return batch
    check_duplicates(
        batch, lambda r: r.values["code"] if r.ok("code") else None, "code"
    )
    parents: dict[str, str | None] = dict(
        Agency.objects.values_list("code", "parent__code")
    )
    parents.update(
        {
            r.values["code"]: r.values.get("parent_code")
            for r in batch.rows
            if r.ok("code")
        }
    )
    for row in batch.rows:
        parent = row.values.get("parent_code")
        if parent and parent not in parents:
            th = "ไม่พบรหัสหน่วยงานแม่ (ทั้งในระบบและในไฟล์)"
            batch.fail(row, "parent_code", th, "Unknown parent agency code")
        elif parent and row.ok("code") and _loops(row.values["code"], parents):
            th = "หน่วยงานแม่วนกลับมาที่หน่วยงานนี้"
            batch.fail(row, "parent_code", th, "Parent chain loops back to this agency")
    return batch.finish()


def _loops(code: str, parents: dict[str, str | None]) -> bool:
    seen = {code}
    current = parents.get(code)
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


# --- roster ------------------------------------------------------------------

ROSTER_COLUMNS = [
    Column(
        "national_id",
        a_national_id,
        ("เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "citizen_id", "pid"),
        required=True,
    ),
    Column("given_name", text(150), ("ชื่อ", "first_name"), required=True),
    Column("family_name", text(150), ("นามสกุล", "last_name", "surname"), required=True),
    Column("agency_code", text(32), ("รหัสหน่วยงาน", "agency"), required=True),
    Column(
        "personnel_category",
        choice(PersonnelCategory),
        ("ประเภทบุคลากร", "category"),
        required=True,
    ),
    Column("position_title", text(255), ("ตำแหน่ง", "ชื่อตำแหน่ง", "position")),
    Column("position_type", choice(PositionType), ("ประเภทตำแหน่ง",)),
    Column("position_level", text(32), ("ระดับตำแหน่ง", "ระดับ")),
    Column("target_group", integer(1, 6), ("กลุ่มเป้าหมาย", "group")),
    Column("email", an_email, ("อีเมล", "e-mail")),
    Column("effective_date", a_date, ("วันที่มีผล", "วันที่")),
    Column("status", choice(PersonStatus), ("สถานะ",)),
]
_PERSON_FIELDS = ("given_name", "family_name", "email")


def roster_parse(
    data: bytes, filename: str, *, scope: AgencyScope, today: date
) -> Batch:
    """Roster rows, one person version each, keyed by national ID + date (SPEC §9).

    Adds `nid_hash`, `nid_tail` and `agency_id`; an agency outside the scope's
    write subtrees gets the same error as an unknown one (SPEC §8).
    """
    batch = read_rows(data, filename, ROSTER_COLUMNS)
    latest = today + timedelta(days=366)
    for row in batch.rows:
        values = row.values
        values["effective_date"] = values.get("effective_date") or today
        if row.ok("effective_date") and values["effective_date"] > latest:
            th = "วันที่มีผลล่วงหน้าเกิน 1 ปี"
            batch.fail(row, "effective_date", th, "More than a year ahead")
        if row.ok("national_id"):
            values["nid_hash"] = national_id_hash(values["national_id"])
            values["nid_tail"] = values["national_id"][-3:]
    _resolve_agencies(batch, scope)
    check_duplicates(
        batch,
        lambda r: (
            (r.values["nid_hash"], r.values["effective_date"])
            if r.ok("national_id", "effective_date")
            else None
        ),
        "national_id",
    )
    _check_same_person(batch)
    return batch.finish()


def _resolve_agencies(batch: Batch, scope: AgencyScope) -> None:
    codes = {r.values["agency_code"] for r in batch.rows if r.ok("agency_code")}
    writable = {
        code: pk
        for code, pk, path in Agency.objects.filter(code__in=codes).values_list(
            "code", "pk", "path"
        )
        if writes_path(scope, path)
    }
    for row in batch.rows:
        if row.ok("agency_code"):
            row.values["agency_id"] = writable.get(row.values["agency_code"])
            if row.values["agency_id"] is None:
                batch.fail(row, "agency_code", *UNKNOWN_AGENCY)


def _check_same_person(batch: Batch) -> None:
    """Rows of one person must agree on name and e-mail (not versioned, SPEC §3)."""
    first: dict[str, ParsedRow] = {}
    for row in batch.rows:
        if not row.ok("national_id"):
            continue
        other = first.setdefault(row.values["nid_hash"], row)
        for name in _PERSON_FIELDS:
            if other is not row and other.values.get(name) != row.values.get(name):
                batch.fail(
                    row,
                    name,
                    f"ไม่ตรงกับแถวที่ {other.row} ของบุคคลเดียวกัน",
                    f"Differs from row {other.row} of the same person",
                )
