"""Counts a page shows again and again, kept a short while (issue 17).

Counting a ministry's people or pending items up to a cap is often a page's
dearest query, and paging through the same filters does not change it. A count
is kept COUNT_TTL seconds per user, filters and a generation that every write
of theirs bumps (`ForgetCountsOnWrite`), so what they just did shows at once;
others' changes show within COUNT_TTL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")
COUNT_TTL = 60  # seconds


def _generation(user_id: int) -> int:
    generation: int = cache.get_or_set(f"counts:gen:{user_id}", 1, None) or 1
    return generation


def kept(
    area: str, user_id: int, params: Iterable[tuple[str, Any]], count: Callable[[], T]
) -> T:
    """`count()` kept COUNT_TTL per user, `params` (the filters) and generation."""
    digest = hashlib.sha256(repr(sorted(params)).encode()).hexdigest()[:16]
    key = f"counts:{area}:{user_id}:{_generation(user_id)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = count()
        cache.set(key, value, COUNT_TTL)
    return value


def forget(user_id: int) -> None:
    """The user wrote something: every count kept for them is stale."""
    try:
        cache.incr(f"counts:gen:{user_id}")
    except ValueError:
        cache.set(f"counts:gen:{user_id}", 2, None)


class ForgetCountsOnWrite:
    """After any write a signed-in user makes (a POST that did not fail), their
    kept counts go: the roster and the queue then count what they just did."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        write = request.method in ("POST", "PUT", "PATCH", "DELETE")
        if write and response.status_code < 400 and request.user.is_authenticated:
            forget(request.user.pk)
        return response
