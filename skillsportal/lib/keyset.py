"""Keyset paging (SPEC §10): "previous" and "next" by a cursor row, never OFFSET.

A page costs the same on the first and the thousandth page. Cursors are row ids
resolved inside the already scoped and filtered queryset, so a foreign id only
restarts the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of rows and the cursors around it."""

    items: list[T]
    next_after: int | None
    prev_before: int | None


class _Row(Func):
    """A row value `(a, b, c)` that compares column by column (PostgreSQL, SQLite)."""

    function = ""
    output_field = CharField()


def _bound(rows: QuerySet[Any], key: Sequence[str], cursor: int | None) -> Any:
    """The sort key of the cursor row, if it is in `rows` at all."""
    if cursor is None:
        return None
    return next(iter(rows.filter(pk=cursor).values_list(*key)[:1]), None)


def keyset_page(
    rows: QuerySet[Any],
    *,
    key: Sequence[str],
    order: Sequence[F | Func] | None = None,
    after: int | None = None,
    before: int | None = None,
    size: int,
) -> Page[Any]:
    """A page of `rows` in `key` order (the last key field must be unique: "pk").

    `order` may replace the key's columns by expressions that sort the same way
    (e.g. one an index cannot serve, to steer the planner); by default the key.
    """
    columns = list(order) if order is not None else [F(name) for name in key]
    bound = _bound(rows, key, after if after is not None else before)
    backwards = bound is not None and before is not None and after is None
    keyed = rows
    if bound is not None:
        beyond = LessThan if backwards else GreaterThan
        keyed = rows.filter(beyond(_Row(*columns), _Row(*(Value(v) for v in bound))))
    ordering = [c.desc() for c in columns] if backwards else columns
    fetched = list(keyed.order_by(*ordering)[: size + 1])
    more = len(fetched) > size
    fetched = fetched[:size]
    if backwards:
        fetched.reverse()
    has_next = (more and not backwards) or (backwards and bool(fetched))
    has_prev = (bound is not None and not backwards) or (backwards and more)
    return Page(
        items=fetched,
        next_after=fetched[-1].pk if has_next and fetched else None,
        prev_before=fetched[0].pk if has_prev and fetched else None,
    )
