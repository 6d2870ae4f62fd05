"""The organisation tree, people with time-versioned facts, and role assignments.

SPEC §3 (organisation and people) and §8 (roles). Every read of people goes through
`visible_to(scope)`; the scope itself lives in `agencies/scoping.py`.
"""

from .choices import (
    AgencyKind,
    PersonnelCategory,
    PersonStatus,
    PositionType,
    TargetGroup,
)
from .people import (
    Person,
    PersonQuerySet,
    PersonVersion,
    PersonVersionQuerySet,
    national_id_hash,
)
from .roles import ApiKey, ApiKeyQuerySet, Role, RoleAssignment, UserPreference
from .transfers import TransferRequest, TransferRequestQuerySet, TransferStatus
from .tree import Agency, AgencyQuerySet

__all__ = [
    "Agency",
    "AgencyKind",
    "AgencyQuerySet",
    "ApiKey",
    "ApiKeyQuerySet",
    "Person",
    "PersonQuerySet",
    "PersonStatus",
    "PersonVersion",
    "PersonVersionQuerySet",
    "PersonnelCategory",
    "PositionType",
    "Role",
    "RoleAssignment",
    "UserPreference",
    "TargetGroup",
    "TransferRequest",
    "TransferRequestQuerySet",
    "TransferStatus",
    "national_id_hash",
]
