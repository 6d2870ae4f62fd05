"""Writes of compliance figures: full recomputes, marks and incremental refreshes."""

from __future__ import annotations

import logging
import uuid
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency
from skillsportal.lib.fiscal_year import as_of_date, current_fiscal_year, fiscal_year_of
from skillsportal.lib.statistics import IMPORTED_TABLES, analyze_stale

from . import engine, snapshot
from .board_cache import figures_changed
from .models import (
    ComplianceFigure,
    ComplianceMark,
    ComplianceRun,
    PersonYearFigure,
    RunKind,
    RunOutcome,
    SkillFigure,
)

log = logging.getLogger(__name__)
FIRST_FY = 2561
STALE_CLAIM = timedelta(minutes=15)
# Twice Celery's hard time limit (CELERY_TASK_TIME_LIMIT, 1 h): a run still
# "running" after this has lost its process (a worker killed or out of memory).
DEAD_RUN = timedelta(hours=2)


def fiscal_years(today: date | None = None) -> list[int]:
    """Every fiscal year with figures: from FY 2561 to the current one."""
    return list(range(FIRST_FY, current_fiscal_year(today or timezone.localdate()) + 1))


def _lock_year(fy: int) -> None:
    """Serialise writers of one FY's figures (PostgreSQL; SQLite has one writer)."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"compliance:{fy}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _finish(run: ComplianceRun, error: Exception | None = None) -> ComplianceRun:
    run.finished_at = timezone.now()
    run.outcome = RunOutcome.FAILED if error else RunOutcome.SUCCESS
    run.error = repr(error) if error else ""
    run.save()
    # Now, and again at commit: a board built in between read the old figures.
    figures_changed()
    transaction.on_commit(figures_changed)
    return run


def _fail_dead_runs() -> int:
    """Mark runs left "running" by a process that died as failed (the job table).

    A run whose process is killed never reaches `_finish`; its transaction was
    rolled back, so only its row is wrong. A slow run that is still alive past
    DEAD_RUN overwrites this with its own outcome when it finishes.
    """
    return ComplianceRun.objects.filter(
        outcome=RunOutcome.RUNNING, started_at__lt=timezone.now() - DEAD_RUN
    ).update(
        outcome=RunOutcome.FAILED,
        error=f"no result in {DEAD_RUN.total_seconds() / 3600:g} h: its process died",
    )


def compliance_recompute(
    *, fy: int, today: date | None = None, parallel: bool = True
) -> ComplianceRun:
    """Recompute every figure of FY `fy` from the records (SPEC §7).

    Built and swapped in one transaction: readers see the previous snapshot until
    the new one is complete. A failure leaves the previous snapshot and a failed run.
    `parallel=False` while other years are computed at the same time.
    """
    today = today or timezone.localdate()
    _fail_dead_runs()
    analyze_stale(IMPORTED_TABLES)  # plans on stale statistics took 13 times longer
    run = ComplianceRun.objects.create(kind=RunKind.FULL, fy=fy, scope="national")
    try:
        with transaction.atomic():
            _lock_year(fy)
            rules = engine.YearRules.for_year(fy, as_of_date(fy, today))
            tables = snapshot.build(fy, parallel=parallel)
            if rules is not None:
                run.persons = engine.compute_people(rules, tables=tables)
                run.rows = engine.aggregate(
                    rules, computed_at=timezone.now(), tables=tables
                )
            snapshot.publish(tables)
    except Exception as exc:
        log.exception("compliance recompute of FY %s failed", fy)
        _finish(run, exc)
        raise
    log.info("compliance FY %s: %s people, %s figures", fy, run.persons, run.rows)
    _finish(run)
    return run


def compliance_recompute_years(
    fys: Iterable[int], *, today: date | None = None
) -> list[ComplianceRun]:
    """Recompute several fiscal years in full, each in its own transaction.

    On PostgreSQL, COMPLIANCE_WORKERS years at a time (one connection each): a
    year's computation keeps about one core busy. Inside a transaction (tests)
    the years run one after another on this connection, which sees its data.
    """
    workers = settings.COMPLIANCE_WORKERS
    analyze_stale(IMPORTED_TABLES)  # once, before the years share the work
    if connection.vendor != "postgresql" or connection.in_atomic_block or workers < 2:
        return [compliance_recompute(fy=fy, today=today) for fy in fys]

    def one(fy: int) -> ComplianceRun:
        try:
            return compliance_recompute(fy=fy, today=today, parallel=False)
        finally:
            connection.close()  # this thread's own connection

    # The largest years first, so that the last one to start is a short one.
    order = sorted(fys, reverse=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = dict(zip(order, pool.map(one, order), strict=True))
    return [runs[fy] for fy in sorted(runs)]


def compliance_mark(
    *, person_ids: Iterable[int], since: date, only_that_year: bool = False
) -> None:
    """Mark people's figures stale from the fiscal year of `since` (SPEC §7 inputs).

    A training record changes only its own FY; versions and assessments carry into
    every later FY. Written in the caller's transaction, so nothing is lost.
    """
    fy = fiscal_year_of(since)
    fy_to = fy if only_that_year else None
    ids = sorted(set(person_ids))
    if connection.vendor != "postgresql":  # the SQLite demo
        ComplianceMark.objects.bulk_create(
            ComplianceMark(person_id=pk, fy_from=fy, fy_to=fy_to) for pk in ids
        )
        return
    # One statement however many people: an import of 100,000 rows marks them all.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ComplianceMark._meta.db_table}"
            " (person_id, fy_from, fy_to, created_at, claimed_by)"
            " SELECT unnest(%s::bigint[]), %s, %s, now(), ''",
            [ids, fy, fy_to],
        )


def _claim(claim: str) -> int:
    stale = timezone.now() - STALE_CLAIM
    free = ComplianceMark.objects.filter(claimed_by="") | ComplianceMark.objects.filter(
        claimed_at__lt=stale
    )
    return ComplianceMark.objects.filter(pk__in=free.values("pk")).update(
        claimed_by=claim, claimed_at=timezone.now()
    )


def _refresh_year(fy: int, claim: str, today: date) -> int:
    """Recompute the claimed people of FY `fy` and the subtrees they touch."""
    rules = engine.YearRules.for_year(fy, as_of_date(fy, today))
    if rules is None:
        return 0
    # Every claimed person is recomputed in every year of the run: over-computing a
    # few people is cheaper than tracking each mark's own years.
    people = ComplianceMark.objects.filter(claimed_by=claim).values("person_id")
    with transaction.atomic():
        _lock_year(fy)
        snapshot.lock_for_writing()
        if not ComplianceFigure.objects.filter(fy=fy).exists():
            return 0  # no snapshot yet: the next full recompute builds it
        now = timezone.now()
        rows = PersonYearFigure.objects.filter(fy=fy, person_id__in=people)
        touched = set(rows.values_list("agency_id", flat=True))
        engine.apply_marked(rules, claim=claim, sign=-1, computed_at=now)
        rows.delete()
        engine.compute_people(rules, mark_claim=claim)
        touched |= set(rows.values_list("agency_id", flat=True))
        changed = engine.apply_marked(rules, claim=claim, sign=1, computed_at=now)
        # A full recompute writes no skill row that nobody requires: neither do we.
        SkillFigure.objects.filter(
            fy=fy, required=0, agency_id__in=_with_ancestors(touched)
        ).delete()
        return changed


def _with_ancestors(agency_ids: set[int]) -> list[int]:
    paths = Agency.objects.filter(pk__in=agency_ids).values_list("path", flat=True)
    return sorted({int(p) for path in paths for p in path.strip("/").split("/") if p})


def compliance_refresh_marked(*, today: date | None = None) -> ComplianceRun | None:
    """Recompute what marks say is stale, then drop those marks (idempotent).

    Safe to run twice at once: each run claims its own marks with a conditional
    UPDATE; marks of a run that died are reclaimed after STALE_CLAIM.
    """
    today = today or timezone.localdate()
    _fail_dead_runs()  # beat's sweep runs this every minute
    claim = uuid.uuid4().hex
    if not _claim(claim):
        return None
    claimed = ComplianceMark.objects.filter(claimed_by=claim)
    first: int = min(claimed.values_list("fy_from", flat=True))
    open_ended = claimed.filter(fy_to__isnull=True).exists()
    ends = claimed.values_list("fy_to", flat=True).distinct()
    last = max((fy for fy in ends if fy is not None), default=0)
    years = [
        fy for fy in fiscal_years(today) if first <= fy and (open_ended or fy <= last)
    ]
    run = ComplianceRun.objects.create(
        kind=RunKind.INCREMENTAL,
        scope=f"{claimed.values('person_id').distinct().count()} people",
    )
    try:
        for fy in years:
            run.rows += _refresh_year(fy, claim, today)
        run.persons = claimed.values("person_id").distinct().count()
        claimed.delete()
    except Exception as exc:
        log.exception("incremental compliance refresh failed")
        _finish(run, exc)
        raise
    return _finish(run)
