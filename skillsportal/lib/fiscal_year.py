"""Buddhist Era years and the Thai fiscal year (SPEC §2).

Dates are always stored as real CE ``date`` values; BE numbers exist only at the edges.
"""

from __future__ import annotations

from datetime import date

BE_OFFSET = 543

# The fiscal year is named after the calendar year in which it ends, and it
# starts on 1 October of the previous year.
_FIRST_MONTH = 10


def be_year(ce_year: int) -> int:
    """Return the Buddhist Era year for a CE year (SPEC §2)."""
    return ce_year + BE_OFFSET


def ce_year(be_year: int) -> int:
    """Return the CE year for a Buddhist Era year (SPEC §2)."""
    return be_year - BE_OFFSET


def fiscal_year_of(d: date) -> int:
    """Return the BE fiscal year that contains ``d`` (SPEC §2)."""
    return be_year(d.year) + (1 if d.month >= _FIRST_MONTH else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """Return the first and last CE day of BE fiscal year ``fy`` (SPEC §2)."""
    end_ce = ce_year(fy)
    return date(end_ce - 1, _FIRST_MONTH, 1), date(end_ce, 9, 30)


def as_of_date(fy: int, today: date | None = None) -> date:
    """Return min(last day of fiscal year ``fy``, today) (SPEC §2)."""
    # date.today() is the server's local date; Django callers should pass
    # timezone.localdate() so the answer follows Asia/Bangkok, not the host.
    today = today or date.today()
    return min(fiscal_year_bounds(fy)[1], today)


def current_fiscal_year(today: date | None = None) -> int:
    """Return the BE fiscal year containing today (SPEC §2)."""
    return fiscal_year_of(today or date.today())


def fiscal_year_elapsed(fy: int, today: date) -> float | None:
    """The share (0–1) of fiscal year ``fy`` gone by ``today``; None unless it runs."""
    first, last = fiscal_year_bounds(fy)
    if not first <= today <= last:
        return None
    return ((today - first).days + 1) / ((last - first).days + 1)
