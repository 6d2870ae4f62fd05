"""Reads of compliance figures for pages, exports and the API (scoped), by subject:
`figures` (one agency), `worklist` (the people behind a figure), `rollout`
(national), `runs` (the job table). Import from here: `from reports import selectors`.
"""

from .figures import (
    FIGURE_SUMS,
    agency_dashboard,
    compliance_rows,
    dashboard_agencies,
    dashboard_agency_options,
    dashboard_default_agency,
    dashboard_years,
    group_label,
    largest_ministry,
    national_trend,
    people_behind_targets,
    top_agencies,
)
from .framework_preview import Effect, Preview, framework_preview
from .rollout import (
    furthest_behind,
    not_started,
    not_started_counts,
    rollout_agencies,
    rollout_by_year,
    rollout_dashboard,
    root_kinds,
)
from .runs import latest_runs, runs_page
from .worklist import facts_of, worklist_facts, worklist_page, worklist_people

__all__ = [
    "Effect",
    "Preview",
    "framework_preview",
    "FIGURE_SUMS",
    "agency_dashboard",
    "compliance_rows",
    "dashboard_agencies",
    "dashboard_agency_options",
    "dashboard_default_agency",
    "dashboard_years",
    "facts_of",
    "furthest_behind",
    "group_label",
    "largest_ministry",
    "latest_runs",
    "national_trend",
    "not_started",
    "not_started_counts",
    "people_behind_targets",
    "rollout_agencies",
    "rollout_by_year",
    "rollout_dashboard",
    "root_kinds",
    "runs_page",
    "top_agencies",
    "worklist_facts",
    "worklist_page",
    "worklist_people",
]
