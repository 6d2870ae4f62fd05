"""Bulk writers for generated rows: PostgreSQL COPY, or executemany on SQLite.

Rows arrive as COPY text lines. On PostgreSQL a background thread streams them with
psycopg 3's `cursor.copy()` on the same connection (and so the same transaction)
while the main thread generates the next batch: on a 2-core machine Python and the
database backend then work at the same time. The main thread must not use the
connection until `finish()` returns.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model

NULL = "\\N"
_QUEUE_DEPTH = 8  # batches in flight: bounds memory while keeping both cores busy


@dataclass(frozen=True)
class Table:
    """A table and the columns (in line order) that its lines fill."""

    name: str
    columns: tuple[str, ...]

    @classmethod
    def of(cls, model: type[Model], columns: tuple[str, ...]) -> Table:
        """Describe `model`'s table; fail loudly if a required column is left out.

        Guards the seeding against schema changes: a new NOT NULL column without a
        database default would otherwise fail mid-run with a COPY error.
        """
        known = {f.column for f in model._meta.concrete_fields}
        unknown = set(columns) - known
        missing = [
            f.column
            for f in model._meta.concrete_fields
            if f.column not in columns and not f.null and not f.has_db_default()  # type: ignore[attr-defined]
        ]
        if unknown or missing:
            raise RuntimeError(
                f"seed_demo is out of date for {model._meta.db_table}: "
                f"unknown {sorted(unknown)}, unfilled {sorted(missing)}"
            )
        return cls(model._meta.db_table, columns)


@dataclass
class TableStats:
    """Rows written to one table and the seconds spent writing them."""

    table: str
    rows: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


class RowSink:
    """Writes lines to tables and keeps per-table statistics."""

    def __init__(self) -> None:
        self.stats: dict[str, TableStats] = {}

    def write(self, table: Table, lines: list[str]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Wait until every line is written."""

    def _count(self, table: Table, rows: int, seconds: float) -> None:
        stats = self.stats.setdefault(table.name, TableStats(table.name))
        stats.rows += rows
        stats.seconds += seconds


class SqliteSink(RowSink):
    """executemany() INSERTs, synchronous; for small seeds and tests."""

    def write(self, table: Table, lines: list[str]) -> None:
        if not lines:
            return
        started = time.perf_counter()
        columns = ", ".join(table.columns)
        marks = ", ".join(["%s"] * len(table.columns))
        rows = [
            [None if v == NULL else v for v in line[:-1].split("\t")] for line in lines
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", rows
            )
        self._count(table, len(lines), time.perf_counter() - started)


class PostgresCopySink(RowSink):
    """COPY … FROM STDIN on a writer thread that shares the Django connection."""

    def __init__(self, *, freeze: bool = False) -> None:
        super().__init__()
        self._with = " WITH (FREEZE)" if freeze else ""
        connection.ensure_connection()
        self._pg: Any = connection.connection  # the psycopg 3 Connection
        self._queue: queue.Queue[tuple[Table, list[str]] | None] = queue.Queue(
            _QUEUE_DEPTH
        )
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="seed-copy", daemon=True)
        self._thread.start()

    def write(self, table: Table, lines: list[str]) -> None:
        self._raise_if_failed()
        if lines:
            self._queue.put((table, lines))

    def finish(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._raise_if_failed()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise RuntimeError(f"COPY failed: {self._error}") from self._error

    def _run(self) -> None:
        # After an error, keep draining the queue so that write() never blocks.
        with self._pg.cursor() as cursor:
            while (item := self._queue.get()) is not None:
                if self._error is not None:
                    continue
                try:
                    self._copy(cursor, *item)
                except Exception as exc:
                    self._error = exc

    def _copy(self, cursor: Any, table: Table, lines: list[str]) -> None:
        started = time.perf_counter()
        columns = ", ".join(table.columns)
        sql = f"COPY {table.name} ({columns}) FROM STDIN{self._with}"
        with cursor.copy(sql) as copy:
            copy.write("".join(lines))
        self._count(table, len(lines), time.perf_counter() - started)


def row_sink(*, truncated: bool = False) -> RowSink:
    """The fastest writer for the current database.

    `truncated`: the tables were truncated in this transaction, so PostgreSQL can
    write the rows already frozen (COPY FREEZE): no hint-bit rewrite of every page
    on first read and no freezing vacuum of gigabytes after the seed.
    """
    if connection.vendor == "postgresql":
        return PostgresCopySink(freeze=truncated)
    return SqliteSink()


def sequences_reset(tables: list[str]) -> None:
    """Move each table's id sequence past the explicit ids written (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows explicit ids by itself
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
            )


@dataclass(frozen=True)
class _Ddl:
    name: str
    drop: str
    create: str


def _secondary_ddl(table: str) -> list[_Ddl]:
    """Statements to drop and recreate `table`'s indexes and constraints but its key.

    Read from the catalog, so whatever the migrations created comes back exactly.
    Check constraints stay: they are cheap per row and need no index.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.contype, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = %s::regclass AND c.contype IN ('u', 'f')
            ORDER BY c.contype DESC, c.conname
            """,
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = %s::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
            ORDER BY i.relname
            """,
            [table],
        )
        indexes = cursor.fetchall()
    ddl = [
        _Ddl(name, f'DROP INDEX "{name}"', definition) for name, definition in indexes
    ]
    ddl += [
        _Ddl(
            name,
            f'ALTER TABLE {table} DROP CONSTRAINT "{name}"',
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}',
        )
        for _kind, name, definition in constraints
    ]
    return ddl


class DeferredIndexes:
    """Drop secondary indexes and constraints for a bulk load, then rebuild them.

    One sorted build per index and one join per foreign key are much cheaper than
    maintaining eight indexes row by row and checking every foreign key (deferred
    to commit by Django) one row at a time. Runs inside the caller's transaction:
    if anything fails, PostgreSQL rolls the DDL back with the data.
    """

    def __init__(self, tables: list[str]) -> None:
        self.tables = tables
        self.ddl: list[_Ddl] = []
        self.timings: list[tuple[str, float]] = []

    def drop(self) -> None:
        """Remember and drop every index and constraint of the tables but the key."""
        for table in self.tables:
            self.ddl.extend(_secondary_ddl(table))
        # Foreign keys first: they may depend on the unique indexes.
        drops = sorted(self.ddl, key=lambda d: "FOREIGN KEY" not in d.create)
        with connection.cursor() as cursor:
            # A table with pending (deferred) foreign-key checks cannot be altered:
            # run those checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for d in drops:
                cursor.execute(d.drop)

    def rebuild(self) -> None:
        """Recreate everything dropped (indexes, then uniques, then foreign keys)."""
        order = sorted(
            self.ddl,
            key=lambda d: ("FOREIGN KEY" in d.create, "UNIQUE" in d.create),
        )
        with connection.cursor() as cursor:
            # Statistics first: they let the foreign-key checks below use a
            # (parallel) hash join instead of a plan made for empty tables.
            for table in self.tables:
                cursor.execute(f"ANALYZE {table}")
            cursor.execute("SET LOCAL maintenance_work_mem TO '512MB'")
            cursor.execute("SET LOCAL work_mem TO '256MB'")
            for d in order:
                started = time.perf_counter()
                cursor.execute(d.create)
                self.timings.append((d.name, time.perf_counter() - started))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
