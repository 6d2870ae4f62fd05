"""API writes: JSON items through the same path as an import file (SPEC §9).

The items become the rows of a CSV table and pass through the importer's parse
and the import's writes (`imports.py`): one set of rules for files and API.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from agencies.access import require_writer
from agencies.scoping import AgencyScope
from skillsportal.lib.importing import CellError, Column, RowError, as_text, mask_digits
from skillsportal.lib.tabular import clean_text

from .imports import ASSESSMENTS, TRAINING, RecordKind, commit_batch

API_MAX_ITEMS = 5_000
_FIRST_ITEM_ROW = 2  # the header is row 1 of the table the items become
_MAX_CELL = 2_000  # longer than any column allows; keeps csv's field limit away
_SHAPE = ("ต้องเป็นข้อความหรือตัวเลข", "Must be text or a number")


@dataclass(frozen=True)
class ItemError:
    """One problem in an API write: item `index` (None: the whole request), field."""

    index: int | None
    field: str
    value: str
    reason_th: str
    reason_en: str


@dataclass
class ItemsResult:
    """Counts new / updated / unchanged and record ids in item order, or the errors."""

    counts: dict[str, int] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[ItemError] = field(default_factory=list)  # kept, not refused

    @property
    def ok(self) -> bool:
        return not self.errors


def training_record_bulk_create(
    *,
    items: Any,
    scope: AgencyScope,
    actor: Any = None,
    source: dict[str, Any] | None = None,
    today: date | None = None,
) -> ItemsResult:
    """Create or update training records from JSON items, all or none (SPEC §6, §9).

    `items` are objects named by the import columns of SPEC §9. They become the
    rows of an import file and pass through `training_parse` and the import's
    writes: the same validation, keys (re-sending changes nothing), scope (a
    person outside the write scope is "not found", SPEC §8) and verification on
    entry (SPEC §6). Only HR (a write scope) or OCSC may write.
    """
    return _run_items(
        TRAINING,
        items=items,
        scope=scope,
        actor=actor,
        source=source,
        today=today,
    )


def assessment_bulk_create(
    *,
    items: Any,
    scope: AgencyScope,
    actor: Any = None,
    source: dict[str, Any] | None = None,
    today: date | None = None,
) -> ItemsResult:
    """Create or update assessments from JSON items, all or none (SPEC §6, §9).

    As `training_record_bulk_create`, through `assessments_parse`.
    """
    return _run_items(
        ASSESSMENTS,
        items=items,
        scope=scope,
        actor=actor,
        source=source,
        today=today,
    )


def _run_items(
    kind: RecordKind,
    *,
    items: Any,
    scope: AgencyScope,
    actor: Any,
    source: dict[str, Any] | None,
    today: date | None,
) -> ItemsResult:
    require_writer(scope)
    if problem := _count_problem(items):
        return ItemsResult(errors=[problem])
    table = items_table(items, kind.columns)
    today = today or timezone.localdate()
    batch = kind.parse(table.as_csv(), "items.csv", scope=scope, today=today)
    if table.errors or batch.errors:
        return ItemsResult(errors=table.item_errors(batch.errors))
    planned = commit_batch(kind, batch, actor, source, scope=scope)
    if not planned.result.ok:  # a concurrent write took one of the keys
        return ItemsResult(errors=table.item_errors(planned.result.errors))
    ids = [record.pk for record in planned.records]
    warnings = table.item_errors(batch.warnings)
    return ItemsResult(counts=planned.result.counts, ids=ids, warnings=warnings)


def _count_problem(items: Any) -> ItemError | None:
    if not isinstance(items, list) or not items:
        th = 'ต้องส่งรายการอย่างน้อย 1 รายการ ในรูป {"items": [...]}'
        en = 'Send at least one item: {"items": [...]}'
        return ItemError(None, "items", "", th, en)
    if len(items) > API_MAX_ITEMS:
        return ItemError(
            None,
            "items",
            str(len(items)),
            f"ส่งได้ไม่เกิน {API_MAX_ITEMS:,} รายการต่อครั้ง",
            f"At most {API_MAX_ITEMS:,} items per request",
        )
    return None


@dataclass
class ItemsTable:
    """JSON items as the cells of an import file, one row per item (SPEC §9)."""

    names: list[str]
    rows: list[list[str]] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    def as_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.names)
        writer.writerows(self.rows)
        return buffer.getvalue().encode()

    def item_errors(self, errors: list[RowError]) -> list[ItemError]:
        """The importer's row errors as item errors, showing the value as sent.

        A cell that could not be converted keeps only its own error (the
        importer saw it blank).
        """
        seen = {(e.index, e.field) for e in self.errors}
        merged = list(self.errors)
        for e in errors:
            index = (
                e.row - _FIRST_ITEM_ROW if e.row and e.row >= _FIRST_ITEM_ROW else None
            )
            if (index, e.column) in seen:
                continue
            value = self._sent(index, e.column) if index is not None else e.value
            th, en = (
                _ROW_OF.sub(_item_of, e.reason_th),
                _ROW_OF.sub(_item_of, e.reason_en),
            )
            merged.append(ItemError(index, e.column, value, th, en))
        merged.sort(key=lambda e: -1 if e.index is None else e.index)
        return merged

    def _sent(self, index: int, column: str) -> str:
        if column not in self.names:
            return ""
        value = self.rows[index][self.names.index(column)][:100]
        return mask_digits(value) if column == "national_id" and value else value


# "Same key as row 3" names a row of the table: the client knows items.
_ROW_OF = re.compile(r"(แถวที่|row) (\d+)")


def _item_of(match: re.Match[str]) -> str:
    word = "รายการที่" if match[1] == "แถวที่" else "item"
    return f"{word} {int(match[2]) - _FIRST_ITEM_ROW}"


def items_table(items: Sequence[Any], columns: Sequence[Column]) -> ItemsTable:
    """The cells an import file would hold for these items (SPEC §9 columns).

    Only the conversion of JSON values to cells: every rule is the importer's.
    A field the item leaves out is a blank cell. Values that cannot be a cell
    (objects, booleans, text with NUL) are errors here.
    """
    table = ItemsTable(names=[c.name for c in columns])
    for index, item in enumerate(items):
        cells, problems = _item_cells(index, item, table.names)
        table.rows.append(cells)
        table.errors += problems
    return table


def _item_cells(
    index: int, item: Any, names: list[str]
) -> tuple[list[str], list[ItemError]]:
    if not isinstance(item, dict):
        th, en = "แต่ละรายการต้องเป็นออบเจ็กต์ JSON", "Each item must be a JSON object"
        return [""] * len(names), [ItemError(index, "", "", th, en)]
    errors = [
        ItemError(index, str(key)[:100], "", "ไม่รู้จักฟิลด์นี้", "Unknown field")
        for key in item
        if key not in names
    ]
    cells = []
    for name in names:
        try:
            cells.append(_cell(item.get(name), many=name == "skills"))
        except CellError as exc:
            errors.append(ItemError(index, name, "", exc.th, exc.en))
            cells.append("")
    if not errors and not any(clean_text(c) for c in cells):
        errors.append(ItemError(index, "", "", "รายการว่าง", "Empty item"))
    return cells, errors


def _cell(value: Any, *, many: bool) -> str:
    """One JSON value as a cell; a list of codes only where `many` (skills)."""
    if value is None:
        return ""
    if many and isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise CellError("ต้องเป็นรายการรหัส (ข้อความ)", "Must be a list of codes")
        value = ";".join(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellError(*_SHAPE)
    text = as_text(value)
    if len(text) > _MAX_CELL:
        raise CellError("ยาวเกินไป", "Too long")
    try:
        text.encode("utf-8")  # lone surrogates are valid JSON, not valid text
    except UnicodeEncodeError:
        text = "\0"
    if "\0" in text:
        raise CellError("มีอักขระที่ใช้ไม่ได้", "Contains characters that are not allowed")
    return text
