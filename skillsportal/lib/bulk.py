"""Shared tools of the bulk writers (imports, API bulk create): set-based writes.

Validate first, then write everything in one transaction or nothing. Existing
keys are fetched once per chunk (`in_chunks`), new rows go in with COPY on
PostgreSQL (bulk_create elsewhere), and every created or changed object gets one
audit entry written in bulk (`audit_log_bulk`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypeVar

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from skillsportal.lib.importing import RowError

M = TypeVar("M", bound=models.Model)
Progress = Callable[[int], None]
CHUNK = 2000  # larger IN lists tip PostgreSQL into sequential scans


@dataclass
class ImportResult:
    """Counts of rows new / updated / unchanged, or the errors (SPEC §9)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Kept, shown, and no reason to refuse the file (SPEC §6: unknown course codes).
    warnings: list[RowError] = field(default_factory=list)
    written: bool = False
    # Roster rows about people another agency manages: transfer requests, as
    # the file gave them (row, masked ID, agency, date), never that person's data.
    transfers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class AuditRow:
    """One created (changes from None) or updated object, for the audit log."""

    model: type[models.Model]
    pk: int
    label: str
    changes: dict[str, list[str]]
    created: bool

    @classmethod
    def of(
        cls,
        obj: models.Model,
        changes: dict[str, list[str]],
        *,
        created: bool = False,
        label: str | None = None,
    ) -> AuditRow:
        return cls(type(obj), obj.pk, label or str(obj), changes, created)


def conflict() -> ImportResult:
    """The result when a concurrent write took one of our keys (nothing written)."""
    th = "ข้อมูลถูกแก้ไขพร้อมกันระหว่างนำเข้า ไม่มีข้อมูลใดถูกบันทึก กรุณานำเข้าไฟล์อีกครั้ง"
    en = "The data changed during the import; nothing was written, import again"
    return ImportResult(errors=[RowError(None, "", "", th, en)])


def in_chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def logged_text(value: Any) -> str:
    # auditlog's own rendering of values (str, "None" for None), without its cost
    return value if type(value) is str else str(value)


def apply_changes(obj: Any, values: dict[str, Any]) -> dict[str, list[str]]:
    """Set `values` on an object or a row dict; return auditlog-style changes."""
    is_row = isinstance(obj, dict)
    changes: dict[str, list[str]] = {}
    for name, new in values.items():
        old = obj[name] if is_row else getattr(obj, name)
        if old != new:
            changes[name] = [logged_text(old), logged_text(new)]
            if is_row:
                obj[name] = new
            else:
                setattr(obj, name, new)
    return changes


def creation_changes(values: dict[str, Any]) -> dict[str, list[str]]:
    return {name: ["None", logged_text(value)] for name, value in values.items()}


_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DecimalField,
    models.ForeignKey,
    models.IntegerField,
    models.TextField,
)


def _getter(
    f: models.Field[Any, Any], names: Sequence[str], now: Any
) -> Callable[[Any], Any]:
    """How to read this column's COPY value from a row's value list."""
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return lambda values: now
    if f.attname not in names:
        default = f.get_default()
        if isinstance(f, models.JSONField):
            default = None if default is None else json.dumps(default)
        else:
            default = f.get_db_prep_save(default, connection)
        return lambda values: default
    pick = itemgetter(names.index(f.attname))
    if isinstance(f, models.JSONField):
        return lambda v: (
            None
            if (x := pick(v)) is None
            else json.dumps(x, ensure_ascii=False, default=str)
        )
    if isinstance(f, _PLAIN):  # psycopg adapts these values as they are
        return pick
    return lambda values: f.get_db_prep_save(pick(values), connection)


def copy_insert(
    model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """COPY rows (values in the order of `names`) into PostgreSQL; return new pks.

    The pks are drawn from the table's sequence first, so no RETURNING is needed.
    Missing fields get their defaults and auto_now fields the current time.
    """
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    getters = [_getter(f, names, timezone.now()) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in [opts.pk, *fields])
    table = connection.ops.quote_name(opts.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s))"
            " FROM generate_series(1, %s)",
            [opts.db_table, opts.pk.column, len(rows)],
        )
        pks = [pk for (pk,) in cursor.fetchall()]
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for pk, values in zip(pks, rows, strict=True):
                copy.write_row([pk, *[get(values) for get in getters]])
    return pks


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows given as {attname: value}; set each row's pk (SPEC §10 speed).

    COPY on PostgreSQL (`copy_insert`), bulk_create elsewhere (the SQLite
    demo). All rows have the same keys.
    """
    if not rows:
        return
    pk = model._meta.pk.attname
    if connection.vendor == "postgresql":
        names = list(rows[0])
        pks = copy_insert(model, names, [[row[n] for n in names] for row in rows])
        for row, pk_value in zip(rows, pks, strict=True):
            row[pk] = pk_value
        return
    objs = [model(**row) for row in rows]
    model._default_manager.bulk_create(objs, batch_size=500)
    for row, obj in zip(rows, objs, strict=True):
        row[pk] = obj.pk


def bulk_insert(model: type[M], objs: list[M]) -> None:
    """Insert new model objects and set their pks (see `insert_rows`)."""
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                setattr(obj, f.attname, now)
    rows = [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objs]
    insert_rows(model, rows)
    for obj, row in zip(objs, rows, strict=True):
        obj.pk = row[model._meta.pk.attname]
        obj._state.adding = False
        obj._state.db = "default"


_LOG_COLUMNS = (
    "content_type_id object_pk object_id object_repr action changes changes_text"
    " actor_id actor_email timestamp additional_data"
).split()


def audit_log_bulk(
    rows: list[AuditRow], *, actor: Any, source: dict[str, Any] | None
) -> None:
    """One auditlog entry per created or updated object, written in bulk.

    auditlog's signals do not see bulk writes; `changes` must never hold national
    IDs or their hashes (callers pass only the fields they may log, SPEC §3).
    """
    if not rows:
        return
    types = ContentType.objects.get_for_models(*{r.model for r in rows})
    actor_id, email = getattr(actor, "pk", None), getattr(actor, "email", None) or None
    now = timezone.now()
    create, update = LogEntry.Action.CREATE, LogEntry.Action.UPDATE
    entries = [
        [
            types[row.model].pk,
            str(row.pk),
            row.pk,
            row.label[:500],
            create if row.created else update,
            row.changes,
            "",
            actor_id,
            email,
            now,
            source,
        ]
        for row in rows
    ]
    if connection.vendor == "postgresql":
        copy_insert(LogEntry, _LOG_COLUMNS, entries)
    else:
        dicts = [dict(zip(_LOG_COLUMNS, e, strict=True)) for e in entries]
        insert_rows(LogEntry, dicts)
