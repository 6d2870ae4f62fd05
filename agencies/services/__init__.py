"""Every write to agencies and people goes through these functions.

Split by subdomain; import from here (`from agencies import services`).
"""

from .imports import agencies_import
from .people import person_refresh_current, person_refresh_due
from .roster import roster_import
from .tree import agency_rebuild_paths, agency_save

__all__ = [
    "agencies_import",
    "roster_import",
    "agency_rebuild_paths",
    "agency_save",
    "person_refresh_current",
    "person_refresh_due",
]

# Browser writes to people (HR workflows).
from .people import (  # noqa: E402
    GroupAssignment,
    person_create,
    person_update,
    person_version_add,
    target_group_assign_bulk,
)

__all__ += [
    "GroupAssignment",
    "person_create",
    "person_update",
    "person_version_add",
    "target_group_assign_bulk",
]
