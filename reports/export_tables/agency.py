"""The tables of one agency's dashboard and worklists (SPEC §7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from .. import selectors
from ..dashboards import FigureRow, Worklist, group_name
from .base import (
    BATCH,
    ExportTable,
    Target,
    agency_cells,
    agency_headers,
    dashboard_of,
    figure_cells,
    figure_headers,
    need_agency,
    table_meta,
)


def groups_table(target: Target) -> ExportTable:
    board = dashboard_of(target)
    rows = [
        [f"{r.group}. {r.group_name}" if r.group else r.group_name, *figure_cells(r)]
        for r in board.groups
    ]
    return ExportTable(
        _("ตัวเลขรายกลุ่มเป้าหมาย"),
        "groups",
        [_("กลุ่มเป้าหมาย"), *figure_headers()],
        rows,
        table_meta(target),
    )


def children_table(target: Target) -> ExportTable:
    board = dashboard_of(target)
    rows = [[*agency_cells(r), *figure_cells(r)] for r in board.children]
    return ExportTable(
        _("ตัวเลขของหน่วยงานย่อย"),
        "children",
        [*agency_headers(), *figure_headers()],
        rows,
        table_meta(target),
    )


def skills_table(target: Target) -> ExportTable:
    board = dashboard_of(target)
    rows = [
        [
            heat_row.code,
            heat_row.name,
            group_name(group),
            cell.target,
            cell.required,
            cell.assessed,
            cell.meeting,
            cell.meeting_pct,
            cell.mean_level,
        ]
        for heat_row in board.heat
        for group, cell in enumerate(heat_row.cells, start=1)
        if cell.applies
    ]
    headers = [
        _("รหัสด้านทักษะ"),
        _("ด้านทักษะ"),
        _("กลุ่มเป้าหมาย"),
        _("ระดับเป้าหมาย"),
        _("ต้องประเมิน (คน)"),
        _("ประเมินแล้ว (คน)"),
        _("ผ่านเป้าหมาย (คน)"),
        _("ร้อยละผ่านเป้าหมาย"),
        _("ระดับเฉลี่ย"),
    ]
    return ExportTable(
        _("ทักษะรายด้านและกลุ่มเป้าหมาย"), "skills", headers, rows, table_meta(target)
    )


def trend_table(target: Target) -> ExportTable:
    board = dashboard_of(target)
    rows = [[p.fy, p.phase, *figure_cells(p.row)] for p in board.trend if p.row]
    return ExportTable(
        _("แนวโน้มรายปีงบประมาณ"),
        "trend",
        [_("ปีงบประมาณ"), _("ระยะการดำเนินงาน"), *figure_headers()],
        rows,
        table_meta(target),
    )


def subtree_table(target: Target) -> ExportTable:
    agency, p = need_agency(target), target.params
    figures = selectors.compliance_rows(
        scope=target.scope, fy=p.fy, agency=agency, target_group=p.group
    ).select_related("agency__parent")
    rows = (
        [
            *agency_cells(FigureRow.of(f)),
            f.agency.parent.code if f.agency.parent else "",
            *figure_cells(FigureRow.of(f)),
        ]
        for f in figures.iterator(chunk_size=BATCH)
    )
    headers = [*agency_headers(), _("รหัสหน่วยงานแม่"), *figure_headers()]
    return ExportTable(
        _("ตัวเลขทุกหน่วยงานในสังกัด"),
        "subtree",
        headers,
        rows,
        table_meta(target),
        total=figures.count(),
    )


def worklist_table(target: Target) -> ExportTable:
    agency, p = need_agency(target), target.params
    people = selectors.worklist_people(
        scope=target.scope,
        agency=agency,
        fy=p.fy,
        worklist=p.worklist,
        group=p.group,
    ).order_by("family_name", "given_name", "pk")
    meta = [*table_meta(target), (_("รายการ"), str(Worklist(p.worklist).label))]
    return ExportTable(
        str(Worklist(p.worklist).label),
        f"worklist-{p.worklist}",
        _worklist_headers(),
        _worklist_rows(people, p.fy),
        meta,
        total=people.count(),
    )


def _worklist_headers() -> list[str]:
    return [
        _("ชื่อ"),
        _("นามสกุล"),
        _("เลขประจำตัวประชาชน (ปิดบัง)"),
        _("หน่วยงาน"),
        _("กลุ่มเป้าหมาย"),
        _("ประเมินครบ"),
        _("ผ่านเป้าหมาย"),
        _("ช่องว่างรวม"),
        _("ชั่วโมงพัฒนา"),
        _("ชั่วโมงเพื่ออนาคต"),
    ]


def _yes(value: bool) -> str:
    return _("ใช่") if value else _("ไม่ใช่")


def _worklist_rows(people: Any, fy: int) -> Iterator[list[object]]:
    """Batches of people, each with one query for their figures of the year."""
    batch: list[Any] = []
    for person in people.iterator(chunk_size=BATCH):
        batch.append(person)
        if len(batch) == BATCH:
            yield from _worklist_batch(batch, fy)
            batch = []
    yield from _worklist_batch(batch, fy)


def _worklist_batch(people: list[Any], fy: int) -> Iterator[list[object]]:
    facts = selectors.facts_of(fy=fy, people=people)
    for person in people:
        fact = facts.get(person.pk)
        if fact is None:
            continue
        yield [
            person.given_name,
            person.family_name,
            person.masked_national_id,
            fact.agency.name_th,
            group_name(fact.target_group) if fact.target_group else "",
            _yes(fact.assessed),
            _yes(fact.meets),
            fact.gap,
            fact.hours_c / 100,
            fact.future_c / 100,
        ]
