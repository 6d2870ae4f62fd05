import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from skillsportal.lib.tabular import (
    ROW_KEY,
    TabularError,
    neutralise,
    read_table,
    write_csv,
    write_xlsx,
)

BOM = b"\xef\xbb\xbf"


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(entries, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def test_utf8_csv_with_bom_gives_lowercased_headers_and_stripped_cells():
    data = BOM + "National_ID , Given_Name\r\n3100600445635 , สมชาย \r\n".encode()
    table = read_table(data, "roster.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers == ["national_id", "given_name"]
    assert table.rows == [
        {ROW_KEY: 2, "national_id": "3100600445635", "given_name": "สมชาย"}
    ]


def test_csv_without_bom_is_read_as_utf8():
    table = read_table("code,name_th\nA1,กรม\n".encode(), "a.CSV")
    assert table.rows[0]["name_th"] == "กรม"


def test_cp874_csv_is_decoded_and_reported():
    data = "code,name_th\nA1,สำนักงาน ก.พ.\n".encode("cp874")
    table = read_table(data, "agencies.csv")
    assert table.encoding == "cp874"
    assert table.rows[0]["name_th"] == "สำนักงาน ก.พ."


def test_blank_rows_are_skipped_but_row_numbers_follow_the_file():
    data = b"a,b\n1,2\n,\n\n3,4\n,\n"
    table = read_table(data, "x.csv")
    assert [r[ROW_KEY] for r in table.rows] == [2, 5]


def test_short_rows_are_padded_with_empty_strings():
    table = read_table(b"a,b,c\n1\n", "x.csv")
    assert table.rows == [{ROW_KEY: 2, "a": "1", "b": "", "c": ""}]


def test_data_beyond_the_headers_is_an_error_naming_the_row():
    with pytest.raises(TabularError, match="แถวที่ 3"):
        read_table(b"a,b\n1,2\n1,2,3\n", "x.csv")


def test_duplicate_headers_are_rejected():
    with pytest.raises(TabularError, match="หัวคอลัมน์ซ้ำ"):
        read_table(b"a,A\n1,2\n", "x.csv")


def test_zero_width_characters_are_removed_and_text_is_nfc():
    data = "code,name\nA\u200b1,e\u0301\n".encode()
    row = read_table(data, "x.csv").rows[0]
    assert row["code"] == "A1"
    assert row["name"] == "\u00e9"


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", BOM, b" , \n"])
def test_empty_file_is_rejected(data):
    with pytest.raises(TabularError, match="ไฟล์ว่าง"):
        read_table(data, "x.csv")


@pytest.mark.parametrize("name", ["x.xls", "x.xlsm", "x.txt", "csv", "x.csv.exe"])
def test_other_extensions_are_rejected(name):
    with pytest.raises(TabularError, match="รองรับเฉพาะไฟล์ .csv หรือ .xlsx") as info:
        read_table(b"a\n1\n", name)
    assert info.value.message_en


def test_oversize_file_is_rejected_before_parsing():
    with pytest.raises(TabularError, match="ใหญ่เกินกำหนด"):
        read_table(b"a\n" + b"1\n" * 100, "x.csv", max_bytes=100)


def test_too_many_rows_is_rejected():
    with pytest.raises(TabularError, match="เกิน 2 แถว"):
        read_table(b"a\n1\n2\n3\n", "x.csv", max_rows=2)


def test_an_xlsx_claiming_16384_columns_a_row_stops_early():
    """Issue 15: one empty cell in column XFD per row made 16,384 cells a row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["a", "b"])
    for n in range(3000):
        sheet.append([n, n] + [None] * 16381 + [""])
    data = io.BytesIO()
    workbook.save(data)
    with pytest.raises(TabularError, match="กว้างเกินไป"):
        read_table(data.getvalue(), "x.xlsx", max_rows=2000)


def test_data_past_the_widest_header_is_refused():
    row = ",".join(["1"] * 201)
    with pytest.raises(TabularError, match="คอลัมน์เกิน 200"):
        read_table(f"a\n{row}\n".encode(), "x.csv")


def test_nul_bytes_are_rejected():
    with pytest.raises(TabularError, match="NUL"):
        read_table("a,b\n1,2\n".encode("utf-16"), "x.csv")


def test_undecodable_csv_is_rejected():
    with pytest.raises(TabularError, match="cp874"):
        read_table(b"a\n\xff\xfe\xdb\n", "x.csv")


def test_malformed_quoting_is_rejected():
    with pytest.raises(TabularError, match="CSV"):
        read_table(b'a,b\n"1,2\n', "x.csv")


def test_xlsx_round_trip_keeps_text_numbers_and_dates():
    data = write_xlsx(
        ["National_ID", "Hours", "Completed_On", "Title"],
        [["3100600445635", 12.5, date(2024, 2, 29), "หลักสูตร ก"], [None, 3, None, "x"]],
    )
    table = read_table(data, "training.xlsx")
    assert table.encoding == "xlsx"
    assert table.headers == ["national_id", "hours", "completed_on", "title"]
    first, second = table.rows
    assert first[ROW_KEY] == 2
    assert first["national_id"] == "3100600445635"
    assert first["hours"] == 12.5
    assert first["completed_on"] == datetime(2024, 2, 29)
    assert first["title"] == "หลักสูตร ก"
    assert second == {
        ROW_KEY: 3,
        "national_id": "",
        "hours": 3,
        "completed_on": "",
        "title": "x",
    }


def test_xlsx_reads_only_the_first_sheet_and_keeps_row_numbers():
    workbook = Workbook()
    workbook.active.append(["a"])
    workbook.active.cell(row=4, column=1, value="x")
    workbook.create_sheet("other").append(["ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "x.xlsx")
    assert table.rows == [{ROW_KEY: 4, "a": "x"}]


def test_xlsx_with_only_blank_cells_is_empty():
    with pytest.raises(TabularError, match="ไฟล์ว่าง"):
        read_table(_xlsx([[None, "  "]]), "x.xlsx")


def test_exported_xlsx_has_bold_frozen_header_and_be_date_format():
    data = write_xlsx(["d", "at"], [[date(2026, 11, 25), datetime(2026, 11, 25, 9)]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].number_format == "[$-th-TH,107]d/m/yyyy"
    assert sheet["A2"].is_date
    assert sheet["B2"].is_date


def test_aware_datetimes_are_written_as_bangkok_time():
    utc = datetime(2026, 11, 25, 2, 0, tzinfo=ZoneInfo("UTC"))
    sheet = load_workbook(io.BytesIO(write_xlsx(["at"], [[utc]]))).active
    assert sheet["A2"].value == datetime(2026, 11, 25, 9, 0)


def test_sheet_title_is_made_valid_for_excel():
    data = write_xlsx(["a"], [], sheet_title="a/b:" + "x" * 40)
    title = load_workbook(io.BytesIO(data)).active.title
    assert title.startswith("a_b_")
    assert len(title) == 31


def test_xlsx_export_never_contains_formulas_and_keeps_text_intact():
    link = '=HYPERLINK("http://x","y")'
    data = write_xlsx(["name", "n"], [[link, 1], ["+66812345678", 2], ["@x", -5]])
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet["A2"].value == link
    assert sheet["A3"].value == "+66812345678"
    assert sheet["A2"].quotePrefix
    assert sheet["B4"].value == -5
    assert sheet["B4"].data_type == "n"


def test_neutralise_prefixes_formula_like_text_only():
    for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x"]:
        assert neutralise(text) == "'" + text
    assert neutralise("plain") == "plain"
    assert neutralise("") == ""
    assert neutralise(-5) == -5
    assert neutralise(-1.5) == -1.5


def test_write_csv_is_utf8_with_bom_crlf_quoted_and_neutralised():
    data = write_csv(
        ["name", "n", "d"],
        [['=HYPERLINK("http://x","y")', -5, date(2026, 11, 25)], ["ก, ข", None, ""]],
    )
    assert data.startswith(BOM)
    assert data.decode("utf-8-sig") == (
        'name,n,d\r\n"\'=HYPERLINK(""http://x"",""y"")",-5,2026-11-25\r\n"ก, ข",,\r\n'
    )


def test_csv_export_reads_back_with_the_same_values():
    data = write_csv(["Name", "Hours"], [["สมหญิง", 3]])
    assert read_table(data, "x.csv").rows == [
        {ROW_KEY: 2, "name": "สมหญิง", "hours": "3"}
    ]


def test_non_zip_file_named_xlsx_is_rejected():
    with pytest.raises(TabularError, match="ไฟล์ XLSX ไม่ปลอดภัยหรือเสียหาย"):
        read_table(b"a,b\n1,2\n", "x.xlsx")


def test_truncated_zip_is_rejected():
    with pytest.raises(TabularError, match="ไม่ปลอดภัยหรือเสียหาย"):
        read_table(_xlsx([["a"], [1]])[:300], "x.xlsx")


def test_zip_that_is_not_a_workbook_is_rejected():
    with pytest.raises(TabularError, match="ไม่ปลอดภัยหรือเสียหาย"):
        read_table(_zip([("hello.txt", b"hi")]), "x.xlsx")


def test_zip_bomb_is_rejected_before_parsing():
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        for _ in range(200):
            entry.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(TabularError, match="ไม่ปลอดภัยหรือเสียหาย") as info:
        read_table(data, "bomb.xlsx")
    assert "ratio" in info.value.message_en or "size" in info.value.message_en


def test_too_many_zip_entries_are_rejected():
    data = _zip([(f"x/{i}", b"") for i in range(10_001)])
    with pytest.raises(TabularError, match="ไม่ปลอดภัยหรือเสียหาย") as info:
        read_table(data, "x.xlsx")
    assert "entries" in info.value.message_en


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "xl/../../evil"])
def test_zip_entries_escaping_the_archive_are_rejected(name):
    with pytest.raises(TabularError, match="ไม่ปลอดภัยหรือเสียหาย") as info:
        read_table(_zip([(name, b"x")]), "x.xlsx")
    assert "Unsafe ZIP entry name" in info.value.message_en


def test_macro_parts_are_rejected():
    with pytest.raises(TabularError, match="ไม่ปลอดภัยหรือเสียหาย") as info:
        read_table(_zip([("xl/vbaProject.bin", b"x")]), "x.xlsx")
    assert "macros" in info.value.message_en
