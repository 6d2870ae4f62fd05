"""Planner statistics after bulk writes (PostgreSQL; other databases need none).

Autovacuum analyses a table some time after it changed. A big query planned in
between trusts the old row counts: right after a bulk load of 200,000 people a
full compliance recompute took 301 s instead of 22 s, and a 3,000-person ministry
imported through the importers took 146 s instead of 0.36 s.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError, connection

log = logging.getLogger(__name__)
STALE_SHARE = 0.1  # like autovacuum's analyze_scale_factor


def analyze_stale(tables: Iterable[str]) -> list[str]:
    """ANALYZE each table never analysed or changed by a tenth since; returns them."""
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT relname FROM pg_stat_user_tables
                WHERE relname = ANY(%s) AND (
                  COALESCE(last_analyze, last_autoanalyze) IS NULL
                  OR n_mod_since_analyze > %s * GREATEST(n_live_tup, 1000))
                """,
                [list(tables), STALE_SHARE],
            )
            stale = [name for (name,) in cursor.fetchall()]
            for name in stale:  # never waiting behind a lock: it is only a plan
                cursor.execute(
                    f"ANALYZE (SKIP_LOCKED) {connection.ops.quote_name(name)}"
                )
    except DatabaseError:  # the write stands; autovacuum analyses it later
        log.warning("ANALYZE after a bulk write failed", exc_info=True)
        return []
    return stale


def vacuum_analyze(tables: Iterable[str]) -> None:
    """VACUUM (ANALYZE) after a bulk load: statistics, and the visibility map that
    lets index-only scans skip the table. Inside a transaction (where VACUUM
    cannot run), ANALYZE only."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for name in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(name)}")


# What the importers write (people, versions, records): the compliance engine's
# inputs and the roster's.
IMPORTED_TABLES = (
    "agencies_agency",
    "agencies_person",
    "agencies_personversion",
    "competencies_trainingrecord",
    "competencies_trainingrecord_skill_areas",
    "competencies_assessment",
)


def analyze_after_import() -> None:
    """After an import commits: fresh statistics where it changed much."""
    analyze_stale(IMPORTED_TABLES)
