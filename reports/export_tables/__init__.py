"""The tables behind every dashboard export (SPEC §7, §9): Thai headers, real dates.

Each builder reads through the same scoped selectors as the page it exports, so an
export never holds more than the page could show (SPEC §8). Rows carry real
`date`/`datetime` values: CSV writes them in the Buddhist Era, XLSX as date cells
with the BE number format (`skillsportal.lib.tabular.write_xlsx`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from .agency import (
    children_table,
    groups_table,
    skills_table,
    subtree_table,
    trend_table,
    worklist_table,
)
from .base import (
    ExportParams,
    ExportTable,
    Target,
    figure_cells,
    figure_headers,
    need_agency,
)
from .rollout import (
    behind_table,
    ministries_table,
    national_table,
    not_started_table,
    rollout_filters,
    runs_table,
)

__all__ = [
    "TABLES",
    "ExportParams",
    "ExportTable",
    "TableSpec",
    "Target",
    "figure_cells",
    "figure_headers",
    "need_agency",
    "rollout_filters",
]


@dataclass(frozen=True)
class TableSpec:
    """One exportable table: who may export it and whether it runs as a job."""

    build: Callable[[Target], ExportTable]
    label: Any
    national_only: bool = False
    needs_agency: bool = False
    long: bool = False


TABLES: dict[str, TableSpec] = {
    "groups": TableSpec(
        groups_table, gettext_lazy("ตัวเลขรายกลุ่มเป้าหมาย"), needs_agency=True
    ),
    "children": TableSpec(
        children_table, gettext_lazy("ตัวเลขของหน่วยงานย่อย"), needs_agency=True
    ),
    "skills": TableSpec(
        skills_table, gettext_lazy("ทักษะรายด้านและกลุ่มเป้าหมาย"), needs_agency=True
    ),
    "trend": TableSpec(
        trend_table, gettext_lazy("แนวโน้มรายปีงบประมาณ"), needs_agency=True
    ),
    "subtree": TableSpec(
        subtree_table,
        gettext_lazy("ตัวเลขทุกหน่วยงานในสังกัด"),
        needs_agency=True,
        long=True,
    ),
    "worklist": TableSpec(
        worklist_table, gettext_lazy("รายชื่อที่ต้องติดตาม"), needs_agency=True, long=True
    ),
    "national": TableSpec(
        national_table, gettext_lazy("ภาพรวมทั้งประเทศรายปีงบประมาณ"), national_only=True
    ),
    "ministries": TableSpec(
        ministries_table, gettext_lazy("ผลการดำเนินงานรายหน่วยงาน"), national_only=True
    ),
    "not_started": TableSpec(
        not_started_table,
        gettext_lazy("หน่วยงานที่ยังไม่เริ่ม"),
        national_only=True,
        long=True,
    ),
    "behind": TableSpec(
        behind_table,
        gettext_lazy("หน่วยงานที่ดำเนินการได้น้อยที่สุด"),
        national_only=True,
        long=True,
    ),
    "runs": TableSpec(runs_table, gettext_lazy("งานคำนวณตัวเลข"), national_only=True),
}
