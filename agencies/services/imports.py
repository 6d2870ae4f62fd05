"""The agencies import (SPEC §3, §9): create or update agencies by code.

Validate every row first (`agencies.importers`), then write everything in one
transaction or nothing; re-importing the same file writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from skillsportal.lib.bulk import (
    AuditRow,
    ImportResult,
    Progress,
    apply_changes,
    audit_log_bulk,
    bulk_insert,
    bulk_update,
    conflict,
    creation_changes,
    logged_text,
)
from skillsportal.lib.statistics import analyze_after_import

from ..access import require_national
from ..importers import agencies_parse
from ..models import Agency
from ..scoping import AgencyScope
from .tree import agency_rebuild_paths

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
    require_national(scope)
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
            transaction.on_commit(analyze_after_import)
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
            changes["parent"] = [logged_text(old_parent), logged_text(new_parent)]
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
    bulk_update(Agency, objs, ["name_th", "name_en", "kind", "parent"])
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
