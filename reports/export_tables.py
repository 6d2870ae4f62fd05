"""The tables behind every dashboard export (SPEC §7, §9): Thai headers, real dates.

Each builder reads through the same scoped selectors as the page it exports, so an
export never holds more than the page could show (SPEC §8). Rows carry real
`date`/`datetime` values: CSV writes them in the Buddhist Era, XLSX as date cells
with the BE number format (`skillsportal.lib.tabular.write_xlsx`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, AgencyKind
from agencies.scoping import AgencyScope

from . import selectors
from .dashboards import FigureRow, RolloutFilters, RunRow, Worklist, group_name

BATCH = 2_000


@dataclass(frozen=True)
class ExportParams:
    """The validated filters of one export, as JSON-able primitives."""

    fy: int
    group: int = 0
    agency: int | None = None
    parent: int | None = None
    kind: str = AgencyKind.MINISTRY
    level: int | None = None
    min_headcount: int = 50
    worklist: str = Worklist.NOT_ASSESSED

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExportParams:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class ExportTable:
    """One exportable table: title, meta lines, headers and (lazy) rows."""

    title: str
    slug: str
    headers: list[str]
    rows: Iterable[Sequence[object]]
    meta: list[tuple[str, str]] = field(default_factory=list)
    total: int | None = None


@dataclass(frozen=True)
class Target:
    """What an export is about: its scope-checked agency or drill-down parent."""

    scope: AgencyScope
    params: ExportParams
    agency: Agency | None = None
    parent: Agency | None = None


def figure_headers() -> list[str]:
    return [
        _("จำนวนบุคลากร"),
        _("ประเมินครบ"),
        _("ร้อยละประเมินครบ"),
        _("ผ่านเป้าหมาย"),
        _("ร้อยละผ่านเป้าหมาย"),
        _("สมดุล 70/30"),
        _("ร้อยละสมดุล 70/30"),
        _("ยังไม่กำหนดกลุ่ม"),
        _("ชั่วโมงรวม"),
        _("ชั่วโมงเพื่ออนาคต"),
        _("ร้อยละชั่วโมงเพื่ออนาคต"),
        _("ช่องว่างเฉลี่ย"),
        _("ข้อมูล ณ วันที่"),
        _("คำนวณเมื่อ"),
    ]


def figure_cells(row: FigureRow) -> list[object]:
    return [
        row.headcount,
        row.assessed,
        row.assessed_pct,
        row.meeting,
        row.meeting_pct,
        row.balanced,
        row.balanced_pct,
        row.unassigned,
        row.hours_total,
        row.hours_future,
        row.future_pct,
        row.mean_gap,
        row.as_of,
        row.computed_at,
    ]


def _agency_headers() -> list[str]:
    return [_("รหัสหน่วยงาน"), _("หน่วยงาน"), _("ประเภทหน่วยงาน")]


def _agency_cells(row: FigureRow) -> list[object]:
    agency = row.agency
    assert agency is not None
    return [agency.code, agency.name_th, agency.get_kind_display()]


def _meta(target: Target) -> list[tuple[str, str]]:
    p = target.params
    meta = [(_("ปีงบประมาณ"), str(p.fy)), (_("กลุ่มเป้าหมาย"), group_name(p.group))]
    if target.agency is not None:
        meta.insert(0, (_("หน่วยงาน"), target.agency.name_th))
    return meta


def need_agency(target: Target) -> Agency:
    if target.agency is None:
        raise PermissionDenied
    return target.agency


def _dashboard(target: Target) -> Any:
    return selectors.agency_dashboard(
        scope=target.scope,
        agency=need_agency(target),
        fy=target.params.fy,
        group=target.params.group,
    )


def groups_table(target: Target) -> ExportTable:
    board = _dashboard(target)
    rows = [[r.group_name, *figure_cells(r)] for r in board.groups]
    return ExportTable(
        _("ตัวเลขรายกลุ่มเป้าหมาย"),
        "groups",
        [_("กลุ่มเป้าหมาย"), *figure_headers()],
        rows,
        _meta(target),
    )


def children_table(target: Target) -> ExportTable:
    board = _dashboard(target)
    rows = [[*_agency_cells(r), *figure_cells(r)] for r in board.children]
    return ExportTable(
        _("ตัวเลขของหน่วยงานย่อย"),
        "children",
        [*_agency_headers(), *figure_headers()],
        rows,
        _meta(target),
    )


def skills_table(target: Target) -> ExportTable:
    board = _dashboard(target)
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
        _("ทักษะรายด้านและกลุ่มเป้าหมาย"), "skills", headers, rows, _meta(target)
    )


def trend_table(target: Target) -> ExportTable:
    board = _dashboard(target)
    rows = [[p.fy, p.phase, *figure_cells(p.row)] for p in board.trend if p.row]
    return ExportTable(
        _("แนวโน้มรายปีงบประมาณ"),
        "trend",
        [_("ปีงบประมาณ"), _("ระยะการดำเนินงาน"), *figure_headers()],
        rows,
        _meta(target),
    )


def subtree_table(target: Target) -> ExportTable:
    agency, p = need_agency(target), target.params
    figures = selectors.compliance_rows(
        scope=target.scope, fy=p.fy, agency=agency, target_group=p.group
    ).select_related("agency__parent")
    rows = (
        [
            *_agency_cells(FigureRow.of(f)),
            f.agency.parent.code if f.agency.parent else "",
            *figure_cells(FigureRow.of(f)),
        ]
        for f in figures.iterator(chunk_size=BATCH)
    )
    headers = [*_agency_headers(), _("รหัสหน่วยงานแม่"), *figure_headers()]
    return ExportTable(
        _("ตัวเลขทุกหน่วยงานในสังกัด"),
        "subtree",
        headers,
        rows,
        _meta(target),
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
    meta = [*_meta(target), (_("รายการ"), str(Worklist(p.worklist).label))]
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
        [*_agency_cells(r), *figure_cells(r)] for r in map(FigureRow.of, figures)
    ]
    national = selectors.national_trend(scope=target.scope, group=f.group)
    total = next((r for r in national if r.fy == f.fy), None)
    if f.parent is None and total is not None:
        rows.insert(0, ["", total.label, "", *figure_cells(total)])
    title = _("ผลการดำเนินงานรายกระทรวง")
    if f.parent is not None:
        title = _("ผลการดำเนินงานของหน่วยงานในสังกัด %(name)s") % {"name": f.parent.name_th}
    meta = [(_("ปีงบประมาณ"), str(f.fy)), (_("กลุ่มเป้าหมาย"), group_name(f.group))]
    return ExportTable(
        title, "ministries", [*_agency_headers(), *figure_headers()], rows, meta
    )


def not_started_table(target: Target) -> ExportTable:
    f = rollout_filters(target)
    figures = selectors.not_started(
        scope=target.scope, fy=f.fy, level=f.level, within=f.parent
    )
    rows = (
        [
            *_agency_cells(r),
            r.agency.depth if r.agency else "",
            r.headcount,
            _("ไม่มีบุคลากรในขอบเขต") if r.headcount == 0 else _("ยังไม่มีผู้ประเมินครบ"),
            r.as_of,
            r.computed_at,
        ]
        for r in map(FigureRow.of, figures.iterator(chunk_size=BATCH))
    )
    headers = [
        *_agency_headers(),
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
        [rank, *_agency_cells(r), *figure_cells(r)]
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
        [_("ลำดับ"), *_agency_headers(), *figure_headers()],
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
