"""Chart.js payloads of the dashboards (SPEC §7), passed with json_script.

`static/js/dashboards.js` draws them; every series is also printed in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from .dashboards import Balance, FigureRow, TrendPoint
from .models import ALL_GROUPS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _series(key: str, label: StrOrPromise, values: list[Any]) -> dict[str, Any]:
    return {"key": key, "label": str(label), "data": values}


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def trend_chart(points: Sequence[TrendPoint]) -> dict[str, Any]:
    """Chart.js payload of the rates by fiscal year (json_script, no inline JS)."""
    rows = [p.row for p in points]
    return {
        "kind": "trend",
        "labels": [str(p.fy) for p in points],
        "unit": "%",
        "series": [
            _series(
                "assessed",
                _("ประเมินครบ"),
                [_num(r.assessed_pct) if r else None for r in rows],
            ),
            _series(
                "meeting",
                _("ผ่านเป้าหมาย"),
                [_num(r.meeting_pct) if r else None for r in rows],
            ),
            _series(
                "balanced",
                _("สมดุล 70/30"),
                [_num(r.balanced_pct) if r else None for r in rows],
            ),
        ],
    }


def groups_chart(rows: Sequence[FigureRow]) -> dict[str, Any]:
    """Chart.js payload: assessed and meeting rates of each target group."""
    rows = [r for r in rows if r.group != ALL_GROUPS]
    return {
        "kind": "bars",
        "labels": [f"{r.group}" for r in rows],
        "titles": [r.group_name for r in rows],
        "unit": "%",
        "series": [
            _series("assessed", _("ประเมินครบ"), [_num(r.assessed_pct) for r in rows]),
            _series("meeting", _("ผ่านเป้าหมาย"), [_num(r.meeting_pct) for r in rows]),
        ],
    }


def balance_chart(balance: Balance) -> dict[str, Any]:
    """Chart.js payload: one stacked bar of current vs future hours (% of all)."""
    return {
        "kind": "balance",
        "labels": [str(_("ชั่วโมงพัฒนา"))],
        "unit": "%",
        "target": _num(100 - balance.target_pct),
        "target_label": str(_("เป้าหมาย 70/30")),
        "series": [
            _series("current", _("งานปัจจุบัน"), [_num(balance.current_pct)]),
            _series("future", _("เพื่ออนาคต"), [_num(balance.future_pct)]),
        ],
    }


def ranking_chart(rows: Sequence[FigureRow]) -> dict[str, Any]:
    """Chart.js payload: horizontal bars of assessed and meeting rates per agency."""
    return {
        "kind": "ranking",
        "labels": [r.label for r in rows],
        "unit": "%",
        "series": [
            _series("assessed", _("ประเมินครบ"), [_num(r.assessed_pct) for r in rows]),
            _series("meeting", _("ผ่านเป้าหมาย"), [_num(r.meeting_pct) for r in rows]),
        ],
    }
