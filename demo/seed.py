"""Seed a synthetic Thai public sector, flush it, and create the demo logins."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone

from agencies.models import (
    Agency,
    Person,
    PersonVersion,
    RoleAssignment,
)
from agencies.services import agency_rebuild_paths
from competencies.framework_loader import read_framework_file
from competencies.models import (
    Assessment,
    Course,
    DevelopmentPlan,
    Framework,
    PlanItem,
    TrainingRecord,
)
from competencies.services import framework_load
from skillsportal.lib.fiscal_year import current_fiscal_year
from skillsportal.lib.statistics import vacuum_analyze

from .catalogue import activities, course_titles, courses_insert, framework_skills
from .country import AgencyNode, agency_count, country_plan
from .people import PeopleFactory
from .records import Calendar, CourseInfo, IdCounters, SkillInfo
from .sink import DeferredIndexes, Table, TableStats, row_sink, sequences_reset

BATCH_PERSONS = 5_000
BULK_PERSONS = 20_000
EARLIEST_TODAY = date(2018, 1, 1)

# Everything a seed writes, children first; --flush empties these (and, like
# TRUNCATE … CASCADE, whatever references them).
SEEDED_MODELS: tuple[type[Model], ...] = (
    PlanItem,
    DevelopmentPlan,
    TrainingRecord,
    Assessment,
    Course,
    PersonVersion,
    Person,
    RoleAssignment,
    Agency,
)

PERSON = Table.of(Person, (
    "id", "national_id_hash", "national_id_tail", "given_name", "family_name",
    "email", "user_id", "current_agency_id", "current_category",
    "current_target_group", "current_status", "created_at", "updated_at",
))  # fmt: skip
VERSION = Table.of(PersonVersion, (
    "id", "person_id", "effective_date", "agency_id", "category", "position_title",
    "position_type", "position_level", "target_group", "status", "created_at",
))  # fmt: skip
TRAINING = Table.of(TrainingRecord, (
    "id", "person_id", "title", "course_id", "course_code", "provider", "started_on",
    "completed_on", "hours", "horizon", "evidence", "status", "submitted_by_id",
    "verified_by_id", "verified_at", "rejection_reason", "created_at", "updated_at",
))  # fmt: skip
_TRAINING_SKILLS = TrainingRecord.skill_areas.through
TRAINING_SKILL = Table.of(_TRAINING_SKILLS, ("id", "trainingrecord_id", "skillarea_id"))
ASSESSMENT = Table.of(Assessment, (
    "id", "person_id", "skill_area_id", "level", "assessed_on", "method", "status",
    "submitted_by_id", "verified_by_id", "verified_at", "rejection_reason",
    "created_at", "updated_at",
))  # fmt: skip

BIG_TABLES = [t.name for t in (PERSON, VERSION, TRAINING, TRAINING_SKILL, ASSESSMENT)]


@dataclass(frozen=True)
class SeedOptions:
    """What to generate; the output depends only on these (and the settings' key)."""

    persons: int
    training_per_person: int = 10
    assessments_per_person: int = 6
    seed: int = 1
    today: date | None = None
    flush: bool = False
    batch_persons: int = BATCH_PERSONS
    # None: drop and rebuild indexes and foreign keys when persons ≥ BULK_PERSONS.
    defer_indexes: bool | None = None


@dataclass
class SeedReport:
    """Row counts and timings of one seed."""

    tables: list[TableStats] = field(default_factory=list)
    seconds: float = 0.0
    database_size: str | None = None
    # After a bulk load: seconds per index or constraint rebuilt, by name, and
    # in all (including the statistics taken first).
    rebuild: list[tuple[str, float]] = field(default_factory=list)
    rebuild_seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


Progress = Callable[[int, float], None]


def demo_seed(*, options: SeedOptions, progress: Progress | None = None) -> SeedReport:
    """Generate a synthetic public sector of `options.persons` people (SPEC §3, §6).

    Refuses (ValidationError, code `already_seeded`) when agencies, people or
    courses exist, unless `options.flush`. Loads the default framework when there
    is none. Writes in one transaction, without audit log entries.
    """
    started = time.perf_counter()
    today = options.today or timezone.localdate()
    if today < EARLIEST_TODAY:
        raise ValidationError(
            f"Today must be {EARLIEST_TODAY} or later (records start in FY 2561).",
            code="too_early",
        )
    with disable_auditlog():
        if not options.flush:
            _refuse_if_seeded()
        # Loaded in its own transaction: the figures it invalidates are recomputed
        # over the data as it is now, not over millions of seeded people.
        framework = _framework(today)
    with disable_auditlog(), transaction.atomic():
        if options.flush:
            demo_flush()
        _session_tuning()
        rng = random.Random(options.seed)
        report = SeedReport()
        agencies = _agencies_insert(rng, options.persons, report)
        skills = framework_skills(framework)
        titles = course_titles(skills)
        started = time.perf_counter()
        courses = courses_insert(rng, skills, titles, first_id=_next_id(Course))
        _timed(report, Course._meta.db_table, len(courses), started)
        _people_insert(
            rng,
            options,
            Calendar.build(today),
            (agencies, skills, courses),
            activities(titles),
            report,
            progress,
        )
        _analyze([Agency._meta.db_table, Course._meta.db_table])
    # Statistics and the visibility map, so that the first full compliance
    # recompute and the first pages after seeding read indexes only.
    vacuum_analyze(BIG_TABLES)
    report.seconds = time.perf_counter() - started
    report.database_size = _database_size()
    return report


def _refuse_if_seeded() -> None:
    counts = {
        "agencies": Agency.objects.count(),
        "people": Person.objects.count(),
        "courses": Course.objects.count(),
    }
    if any(counts.values()):
        found = ", ".join(f"{n:,} {what}" for what, n in counts.items() if n)
        raise ValidationError(
            f"The database already holds {found}. Run with --flush to delete them "
            "(agencies, people and their versions, training, assessments, plans, "
            "courses and role assignments) and seed again.",
            code="already_seeded",
        )


def _flush_models() -> list[type[Model]]:
    """SEEDED_MODELS, their many-to-many tables and every model referencing them."""
    models: list[type[Model]] = []
    pending = list(SEEDED_MODELS)
    while pending:
        model = pending.pop(0)
        if model in models:
            continue
        models.append(model)
        related: list[object] = [
            f.remote_field.through for f in model._meta.many_to_many
        ]
        related += [r.related_model for r in model._meta.related_objects]
        pending.extend(m for m in related if isinstance(m, type))
    return models


def demo_flush() -> None:
    """Delete every seeded row quickly: TRUNCATE … CASCADE on PostgreSQL."""
    tables = [m._meta.db_table for m in _flush_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in this transaction still have deferred
            # foreign-key checks queued, which TRUNCATE refuses: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        # SQLite checks Django's foreign keys at commit (deferred), so any order works.
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)


def _session_tuning() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A lost seed is re-run, never recovered: no need to wait for the WAL flush.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _framework(today: date) -> Framework:
    if not Framework.objects.exists():
        framework_load(source=read_framework_file())
    framework = Framework.objects.for_fiscal_year(current_fiscal_year(today))
    return framework or Framework.objects.latest("effective_from_fy")


def _next_id(model: type[Model]) -> int:
    return (model._default_manager.aggregate(m=Max("id"))["m"] or 0) + 1


def _timed(report: SeedReport, table: str, rows: int, started: float) -> None:
    report.tables.append(TableStats(table, rows, time.perf_counter() - started))


def _agencies_insert(
    rng: random.Random, persons: int, report: SeedReport
) -> list[AgencyNode]:
    started = time.perf_counter()
    plan = country_plan(rng=rng, total=agency_count(persons), start_id=_next_id(Agency))
    Agency.objects.bulk_create(
        [
            Agency(
                id=a.id,
                code=a.code,
                name_th=a.name_th,
                name_en=a.name_en,
                kind=a.kind,
                parent_id=a.parent_id,
            )
            for a in plan
        ],
        batch_size=2000,
    )
    sequences_reset([Agency._meta.db_table])
    agency_rebuild_paths()
    _timed(report, Agency._meta.db_table, len(plan), started)
    return plan


def _people_insert(
    rng: random.Random,
    options: SeedOptions,
    calendar: Calendar,
    catalogue: tuple[list[AgencyNode], SkillInfo, list[CourseInfo]],
    activities: list[tuple[str, int]],
    report: SeedReport,
    progress: Progress | None,
) -> None:
    """Stream people and their records, one batch of persons at a time."""
    agencies, skills, courses = catalogue
    ids = IdCounters(
        person=_next_id(Person),
        version=_next_id(PersonVersion),
        training=_next_id(TrainingRecord),
        training_skill=_next_id(_TRAINING_SKILLS),
        assessment=_next_id(Assessment),
    )
    factory = PeopleFactory(
        rng=rng,
        agencies=agencies,
        calendar=calendar,
        skills=skills,
        courses=courses,
        activities=activities,
        id_key=settings.NATIONAL_ID_KEY.encode(),
        ids=ids,
        training_per_person=options.training_per_person,
        assessments_per_person=options.assessments_per_person,
    )
    bulk = _bulk_mode(options)
    if bulk:
        bulk.drop()
    sink = row_sink(truncated=options.flush)
    started = time.perf_counter()
    try:
        for first in range(0, options.persons, options.batch_persons):
            count = min(options.batch_persons, options.persons - first)
            batch = factory.batch(first, count)
            sink.write(PERSON, batch.persons)
            sink.write(VERSION, batch.versions)
            sink.write(TRAINING, batch.training)
            sink.write(TRAINING_SKILL, batch.training_skills)
            sink.write(ASSESSMENT, batch.assessments)
            if progress:
                progress(first + count, time.perf_counter() - started)
    finally:
        sink.finish()
    report.tables.extend(sink.stats.values())
    if bulk:  # rebuild() analyzes before it checks the foreign keys
        started = time.perf_counter()
        bulk.rebuild()
        report.rebuild_seconds = time.perf_counter() - started
        report.rebuild = bulk.timings
    else:
        _analyze(BIG_TABLES)
    sequences_reset(BIG_TABLES)


def _bulk_mode(options: SeedOptions) -> DeferredIndexes | None:
    """Defer indexes and foreign keys on PostgreSQL for large seeds."""
    wanted = options.defer_indexes
    if wanted is None:
        wanted = options.persons >= BULK_PERSONS
    if not wanted or connection.vendor != "postgresql":
        return None
    return DeferredIndexes(BIG_TABLES)


def _analyze(tables: list[str]) -> None:
    """Fresh planner statistics, so the first pages after seeding are fast."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def _database_size() -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return str(cursor.fetchone()[0])
