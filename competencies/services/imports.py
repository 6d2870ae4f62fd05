"""Bulk writes of the training and assessment imports, and import jobs (SPEC §9).

Validate every row (`competencies.importers`), then write all rows in one
transaction or none. Records imported by HR are verified on entry (SPEC §6).
Existing records are fetched once per chunk by natural key; re-importing the
same file writes nothing. The API's writes send their JSON items down the same
path, as the rows of a file (`training_record_bulk_create`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from agencies import services as agencies_services
from agencies.importers import (
    Batch,
    CellError,
    Column,
    ParsedRow,
    RowError,
    as_text,
    mask_digits,
)
from agencies.models import Agency
from agencies.scoping import AgencyScope
from agencies.services import (
    AuditRow,
    ImportResult,
    agencies_import,
    apply_changes,
    audit_log_bulk,
    bulk_insert,
    conflict,
    creation_changes,
    in_chunks,
    require_writer,
    roster_import,
)
from agencies.signals import person_records_changed
from skillsportal.lib.tabular import clean_text

from ..importers import (
    ASSESSMENT_COLUMNS,
    TRAINING_COLUMNS,
    assessments_parse,
    training_parse,
)
from ..models import (
    Assessment,
    ImportJob,
    ImportKind,
    ImportStatus,
    RecordStatus,
    TrainingRecord,
)

Progress = Callable[[int], None]
MSG_CRASHED = "เกิดข้อผิดพลาดที่ไม่คาดคิด ไม่มีข้อมูลใดถูกบันทึก กรุณาติดต่อผู้ดูแลระบบ"
Key = tuple[Any, ...]
_SkillLink = TrainingRecord.skill_areas.through


@dataclass
class _Plan:
    result: ImportResult = field(default_factory=ImportResult)
    new: list[Any] = field(default_factory=list)
    changed: list[tuple[Any, dict[str, list[str]]]] = field(default_factory=list)
    skills: dict[int, list[int]] = field(default_factory=dict)  # id(obj) → skills
    records: list[Any] = field(default_factory=list)  # one per row, in row order


def _verify(obj: Any, actor: Any, now: Any) -> None:
    """SPEC §6: records imported by HR are verified, whatever their method."""
    obj.status = RecordStatus.VERIFIED
    obj.verified_by = actor
    obj.verified_at = now
    obj.rejection_reason = ""
    obj.updated_at = now


def _run(
    parse: Callable[..., Any],
    plan: Callable[[list[ParsedRow], frozenset[str]], _Plan],
    write: Callable[[_Plan, Any, Any], None],
    **kwargs: Any,
) -> ImportResult:
    scope: AgencyScope = kwargs["scope"]
    require_writer(scope)
    today = kwargs.get("today") or timezone.localdate()
    batch = parse(kwargs["data"], kwargs["filename"], scope=scope, today=today)
    if batch.errors:
        return ImportResult(errors=batch.errors)
    if kwargs.get("progress"):
        kwargs["progress"](50)
    if not kwargs.get("commit", True):
        return plan(batch.rows, batch.columns).result
    return _commit(batch, plan, write, kwargs.get("actor"), kwargs.get("source")).result


def _commit(
    batch: Batch,
    plan: Callable[[list[ParsedRow], frozenset[str]], _Plan],
    write: Callable[[_Plan, Any, Any], None],
    actor: Any,
    source: Any,
) -> _Plan:
    """Plan and write a valid batch in one transaction, or nothing (SPEC §9)."""
    try:
        with transaction.atomic():
            planned = plan(batch.rows, batch.columns)
            write(planned, actor, source)
    except IntegrityError:
        return _Plan(result=conflict())
    return planned


def _classify(
    plan: _Plan, existing: dict[Key, Any], key: Key, values: dict[str, Any]
) -> Any:
    """Count the row new / updated / unchanged; return the existing record or None."""
    record = existing.get(key)
    if record is None:
        plan.result.new += 1
        return None
    changes = apply_changes(record, values)
    if record.status != RecordStatus.VERIFIED:
        changes["status"] = [record.status, RecordStatus.VERIFIED]
    if changes:
        plan.changed.append((record, changes))
        plan.result.updated += 1
    else:
        plan.result.unchanged += 1
    return record


# --- training ----------------------------------------------------------------


def training_import(**kwargs: Any) -> ImportResult:
    """Create or update training records (SPEC §6, §9); HR imports are verified.

    Keyword arguments: data, filename, scope, actor, commit (default True),
    source (audit `additional_data`), today, progress. Key: person + course code
    (or title when there is no code) + completion date.
    """
    return _run(training_parse, _training_plan, _training_write, **kwargs)


def _training_key(person_id: int, course_id: int | None, title: str, day: date) -> Key:
    return (person_id, ("c", course_id) if course_id else ("t", title), day)


def _training_plan(rows: list[ParsedRow], columns: frozenset[str]) -> _Plan:
    plan = _Plan()
    for chunk in in_chunks(rows):
        existing = _training_existing(chunk)
        for row in chunk:
            v = row.values
            values = {"title": v["title"], "hours": v["hours"], "horizon": v["horizon"]}
            for name in ("provider", "started_on"):
                if name in columns:
                    values[name] = v[name] or ("" if name == "provider" else None)
            key = _training_key(
                v["person_id"], v["course_id"], v["title"], v["completed_on"]
            )
            record = _classify(plan, existing, key, values)
            if record is None:
                record = TrainingRecord(
                    person_id=v["person_id"],
                    course_id=v["course_id"],
                    completed_on=v["completed_on"],
                    **{"provider": "", **values},
                )
                plan.new.append(record)
                plan.skills[id(record)] = v.get("skill_ids") or []
            elif "skills" in columns:
                _training_skills(plan, record, v.get("skill_ids") or [])
            plan.records.append(record)
    return plan


def _training_existing(chunk: Sequence[ParsedRow]) -> dict[Key, TrainingRecord]:
    """The records this chunk's keys name, with their skills: two queries."""
    records = TrainingRecord.objects.filter(
        person_id__in={r.values["person_id"] for r in chunk},
        completed_on__in={r.values["completed_on"] for r in chunk},
    )
    by_key = {
        _training_key(r.person_id, r.course_id, r.title, r.completed_on): r
        for r in records
    }
    links = _SkillLink.objects.filter(trainingrecord_id__in=[r.pk for r in records])
    skills: dict[int, list[int]] = {}
    for record_id, skill_id in links.values_list("trainingrecord_id", "skillarea_id"):
        skills.setdefault(record_id, []).append(skill_id)
    for record in records:
        record.skill_ids = sorted(skills.get(record.pk, []))  # type: ignore[attr-defined]
    return by_key


def _training_skills(plan: _Plan, record: Any, skill_ids: list[int]) -> None:
    if record.skill_ids == skill_ids:
        return
    plan.skills[id(record)] = skill_ids
    change = ["; ".join(map(str, record.skill_ids)), "; ".join(map(str, skill_ids))]
    if plan.changed and plan.changed[-1][0] is record:
        plan.changed[-1][1]["skill_areas"] = change
        return
    plan.changed.append((record, {"skill_areas": change}))
    plan.result.updated += 1
    plan.result.unchanged -= 1


_TRAINING_LOGGED = (
    "person_id",
    "title",
    "course_id",
    "provider",
    "started_on",
    "completed_on",
    "hours",
    "horizon",
    "status",
)


def _training_write(plan: _Plan, actor: Any, source: Any) -> None:
    def skills(obj: Any) -> dict[str, Any]:
        return {"skill_areas": "; ".join(map(str, plan.skills.get(id(obj), [])))}

    _write(
        plan, TrainingRecord, _TRAINING_LOGGED, actor, source, "completed_on", skills
    )
    relinked = [obj for obj, _ in plan.changed if id(obj) in plan.skills]
    _SkillLink.objects.filter(trainingrecord__in=relinked).delete()
    links = [
        _SkillLink(trainingrecord_id=obj.pk, skillarea_id=skill_id)
        for obj in plan.new + relinked
        for skill_id in plan.skills.get(id(obj), [])
    ]
    bulk_insert(_SkillLink, links)


# --- assessments -------------------------------------------------------------


def assessments_import(**kwargs: Any) -> ImportResult:
    """Create or update assessments (SPEC §6, §9); HR imports are verified.

    Keyword arguments as `training_import`. Key: person + skill + date + method.
    """
    return _run(assessments_parse, _assessments_plan, _assessments_write, **kwargs)


def _assessments_plan(rows: list[ParsedRow], columns: frozenset[str]) -> _Plan:
    plan = _Plan()
    for chunk in in_chunks(rows):
        records = Assessment.objects.filter(
            person_id__in={r.values["person_id"] for r in chunk},
            assessed_on__in={r.values["assessed_on"] for r in chunk},
        )
        existing = {
            (a.person_id, a.skill_area_id, a.assessed_on, a.method): a for a in records
        }
        for row in chunk:
            v = row.values
            key = (v["person_id"], v["skill_area_id"], v["assessed_on"], v["method"])
            record = _classify(plan, existing, key, {"level": v["level"]})
            if record is None:
                record = Assessment(
                    person_id=v["person_id"],
                    skill_area_id=v["skill_area_id"],
                    assessed_on=v["assessed_on"],
                    method=v["method"],
                    level=v["level"],
                )
                plan.new.append(record)
            plan.records.append(record)
    return plan


_ASSESSMENT_LOGGED = (
    "person_id",
    "skill_area_id",
    "level",
    "assessed_on",
    "method",
    "status",
)


def _assessments_write(plan: _Plan, actor: Any, source: Any) -> None:
    # str(Assessment) reads its skill area: name the entry without a query.
    label = f"{Assessment._meta.verbose_name} #%s"
    _write(
        plan, Assessment, _ASSESSMENT_LOGGED, actor, source, "assessed_on", label=label
    )


def _write(
    plan: _Plan,
    model: type[models.Model],
    logged: Sequence[str],
    actor: Any,
    source: Any,
    date_field: str,
    extra: Callable[[Any], dict[str, Any]] | None = None,
    *,
    label: str | None = None,
) -> None:
    """Insert new records, update changed ones, audit them, tell reports (SPEC §7)."""
    if not (plan.new or plan.changed):
        return
    now = timezone.now()
    for obj in plan.new:
        _verify(obj, actor, now)
        obj.submitted_by = actor
    bulk_insert(model, plan.new)
    changed = [obj for obj, _ in plan.changed]
    for obj in changed:
        _verify(obj, actor, now)
    fields = [n.removesuffix("_id") for n in logged[1:]]
    model._default_manager.bulk_update(
        changed,
        [*fields, "verified_by", "verified_at", "rejection_reason", "updated_at"],
        batch_size=1000,
    )

    _audit(plan, logged, extra, label, actor=actor, source=source)
    touched = plan.new + changed
    ids = sorted({o.person_id for o in touched})
    since = min(getattr(o, date_field) for o in touched)
    transaction.on_commit(
        lambda: person_records_changed.send(sender=model, person_ids=ids, since=since)
    )
    plan.result.written = True


def _audit(
    plan: _Plan,
    logged: Sequence[str],
    extra: Callable[[Any], dict[str, Any]] | None,
    label: str | None,
    **kwargs: Any,
) -> None:
    def created(o: Any) -> dict[str, list[str]]:
        values = {n: getattr(o, n) for n in logged}
        return creation_changes({**values, **(extra(o) if extra else {})})

    def name(o: Any) -> str | None:
        return label % o.pk if label else None

    audit = [AuditRow.of(o, created(o), created=True, label=name(o)) for o in plan.new]
    audit += [AuditRow.of(o, c, label=name(o)) for o, c in plan.changed]
    audit_log_bulk(audit, **kwargs)


# --- API writes: JSON items through the same import path ------------------------

API_MAX_ITEMS = 5_000
_FIRST_ITEM_ROW = 2  # the header is row 1 of the table the items become
_MAX_CELL = 2_000  # longer than any column allows; keeps csv's field limit away
_SHAPE = ("ต้องเป็นข้อความหรือตัวเลข", "Must be text or a number")


@dataclass(frozen=True)
class ItemError:
    """One problem in an API write: item `index` (None: the whole request), field."""

    index: int | None
    field: str
    value: str
    reason_th: str
    reason_en: str


@dataclass
class ItemsResult:
    """Counts new / updated / unchanged and record ids in item order, or the errors."""

    counts: dict[str, int] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def training_record_bulk_create(
    *,
    items: Any,
    scope: AgencyScope,
    actor: Any = None,
    source: dict[str, Any] | None = None,
    today: date | None = None,
) -> ItemsResult:
    """Create or update training records from JSON items, all or none (SPEC §6, §9).

    `items` are objects named by the import columns of SPEC §9. They become the
    rows of an import file and pass through `training_parse` and the import's
    writes: the same validation, keys (re-sending changes nothing), scope (a
    person outside the write scope is "not found", SPEC §8) and verification on
    entry (SPEC §6). Only HR (a write scope) or OCSC may write.
    """
    return _run_items(
        _Kind(TRAINING_COLUMNS, training_parse, _training_plan, _training_write),
        items=items,
        scope=scope,
        actor=actor,
        source=source,
        today=today,
    )


def assessment_bulk_create(
    *,
    items: Any,
    scope: AgencyScope,
    actor: Any = None,
    source: dict[str, Any] | None = None,
    today: date | None = None,
) -> ItemsResult:
    """Create or update assessments from JSON items, all or none (SPEC §6, §9).

    As `training_record_bulk_create`, through `assessments_parse`.
    """
    return _run_items(
        _Kind(
            ASSESSMENT_COLUMNS, assessments_parse, _assessments_plan, _assessments_write
        ),
        items=items,
        scope=scope,
        actor=actor,
        source=source,
        today=today,
    )


@dataclass(frozen=True)
class _Kind:
    columns: Sequence[Column]
    parse: Callable[..., Batch]
    plan: Callable[[list[ParsedRow], frozenset[str]], _Plan]
    write: Callable[[_Plan, Any, Any], None]


def _run_items(
    kind: _Kind,
    *,
    items: Any,
    scope: AgencyScope,
    actor: Any,
    source: dict[str, Any] | None,
    today: date | None,
) -> ItemsResult:
    require_writer(scope)
    if problem := _count_problem(items):
        return ItemsResult(errors=[problem])
    table = items_table(items, kind.columns)
    today = today or timezone.localdate()
    batch = kind.parse(table.as_csv(), "items.csv", scope=scope, today=today)
    if table.errors or batch.errors:
        return ItemsResult(errors=table.item_errors(batch.errors))
    planned = _commit(batch, kind.plan, kind.write, actor, source)
    if not planned.result.ok:  # a concurrent write took one of the keys
        return ItemsResult(errors=table.item_errors(planned.result.errors))
    ids = [record.pk for record in planned.records]
    return ItemsResult(counts=planned.result.counts, ids=ids)


def _count_problem(items: Any) -> ItemError | None:
    if not isinstance(items, list) or not items:
        th = 'ต้องส่งรายการอย่างน้อย 1 รายการ ในรูป {"items": [...]}'
        en = 'Send at least one item: {"items": [...]}'
        return ItemError(None, "items", "", th, en)
    if len(items) > API_MAX_ITEMS:
        return ItemError(
            None,
            "items",
            str(len(items)),
            f"ส่งได้ไม่เกิน {API_MAX_ITEMS:,} รายการต่อครั้ง",
            f"At most {API_MAX_ITEMS:,} items per request",
        )
    return None


@dataclass
class ItemsTable:
    """JSON items as the cells of an import file, one row per item (SPEC §9)."""

    names: list[str]
    rows: list[list[str]] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    def as_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.names)
        writer.writerows(self.rows)
        return buffer.getvalue().encode()

    def item_errors(self, errors: list[RowError]) -> list[ItemError]:
        """The importer's row errors as item errors, showing the value as sent.

        A cell that could not be converted keeps only its own error (the
        importer saw it blank).
        """
        seen = {(e.index, e.field) for e in self.errors}
        merged = list(self.errors)
        for e in errors:
            index = (
                e.row - _FIRST_ITEM_ROW if e.row and e.row >= _FIRST_ITEM_ROW else None
            )
            if (index, e.column) in seen:
                continue
            value = self._sent(index, e.column) if index is not None else e.value
            th, en = (
                _ROW_OF.sub(_item_of, e.reason_th),
                _ROW_OF.sub(_item_of, e.reason_en),
            )
            merged.append(ItemError(index, e.column, value, th, en))
        merged.sort(key=lambda e: -1 if e.index is None else e.index)
        return merged

    def _sent(self, index: int, column: str) -> str:
        if column not in self.names:
            return ""
        value = self.rows[index][self.names.index(column)][:100]
        return mask_digits(value) if column == "national_id" and value else value


# "Same key as row 3" names a row of the table: the client knows items.
_ROW_OF = re.compile(r"(แถวที่|row) (\d+)")


def _item_of(match: re.Match[str]) -> str:
    word = "รายการที่" if match[1] == "แถวที่" else "item"
    return f"{word} {int(match[2]) - _FIRST_ITEM_ROW}"


def items_table(items: Sequence[Any], columns: Sequence[Column]) -> ItemsTable:
    """The cells an import file would hold for these items (SPEC §9 columns).

    Only the conversion of JSON values to cells: every rule is the importer's.
    A field the item leaves out is a blank cell. Values that cannot be a cell
    (objects, booleans, text with NUL) are errors here.
    """
    table = ItemsTable(names=[c.name for c in columns])
    for index, item in enumerate(items):
        cells, problems = _item_cells(index, item, table.names)
        table.rows.append(cells)
        table.errors += problems
    return table


def _item_cells(
    index: int, item: Any, names: list[str]
) -> tuple[list[str], list[ItemError]]:
    if not isinstance(item, dict):
        th, en = "แต่ละรายการต้องเป็นออบเจ็กต์ JSON", "Each item must be a JSON object"
        return [""] * len(names), [ItemError(index, "", "", th, en)]
    errors = [
        ItemError(index, str(key)[:100], "", "ไม่รู้จักฟิลด์นี้", "Unknown field")
        for key in item
        if key not in names
    ]
    cells = []
    for name in names:
        try:
            cells.append(_cell(item.get(name), many=name == "skills"))
        except CellError as exc:
            errors.append(ItemError(index, name, "", exc.th, exc.en))
            cells.append("")
    if not errors and not any(clean_text(c) for c in cells):
        errors.append(ItemError(index, "", "", "รายการว่าง", "Empty item"))
    return cells, errors


def _cell(value: Any, *, many: bool) -> str:
    """One JSON value as a cell; a list of codes only where `many` (skills)."""
    if value is None:
        return ""
    if many and isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise CellError("ต้องเป็นรายการรหัส (ข้อความ)", "Must be a list of codes")
        value = ";".join(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellError(*_SHAPE)
    text = as_text(value)
    if len(text) > _MAX_CELL:
        raise CellError("ยาวเกินไป", "Too long")
    try:
        text.encode("utf-8")  # lone surrogates are valid JSON, not valid text
    except UnicodeEncodeError:
        text = "\0"
    if "\0" in text:
        raise CellError("มีอักขระที่ใช้ไม่ได้", "Contains characters that are not allowed")
    return text


# --- import jobs (the browser flow) --------------------------------------------

IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    ImportKind.AGENCIES: agencies_import,
    ImportKind.ROSTER: roster_import,
    ImportKind.TRAINING: training_import,
    ImportKind.ASSESSMENTS: assessments_import,
}


def import_job_create(
    *, scope: AgencyScope, user: Any, kind: str, upload: UploadedFile
) -> ImportJob:
    """Store an uploaded file privately and queue its validation (SPEC §9).

    Only HR (write scope) or OCSC may import; agencies only OCSC (SPEC §8).
    """
    require_writer(scope)
    if kind == ImportKind.AGENCIES and not scope.national:
        raise PermissionDenied(agencies_services.MSG_NATIONAL_ONLY)
    if upload.size is None or upload.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(_too_big(), code="too_big")
    name = (upload.name or "upload").rsplit("/", 1)[-1][-200:]
    job = ImportJob(kind=kind, original_name=name, created_by=user)
    if not scope.national:
        job.agency = Agency.objects.filter(path=scope.write_paths[0]).first()
    job.file.save(f"{kind}{_extension(name)}", upload, save=False)
    job.save()
    from .. import tasks  # tasks import these services

    transaction.on_commit(
        lambda: tasks.import_job_validate.delay(job_id=job.pk), robust=True
    )
    return job


def _too_big() -> str:
    mb = settings.IMPORT_MAX_BYTES / (1024 * 1024)
    return f"ไฟล์มีขนาดใหญ่เกินกำหนด (ไม่เกิน {mb:g} MB) / File is larger than {mb:g} MB"


def _extension(name: str) -> str:
    lowered = name.lower()
    return ".xlsx" if lowered.endswith(".xlsx") else ".csv"


def import_job_validate(*, job: ImportJob, scope: AgencyScope) -> None:
    """Validate a job's file without writing; keep counts or errors (SPEC §9)."""
    claimed = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.UPLOADED, ImportStatus.VALIDATING]
    ).update(status=ImportStatus.VALIDATING, progress=5)
    if claimed:
        _execute(job, scope, commit=False)


def import_job_confirm(*, job: ImportJob, scope: AgencyScope) -> bool:
    """Queue the import of a validated job, once (a conditional UPDATE claims it)."""
    require_writer(scope)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.VALIDATED).update(
        status=ImportStatus.IMPORTING, progress=0
    )
    if claimed:
        from .. import tasks  # tasks import these services

        transaction.on_commit(
            lambda: tasks.import_job_run.delay(job_id=job.pk), robust=True
        )
    return bool(claimed)


def import_job_run(*, job: ImportJob, scope: AgencyScope) -> None:
    """Write a confirmed job in one transaction; revalidates first (SPEC §9)."""
    if ImportJob.objects.filter(pk=job.pk, status=ImportStatus.IMPORTING).exists():
        _execute(job, scope, commit=True)


def _execute(job: ImportJob, scope: AgencyScope, *, commit: bool) -> None:
    def progress(percent: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(progress=min(percent, 99))

    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        result = IMPORTERS[job.kind](
            data=data,
            filename=job.file.name,
            scope=scope,
            actor=job.created_by,
            commit=commit,
            source={"import_job": job.pk, "file": job.original_name},
            progress=progress,
        )
    except PermissionDenied as exc:
        error = RowError(None, "", "", str(exc), "You may not import this data")
        result = ImportResult(errors=[error])
    except Exception:
        # Never leave the page polling a job that will not finish.
        error = RowError(None, "", "", MSG_CRASHED, "Unexpected error; nothing written")
        _finish(job, ImportResult(errors=[error]), commit=commit)
        raise
    _finish(job, result, commit=commit)


def _finish(job: ImportJob, result: ImportResult, *, commit: bool) -> None:
    if result.ok:
        status = ImportStatus.DONE if commit else ImportStatus.VALIDATED
    else:
        status = ImportStatus.FAILED
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        progress=100,
        counts=result.counts if result.ok else {},
        errors=[e.as_dict() for e in result.errors],
        finished_at=timezone.now() if commit or not result.ok else None,
    )
