"""Dashboard, rollout, export and schedule pages (SPEC §1, §7–§9): thin views.

Agency pages: staff (HR, viewer, OCSC; 403 for a signed-in person without a
role, as on every staff page); another subtree's agency is 404.
Rollout, job table and schedules: OCSC administrators only; anyone else gets
403 (role-gated pages whose existence is no secret; they show no data).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from agencies.models import Agency
from agencies.scoping import AgencyScope
from agencies.views import scope_of

from .. import selectors

View = TypeVar("View", bound=Callable[..., HttpResponse])


def ocsc_required(view: View) -> View:
    """Sign-in, then the OCSC administrator role: everyone else gets 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_of(request).national:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]


def agency_param(
    scope: AgencyScope, raw: str | None, *, default: bool = False
) -> Agency | None:
    """The agency named by a query parameter, fetched in scope (else 404)."""
    if raw in (None, ""):
        return selectors.dashboard_default_agency(scope=scope) if default else None
    try:
        pk = int(raw)  # type: ignore[arg-type]
    except ValueError:
        raise Http404 from None
    return get_object_or_404(selectors.dashboard_agencies(scope=scope), pk=pk)
