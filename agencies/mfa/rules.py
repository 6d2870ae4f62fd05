"""Who must confirm sign-in with a second factor (pure rule, no database)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from agencies.access import writes_anywhere
from agencies.scoping import AgencyScope


def mfa_required(user: Any, scope: AgencyScope) -> bool:
    """True for admin-site staff, OCSC administrators and HR officers (issue 9).

    The scope is national for superusers and `oncsc_admin`, and has write paths
    exactly for `agency_hr` holders, so no extra query is needed. `MFA_REQUIRED`
    is read per call so that tests can switch it.
    """
    if not settings.MFA_REQUIRED or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or writes_anywhere(scope))
