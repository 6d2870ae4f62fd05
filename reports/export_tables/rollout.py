"""The tables of the national rollout report and the job table (OCSC only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from skillsportal.lib.i18n import local_name

from .. import selectors
from ..dashboards import FigureRow, RolloutFilters, RunRow, group_name
from .base import (
    BATCH,
    ExportTable,
    Target,
    agency_cells,
    agency_headers,
    figure_cells,
    figure_headers,
)


def rollout_filters(target: Target) -> RolloutFilters:
    if not target.scope.national:
        raise PermissionDenied
    p = target.params
    return RolloutFilters(
        fy=p.fy,
        group=p.group,
        parent=target.parent,
        kind=p.kind,
        level=p.level,
        min_headcount=p.min_headcount,
    )


def national_table(target: Target) -> ExportTable:
    f = rollout_filters(target)
    board = selectors.rollout_dashboard(scope=target.scope, filters=f)
    rows = [[p.fy, p.phase, *figure_cells(p.row)] for p in board.trend if p.row]
    return ExportTable(
        _("ภาพรวมทั้งประเทศรายปีงบประมาณ"),
        "national",
        [_("ปีงบประมาณ"), _("ระยะการดำเนินงาน"), *figure_headers()],
        rows,
        [(_("กลุ่มเป้าหมาย"), group_name(f.group))],
    )


def ministries_table(target: Target) -> ExportTable:
    f = rollout_filters(target)
    figures = selectors.rollout_agencies(
        scope=target.scope, fy=f.fy, group=f.group, parent=f.parent, kind=f.kind
    )
    rows: list[list[object]] = [
        [*agency_cells(r), *figure_cells(r)] for r in map(FigureRow.of, figures)
    ]
    national = selectors.national_trend(scope=target.scope, group=f.group)
    total = next((r for r in national if r.fy == f.fy), None)
    if f.parent is None and total is not None:
        rows.insert(0, ["", total.label, "", *figure_cells(total)])
    title = _("ผลการดำเนินงานรายกระทรวง")
    if f.parent is not None:
        title = _("ผลการดำเนินงานของหน่วยงานในสังกัด %(name)s") % {
            "name": local_name(f.parent)
        }
    meta = [(_("ปีงบประมาณ"), str(f.fy)), (_("กลุ่มเป้าหมาย"), group_name(f.group))]
    return ExportTable(
        title, "ministries", [*agency_headers(), *figure_headers()], rows, meta
    )


def not_started_table(target: Target) -> ExportTable:
    f = rollout_filters(target)
    figures = selectors.not_started(
        scope=target.scope, fy=f.fy, level=f.level, within=f.parent
    )
    rows = (
        [
            *agency_cells(r),
            r.agency.depth if r.agency else "",
            r.headcount,
            _("ไม่มีบุคลากรในขอบเขต") if r.headcount == 0 else _("ยังไม่มีผู้ประเมินครบ"),
            r.as_of,
            r.computed_at,
        ]
        for r in map(FigureRow.of, figures.iterator(chunk_size=BATCH))
    )
    headers = [
        *agency_headers(),
        _("ระดับในโครงสร้าง"),
        _("จำนวนบุคลากร"),
        _("สถานะ"),
        _("ข้อมูล ณ วันที่"),
        _("คำนวณเมื่อ"),
    ]
    meta = [(_("ปีงบประมาณ"), str(f.fy))]
    return ExportTable(
        _("หน่วยงานที่ยังไม่เริ่ม"),
        "not-started",
        headers,
        rows,
        meta,
        total=figures.count(),
    )


def behind_table(target: Target) -> ExportTable:
    f = rollout_filters(target)
    figures = selectors.furthest_behind(
        scope=target.scope,
        fy=f.fy,
        group=f.group,
        min_headcount=f.min_headcount,
        level=f.level,
        within=f.parent,
    )
    rows = (
        [rank, *agency_cells(r), *figure_cells(r)]
        for rank, r in enumerate(
            map(FigureRow.of, figures.iterator(chunk_size=BATCH)), start=1
        )
    )
    meta = [
        (_("ปีงบประมาณ"), str(f.fy)),
        (_("กลุ่มเป้าหมาย"), group_name(f.group)),
        (_("จำนวนบุคลากรขั้นต่ำ"), str(f.min_headcount)),
    ]
    return ExportTable(
        _("หน่วยงานที่ดำเนินการได้น้อยที่สุด"),
        "behind",
        [_("ลำดับ"), *agency_headers(), *figure_headers()],
        rows,
        meta,
        total=figures.count(),
    )


def runs_table(target: Target) -> ExportTable:
    if not target.scope.national:
        raise PermissionDenied
    runs = selectors.latest_runs(limit=1000)
    rows = [
        [
            r.started_at,
            r.finished_at,
            r.get_kind_display(),
            r.fy,
            RunRow(r).scope_label,
            r.persons,
            r.rows,
            r.get_outcome_display(),
            round(r.seconds, 1) if r.seconds is not None else None,
            r.error,
        ]
        for r in runs
    ]
    headers = [
        _("เริ่ม"),
        _("เสร็จ"),
        _("ประเภท"),
        _("ปีงบประมาณ"),
        _("ขอบเขต"),
        _("จำนวนบุคคล"),
        _("จำนวนแถวตัวเลข"),
        _("ผล"),
        _("วินาที"),
        _("ข้อผิดพลาด"),
    ]
    return ExportTable(_("งานคำนวณตัวเลข"), "runs", headers, rows)
