"""Built dashboards kept while the figures they read stay the same (issue 17).

A dashboard reads only the published figures, which change when a compliance
run finishes (`services._finish` calls `figures_changed`). A board is cached
under the figures' version, the language (names are local) and the day (the
years offered follow it); a new version leaves the old boards to expire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")
BOARD_TTL = 600  # seconds
_VERSION = "figures:version"


def figures_version() -> int:
    version: int = cache.get_or_set(_VERSION, 1, timeout=None) or 1
    return version


def figures_changed() -> None:
    """Figures were published: every cached board is stale."""
    try:
        cache.incr(_VERSION)
    except ValueError:
        cache.set(_VERSION, 2, timeout=None)


def cached_board(kind: str, parts: tuple[Any, ...], build: Callable[[], T]) -> T:
    """`build()` once per figures version, language, day and `parts`."""
    key = ":".join(
        str(p)
        for p in (
            "board",
            kind,
            figures_version(),
            get_language(),
            timezone.localdate(),
        )
        + parts
    )
    board = cache.get(key)
    if board is None:
        board = build()
        cache.set(key, board, BOARD_TTL)
    return board
