"""SPEC §9 compliance export: the same rows as CSV, XLSX or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from skillsportal.lib.pdf import html_to_pdf
from skillsportal.lib.tabular import write_csv, write_xlsx

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
    fonts = settings.BASE_DIR / "static" / "fonts"
    ctx = {
        "title": _("รายงานผลการพัฒนาทักษะดิจิทัล"),
        "fy": rows[0].fy if rows else "",
        "as_of": rows[0].as_of if rows else None,
        "generated_at": timezone.now(),
        "rows": rows,
        "font_regular": (fonts / "Sarabun-Regular.ttf").as_uri(),
        "font_bold": (fonts / "Sarabun-Bold.ttf").as_uri(),
    }
    return html_to_pdf(render_to_string("reports/compliance_pdf.html", ctx))
