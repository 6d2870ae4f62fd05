"""What every export table is made of: parameters, table, target, figure columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from agencies.models import Agency, AgencyKind
from agencies.scoping import AgencyScope

from .. import selectors
from ..dashboards import FigureRow, Worklist, group_name

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


def agency_headers() -> list[str]:
    return [_("รหัสหน่วยงาน"), _("หน่วยงาน"), _("ประเภทหน่วยงาน")]


def agency_cells(row: FigureRow) -> list[object]:
    agency = row.agency
    assert agency is not None
    return [agency.code, agency.name_th, agency.get_kind_display()]


def table_meta(target: Target) -> list[tuple[str, str]]:
    p = target.params
    meta = [(_("ปีงบประมาณ"), str(p.fy)), (_("กลุ่มเป้าหมาย"), group_name(p.group))]
    if target.agency is not None:
        meta.insert(0, (_("หน่วยงาน"), target.agency.name_th))
    return meta


def need_agency(target: Target) -> Agency:
    if target.agency is None:
        raise PermissionDenied
    return target.agency


def dashboard_of(target: Target) -> Any:
    return selectors.agency_dashboard(
        scope=target.scope,
        agency=need_agency(target),
        fy=target.params.fy,
        group=target.params.group,
    )
