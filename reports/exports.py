"""Exports: the SPEC §9 compliance rows, and every dashboard table and report.

`render` serves `manage.py export_compliance` (SPEC §9 field names); the
dashboard exports have Thai headers and BE dates (research §3.3–3.4), and
PDFs go through chromium with the Sarabun TTFs (research §3.1).
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skillsportal.lib.pdf import html_to_pdf
from skillsportal.lib.tabular import write_csv, write_xlsx
from skillsportal.lib.thai_dates import format_be

from . import selectors
from .export_tables import TABLES, ExportTable, Target, need_agency, rollout_filters
from .models import ComplianceFigure
from .selectors import group_label

FIELDS = [
    "agency_code",
    "fy",
    "as_of",
    "target_group",
    "headcount",
    "assessed",
    "meeting_targets",
    "balanced",
    "unassigned_group",
    "hours_total",
    "hours_future",
    "mean_gap",
    "computed_at",
]
FORMATS = ("csv", "xlsx", "json", "pdf")


def figure_record(figure: ComplianceFigure) -> dict[str, Any]:
    """One row with exactly the SPEC §9 fields."""
    return {
        "agency_code": figure.agency.code,
        "fy": figure.fy,
        "as_of": figure.as_of,
        "target_group": group_label(figure.target_group),
        "headcount": figure.headcount,
        "assessed": figure.assessed,
        "meeting_targets": figure.meeting_targets,
        "balanced": figure.balanced,
        "unassigned_group": figure.unassigned_group,
        "hours_total": figure.hours_total,
        "hours_future": figure.hours_future,
        "mean_gap": figure.mean_gap,
        "computed_at": figure.computed_at,
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def render(rows: Iterable[ComplianceFigure], fmt: str) -> bytes:
    """The rows in `fmt` (csv, xlsx or json); numbers stay numbers."""
    rows = list(rows)
    if fmt == "pdf":
        return _pdf(rows)
    records = [figure_record(f) for f in rows]
    if fmt == "json":
        data = [{k: _json_value(v) for k, v in r.items()} for r in records]
        return json.dumps(data, ensure_ascii=False, indent=1).encode()
    table = [[r[k] for k in FIELDS] for r in records]
    if fmt == "csv":
        iso = [
            [_json_value(v) if hasattr(v, "isoformat") else v for v in row]
            for row in table
        ]
        return write_csv(FIELDS, iso)
    if fmt == "xlsx":
        naive = [
            [
                v.replace(tzinfo=None) if hasattr(v, "tzinfo") and v.tzinfo else v
                for v in row
            ]
            for row in table
        ]
        return write_xlsx(FIELDS, naive, sheet_title="compliance")
    raise ValueError(f"unknown format {fmt}")


def _pdf(rows: list[ComplianceFigure]) -> bytes:
    ctx = {
        "title": _("รายงานผลการพัฒนาทักษะดิจิทัล"),
        "fy": rows[0].fy if rows else "",
        "as_of": rows[0].as_of if rows else None,
        "generated_at": timezone.now(),
        "rows": rows,
        **font_uris(),
    }
    return html_to_pdf(render_to_string("reports/compliance_pdf.html", ctx))


@functools.cache
def font_uris() -> dict[str, str]:
    """The Sarabun TTFs (static/fonts) as data: URIs for report PDFs.

    A page made with `set_content` is about:blank, and chromium refuses to load
    file: fonts from it: the PDF silently fell back to Loma and Liberation
    (checked with pdffonts). data: URIs load, so the PDF embeds Sarabun.
    """
    fonts = settings.BASE_DIR / "static" / "fonts"
    return {
        key: "data:font/ttf;base64,"
        + base64.b64encode((fonts / name).read_bytes()).decode()
        for key, name in (
            ("font_regular", "Sarabun-Regular.ttf"),
            ("font_bold", "Sarabun-Bold.ttf"),
        )
    }


# --- dashboard exports (SPEC §7, §9): one table as CSV/XLSX/PDF, or a whole report

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
MAX_ROWS = 200_000  # a sheet Excel opens comfortably; larger subtrees: filter first
PDF_MAX_ROWS = 3_000  # about 100 A4 pages; the full table is in CSV/XLSX
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Rendered:
    """An export ready to send or store: bytes, names and row count."""

    content: bytes
    title: str
    filename: str
    ascii_name: str
    content_type: str
    rows: int


def _csv_value(value: Any) -> Any:
    """CSV is text: dates and times in the Buddhist Era, as the pages show them."""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_be(local.date())} {local:%H:%M}"
    if isinstance(value, date):
        return format_be(value)
    return value


def _counted(
    rows: Iterable[Sequence[object]], total: int | None, progress: Progress | None
) -> Iterator[Sequence[object]]:
    """Rows up to MAX_ROWS, reporting 5–90 % progress as they are read."""
    for done, row in enumerate(itertools.islice(rows, MAX_ROWS), start=1):
        if progress is not None and total and done % 1000 == 0:
            progress(5 + int(85 * min(done, total) / total))
        yield row


def _pdf_cell(value: Any) -> tuple[str, bool]:
    """(text, is_number) of one PDF cell; dates in the Buddhist Era."""
    if value is None or value == "":
        return "–", False
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, float | Decimal):  # two places, as the dashboard shows
        return f"{Decimal(value).quantize(Decimal('0.01')):,}", True
    if isinstance(value, int):
        return f"{value:,}", True
    return str(_csv_value(value)), False


def _name_column(headers: list[str]) -> int:
    """The 1-based column of agency or person names, kept wide in a PDF."""
    for index, header in enumerate(headers, start=1):
        if header in (_("หน่วยงาน"), _("ชื่อ"), _("ด้านทักษะ")):
            return index
    return 0


def render_table(
    table: ExportTable, fmt: str, *, progress: Progress | None = None
) -> bytes:
    """One table as CSV (BE dates as text), XLSX (BE date cells) or PDF."""
    headers = [str(h) for h in table.headers]
    rows = _counted(table.rows, table.total, progress)
    if fmt == "csv":
        return write_csv(headers, ([_csv_value(v) for v in row] for row in rows))
    if fmt == "xlsx":
        return write_xlsx(headers, rows, sheet_title=table.slug)
    if fmt == "pdf":
        listed = list(itertools.islice(rows, PDF_MAX_ROWS + 1))
        ctx = {
            "table": table,
            "headers": headers,
            "rows": [[_pdf_cell(v) for v in row] for row in listed[:PDF_MAX_ROWS]],
            "truncated": len(listed) > PDF_MAX_ROWS,
            "name_column": _name_column(headers),
            "max_rows": PDF_MAX_ROWS,
        }
        return _pdf_document("reports/table_pdf.html", ctx, progress)
    raise ValueError(f"unknown format {fmt}")


def _pdf_document(
    template: str, ctx: dict[str, Any], progress: Progress | None = None
) -> bytes:
    """A report template in Sarabun through chromium (research §3.1)."""
    html = render_to_string(
        template, ctx | {"generated_at": timezone.now(), **font_uris()}
    )
    if progress is not None:
        progress(90)
    return html_to_pdf(html)


def render_export(
    *, target: Target, table: str, fmt: str, progress: Progress | None = None
) -> Rendered:
    """Render one table or whole report for `target` (already scope-checked)."""
    if table in DOCUMENTS:
        title, content = DOCUMENTS[table](target, progress)
        rows = 0
    else:
        built = TABLES[table].build(target)
        title, content = built.title, render_table(built, fmt, progress=progress)
        rows = _row_count(content, fmt)
    names = _names(title, table, target, fmt)
    return Rendered(content, title, *names, CONTENT_TYPES[fmt], rows)


def _row_count(content: bytes, fmt: str) -> int:
    if fmt == "csv":
        return max(content.count(b"\r\n") - 1, 0)
    return 0


def _names(title: str, table: str, target: Target, fmt: str) -> tuple[str, str]:
    """A Thai file name and its ASCII fallback (RFC 6266 filename / filename*)."""
    p = target.params
    where = target.agency or target.parent
    thai = " ".join(x for x in [title, where.name_th if where else ""] if x)
    thai = f"{thai} {_('ปีงบประมาณ')} {p.fy}"
    code = where.code if where else "national"
    ascii_name = f"{table}-{code}-{p.fy}.{fmt}"
    return f"{_safe_name(thai)}.{fmt}", _safe_name(ascii_name, ascii_only=True)


def _safe_name(name: str, *, ascii_only: bool = False) -> str:
    cleaned = "".join(
        "-" if ch in '\\/:*?"<>|\r\n\t' or (ascii_only and not ch.isascii()) else ch
        for ch in name
    )
    return cleaned.strip(" .-")[:150] or "export"


def attachment_header(filename: str, ascii_name: str) -> str:
    """Content-Disposition for a Thai file name, with an ASCII fallback (RFC 6266)."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _agency_document(target: Target, progress: Progress | None) -> tuple[str, bytes]:
    p = target.params
    board = selectors.agency_dashboard(
        scope=target.scope, agency=need_agency(target), fy=p.fy, group=p.group
    )
    title = str(DOCUMENT_LABELS["agency"])
    ctx = {"title": title, "board": board}
    return title, _pdf_document("reports/agency_pdf.html", ctx, progress)


def _rollout_document(target: Target, progress: Progress | None) -> tuple[str, bytes]:
    board = selectors.rollout_dashboard(
        scope=target.scope, filters=rollout_filters(target)
    )
    title = str(DOCUMENT_LABELS["rollout"])
    ctx = {"title": title, "board": board}
    return title, _pdf_document("reports/rollout_pdf.html", ctx, progress)


DOCUMENT_LABELS = {
    "agency": gettext_lazy("รายงานผลการพัฒนาทักษะดิจิทัลของหน่วยงาน"),
    "rollout": gettext_lazy("รายงานการขับเคลื่อนการพัฒนาทักษะดิจิทัลภาครัฐ"),
}
DOCUMENTS: dict[str, Callable[[Target, Progress | None], tuple[str, bytes]]] = {
    "agency": _agency_document,
    "rollout": _rollout_document,
}
