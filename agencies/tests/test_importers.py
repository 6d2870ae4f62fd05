"""Parsing and validation of agencies and roster files (SPEC §9): no writes."""

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from agencies.importers import agencies_parse, roster_parse
from agencies.scoping import AgencyScope, scope_for
from agencies.tests.factories import new_national_id

TODAY = date(2026, 11, 25)
HEADER = "national_id,given_name,family_name,agency_code,personnel_category"


def csv(*lines, encoding="utf-8"):
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def roster(data, scope=None, name="roster.csv"):
    return roster_parse(data, name, scope=scope or AgencyScope.system(), today=TODAY)


def reasons(batch):
    return [(e.row, e.column, e.reason_en) for e in batch.errors]


def bad_checksum_id():
    good = new_national_id()
    return good[:12] + str((int(good[12]) + 1) % 10)


def test_headers_match_case_insensitively_and_by_thai_alias(department_a1):
    nid = new_national_id()
    data = csv(
        "เลขประจำตัวประชาชน,ชื่อ,นามสกุล,รหัสหน่วยงาน,ประเภทบุคลากร,Target Group",
        f"{nid},สมชาย,ใจดี,MA-D1,ข้าราชการพลเรือนสามัญ,3",
    )
    batch = roster(data)
    assert batch.errors == []
    values = batch.rows[0].values
    assert values["personnel_category"] == "civil_ordinary"
    assert values["target_group"] == 3
    assert values["agency_id"] == department_a1.pk
    assert values["effective_date"] == TODAY


def test_bad_checksum_is_reported_with_the_id_masked(department_a1):
    nid = bad_checksum_id()
    batch = roster(csv(HEADER, f"{nid},สมชาย,ใจดี,MA-D1,civil_ordinary"))
    [error] = batch.errors
    assert (error.row, error.column) == (2, "national_id")
    assert "check digit" in error.reason_en
    assert "ตรวจสอบหลักสุดท้ายไม่ผ่าน" in error.reason_th
    assert nid not in error.value
    assert error.value == f"x-xxxx-xxxxx-{nid[10:12]}-{nid[12]}"


def test_a_malformed_id_shows_at_most_its_last_three_digits(department_a1):
    batch = roster(csv(HEADER, "31006004456,สมชาย,ใจดี,MA-D1,civil_ordinary"))
    [error] = batch.errors
    assert error.value == "xxxxxxxx456"
    assert "13 digits" in error.reason_en


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("target_group", "7", "whole number from 1 to 6"),
        ("target_group", "0", "whole number from 1 to 6"),
        ("personnel_category", "civil_servant", "Unknown value"),
        ("effective_date", "31/02/2567", "Invalid date"),
        ("effective_date", "2567-13-01", "Invalid date"),
        ("email", "not-an-email", "Invalid e-mail"),
        ("status", "retired", "Unknown value"),
    ],
)
def test_bad_cells_are_errors_naming_row_column_and_value(
    department_a1, column, value, reason
):
    values = {"personnel_category": "civil_ordinary", column: value}
    extra = [c for c in values if c != "personnel_category"]
    header = HEADER + "".join(f",{c}" for c in extra)
    row = f"{new_national_id()},สมชาย,ใจดี,MA-D1,{values['personnel_category']}"
    batch = roster(csv(header, row + "".join(f",{values[c]}" for c in extra)))
    [error] = batch.errors
    assert (error.row, error.column, error.value) == (2, column, value)
    assert reason in error.reason_en
    assert error.reason_th


def test_be_and_ce_dates_and_thai_digits_give_the_same_day(department_a1):
    nid = new_national_id()
    thai_nid = nid.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    rows = [
        f"{nid},ก,ข,MA-D1,civil_ordinary,01/10/2568",
        f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,2025-10-01",
        f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,๐๑/๑๐/๒๕๖๘",
        f"{thai_nid},ก,ข,MA-D1,civil_ordinary,2568-10-02",
    ]
    batch = roster(csv(HEADER + ",effective_date", *rows))
    assert batch.errors == []
    days = [r.values["effective_date"] for r in batch.rows]
    assert days == [date(2025, 10, 1)] * 3 + [date(2025, 10, 2)]
    assert batch.rows[3].values["national_id"] == nid


def test_unknown_agency_and_agency_outside_scope_get_the_same_error(
    hr_officer, department_a1, department_b1
):
    scope = scope_for(hr_officer)
    batch = roster(
        csv(
            HEADER,
            f"{new_national_id()},ก,ข,NOPE,civil_ordinary",
            f"{new_national_id()},ก,ข,MB-D1,civil_ordinary",
            f"{new_national_id()},ก,ข,MA-D1,civil_ordinary",
        ),
        scope=scope,
    )
    unknown, outside = batch.errors
    assert (unknown.row, outside.row) == (2, 3)
    assert unknown.reason_th == outside.reason_th
    assert unknown.reason_en == outside.reason_en


def test_same_national_id_and_date_twice_is_an_error_on_the_later_row(department_a1):
    nid = new_national_id()
    line = f"{nid},ก,ข,MA-D1,civil_ordinary,01/10/2568"
    batch = roster(csv(HEADER + ",effective_date", line, line))
    [error] = batch.errors
    assert error.row == 3 and "row 2" in error.reason_en


def test_rows_of_one_person_must_agree_on_the_name(department_a1):
    nid = new_national_id()
    batch = roster(
        csv(
            HEADER + ",effective_date",
            f"{nid},สมชาย,ใจดี,MA-D1,civil_ordinary,01/10/2567",
            f"{nid},สมชาย,ใจร้าย,MA-D1,civil_ordinary,01/10/2568",
        )
    )
    [error] = batch.errors
    assert (error.row, error.column) == (3, "family_name")


def test_missing_and_unknown_columns_are_errors(department_a1):
    batch = roster(csv("national_id,given_name,surname_typo", "1,2,3"))
    columns = {e.column for e in batch.errors}
    assert {"surname_typo", "family_name", "agency_code"} <= columns
    assert batch.rows == []


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "roster.csv", "empty"),
        (csv(HEADER), "roster.csv", "no data rows"),
        (b"x" * (50 * 1024 * 1024), "roster.csv", "larger than"),
        (b"\x81\x8d\x8f\x90\x9d" * 10, "roster.csv", "Cannot decode"),
        (b"<html></html>", "roster.xls", "Only .csv and .xlsx"),
    ],
)
def test_unreadable_files_give_one_file_error(data, name, reason):
    batch = roster(data, name=name)
    [error] = batch.errors
    assert error.row is None
    assert reason in error.reason_en
    assert error.reason_th


def test_cp874_csv_is_read(department_a1):
    nid = new_national_id()
    data = csv(HEADER, f"{nid},สมชาย,ใจดี,MA-D1,civil_ordinary", encoding="cp874")
    batch = roster(data)
    assert batch.errors == []
    assert batch.rows[0].values["given_name"] == "สมชาย"


def test_xlsx_zip_bomb_is_refused_before_parsing():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        for _ in range(200):
            entry.write(bytes(1024 * 1024))
    [error] = roster(buffer.getvalue(), name="bomb.xlsx").errors
    assert "ไม่ปลอดภัย" in error.reason_th


def test_xlsx_numeric_ids_date_cells_and_formula_text_are_read(department_a1):
    nid = new_national_id()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(",") + ["effective_date", "position_title"])
    sheet.append([int(nid), "สมชาย", "ใจดี", "MA-D1", "civil_ordinary"])
    sheet.append([float(new_national_id()), "ก", "ข", "MA-D1", "civil_ordinary"])
    sheet["F2"] = date(2025, 10, 1)
    sheet["G2"] = '=HYPERLINK("http://x","y")'
    sheet["G2"].data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = roster(buffer.getvalue(), name="roster.xlsx")
    assert batch.errors == []
    first = batch.rows[0].values
    assert first["national_id"] == nid
    assert first["effective_date"] == date(2025, 10, 1)
    assert first["position_title"] == '=HYPERLINK("http://x","y")'


def test_effective_date_more_than_a_year_ahead_is_an_error(department_a1):
    line = f"{new_national_id()},ก,ข,MA-D1,civil_ordinary,01/01/2600"
    [error] = roster(csv(HEADER + ",effective_date", line)).errors
    assert error.column == "effective_date"


# --- agencies ------------------------------------------------------------------


def agencies(*lines):
    return agencies_parse(csv("code,name_th,parent_code,kind", *lines), "a.csv")


def test_agency_parents_may_come_later_in_the_file(db):
    batch = agencies("X-D1,กรมเอกซ์,X,department", "X,กระทรวงเอกซ์,,ministry")
    assert batch.errors == []


def test_unknown_parent_and_unknown_kind_are_errors(db):
    batch = agencies("X,กระทรวง,NOPE,ministry", "Y,กระทรวง,,galaxy")
    parent, kind = batch.errors
    assert (parent.row, parent.column) == (2, "parent_code")
    assert parent.reason_en == "Unknown parent agency code"
    assert (kind.row, kind.column, kind.value) == (3, "kind", "galaxy")
    assert "ministry" in kind.reason_en and "ministry" in kind.reason_th


def test_parent_loops_are_errors(ministry_a):
    batch = agencies(
        "X,เอกซ์,Y,department", "Y,วาย,X,department", "MA,กระทรวงเอ,X,ministry"
    )
    assert [e.row for e in batch.errors] == [2, 3, 4]
    assert all("loops" in e.reason_en for e in batch.errors)


def test_same_agency_code_twice_is_an_error(db):
    batch = agencies("X,เอกซ์,,ministry", "X,เอกซ์,,ministry")
    assert reasons(batch) == [(3, "code", "Same key as row 2")]
