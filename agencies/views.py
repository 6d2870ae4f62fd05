"""Agency tree pages and the access helpers every page view shares (STYLE C3.4).

Out of scope → 404 (existence does not leak); in scope but read-only → 403;
a signed-in person without a role → 403 on staff pages; anonymous → sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme

from skillsportal.lib.keyset import keyset_page

from . import selectors
from .access import may_write, require_write, writes_anywhere
from .forms import AgencySearchForm
from .models import Agency, Person
from .scoping import AgencyScope

View = TypeVar("View", bound=Callable[..., HttpResponse])


def scope_of(request: HttpRequest) -> AgencyScope:
    """The request's scope, set by `ScopeMiddleware`."""
    return request.scope  # type: ignore[attr-defined]  # ScopeMiddleware sets it


def cursor(request: HttpRequest, name: str) -> int | None:
    """A keyset cursor (a row id) from the query string, if it is one."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def local_next(request: HttpRequest, target: str, default: str) -> str:
    """`target` if it is a URL of this site (a form's "next"), else `default`."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def user_of(request: HttpRequest) -> User:
    """The signed-in user of a view behind `login_required`."""
    user = request.user
    assert isinstance(user, User), "behind login_required"
    return user


def staff_required(view: View) -> View:
    """Sign-in, then a role (HR, viewer or OCSC): civil servants get 403 (SPEC §8)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_of(request).is_staff_scope:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]


def writer_required(view: View) -> View:
    """Sign-in, then write access somewhere (HR or OCSC): viewers get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not writes_anywhere(scope_of(request)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]


def person_for_write(scope: AgencyScope, pk: int) -> Person:
    """A person the scope may change: 404 out of scope, 403 when read-only."""
    person = get_object_or_404(selectors.person_for_page(scope=scope), pk=pk)
    require_write(scope, person.current_agency)
    return person


def run_service(form: BaseForm, service: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a service; a ValidationError it raises becomes form errors (STYLE C4)."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None


AGENCY_PAGE_SIZE = 50


@staff_required
def agency_list(request: HttpRequest) -> HttpResponse:
    """The top of the caller's agency tree, or agencies found by name or code
    at any depth, paged by keyset (SPEC §3, §8, §10)."""
    scope = scope_of(request)
    form = AgencySearchForm(request.GET)
    found = form.cleaned_data if form.is_valid() else {}
    agencies = selectors.agency_search(
        scope=scope, text=found.get("q", ""), kind=found.get("kind", "")
    )
    page = keyset_page(
        agencies,
        key=("name_th", "pk"),
        after=cursor(request, "after"),
        before=cursor(request, "before"),
        size=AGENCY_PAGE_SIZE,
    )
    ctx = {
        "form": form,
        "page": page,
        "searched": bool(found.get("q") or found.get("kind")),
    }
    return render(request, "agencies/agency_list.html", ctx)


@staff_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One agency: its readable ancestors and its children, with roster links."""
    scope = scope_of(request)
    agency = get_object_or_404(Agency.objects.visible_to(scope), pk=pk)
    ctx = {
        "agency": agency,
        "trail": selectors.agency_trail(scope=scope, agency=agency),
        "children": agency.children.order_by("name_th"),
        "can_write": may_write(scope, agency),
    }
    return render(request, "agencies/agency_detail.html", ctx)
