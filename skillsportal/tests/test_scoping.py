"""The scope-leak battery (SPEC §8, STYLE C3.10): every URL, one outsider.

The outsider is HR of Ministry B. Ministry A holds a person, their records, a
pending submission and an import job. For every named URL of the project the
outsider must get a 404, or a page that shows none of Ministry A's names, IDs
or counts, and nothing of Ministry A may change. The URL resolver is walked, so
**a new URL without a case in CASES fails `test_every_url_has_a_case`**: add
one saying what the outsider must get.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from competencies.models import (
    Notification,
)

from .scoping_cases import (
    CASES,
    SECRET_TITLE,
    Case,
    W,
    _person,
    _plan_item,
    _planned_person,
)
from .scoping_world import World, _state

# Django admin: only is_staff users get in; HR officers are not staff, so every
# admin URL sends them to the admin login (checked on representative URLs).
PREFIX_CASES = {"admin:": "staff-only"}


def _url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for item in patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            names |= _url_names(item.url_patterns, inner)
        elif isinstance(item, URLPattern) and item.name:
            names.add(namespace + item.name)
    return names


def test_every_url_has_a_case():
    names = _url_names(get_resolver().url_patterns)
    covered = {n for n in names if any(n.startswith(p) for p in PREFIX_CASES)}
    missing = sorted(names - covered - set(CASES))
    assert not missing, f"add a scope-leak case for: {missing}"
    stale = sorted(set(CASES) - names)
    assert not stale, f"cases for URLs that no longer exist: {stale}"


def _query(query: dict[str, Any], w: World) -> dict[str, Any]:
    fill = {"AGENCY": w.agency_pk, "PERSON": w.person.pk, "COURSE": w.course_pk}
    return {k: fill.get(v, v) for k, v in query.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_outsider_sees_nothing_of_ministry_a(client, outsider_hr, world, name):
    case = CASES[name]
    url = reverse(name, args=case.args(world))
    before = _state()
    for method in case.methods:
        for query in case.queries if method == "get" else ({},):
            client.force_login(outsider_hr)
            sent = _query(query, world) if method == "get" else case.data(world)
            response = getattr(client, method)(url, sent)
            what = f"{method.upper()} {url} {query}"
            _assert_outcome(case, response, world, what, sent)
    assert _state() == before, f"{name} changed Ministry A's data"


def _without_echo(text: str, sent: dict[str, Any]) -> str:
    """Drop what the outsider typed themself from form inputs: that is no leak."""
    for value in sent.values():
        text = text.replace(f'value="{escape(str(value))}"', 'value=""')
    return text


def _assert_outcome(
    case: Case, response: Any, world: World, what: str, sent: dict[str, Any]
) -> None:
    body = b"".join(response) if response.streaming else response.content
    text = _without_echo(body.decode(errors="replace"), sent)
    if case.expect == "404":
        assert response.status_code == 404, what
    else:
        assert response.status_code in case.ok, (what, response.status_code)
    location = response.get("Location", "")
    for secret in world.secrets:
        assert secret not in text, (what, secret)
        assert secret not in location, (what, secret)
    if case.check is not None and response.status_code == 200:
        assert case.check(response, world), what


@pytest.mark.parametrize(
    "name",
    ["admin:index", "admin:agencies_person_changelist", "admin:agencies_person_change"],
)
def test_admin_is_closed_to_hr_officers(client, outsider_hr, world, name):
    args = [world.person.pk] if name.endswith("_change") else []
    client.force_login(outsider_hr)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


PUBLIC = {
    "login",
    "logout",
    "healthz",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "schema",
    "api-docs",
    "api-redoc",
    "api-root",
    "imports:template",
    "privacy-notice",
    "xapi:about",
}


@pytest.mark.parametrize("name", sorted(set(CASES) - PUBLIC))
def test_anonymous_is_sent_to_sign_in(client, world, name):
    case = CASES[name]
    url = reverse(name, args=case.args(world))
    method = case.methods[0]
    response = getattr(client, method)(
        url, case.data(world) if method == "post" else {}
    )
    if case.api:
        assert response.status_code in {401, 403}, url
        return
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("login")), url


def test_no_url_pattern_takes_a_national_id():
    """ASVS 14.2.1: national IDs never travel in URLs (searched by POST)."""
    routes = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("national" in r or "nid" in r for r in routes)
    for name, case in CASES.items():
        assert not any("national" in str(q) for q in case.queries), name


# --- a civil servant changing ids in self-service URLs (SPEC §8, issue 7) --------
# Ministry A's own civil servant, a colleague of the world's person: nothing of
# that person (page, evidence, plan) or of another user (notification) opens.
COLLEAGUE_404: dict[str, tuple[str, W]] = {
    "competencies:person-detail": ("get", _person),
    "competencies:training-record-evidence": ("get", lambda w: [w.record.pk]),
    "me:person-plan": ("get", _planned_person),
    "me:plan-comment": ("post", _planned_person),
    "me:plan-item-done": ("get", _plan_item),
    "me:plan-item-cancel": ("post", _plan_item),
}


@pytest.mark.parametrize("name", sorted(COLLEAGUE_404))
def test_civil_servant_reaches_no_one_elses_records(client, civil_servant, world, name):
    method, args = COLLEAGUE_404[name]
    url = reverse(name, args=args(world))
    before = _state()
    client.force_login(civil_servant)
    response = getattr(client, method)(url, {"fy": 2570, "body": "x"})
    assert response.status_code == 404, url
    _assert_outcome(Case("404"), response, world, url, {})
    assert _state() == before


def test_civil_servant_cannot_read_someone_elses_notification(
    client, civil_servant, hr_officer, world
):
    note = Notification.objects.create(
        user=hr_officer, kind="reminder", title=SECRET_TITLE
    )
    client.force_login(civil_servant)
    response = client.post(reverse("me:notification-read", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
    listing = client.get(reverse("me:notification-list")).content.decode()
    assert SECRET_TITLE not in listing
