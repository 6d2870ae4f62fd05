"""Built dashboards kept while the figures they read stay the same (issue 17).

A dashboard reads only the published figures, which change when a compliance
run finishes (`services._finish` calls `figures_changed`). A board is cached
under the figures' version, the language (names are local) and the day (the
years offered follow it); a new version leaves the old boards to expire.

The pages' rendered tables are kept the same way (`Fragments`, for Django's
`{% cache %}` tag): rendering a board's numbers costs more than reading it.
Only what the board alone decides goes in a fragment: never a CSRF token, a
form or a link built from the request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def board_key(kind: str, parts: tuple[Any, ...]) -> str:
    """The key of a board: its kind and `parts`, the figures version, the
    language and the day."""
    fixed = ("board", kind, figures_version(), get_language(), timezone.localdate())
    return ":".join(str(p) for p in fixed + parts)


@dataclass(frozen=True)
class Fragments:
    """What a template's `{% cache fragments.ttl "board" fragments.key NAME %}`
    needs: the parts of a page that only its board decides."""

    key: str
    ttl: int = BOARD_TTL


def cached_board(kind: str, parts: tuple[Any, ...], build: Callable[[], T]) -> T:
    """`build()` once per figures version, language, day and `parts`."""
    return cached(board_key(kind, parts), build)


def cached(key: str, build: Callable[[], T]) -> T:
    """`build()` once under `key` (a `board_key`): a page that also renders
    `Fragments(key)` reads the version once, so its board and its fragments
    never come from two versions."""
    board = cache.get(key)
    if board is None:
        board = build()
        cache.set(key, board, BOARD_TTL)
    return board
