"""Every write to agencies and people goes through these functions.

Split by subdomain; import from here (`from agencies import services`).
"""

from .people import person_refresh_current, person_refresh_due
from .tree import agency_rebuild_paths, agency_save

__all__ = [
    "agency_rebuild_paths",
    "agency_save",
    "person_refresh_current",
    "person_refresh_due",
]
