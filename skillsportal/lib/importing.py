"""The import toolkit (SPEC §9): read a CSV/XLSX file into typed rows, and report.

Columns with header aliases, cell parsers that raise `CellError` with the
reason in Thai and English, a `Batch` of `ParsedRow`s and `RowError`s (national
IDs masked, SPEC §3), duplicate checks. Each importer (`agencies.importers`,
`competencies.importers`) declares its columns and its own rules on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import translation

from skillsportal.lib import national_id
from skillsportal.lib.tabular import ROW_KEY, TabularError, read_table
from skillsportal.lib.thai_dates import coerce_date, normalize_digits

_NID_EN = {
    national_id.MSG_FORMAT: "National ID must be 13 digits",
    national_id.MSG_CHECKSUM: "Invalid national ID (check digit does not match)",
    national_id.MSG_FIRST_DIGIT: "Invalid national ID (first digit must be 1-8)",
}


class CellError(ValueError):
    """A cell that cannot be read, with the reason in Thai and English."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th, self.en = th, en


@dataclass(frozen=True)
class RowError:
    """One problem in an import file; `row` is None for the whole file (SPEC §9)."""

    row: int | None
    column: str
    value: str
    reason_th: str
    reason_en: str

    def __post_init__(self) -> None:
        # Errors are shown, stored with the job and offered as errors.csv: a
        # national ID typed anywhere is masked in every part (SPEC §3).
        for name in ("value", "reason_th", "reason_en"):
            object.__setattr__(self, name, mask_ids(getattr(self, name)))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Column:
    """An import column: canonical name, aliases, parser, required flag."""

    name: str
    parse: Callable[[object], Any]
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass
class ParsedRow:
    """A data row: values of the columns present; `bad` names cells in error."""

    row: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)

    def ok(self, *names: str) -> bool:
        return not self.bad or self.bad.isdisjoint(names)


@dataclass
class Batch:
    """A parsed file: its rows, every error found, and the columns it has.

    Warnings are kept and shown but do not stop the import (an unknown course
    code, SPEC §6).
    """

    rows: list[ParsedRow]
    errors: list[RowError]
    columns: frozenset[str] = frozenset()
    warnings: list[RowError] = field(default_factory=list)

    def finish(self) -> Batch:
        """Order the errors by row, keeping the column order within a row."""
        self.errors.sort(key=lambda e: e.row or 0)
        return self

    def fail(self, row: ParsedRow, column: str, th: str, en: str) -> None:
        self.errors.append(RowError(row.row, column, shown(row, column), th, en))
        row.bad.add(column)

    def warn(self, row: ParsedRow, column: str, th: str, en: str) -> None:
        self.warnings.append(RowError(row.row, column, shown(row, column), th, en))


# --- cells ------------------------------------------------------------------


def as_text(value: object) -> str:
    """A cell as text; XLSX numbers that are whole (IDs, codes) lose the `.0`."""
    if type(value) is str:  # the common case: read_table already stripped it
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def text(max_length: int) -> Callable[[object], str]:
    def parse(value: object) -> str:
        result = as_text(value)
        if len(result) > max_length:
            raise CellError(
                f"ยาวเกิน {max_length} ตัวอักษร", f"Longer than {max_length} characters"
            )
        return result

    return parse


def choice(enum: type[Enum]) -> Callable[[object], str]:
    """A code or its Thai label, case-insensitive (e.g. `civil_ordinary`)."""
    lookup: dict[str, str] = {}
    codes = ", ".join(str(m.value) for m in enum)

    def parse(value: object) -> str:
        if not lookup:  # labels are lazy: resolve them (in Thai) on first use
            with translation.override("th"):
                for member in enum:
                    label = str(member.label)  # type: ignore[attr-defined]
                    lookup[label.lower()] = lookup[str(member.value).lower()] = str(
                        member.value
                    )
        key = as_text(value).lower()
        if key not in lookup:
            raise CellError(f"ไม่รู้จักค่านี้ (ใช้: {codes})", f"Unknown value (use: {codes})")
        return lookup[key]

    return parse


def integer(low: int, high: int) -> Callable[[object], int]:
    def parse(value: object) -> int:
        if type(value) is str and value.isascii() and value.isdigit():
            number: int | Decimal = int(value)  # the common case, without Decimal
        else:
            number = decimal(value)
        if number != int(number) or not low <= number <= high:
            raise CellError(
                f"ต้องเป็นจำนวนเต็ม {low}–{high}",
                f"Must be a whole number from {low} to {high}",
            )
        return int(number)

    return parse


def decimal(value: object) -> Decimal:
    """A number (Thai digits and thousands separators allowed), 2 decimals."""
    raw = normalize_digits(as_text(value)).replace(",", "")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError("ต้องเป็นตัวเลข", "Must be a number") from None
    if not number.is_finite() or abs(number) >= 10**9:
        raise CellError("ตัวเลขไม่สมเหตุสมผล", "Number out of range")
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def a_date(value: object) -> date:
    """BE or CE, DD/MM/YYYY or YYYY-MM-DD, Thai digits, XLSX date cells (SPEC §9)."""
    if type(value) is str:
        return _text_date(value)
    return _checked_date(value)


@lru_cache(maxsize=4096)
def _text_date(value: str) -> date:
    # Files repeat a handful of dates thousands of times.
    return _checked_date(value)


def _checked_date(value: object) -> date:
    try:
        result = coerce_date(value)
    except ValueError:
        raise CellError(
            "วันที่ไม่ถูกต้อง (ใช้ วว/ดด/ปปปป หรือ ปปปป-ดด-วว)",
            "Invalid date (use DD/MM/YYYY or YYYY-MM-DD)",
        ) from None
    if not 1950 <= result.year <= 2100:
        raise CellError("ปีไม่สมเหตุสมผล", "Implausible year")
    return result


def a_national_id(value: object) -> str:
    try:
        return national_id.validate(as_text(value))
    except ValueError as exc:
        raise CellError(
            str(exc), _NID_EN.get(str(exc), "Invalid national ID")
        ) from None


class _EmailValidator(EmailValidator):
    """Django's rules, with its lazily compiled patterns resolved once."""

    user_regex = re.compile(EmailValidator.user_regex.pattern, re.I)
    domain_regex = re.compile(EmailValidator.domain_regex.pattern, re.I)
    literal_regex = re.compile(EmailValidator.literal_regex.pattern, re.I)


_validate_email = _EmailValidator()


def an_email(value: object) -> str:
    result = as_text(value)
    try:
        _validate_email(result)
    except ValidationError:
        raise CellError("อีเมลไม่ถูกต้อง", "Invalid e-mail address") from None
    return result.lower()


# --- files ------------------------------------------------------------------


def _header_key(header: str) -> str:
    return re.sub(r"[\s_\-]+", "_", header.strip().lower().rstrip("*")).strip("_")


def map_headers(
    headers: Iterable[str], columns: Iterable[Column]
) -> tuple[list[tuple[str, Column]], list[RowError]]:
    """Match headers to columns by name or alias, case-insensitively (SPEC §9)."""
    lookup = {_header_key(a): c for c in columns for a in (c.name, *c.aliases)}
    mapping: list[tuple[str, Column]] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for header in headers:
        column = lookup.get(_header_key(header))
        if column is None:
            errors.append(
                RowError(
                    1, header, header, "ไม่รู้จักคอลัมน์นี้", "Unknown column for this kind"
                )
            )
        elif column.name in seen:
            th = f"คอลัมน์ {column.name} ซ้ำ"
            errors.append(RowError(1, header, header, th, "Column given twice"))
        else:
            seen.add(column.name)
            mapping.append((header, column))
    for column in lookup.values():
        if column.required and column.name not in seen:
            th, en = "ไม่มีคอลัมน์ที่ต้องมี", "Required column is missing"
            errors.append(RowError(1, column.name, "", th, en))
            seen.add(column.name)
    return mapping, errors


def read_rows(data: bytes, filename: str, columns: list[Column]) -> Batch:
    """Read a CSV/XLSX file and parse every cell; collect every error (SPEC §9)."""
    try:
        table = read_table(data, filename, max_bytes=settings.IMPORT_MAX_BYTES)
    except TabularError as exc:
        return Batch([], [RowError(None, "", "", exc.message, exc.message_en)])
    mapping, errors = map_headers(table.headers, columns)
    if errors:
        return Batch([], errors)
    if not table.rows:
        th, en = "ไม่มีแถวข้อมูล", "The file has no data rows"
        return Batch([], [RowError(None, "", "", th, en)])
    batch = Batch([], [], frozenset(c.name for _, c in mapping))
    plan = [(h, c.name, c.parse, c.required) for h, c in mapping]
    for raw in table.rows:
        row = ParsedRow(raw[ROW_KEY], {})  # type: ignore[arg-type]
        values = row.values
        # The hot loop of every import: one pass per cell, no helper calls.
        for header, name, parse, required in plan:
            cell = raw[header]
            if cell == "" or cell is None:
                values[name] = None
                if required:
                    _cell_error(batch, row, name, cell, CellError(*REQUIRED))
                continue
            try:
                values[name] = parse(cell)
            except CellError as exc:
                values[name] = None
                _cell_error(batch, row, name, cell, exc)
        batch.rows.append(row)
    return batch


REQUIRED = ("ต้องระบุค่า", "A value is required")


def _cell_error(
    batch: Batch, row: ParsedRow, name: str, cell: object, exc: CellError
) -> None:
    value = "" if cell is None else as_text(cell)
    value = mask_digits(value) if name == "national_id" else value
    batch.errors.append(RowError(row.row, name, value[:100], exc.th, exc.en))
    row.bad.add(name)


# Thirteen digits, separated or not: a national ID typed into any column.
ID_SHAPED = re.compile(r"(?<!\d)(?:\d[ -]?){12}\d(?!\d)")


def mask_ids(text: str) -> str:
    """Every ID-shaped run of digits in `text` masked (Thai digits too)."""
    if not any(c.isdigit() for c in text):
        return text
    return ID_SHAPED.sub(lambda m: mask_digits(m.group()), normalize_digits(text))


def mask_digits(value: str) -> str:
    """Hide all but the last three digits (national IDs in errors, SPEC §3)."""
    try:
        return national_id.mask(value)
    except ValueError:
        return re.sub(r"\d(?=(?:\D*\d){3})", "x", normalize_digits(value))


def shown(row: ParsedRow, column: str) -> str:
    """A cell as an error shows (and stores) it: its text, every ID masked."""
    value = row.values.get(column)
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):  # a parsed list, e.g. skill codes
        text = "; ".join(as_text(v) for v in value)
    else:
        text = as_text(value)
    if column == "national_id" and text:
        return mask_digits(text)
    return text[:100]  # RowError masks any ID in it


def check_duplicates(
    batch: Batch, key: Callable[[ParsedRow], Any], column: str
) -> None:
    """The same key twice in one file is an error on the later row (SPEC §9)."""
    first: dict[Any, int] = {}
    for row in batch.rows:
        k = key(row)
        if k is None:
            continue
        if k in first:
            batch.fail(
                row,
                column,
                f"ข้อมูลซ้ำกับแถวที่ {first[k]} (คีย์เดียวกัน)",
                f"Same key as row {first[k]}",
            )
        else:
            first[k] = row.row
