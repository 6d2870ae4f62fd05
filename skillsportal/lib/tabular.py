"""Read and write the CSV/XLSX files of imports and exports (SPEC §9).

Reading returns plain values only; header aliases, required columns and row
validation belong to the callers.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

from skillsportal.lib.thai_dates import INVISIBLE

ROW_KEY = "__row__"
MAX_COLUMNS = 200
# Cells read, blank or not, per row allowed: a file may claim any width (an
# empty cell in column XFD makes openpyxl hand back 16,384 cells a row) and any
# number of blank rows, but the work stops here (issue 15: 61 s for 188 KB).
CELLS_PER_ROW = 50
XLSX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
XLSX_MAX_ENTRIES = 10_000
XLSX_MAX_RATIO = 100
# Real sheets of a few hundred KB can compress better than 100:1; small entries
# cannot exhaust memory, so the ratio check starts above this size.
_RATIO_FLOOR = 1024 * 1024
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_LOCAL_TZ = ZoneInfo("Asia/Bangkok")

_MSG_UNSAFE_XLSX = "ไฟล์ XLSX ไม่ปลอดภัยหรือเสียหาย"


class TabularError(ValueError):
    """A file that cannot be read as a table, with a Thai message (SPEC §9)."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en


@dataclass
class Table:
    """Normalised headers, rows keyed by header plus ``__row__`` (SPEC §9)."""

    headers: list[str]
    rows: list[dict[str, object]]
    encoding: str


_INVISIBLE_CHARS = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")


def clean_text(value: str) -> str:
    """Return ``value`` in NFC, without zero-width characters, stripped (SPEC §9)."""
    if value.isascii():  # most cells: NFC and the invisible characters are not ASCII
        return value.strip()
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if _INVISIBLE_CHARS.search(value):
        value = value.translate(INVISIBLE)
    return value.strip()


def read_table(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = 20 * 1024 * 1024,
    max_rows: int = 200_000,
) -> Table:
    """Read the first sheet of a .csv or .xlsx upload into a Table (SPEC §9)."""
    extension = os.path.splitext(filename.strip())[1].lower()
    if extension not in (".csv", ".xlsx"):
        raise TabularError(
            "รองรับเฉพาะไฟล์ .csv หรือ .xlsx", "Only .csv and .xlsx files are accepted"
        )
    if len(data) > max_bytes:
        limit = f"{max_bytes / (1024 * 1024):g} MB"
        raise TabularError(
            f"ไฟล์มีขนาดใหญ่เกินกำหนด (ไม่เกิน {limit})", f"File is larger than {limit}"
        )
    if not data:
        raise _empty()
    if extension == ".csv":
        text, encoding = _decode_csv(data)
        # Cleaned as a whole, once: NFC and the invisible characters never
        # cross a comma, quote or line break, so each cell only needs a strip.
        return _build_table(
            _csv_records(clean_text(text)), encoding, max_rows, str.strip
        )
    _check_zip(data)
    with contextlib.closing(_xlsx_records(data)) as records:
        return _build_table(records, "xlsx", max_rows)


def looks_like_formula(value: object) -> TypeGuard[str]:
    """Text a spreadsheet would run as a formula (= + - @, or a control start)."""
    return isinstance(value, str) and value.startswith(_FORMULA_STARTS)


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ' (SPEC §9)."""
    if looks_like_formula(value):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Write UTF-8-with-BOM RFC 4180 CSV with formulas neutralised (SPEC §9)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    # Thai Excel only detects UTF-8 when the BOM is present.
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str = "Sheet1",
    date_format: str = "[$-th-TH,107]d/m/yyyy",
    datetime_format: str = "[$-th-TH,107]d/m/yyyy hh:mm",
) -> bytes:
    """Write one XLSX sheet: bold frozen header, text never a formula (SPEC §9)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _safe_sheet_title(sheet_title)
    widths: list[int] = []
    for row_index, row in enumerate([headers, *rows], start=1):
        for col_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col_index)
            _set_cell(cell, value, date_format, datetime_format)
            if row_index == 1:
                cell.font = Font(bold=True)
            if col_index > len(widths):
                widths.append(0)
            widths[col_index - 1] = max(widths[col_index - 1], _display_width(value))
    for col_index, width in enumerate(widths, start=1):
        letter = sheet.cell(row=1, column=col_index).column_letter
        sheet.column_dimensions[letter].width = min(max(width, 8), 60) + 2
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _too_wide() -> TabularError:
    return TabularError(
        f"ไฟล์มีคอลัมน์เกิน {MAX_COLUMNS} คอลัมน์", f"More than {MAX_COLUMNS} columns"
    )


def _empty() -> TabularError:
    return TabularError("ไฟล์ว่าง (ไม่พบแถวหัวคอลัมน์)", "The file is empty (no header)")


def _decode_csv(data: bytes) -> tuple[str, str]:
    if b"\0" in data:
        # Usually Excel's "Unicode text" (UTF-16) export rather than a CSV.
        raise TabularError(
            "ไฟล์มีอักขระ NUL ไม่ใช่ไฟล์ CSV ข้อความ (กรุณาบันทึกเป็น CSV UTF-8 หรือ XLSX)",
            "The file contains NUL bytes; save it as CSV UTF-8 or XLSX",
        )
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    # Thai Excel's plain "CSV" is saved in Windows-874 (TIS-620 superset).
    try:
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError:
        raise TabularError(
            "อ่านไฟล์ไม่ได้: ต้องเข้ารหัสเป็น UTF-8 หรือ TIS-620 (cp874)",
            "Cannot decode the file: it must be UTF-8 or TIS-620 (cp874)",
        ) from None


def _csv_records(text: str) -> Iterator[Sequence[object]]:
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True)
    try:
        yield from reader
    except csv.Error as exc:
        raise TabularError(
            f"รูปแบบ CSV ไม่ถูกต้องที่บรรทัด {reader.line_num}",
            f"Malformed CSV at line {reader.line_num}: {exc}",
        ) from None


def _check_zip(data: bytes) -> None:
    # The central directory is read before any XML is parsed; zipfile never
    # inflates an entry past its declared size, so these sums are real bounds.
    if not data.startswith(b"PK\x03\x04"):
        raise TabularError(_MSG_UNSAFE_XLSX, "Not an XLSX (ZIP) file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise TabularError(_MSG_UNSAFE_XLSX, "Corrupt ZIP container") from None
    if len(entries) > XLSX_MAX_ENTRIES:
        raise TabularError(_MSG_UNSAFE_XLSX, "Too many ZIP entries")
    total = 0
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name:
            raise TabularError(_MSG_UNSAFE_XLSX, f"Unsafe ZIP entry name {name!r}")
        if name.rsplit("/", 1)[-1].lower() == "vbaproject.bin":
            raise TabularError(_MSG_UNSAFE_XLSX, "Workbook contains macros")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FLOOR and ratio > XLSX_MAX_RATIO:
            raise TabularError(_MSG_UNSAFE_XLSX, "Suspicious compression ratio")
    if total > XLSX_MAX_UNCOMPRESSED:
        raise TabularError(_MSG_UNSAFE_XLSX, "Uncompressed size is too large")


def _xlsx_records(data: bytes) -> Generator[Sequence[object], None, None]:
    # openpyxl signals a damaged file with many unrelated exception types, and
    # any failure on this untrusted input means the same thing to the user.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        raise TabularError(_MSG_UNSAFE_XLSX, f"Cannot open workbook: {exc}") from None
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        # Trust the cells, not the declared <dimension>, which some generators
        # get wrong; gaps still come back as empty rows, so numbering holds.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    except Exception as exc:  # noqa: BLE001
        raise TabularError(_MSG_UNSAFE_XLSX, f"Cannot read sheet: {exc}") from None
    finally:
        workbook.close()


def _clean_cell(value: object) -> object:
    if type(value) is str:
        return clean_text(value)
    return "" if value is None else value


def _build_table(
    records: Iterable[Sequence[Any]],
    encoding: str,
    max_rows: int,
    clean: Callable[[Any], object] = _clean_cell,
) -> Table:
    headers: list[str] | None = None
    blank = ("",)
    rows: list[dict[str, object]] = []
    budget = (max_rows + 1) * CELLS_PER_ROW
    for number, record in enumerate(records, start=1):
        budget -= len(record)
        if budget < 0:
            raise TabularError(
                f"ไฟล์มีข้อมูลเกิน {max_rows:,} แถว หรือกว้างเกินไป",
                f"More than {max_rows:,} rows, or too wide",
            )
        if len(record) > MAX_COLUMNS:  # past any header: must be empty
            if any(v not in (None, "") for v in record[MAX_COLUMNS:]):
                raise _too_wide()
            record = record[:MAX_COLUMNS]
        cells = [clean(v) for v in record]
        if not any(v != "" for v in cells):
            continue
        if headers is None:
            headers = _read_headers(cells)
            unnamed = [i for i, name in enumerate(headers) if not name]
            continue
        if len(rows) >= max_rows:
            raise TabularError(
                f"ไฟล์มีข้อมูลเกิน {max_rows:,} แถว", f"More than {max_rows:,} rows"
            )
        # The hot loop of every import: header → cell without per-cell calls.
        extra = len(cells) - len(headers)
        if extra < 0:
            cells.extend(blank * -extra)
        for index in [*unnamed, *range(len(headers), len(cells))]:
            if cells[index] != "":
                raise TabularError(
                    f"แถวที่ {number} คอลัมน์ที่ {index + 1} มีข้อมูลแต่ไม่มีหัวคอลัมน์",
                    f"Row {number}, column {index + 1} has data but no header",
                )
        row: dict[str, object] = dict(zip(headers, cells, strict=False))
        row.pop("", None)
        row[ROW_KEY] = number
        rows.append(row)
    if headers is None:
        raise _empty()
    return Table(headers=[h for h in headers if h], rows=rows, encoding=encoding)


def _read_headers(cells: list[object]) -> list[str]:
    headers = [str(v).lower() for v in cells]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise _too_wide()
    seen: set[str] = set()
    for name in headers:
        if name and name in seen:
            raise TabularError(f"หัวคอลัมน์ซ้ำ: {name}", f"Duplicate header: {name}")
        seen.add(name)
    if ROW_KEY in seen:
        raise TabularError(f"ห้ามใช้ชื่อคอลัมน์ {ROW_KEY}", f"Header {ROW_KEY} is reserved")
    return headers


def _set_cell(
    cell: Cell, value: object, date_format: str, datetime_format: str
) -> None:
    if value is None:
        return
    if isinstance(value, datetime):
        # Excel has no time zones; show aware times as Bangkok wall-clock time.
        if value.tzinfo is not None:
            value = value.astimezone(_LOCAL_TZ).replace(tzinfo=None)
        cell.value = value
        cell.number_format = datetime_format
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = date_format
    elif isinstance(value, bool | int | float | Decimal):
        cell.value = value
    else:
        # openpyxl refuses XML-illegal control characters; drop them rather
        # than fail the whole export.
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.value = text
        # openpyxl guesses "=..." to be a formula and "#N/A" an error; text
        # stays text, intact, and the quote prefix keeps Excel from turning it
        # into a formula when someone edits the cell.
        cell.data_type = "s"
        if text.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    # Thai vowel and tone marks stack on their base letter and take no width.
    return sum(1 for ch in str(value) if unicodedata.category(ch) != "Mn")


def _safe_sheet_title(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, "_")
    return title[:31] or "Sheet1"
