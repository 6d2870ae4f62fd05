"""Reads of stored statements: the Statement resource's GET and the HR pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from agencies.scoping import AgencyScope

from .models import Outcome, RefKind, Statement, StatementRef
from .validation import parse_timestamp

MAX_LIMIT = 500


@dataclass(frozen=True)
class StatementFilters:
    """The filters of GET /xapi/statements (xAPI Communication §2.1.3)."""

    actor: str | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: datetime | None = None
    until: datetime | None = None
    ascending: bool = False
    limit: int = 100


def statement_get(scope: AgencyScope, sid: str, *, voided: bool) -> Statement | None:
    """One statement by id: a voided one only when asked for as voided."""
    return Statement.objects.visible_to(scope).filter(id=sid, voided=voided).first()


def statements_page(
    scope: AgencyScope, filters: StatementFilters, cursor: str | None
) -> tuple[list[Statement], str | None]:
    """A page in `stored` order and the cursor of the next page (None: last)."""
    rows: QuerySet[Statement] = Statement.objects.visible_to(scope).filter(voided=False)
    if filters.actor:
        rows = rows.filter(
            Q(actor=filters.actor)
            | _names(RefKind.AGENT, filters.actor, related=filters.related_agents)
        )
    if filters.verb:
        rows = rows.filter(verb=filters.verb)
    if filters.activity:
        named = Q(activity=filters.activity)
        if filters.related_activities:
            named |= Q(_names(RefKind.ACTIVITY, filters.activity, related=True))
        rows = rows.filter(named)
    if filters.registration:
        rows = rows.filter(registration=filters.registration)
    if filters.since:
        rows = rows.filter(stored__gt=filters.since)
    if filters.until:
        rows = rows.filter(stored__lte=filters.until)
    order = ("stored", "id") if filters.ascending else ("-stored", "-id")
    if cursor:
        rows = rows.filter(_after(cursor, ascending=filters.ascending))
    page = list(rows.order_by(*order)[: filters.limit + 1])
    if len(page) <= filters.limit:
        return page, None
    last = page[filters.limit - 1]
    return page[: filters.limit], f"{last.stored.isoformat()}|{last.id}"


def _names(kind: str, value: str, *, related: bool) -> Exists:
    """The statement names `value` beyond its actor and object activity: as its
    object agent, or (related) anywhere a StatementRef records."""
    refs = StatementRef.objects.filter(statement=OuterRef("pk"), kind=kind, value=value)
    return Exists(refs if related else refs.filter(related=False))


def _after(cursor: str, *, ascending: bool) -> Q:
    stamp, _sep, sid = cursor.partition("|")
    when = parse_timestamp(stamp)
    if when is None or not sid:
        raise ValueError(cursor)
    if ascending:
        return Q(stored__gt=when) | Q(stored=when, id__gt=sid)
    return Q(stored__lt=when) | Q(stored=when, id__lt=sid)


def systems_summary(scope: AgencyScope) -> list[dict[str, Any]]:
    """Statements received per system (API key): counts by outcome, last seen."""
    counts = {
        f"n_{o}": Count("pk", filter=Q(outcome=o, voided=False)) for o in Outcome.values
    }
    return list(
        Statement.objects.visible_to(scope)
        .values(
            "key_id", "key__name", "key__prefix", "agency__name_th", "agency__name_en"
        )
        .annotate(
            total=Count("pk"),
            n_voided=Count("pk", filter=Q(voided=True)),
            last=Max("stored"),
            **counts,
        )  # fmt: skip
        .order_by("-last")
    )


def unmatched_actors(scope: AgencyScope) -> list[dict[str, Any]]:
    """Learners no person matched yet, with their waiting statements."""
    return list(
        Statement.objects.visible_to(scope)
        .filter(outcome=Outcome.UNMATCHED, voided=False)
        .values("actor")
        .annotate(waiting=Count("pk"), last=Max("stored"), label=Max("actor_label"))
        .order_by("-last")[:200]
    )


def recent_statements(scope: AgencyScope, *, outcome: str | None = None) -> Any:
    rows = Statement.objects.visible_to(scope).select_related("key", "person")
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("-stored")[:50]
