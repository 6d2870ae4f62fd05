"""Bulk writes of the agencies and roster imports (SPEC §9), and their shared tools.

Validate every row first (`agencies.importers`), then write everything in one
transaction or nothing. Writes are set-based: existing keys are fetched once per
chunk, new rows go in with COPY on PostgreSQL (bulk_create elsewhere), changed
rows with bulk_update. Re-importing the same file writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, TypeVar

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone

from ..importers import ParsedRow, RowError, agencies_parse, roster_parse, shown
from ..models import Agency, Person, PersonStatus, PersonVersion
from ..scoping import AgencyScope
from ..signals import person_records_changed
from .people import person_refresh_current
from .tree import agency_rebuild_paths

M = TypeVar("M", bound=models.Model)
Progress = Callable[[int], None]
CHUNK = 2000  # larger IN lists tip PostgreSQL into sequential scans
MSG_NOT_ALLOWED = "ท่านไม่มีสิทธิ์นำเข้าข้อมูล"
MSG_NATIONAL_ONLY = "เฉพาะผู้ดูแลระบบ สำนักงาน ก.พ. เท่านั้นที่นำเข้าข้อมูลหน่วยงานได้"


@dataclass
class ImportResult:
    """Counts of rows new / updated / unchanged, or the errors (SPEC §9)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

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


def require_writer(scope: AgencyScope) -> None:
    """Only HR (a write scope) or OCSC may import (SPEC §8)."""
    if not (scope.national or scope.write_paths):
        raise PermissionDenied(MSG_NOT_ALLOWED)


def in_chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _text(value: Any) -> str:
    # auditlog's own rendering of values (str, "None" for None), without its cost
    return value if type(value) is str else str(value)


def apply_changes(obj: Any, values: dict[str, Any]) -> dict[str, list[str]]:
    """Set `values` on an object or a row dict; return auditlog-style changes."""
    is_row = isinstance(obj, dict)
    changes: dict[str, list[str]] = {}
    for name, new in values.items():
        old = obj[name] if is_row else getattr(obj, name)
        if old != new:
            changes[name] = [_text(old), _text(new)]
            if is_row:
                obj[name] = new
            else:
                setattr(obj, name, new)
    return changes


def creation_changes(values: dict[str, Any]) -> dict[str, list[str]]:
    return {name: ["None", _text(value)] for name, value in values.items()}


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


def _getter(f: models.Field, names: Sequence[str], now: Any) -> Callable[[Any], Any]:
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


# --- agencies ----------------------------------------------------------------


@dataclass
class _AgencyPlan:
    result: ImportResult
    new: list[Agency] = field(default_factory=list)
    changed: list[tuple[Agency, dict[str, list[str]]]] = field(default_factory=list)
    parents: dict[str, str | None] = field(default_factory=dict)


def agencies_import(
    *,
    data: bytes,
    filename: str,
    scope: AgencyScope,
    actor: Any = None,
    commit: bool = True,
    source: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Create or update agencies by code, parents by code (SPEC §3, §9).

    Only an OCSC administrator (national scope) may import agencies. Paths are
    rebuilt set-based when the tree changed.
    """
    if not scope.national:
        raise PermissionDenied(MSG_NATIONAL_ONLY)
    batch = agencies_parse(data, filename)
    if batch.errors:
        return ImportResult(errors=batch.errors)
    if progress:
        progress(50)
    if not commit:
        return _agencies_plan(batch.rows, batch.columns).result
    try:
        with transaction.atomic():
            plan = _agencies_plan(batch.rows, batch.columns)
            _agencies_write(plan, actor=actor, source=source)
    except IntegrityError:
        return conflict()
    return plan.result


def _agencies_plan(rows: list[Any], columns: frozenset[str]) -> _AgencyPlan:
    codes = [r.values["code"] for r in rows]
    existing = {
        a.code: a
        for a in Agency.objects.filter(code__in=codes).select_related("parent")
    }
    plan = _AgencyPlan(ImportResult())
    for row in rows:
        values = {
            "name_th": row.values["name_th"],
            "kind": row.values["kind"],
        }
        if "name_en" in columns:
            values["name_en"] = row.values["name_en"] or ""
        if "parent_code" in columns:
            plan.parents[row.values["code"]] = row.values["parent_code"]
        agency = existing.get(row.values["code"])
        if agency is None:
            plan.new.append(Agency(code=row.values["code"], **values))
            plan.result.new += 1
            continue
        changes = apply_changes(agency, values)
        old_parent = agency.parent.code if agency.parent else None
        new_parent = plan.parents.get(agency.code, old_parent)
        if new_parent != old_parent:
            changes["parent"] = [_text(old_parent), _text(new_parent)]
        if changes:
            plan.changed.append((agency, changes))
            plan.result.updated += 1
        else:
            plan.result.unchanged += 1
    return plan


def _agencies_write(plan: _AgencyPlan, *, actor: Any, source: Any) -> None:
    if not (plan.new or plan.changed):
        return
    bulk_insert(Agency, plan.new)
    wanted = {c for c in plan.parents.values() if c}
    ids = dict(Agency.objects.filter(code__in=wanted).values_list("code", "pk"))
    objs = plan.new + [agency for agency, _ in plan.changed]
    for agency in objs:
        if agency.code in plan.parents:
            parent = plan.parents[agency.code]
            agency.parent_id = ids[parent] if parent else None
    Agency.objects.bulk_update(
        objs, ["name_th", "name_en", "kind", "parent"], batch_size=1000
    )
    if plan.new or any("parent" in changes for _, changes in plan.changed):
        agency_rebuild_paths()
    fields = ("code", "name_th", "name_en", "kind", "parent_id")
    audit = [
        AuditRow.of(
            a, creation_changes({f: getattr(a, f) for f in fields}), created=True
        )
        for a in plan.new
    ]
    audit += [AuditRow.of(a, changes) for a, changes in plan.changed]
    audit_log_bulk(audit, actor=actor, source=source)
    plan.result.written = True


# --- roster ------------------------------------------------------------------

_PERSON_FIELDS = ("given_name", "family_name", "email")
_VERSION_FIELDS = (
    "position_title",
    "position_type",
    "position_level",
    "target_group",
    "status",
)
_LOGGED_VERSION = ("person_id", "effective_date", "agency_id", "category")
_BLANK = {"position_title": "", "position_type": "", "position_level": ""}
MSG_FOREIGN_VERSION = (
    "ไม่สามารถบันทึกข้อมูล ณ วันที่มีผลนี้ได้ กรุณาใช้วันที่มีผลอื่น",
    "A version cannot be recorded on this effective date; use another date",
)


@dataclass
class _RosterPlan:
    """New people and versions as row dicts (COPY), changed ones as objects."""

    result: ImportResult
    new_people: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_versions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    versions: list[tuple[PersonVersion, dict[str, list[str]]]] = field(
        default_factory=list
    )
    people: list[tuple[Person, dict[str, list[str]]]] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # audit labels


def roster_import(
    *,
    data: bytes,
    filename: str,
    scope: AgencyScope,
    actor: Any = None,
    commit: bool = True,
    source: dict[str, Any] | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Create or update person versions keyed by national ID + effective date.

    SPEC §9: a new date adds a version; names and e-mail are updated. SPEC §8: rows
    name agencies in the actor's write scope only. A person currently elsewhere is
    a transfer-in: the row adds (or corrects, if that version is in scope) a
    version in the actor's agency, but the person's name and e-mail stay as they
    are and no other version is touched.
    """
    require_writer(scope)
    today = today or timezone.localdate()
    batch = roster_parse(data, filename, scope=scope, today=today)
    if batch.errors:
        return ImportResult(errors=batch.errors)
    if progress:
        progress(30)
    if not commit:
        return _roster_plan(batch.rows, batch.columns, scope, progress).result
    try:
        with transaction.atomic():
            plan = _roster_plan(batch.rows, batch.columns, scope, progress)
            if plan.result.ok:
                _roster_write(plan, actor=actor, source=source, today=today)
    except IntegrityError:
        return conflict()
    return plan.result


def _roster_plan(
    rows: list[ParsedRow],
    columns: frozenset[str],
    scope: AgencyScope,
    progress: Progress | None,
) -> _RosterPlan:
    plan = _RosterPlan(ImportResult())
    done = 0
    for chunk in in_chunks(rows):
        people, versions = _roster_existing(chunk)
        for row in chunk:
            _roster_row(plan, row, columns, scope, people, versions)
        done += len(chunk)
        if progress:
            progress(30 + 60 * done // len(rows))
    return plan


Row = dict[str, Any]


def _roster_existing(
    chunk: Sequence[ParsedRow],
) -> tuple[dict[str, Row], dict[tuple[int, date], Row]]:
    """The people and versions this chunk names, as dicts: two queries."""
    hashes = {r.values["nid_hash"] for r in chunk}
    people = {
        p["national_id_hash"]: p
        for p in Person.objects.filter(national_id_hash__in=hashes).values(
            "pk", "national_id_hash", *_PERSON_FIELDS, path=F("current_agency__path")
        )
    }
    if not people:
        return people, {}
    dates = {r.values["effective_date"] for r in chunk}
    versions = {
        (v["person_id"], v["effective_date"]): v
        for v in PersonVersion.objects.filter(
            person__in=[p["pk"] for p in people.values()], effective_date__in=dates
        ).values(
            "pk",
            "person_id",
            "effective_date",
            "agency_id",
            "category",
            *_VERSION_FIELDS,
            path=F("agency__path"),
        )
    }
    return people, versions


def _writable(scope: AgencyScope, path: str | None) -> bool:
    return scope.national or bool(path and path.startswith(scope.write_paths))


def _version_values(row: ParsedRow, columns: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "agency_id": row.values["agency_id"],
        "category": row.values["personnel_category"],
    }
    for name in _VERSION_FIELDS:
        if name in columns:
            values[name] = row.values[name]
            if values[name] is None and name != "target_group":
                values[name] = _BLANK.get(name, PersonStatus.ACTIVE)
    return values


def _person_values(row: ParsedRow, columns: frozenset[str]) -> dict[str, Any]:
    values = {n: row.values[n] for n in ("given_name", "family_name")}
    if "email" in columns:
        values["email"] = row.values["email"] or ""
    return values


def _roster_row(
    plan: _RosterPlan,
    row: ParsedRow,
    columns: frozenset[str],
    scope: AgencyScope,
    people: dict[str, Row],
    versions: dict[tuple[int, date], Row],
) -> None:
    key = row.values["nid_hash"]
    day = row.values["effective_date"]
    values = _version_values(row, columns)
    person = people.get(key)
    if person is None:
        if key not in plan.new_people:
            plan.new_people[key] = {
                "national_id_hash": key,
                "national_id_tail": row.values["nid_tail"],
                "email": "",
                **_person_values(row, columns),
            }
        plan.new_versions.append((key, {"effective_date": day, **values}))
        plan.result.new += 1
        return
    person_changed = _roster_person(plan, person, row, columns, scope)
    version = versions.get((person["pk"], day))
    if version is None:
        new = {"person_id": person["pk"], "effective_date": day, **values}
        plan.new_versions.append((key, new))
        plan.result.new += 1
    elif not _writable(scope, version["path"]):
        value = shown(row, "effective_date")
        error = RowError(row.row, "effective_date", value, *MSG_FOREIGN_VERSION)
        plan.result.errors.append(error)
    elif changes := apply_changes(version, values):
        fields = {k: v for k, v in version.items() if k != "path"}
        plan.versions.append((PersonVersion(**fields), changes))
        plan.result.updated += 1
    else:
        plan.result.updated += person_changed
        plan.result.unchanged += not person_changed


def _roster_person(
    plan: _RosterPlan,
    person: Row,
    row: ParsedRow,
    columns: frozenset[str],
    scope: AgencyScope,
) -> bool:
    """Update name and e-mail of a person the actor may edit (not a transfer-in)."""
    if _writable(scope, person["path"]):
        changes = apply_changes(person, _person_values(row, columns))
        if changes:
            fields = {f: person[f] for f in ("pk", *_PERSON_FIELDS)}
            plan.people.append((Person(**fields), changes))
    else:
        changes = {}
    plan.names[person["pk"]] = f"{person['given_name']} {person['family_name']}"
    return bool(changes)


def _new_people_current(plan: _RosterPlan, today: date) -> None:
    """Current facts of new people from their versions, all in this file.

    The rule of `person_refresh_current` (SPEC §3): the version valid today, or
    the first one when all lie ahead. Existing people are refreshed by it.
    """
    versions: dict[str, list[dict[str, Any]]] = {}
    for key, version in plan.new_versions:
        if key in plan.new_people:
            versions.setdefault(key, []).append(version)
    for key, mine in versions.items():
        past = [v for v in mine if v["effective_date"] <= today]
        by_day = itemgetter("effective_date")
        current = max(past, key=by_day) if past else min(mine, key=by_day)
        plan.new_people[key].update(
            current_agency_id=current["agency_id"],
            current_category=current["category"],
            current_target_group=current.get("target_group"),
            current_status=current.get("status", PersonStatus.ACTIVE),
        )


def _roster_write(plan: _RosterPlan, *, actor: Any, source: Any, today: date) -> None:
    _new_people_current(plan, today)
    insert_rows(Person, list(plan.new_people.values()))
    rows = [{"status": PersonStatus.ACTIVE, **v} for _, v in plan.new_versions]
    for (key, _), row in zip(plan.new_versions, rows, strict=True):
        row.setdefault("person_id", plan.new_people.get(key, {}).get("id"))
    insert_rows(PersonVersion, rows)
    changed = [v for v, _ in plan.versions]
    PersonVersion.objects.bulk_update(
        changed, ["agency", "category", *_VERSION_FIELDS], batch_size=1000
    )
    now = timezone.now()
    for person, _ in plan.people:
        person.updated_at = now
    Person.objects.bulk_update(
        [p for p, _ in plan.people], [*_PERSON_FIELDS, "updated_at"], batch_size=1000
    )
    _roster_audit(plan, rows, actor=actor, source=source)
    new_ids = {p["id"] for p in plan.new_people.values()}
    touched = [(r["person_id"], r["effective_date"]) for r in rows]
    touched += [(v.person_id, v.effective_date) for v in changed]
    if old := sorted({pid for pid, _ in touched} - new_ids):
        person_refresh_current(person_ids=old, today=today)
    if touched:
        ids = sorted({pid for pid, _ in touched})
        since = min(day for _, day in touched)
        transaction.on_commit(
            lambda: person_records_changed.send(
                sender=PersonVersion, person_ids=ids, since=since
            )
        )
    plan.result.written = bool(touched or plan.people)


def _roster_audit(
    plan: _RosterPlan, rows: list[dict[str, Any]], *, actor: Any, source: Any
) -> None:
    """Audit entries without national IDs or their hashes (SPEC §3)."""
    names = plan.names
    names.update(
        {
            p["id"]: f"{p['given_name']} {p['family_name']}"
            for p in plan.new_people.values()
        }
    )
    audit = [
        AuditRow(Person, p["id"], names[p["id"]], _creation(p, _PERSON_FIELDS), True)
        for p in plan.new_people.values()
    ]
    for row in rows:
        label = (
            f"{names.get(row['person_id'], row['person_id'])} @ {row['effective_date']}"
        )
        changes = _creation(row, (*_LOGGED_VERSION, *_VERSION_FIELDS))
        audit.append(AuditRow(PersonVersion, row["id"], label, changes, True))
    audit += [AuditRow.of(p, c) for p, c in plan.people]
    audit += [
        AuditRow.of(v, c, label=f"{names[v.person_id]} @ {v.effective_date}")
        for v, c in plan.versions
    ]
    audit_log_bulk(audit, actor=actor, source=source)


def _creation(row: dict[str, Any], names: Iterable[str]) -> dict[str, list[str]]:
    return creation_changes({n: row[n] for n in names if n in row})
