"""Shapes of the dashboards (SPEC §7): rates, heatmap cells, the 70/30 balance.

Pure functions over figure rows that `reports.selectors` has fetched; templates,
charts and exports only format these values, they never compute them (STYLE C12).
Rates are percentages with one decimal (Decimal), None when there is no one.
"""

from .figures import (
    GROUPS,
    HEAT_STEPS,
    ROLLOUT_LIST_SIZE,
    ROLLOUT_PAGE_SIZE,
    WORKLIST_FILTERS,
    Balance,
    FigureRow,
    HeatCell,
    HeatRow,
    TrendPoint,
    Worklist,
    balance_of,
    group_name,
    heatmap,
    pct,
    phase_names,
    phase_of,
    tree_order,
    trend,
)
from .pages import (
    AgencyDashboard,
    KindRow,
    PageNumbers,
    RolloutDashboard,
    RolloutFilters,
    RunRow,
    WorklistPage,
    WorklistRow,
)

__all__ = [
    "AgencyDashboard",
    "Balance",
    "FigureRow",
    "GROUPS",
    "HEAT_STEPS",
    "HeatCell",
    "HeatRow",
    "KindRow",
    "PageNumbers",
    "ROLLOUT_LIST_SIZE",
    "ROLLOUT_PAGE_SIZE",
    "RolloutDashboard",
    "RolloutFilters",
    "RunRow",
    "TrendPoint",
    "WORKLIST_FILTERS",
    "Worklist",
    "WorklistPage",
    "WorklistRow",
    "balance_of",
    "group_name",
    "heatmap",
    "pct",
    "phase_names",
    "phase_of",
    "tree_order",
    "trend",
]
