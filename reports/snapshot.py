"""A fiscal year's figures, built beside the published ones and swapped in at once.

On PostgreSQL the three figure tables are partitioned by fiscal year (migration
0005). A full recompute writes the year's rows into fresh tables, with no index
to maintain and no dead rows left behind, indexes them, and in its last
statements swaps them for the year's partitions. Readers see the previous year
until the commit; the swap holds its lock for milliseconds, not for the build.

On SQLite (the demo) the year's rows are deleted and written in place, in the
same transaction.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import connection
from django.db.models import Model

from .engine import Tables
from .models import ComplianceFigure, PersonYearFigure, SkillFigure

MODELS: tuple[type[Model], ...] = (PersonYearFigure, ComplianceFigure, SkillFigure)
BUILD_SETTINGS = (  # for the recompute's transaction only (SET LOCAL)
    "SET LOCAL work_mem = '256MB'",
    "SET LOCAL maintenance_work_mem = '256MB'",
    "SET LOCAL jit = off",  # compiling these plans costs more than it saves
    # Derived rows: after a crash the previous year stands and a recompute redoes it.
    "SET LOCAL synchronous_commit = off",
    # ANALYZE of the fresh tables samples 300 × this many rows: row counts and the
    # common values of year, agency and group need no more than that.
    "SET LOCAL default_statistics_target = 30",
)
SERIAL_SETTINGS = (
    "SET LOCAL max_parallel_workers_per_gather = 0",
    "SET LOCAL max_parallel_maintenance_workers = 0",
)


def build(fy: int, *, parallel: bool = True) -> Tables:
    """Where to write FY `fy`'s figures, inside the caller's transaction.

    `parallel=False` when other years are computed at the same time: the cores
    are busy already, and parallel plans only add their own overhead.
    """
    if connection.vendor != "postgresql":
        for model in MODELS:
            model._default_manager.filter(fy=fy).delete()
        return Tables()
    token = uuid.uuid4().hex[:8]
    with connection.cursor() as cursor:
        for sql in BUILD_SETTINGS + (() if parallel else SERIAL_SETTINGS):
            cursor.execute(sql)
    people, figures, skills = (f"{m._meta.db_table}_y{fy}_{token}" for m in MODELS)
    return Tables(people, figures, skills, fy=fy)


def publish(tables: Tables) -> None:
    """Index fresh tables and make them their year's partitions (PostgreSQL).

    Tables never written (no framework applies to the year) leave the year empty.
    """
    fy = tables.fy
    if fy is None:
        return  # the published tables were written in place
    pairs = list(zip([m._meta.db_table for m in MODELS], tables.names, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT to_regclass('{tables.people}') IS NOT NULL")
        (written,) = cursor.fetchone()
        for table, name in pairs if written else ():
            _constrain_like(cursor, table, name, fy)
            _index_like(cursor, table, name)
            cursor.execute(f"ANALYZE {name}")
        # The swap: from here to the commit, readers of these tables wait.
        # Every writer locks the three in this order (lock_for_writing): no deadlock.
        tables_in_order = ", ".join(table for table, _ in pairs)
        cursor.execute(f"LOCK TABLE {tables_in_order} IN ACCESS EXCLUSIVE MODE")
        for table, name in pairs:
            for old in _partitions_of(cursor, table, fy):
                cursor.execute(f"ALTER TABLE {table} DETACH PARTITION {old}")
                cursor.execute(f"DROP TABLE {old}")
            cursor.execute(f"DELETE FROM {table}_default WHERE fy = %s", [fy])
            if written:
                cursor.execute(
                    f"ALTER TABLE {table} ATTACH PARTITION {name}"
                    f" FOR VALUES IN ({int(fy)})"
                )


def lock_for_writing() -> None:
    """Take the published tables in the swap's order before writing to them.

    An incremental refresh that held one table while a swap held another would
    otherwise deadlock with it.
    """
    if connection.vendor != "postgresql":
        return
    names = ", ".join(m._meta.db_table for m in MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {names} IN ROW EXCLUSIVE MODE")


def _constrain_like(cursor: Any, table: str, name: str, fy: int) -> None:
    """The parent's NOT NULLs and CHECKs on `name`, and one of the year.

    In one ALTER TABLE (one scan); the year's CHECK spares ATTACH another.
    """
    cursor.execute(
        """
        SELECT attname FROM pg_attribute
        WHERE attrelid = %s::regclass AND attnum > 0 AND attnotnull
          AND NOT attisdropped
        """,
        [table],
    )
    changes = [f"ALTER {column} SET NOT NULL" for (column,) in cursor.fetchall()]
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'c'",
        [table],
    )
    changes += [f"ADD CONSTRAINT {c} {d}" for c, d in cursor.fetchall()]
    changes.append(f"ADD CONSTRAINT {name}_fy CHECK (fy = {int(fy)})")
    cursor.execute(f"ALTER TABLE {name} {', '.join(changes)}")


def _index_like(cursor: Any, table: str, name: str) -> None:
    """Give `name` the parent's keys and indexes, so that ATTACH only links them."""
    cursor.execute(
        """
        SELECT pg_get_indexdef(i.indexrelid), c.contype
        FROM pg_index i
        LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid
        WHERE i.indrelid = %s::regclass
        ORDER BY i.indexrelid
        """,
        [table],
    )
    for n, (definition, contype) in enumerate(cursor.fetchall()):
        index = f"{name}_{n}"
        method_and_columns = definition[definition.index(" USING ") :]
        unique = "UNIQUE " if definition.startswith("CREATE UNIQUE") else ""
        cursor.execute(f"CREATE {unique}INDEX {index} ON {name}{method_and_columns}")
        if contype in ("p", "u"):
            kind = "PRIMARY KEY" if contype == "p" else "UNIQUE"
            cursor.execute(
                f"ALTER TABLE {name} ADD CONSTRAINT {index} {kind} USING INDEX {index}"
            )


def _partitions_of(cursor: Any, table: str, fy: int) -> list[str]:
    """The partitions published for FY `fy` (one; none before the first build)."""
    cursor.execute(
        """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = %s::regclass AND c.relname LIKE %s
        """,
        [table, f"{table}_y{int(fy)}\\_%"],
    )
    return [row[0] for row in cursor.fetchall()]
