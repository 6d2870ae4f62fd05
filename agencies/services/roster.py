"""The roster import (SPEC §3, §9): person versions keyed by national ID + date.

Validate every row first (`agencies.importers`), then write everything in one
transaction or nothing; re-importing the same file writes nothing. One audit
entry per row; the compliance marks are written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from skillsportal.lib.bulk import (
    AuditRow,
    BackgroundCopy,
    ImportResult,
    JsonText,
    Progress,
    apply_changes,
    audit_log_bulk,
    background_copy,
    bulk_update,
    conflict,
    creation_changes,
    in_chunks,
    insert_rows,
    reserve_pks,
)
from skillsportal.lib.importing import ParsedRow, RowError, shown
from skillsportal.lib.statistics import analyze_after_import
from skillsportal.lib.thai_dates import format_be

from ..access import require_writer, writes_path
from ..importers import roster_parse
from ..models import Person, PersonStatus, PersonVersion
from ..rules import BEFORE_LATEST, MSG_FOREIGN_VERSION, ONE_REQUEST_PER_FILE
from ..scoping import AgencyScope
from ..signals import person_records_changed
from .people import latest_version_dates, person_refresh_current
from .transfers import transfer_requests_upsert

_PERSON_FIELDS = ("given_name", "family_name", "email")
_VERSION_FIELDS = (
    "position_title",
    "position_type",
    "position_level",
    "target_group",
    "status",
)
# The facts a version gives its person's current_* fields (person_refresh_current).
_CURRENT_FACTS = frozenset({"agency_id", "category", "target_group", "status"})
_LOGGED_VERSION = ("person_id", "effective_date", "agency_id", "category")
_FIRST_VERSION = ("effective_date", "agency_id", "category", *_VERSION_FIELDS)
_BLANK = {"position_title": "", "position_type": "", "position_level": ""}


@dataclass
class _RosterPlan:
    """New people and versions as row dicts (COPY), changed ones as objects."""

    result: ImportResult
    new_people: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_versions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    versions: list[tuple[Row, dict[str, list[str]]]] = field(default_factory=list)
    people: list[tuple[Row, dict[str, list[str]]]] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # audit labels
    transfers: list[dict[str, Any]] = field(default_factory=list)  # request rows


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
    name agencies in the actor's write scope only. SPEC §3: a row about a person
    another agency manages becomes a transfer request to that agency (one per
    person and file), listed in the preview and never a move; rows about one's
    own people are dated no earlier than the person's latest version.
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
                transaction.on_commit(analyze_after_import)
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
        for p in Person.objects.filter(national_id_hash__in_array=hashes).values(
            "pk", "national_id_hash", *_PERSON_FIELDS, path=F("current_agency__path")
        )
    }
    if not people:
        return people, {}
    latest = latest_version_dates([p["pk"] for p in people.values()])
    for p in people.values():
        p["latest"] = latest.get(p["pk"])
    dates = {r.values["effective_date"] for r in chunk}
    versions = {
        (v["person_id"], v["effective_date"]): v
        for v in PersonVersion.objects.filter(
            person__in_array=[p["pk"] for p in people.values()],
            effective_date__in=dates,
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
    if not writes_path(scope, person["path"]):
        _roster_transfer(plan, person, row, values)
        return
    person_changed = _roster_person(plan, person, row, columns, scope)
    version = versions.get((person["pk"], day))
    before_latest = not scope.national and person["latest"] and day < person["latest"]
    if before_latest and (version is None or apply_changes(dict(version), values)):
        when = format_be(person["latest"])
        th, en = BEFORE_LATEST
        error = RowError(
            row.row,
            "effective_date",
            shown(row, "effective_date"),
            th.format(when),
            en.format(when),
        )
        plan.result.errors.append(error)
    elif version is None:
        new = {"person_id": person["pk"], "effective_date": day, **values}
        plan.new_versions.append((key, new))
        plan.result.new += 1
    elif not writes_path(scope, version["path"]):
        value = shown(row, "effective_date")
        error = RowError(row.row, "effective_date", value, *MSG_FOREIGN_VERSION)
        plan.result.errors.append(error)
    elif changes := apply_changes(version, values):
        plan.versions.append((version, changes))
        plan.result.updated += 1
    else:
        plan.result.updated += person_changed
        plan.result.unchanged += not person_changed


def _roster_transfer(
    plan: _RosterPlan, person: Row, row: ParsedRow, values: dict[str, Any]
) -> None:
    """A row about someone another agency manages: a transfer request.

    What the preview lists and any error come from the file alone (SPEC §8):
    nothing here depends on that person's versions, names or agency.
    """
    if any(t["person_id"] == person["pk"] for t in plan.transfers):
        plan.result.errors.append(
            RowError(
                row.row, "national_id", shown(row, "national_id"), *ONE_REQUEST_PER_FILE
            )
        )
        return
    plan.transfers.append(
        {
            "row": row.row,
            "person_id": person["pk"],
            "effective_date": row.values["effective_date"],
            **values,
        }
    )
    plan.result.transfers.append(
        {
            "row": row.row,
            "national_id": shown(row, "national_id"),
            "agency": row.values["agency_code"],
            "effective_date": format_be(row.values["effective_date"]),
        }
    )


def _roster_person(
    plan: _RosterPlan,
    person: Row,
    row: ParsedRow,
    columns: frozenset[str],
    scope: AgencyScope,
) -> bool:
    """Update name and e-mail of a person the actor may edit (not a transfer-in)."""
    if writes_path(scope, person["path"]):
        changes = apply_changes(person, _person_values(row, columns))
        if changes:
            plan.people.append((person, changes))
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
    by_day = itemgetter("effective_date")
    for key, mine in versions.items():
        if len(mine) == 1:  # most people: their one version, wherever it lies
            current = mine[0]
        else:
            past = [v for v in mine if v["effective_date"] <= today]
            current = max(past, key=by_day) if past else min(mine, key=by_day)
        person = plan.new_people[key]
        person["current_agency_id"] = current["agency_id"]
        person["current_category"] = current["category"]
        person["current_target_group"] = current.get("target_group")
        person["current_status"] = current.get("status", PersonStatus.ACTIVE)


def _roster_write(plan: _RosterPlan, *, actor: Any, source: Any, today: date) -> None:
    _new_people_current(plan, today)
    changed = [v for v, _ in plan.versions]
    bulk_update(PersonVersion, changed, ["agency", "category", *_VERSION_FIELDS])
    now = timezone.now()
    for person, _ in plan.people:
        person["updated_at"] = now
    bulk_update(Person, [p for p, _ in plan.people], [*_PERSON_FIELDS, "updated_at"])
    people = list(plan.new_people.values())
    rows = [{"status": PersonStatus.ACTIVE, **v} for _, v in plan.new_versions]
    reserve_pks(Person, people)
    reserve_pks(PersonVersion, rows)
    ContentType.objects.get_for_models(Person, PersonVersion)  # no query in the block
    with background_copy() as background:  # each COPY runs while the next is built
        insert_rows(Person, people, background=background)
        for (key, _), row in zip(plan.new_versions, rows, strict=True):
            row.setdefault("person_id", plan.new_people.get(key, {}).get("id"))
        insert_rows(PersonVersion, rows, background=background)
        _roster_audit(plan, rows, actor=actor, source=source, background=background)
    if plan.transfers:
        written, _ = transfer_requests_upsert(
            rows=plan.transfers, actor=actor, source=source or {}
        )
        plan.result.written = bool(written)
    new_ids = {p["id"] for p in plan.new_people.values()}
    touched = [(r["person_id"], r["effective_date"]) for r in rows]
    touched += [(v["person_id"], v["effective_date"]) for v in changed]
    # Existing people whose current facts may move: a new version, or a changed
    # one whose date or current facts changed (a promotion in place moves none).
    moved = {r["person_id"] for r in rows} - new_ids
    moved |= {v["person_id"] for v, c in plan.versions if _CURRENT_FACTS & c.keys()}
    if moved:
        person_refresh_current(person_ids=sorted(moved), today=today)
    if touched:  # the marks are written in this transaction: nothing is lost
        person_records_changed.send(
            sender=PersonVersion,
            person_ids={pid for pid, _ in touched},
            since=min(day for _, day in touched),
        )
    plan.result.written |= bool(touched or plan.people)


def _roster_audit(
    plan: _RosterPlan,
    rows: list[dict[str, Any]],
    *,
    actor: Any,
    source: Any,
    background: BackgroundCopy | None,
) -> None:
    """One audit entry per row, without national IDs or their hashes (SPEC §3).

    A new person's first version is logged in the person's own entry: one entry
    for one row of the file, not two.
    """
    names = plan.names
    for p in plan.new_people.values():
        names[p["id"]] = f"{p['given_name']} {p['family_name']}"
    new_ids = {p["id"] for p in plan.new_people.values()}
    first: dict[int, dict[str, Any]] = {}  # new person → their first version
    for row in rows:
        if row["person_id"] in new_ids:
            first.setdefault(row["person_id"], row)
    audit = [
        AuditRow(
            Person,
            p["id"],
            names[p["id"]],
            _creation({**p, **first[p["id"]]}, (*_PERSON_FIELDS, *_FIRST_VERSION)),
            True,
        )
        for p in plan.new_people.values()
    ]
    for row in rows:
        if first.get(row["person_id"]) is row:
            continue
        label = (
            f"{names.get(row['person_id'], row['person_id'])} @ {row['effective_date']}"
        )
        changes = _creation(row, (*_LOGGED_VERSION, *_VERSION_FIELDS))
        audit.append(AuditRow(PersonVersion, row["id"], label, changes, True))
    for p, c in plan.people:
        audit.append(AuditRow(Person, p["pk"], names[p["pk"]], c, False))
    for v, c in plan.versions:
        label = f"{names[v['person_id']]} @ {v['effective_date']}"
        audit.append(AuditRow(PersonVersion, v["pk"], label, c, False))
    audit_log_bulk(audit, actor=actor, source=source, background=background)


def _creation(row: dict[str, Any], names: Iterable[str]) -> JsonText:
    return creation_changes(row, names)
