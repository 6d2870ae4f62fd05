"""Shared tools of the bulk writers (imports, API bulk create): set-based writes.

Validate first, then write everything in one transaction or nothing. Existing
keys are fetched once per chunk (`in_chunks`), new rows go in with COPY on
PostgreSQL (bulk_create elsewhere), and every created or changed object gets one
audit entry written in bulk (`audit_log_bulk`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import (
    IntegrityError,
    NotSupportedError,
    connection,
    models,
    transaction,
)
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


class JsonText(str):
    """A value already encoded as JSON text: COPY sends it as it is."""


@dataclass
class AuditRow:
    """One created (changes from None) or updated object, for the audit log."""

    model: type[models.Model]
    pk: int
    label: str
    changes: dict[str, list[str]] | JsonText
    created: bool

    @classmethod
    def of(
        cls,
        obj: models.Model,
        changes: dict[str, list[str]] | JsonText,
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


# The names present → the JSON text with a %s per value, e.g. '{"hours": ["None", %s]}'
_CREATED: dict[tuple[str, ...], str] = {}


def creation_changes(
    values: dict[str, Any], names: Iterable[str] | None = None
) -> JsonText:
    """Auditlog's changes of a created object, as JSON text (SPEC §10 speed).

    The same text `json.dumps` gives for {name: ["None", value]} over `names`
    (those present in `values`; default all), built without the dict from one
    template per set of names: the imports write one of these per row.
    """
    present = tuple(values if names is None else [n for n in names if n in values])
    if (template := _CREATED.get(present)) is None:
        keys = (encode_basestring(name).replace("%", "%%") for name in present)
        template = _CREATED[present] = (
            "{" + ", ".join(f'{key}: ["None", %s]' for key in keys) + "}"
        )
    return JsonText(
        template
        % tuple([encode_basestring(logged_text(values[name])) for name in present])
    )


def _json(value: Any) -> Any:
    if value is None or type(value) is JsonText:
        return value
    return JsonText(json.dumps(value, ensure_ascii=False, default=str))


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


def _converter(f: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How a given value becomes its COPY value; None when psycopg takes it as is."""
    if isinstance(f, models.JSONField):
        return _json
    if isinstance(f, _PLAIN):
        return None
    return lambda value: f.get_db_prep_save(value, connection)


def _constant(f: models.Field[Any, Any], now: Any) -> Any:
    """The COPY value of a field the rows do not give: now, or its default."""
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return now
    default = f.get_default()
    if isinstance(f, models.JSONField):
        return _json(default)
    return f.get_db_prep_save(default, connection)


def reserve_pks(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Give each row its pk from the table's sequence now (PostgreSQL), so that
    other rows can refer to it before its COPY has run; elsewhere the insert
    sets it."""
    if not rows or connection.vendor != "postgresql":
        return
    opts = model._meta
    with connection.cursor() as cursor:
        pks = _draw(cursor, opts.db_table, opts.pk.column, len(rows))
    for row, pk in zip(rows, pks, strict=True):
        row[opts.pk.attname] = pk


_SEQUENCES: dict[tuple[str, str], str] = {}  # (table, pk column) → its sequence


def _draw(cursor: Any, table: str, column: str, count: int) -> list[int]:
    """`count` new pks. The sequence is named once: resolving it in the same
    statement ran pg_get_serial_sequence per row (5× slower)."""
    if (sequence := _SEQUENCES.get((table, column))) is None:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        sequence = _SEQUENCES[table, column] = cursor.fetchone()[0]
    cursor.execute(
        "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count]
    )
    return [pk for (pk,) in cursor.fetchall()]


def _copy_rows(
    model: type[models.Model],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    constants: dict[str, Any],
) -> tuple[str, list[models.Field[Any, Any]], Sequence[Sequence[Any]]]:
    """The COPY statement, its fields, and each row's values, ready to send.

    Rows carry their pk when `names` has it (`reserve_pks`); otherwise the table
    gives it. The other fields get `constants`, their defaults or, auto_now, the
    current time: each row becomes (*values, *those), converted only where needed.
    """
    opts = model._meta
    given = {f.attname: f for f in opts.concrete_fields}
    now = timezone.now()
    named = [given[name] for name in names]
    rest = [
        f for f in opts.concrete_fields if f.attname not in names and not f.primary_key
    ]
    fixed = tuple(
        _json(constants[f.attname])
        if f.attname in constants and isinstance(f, models.JSONField)
        else constants[f.attname]
        if f.attname in constants
        else _constant(f, now)
        for f in rest
    )
    convert = [(i, c) for i, f in enumerate(named) if (c := _converter(f)) is not None]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [*named, *rest])
    sql = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"
    if not convert and not fixed:
        return sql, named, rows
    ready = []
    for values in rows:
        if convert:
            values = list(values)
            for i, conv in convert:
                values[i] = conv(values[i])
        ready.append((*values, *fixed))
    return sql, [*named, *rest], ready


def _copy(cursor: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    with cursor.copy(sql) as copy:
        write = copy.write_row
        for row in rows:
            write(row)


class BackgroundCopy:
    """COPYs run in order on a second thread, over this transaction's connection,
    while the caller prepares the next rows (PostgreSQL; SPEC §10 speed).

    The server inserts and indexes one table while Python builds the next one's
    rows: two cores, both busy. Rows that others refer to get their pks first
    (`reserve_pks`). The caller should leave the database alone until the block
    ends (a query would wait for the COPY in progress). Errors of the COPYs are
    raised at the end of the block, as Django's.

    Foreign keys are checked in the block, not at commit. When the database role
    may set `session_replication_role` (a superuser, or PostgreSQL 15's `GRANT SET
    ON PARAMETER`), the per-row triggers are off for the COPYs and each referenced
    table is checked once at the end of the block (`_check_references`): the rows
    referred to are locked FOR KEY SHARE, the lock the triggers take, and rows
    COPYed in the block need no check. That saved 40% of the COPYs' time. Without
    the privilege the triggers check each row at the end of its COPY.
    """

    def __init__(self) -> None:
        self._raw = connection.connection
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="copy")
        self._jobs: list[Future[Any]] = []
        self.set_based = _may_switch_triggers_off()
        self._inserted: dict[tuple[str, str], set[Any]] = defaultdict(set)
        self._referred: dict[tuple[str, str], set[Any]] = defaultdict(set)
        self.submit(lambda cursor: cursor.execute(_TRIGGERS_OFF[self.set_based]))

    def submit(self, work: Callable[[Any], Any]) -> None:
        self._jobs.append(self._pool.submit(self._run, work))

    def note(
        self,
        model: type[models.Model],
        fields: Sequence[models.Field[Any, Any]],
        rows: Sequence[Sequence[Any]],
    ) -> None:
        """Remember the pks a COPY inserts and the keys its rows refer to."""
        if not self.set_based:
            return
        for i, f in enumerate(fields):
            if f.primary_key:
                table = f.model._meta.db_table
                self._inserted[table, f.column].update(row[i] for row in rows)
            elif f.is_relation and (f.many_to_one or f.one_to_one):
                target = f.target_field  # type: ignore[attr-defined]
                keys = {row[i] for row in rows}
                keys.discard(None)
                self._referred[target.model._meta.db_table, target.column] |= keys

    def _check_references(self, cursor: Any) -> None:
        """Each referenced table once: its rows exist, locked until commit."""
        quote = connection.ops.quote_name
        for (table, column), keys in self._referred.items():
            wanted = keys - self._inserted[table, column]
            if not wanted:
                continue
            cursor.execute(
                f"SELECT {quote(column)} FROM {quote(table)} "
                f"WHERE {quote(column)} = ANY(%s) FOR KEY SHARE",
                [list(wanted)],
            )
            if missing := wanted - {key for (key,) in cursor.fetchall()}:
                raise IntegrityError(
                    f"{len(missing)} rows refer to missing {table}.{column}: "
                    f"{sorted(missing)[:5]}"
                )

    def _run(self, work: Callable[[Any], Any]) -> None:
        with self._raw.cursor() as cursor:
            work(cursor)

    def __enter__(self) -> BackgroundCopy:
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if kind is None:
            if self.set_based:
                self.submit(self._check_references)
            # Back to Django's deferred checks, and the triggers on, for what follows.
            self.submit(lambda cursor: cursor.execute(_TRIGGERS_ON[self.set_based]))
        self._pool.shutdown(wait=True)  # no thread touches the connection after
        failed = next((e for job in self._jobs if (e := job.exception())), None)
        if failed is not None and kind is None:
            with connection.wrap_database_errors:
                raise failed


_TRIGGERS_OFF = {
    True: "SELECT set_config('session_replication_role', 'replica', true)",
    False: "SET CONSTRAINTS ALL IMMEDIATE",
}
_TRIGGERS_ON = {
    True: "SELECT set_config('session_replication_role', 'origin', true)",
    False: "SET CONSTRAINTS ALL DEFERRED",
}


def _may_switch_triggers_off() -> bool:
    """Whether this role may set `session_replication_role` (see BackgroundCopy)."""
    if connection.pg_version < 150000:  # type: ignore[attr-defined]
        return False  # has_parameter_privilege came with PostgreSQL 15
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_parameter_privilege('session_replication_role', 'SET')"
        )
        return bool(cursor.fetchone()[0])


@contextmanager
def background_copy() -> Iterator[BackgroundCopy | None]:
    """A `BackgroundCopy` on PostgreSQL; None (write inline) elsewhere."""
    if connection.vendor != "postgresql":
        yield None
        return
    connection.ensure_connection()
    with BackgroundCopy() as writer:
        yield writer


def copy_insert(
    model: type[models.Model],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    constants: dict[str, Any] | None = None,
    background: BackgroundCopy | None = None,
) -> None:
    """COPY rows (values in the order of `names`) into PostgreSQL.

    The fields not named take `constants` (the same for every row) or their
    defaults. With `background`, the COPY is queued there; without, it runs in a
    block of its own, for its foreign keys are checked there, not at commit
    (100,000 training records: a second less).
    """
    if background is None:
        with background_copy() as own:
            if own is None:
                raise NotSupportedError("COPY is PostgreSQL's: use insert_rows")
            copy_insert(model, names, rows, constants=constants, background=own)
        return
    sql, fields, ready = _copy_rows(model, names, rows, constants or {})
    background.note(model, fields, ready)
    background.submit(lambda cursor: _copy(cursor, sql, ready))


def insert_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    *,
    background: BackgroundCopy | None = None,
) -> None:
    """Insert rows given as {attname: value} (SPEC §10 speed).

    COPY on PostgreSQL (`copy_insert`), bulk_create elsewhere (the SQLite
    demo). All rows have the same keys. A row without its pk gets one, set in
    the row; in `background` the table gives it unseen: rows that others refer
    to must carry theirs (`reserve_pks`).
    """
    if not rows:
        return
    pk = model._meta.pk.attname
    if connection.vendor == "postgresql":
        if pk not in rows[0] and background is None:
            reserve_pks(model, rows)
        names = list(rows[0])
        pick = itemgetter(*names)
        copy_insert(model, names, [pick(row) for row in rows], background=background)
        return
    objs = [model(**row) for row in rows]
    model._default_manager.bulk_create(objs, batch_size=500)
    for row, obj in zip(rows, objs, strict=True):
        row[pk] = obj.pk


def reserve_object_pks(model: type[M], objs: Sequence[M]) -> None:
    """`reserve_pks` for model objects: on PostgreSQL they have their pks now,
    before their COPY; elsewhere their insert sets them."""
    rows: list[dict[str, Any]] = [{} for _ in objs]
    reserve_pks(model, rows)
    for obj, row in zip(objs, rows, strict=True):
        obj.pk = row.get(model._meta.pk.attname)


def bulk_insert(
    model: type[M], objs: list[M], *, background: BackgroundCopy | None = None
) -> None:
    """Insert new model objects and set their pks (see `insert_rows`); in
    `background` they have theirs already (`reserve_object_pks`)."""
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                setattr(obj, f.attname, now)
    pk = model._meta.pk.attname
    rows = [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objs]
    if background is not None:
        for row, obj in zip(rows, objs, strict=True):
            row[pk] = obj.pk
    insert_rows(model, rows, background=background)
    for obj, row in zip(objs, rows, strict=True):
        obj.pk = row[pk]
        obj._state.adding = False
        obj._state.db = "default"


def bulk_update(
    model: type[M], objs: Sequence[M] | Sequence[dict[str, Any]], names: Sequence[str]
) -> None:
    """Write the fields `names` of `objs` in one UPDATE (SPEC §10 speed).

    `objs` are model objects, or rows read with `.values()` (attnames, the pk as
    "pk"): the roster's 100,000 changed versions stay dicts, as making objects of
    them took a second. On PostgreSQL the values are COPYed into a temporary
    table that one UPDATE joins: Django's bulk_update builds a CASE of every row
    for every field, 88 s of Python for those versions (this: under 2 s).
    Elsewhere Django's. As there, no `save()`: auto_now fields are not touched.
    """
    if not objs:
        return
    opts = model._meta
    fields: list[models.Field[Any, Any]] = [opts.pk]
    fields += [opts.get_field(name) for name in names]  # type: ignore[misc]
    keys = [f.attname for f in fields]
    get: Callable[[Any], tuple[Any, ...]] = attrgetter(*keys)
    if isinstance(objs[0], dict):
        get = itemgetter("pk", *keys[1:])
    # One row a pk, the last one given: UPDATE … FROM would take any of them.
    # In pk order, each row's pages beside the last one's.
    unique = {r[0]: r for r in map(get, objs)}
    rows: list[Sequence[Any]] = [unique[pk] for pk in sorted(unique)]
    if connection.vendor != "postgresql":
        made = [model(**dict(zip(keys, row, strict=True))) for row in rows]
        model._default_manager.bulk_update(made, names, batch_size=500)
        return
    if convert := [(i, c) for i, f in enumerate(fields) if (c := _converter(f))]:
        rows = [list(row) for row in rows]
        for row in rows:
            for i, conv in convert:
                row[i] = conv(row[i])  # type: ignore[index]
    quote = connection.ops.quote_name
    table, pk = quote(opts.db_table), quote(opts.pk.column)
    columns = [quote(f.column) for f in fields if f.column]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE _bulk_update AS"
            f" SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        _copy(cursor, f"COPY _bulk_update ({', '.join(columns)}) FROM STDIN", rows)
        cursor.execute("ANALYZE _bulk_update")
        assignments = ", ".join(f"{c} = u.{c}" for c in columns[1:])
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM _bulk_update AS u"
            f" WHERE t.{pk} = u.{pk}"
        )
        cursor.execute("DROP TABLE _bulk_update")


_LOG_COLUMNS = "content_type_id object_pk object_id object_repr action changes".split()


def audit_log_bulk(
    rows: list[AuditRow],
    *,
    actor: Any,
    source: dict[str, Any] | None,
    background: BackgroundCopy | None = None,
) -> None:
    """One auditlog entry per created or updated object, written in bulk.

    auditlog's signals do not see bulk writes; `changes` must never hold national
    IDs or their hashes (callers pass only the fields they may log, SPEC §3).
    """
    if not rows:
        return
    types = ContentType.objects.get_for_models(*{r.model for r in rows})
    same = {
        "changes_text": "",
        "actor_id": getattr(actor, "pk", None),
        "actor_email": getattr(actor, "email", None) or None,
        "timestamp": timezone.now(),
        "additional_data": source,
    }
    create, update = LogEntry.Action.CREATE, LogEntry.Action.UPDATE
    if connection.vendor != "postgresql":  # bulk_create takes values, not JSON text
        for row in rows:
            if type(row.changes) is JsonText:
                row.changes = json.loads(row.changes)
    entries = [
        (
            types[row.model].pk,
            str(row.pk),
            row.pk,
            row.label[:500],
            create if row.created else update,
            row.changes,
        )
        for row in rows
    ]
    if connection.vendor == "postgresql":
        copy_insert(
            LogEntry, _LOG_COLUMNS, entries, constants=same, background=background
        )
    else:
        dicts = [{**same, **dict(zip(_LOG_COLUMNS, e, strict=True))} for e in entries]
        insert_rows(LogEntry, dicts)
