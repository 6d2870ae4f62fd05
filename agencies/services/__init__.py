"""Every write to agencies and people goes through these functions.

Split by subdomain; import from here (`from agencies import services`).
"""

from .bulk import (
    AuditRow,
    ImportResult,
    apply_changes,
    audit_log_bulk,
    bulk_insert,
    conflict,
    creation_changes,
    in_chunks,
    require_writer,
)
from .imports import agencies_import
from .people import person_refresh_current, person_refresh_due
from .roster import roster_import
from .tree import agency_rebuild_paths, agency_save

__all__ = [
    "AuditRow",
    "ImportResult",
    "agencies_import",
    "audit_log_bulk",
    "bulk_insert",
    "conflict",
    "apply_changes",
    "creation_changes",
    "in_chunks",
    "require_writer",
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
