"""Benchmark of the compliance engine (never run in CI): figures in the output."""

import json
import statistics
import time
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import timezone

from agencies.models import Agency, Person
from agencies.scoping import AgencyScope
from competencies.models import TrainingRecord
from reports import selectors, services
from reports.models import PersonYearFigure
from skillsportal.celery import app
from skillsportal.lib.fiscal_year import current_fiscal_year


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


class Command(BaseCommand):
    help = "Measure full recompute, one incremental update and figure reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=100_000)
        parser.add_argument("--fy", type=int, help="default: the current FY")
        parser.add_argument("--reads", type=int, default=200)
        parser.add_argument(
            "--skip-full",
            action="store_true",
            help="keep the existing snapshot (time only incremental and reads)",
        )
        parser.add_argument(
            "--skip-all-years",
            action="store_true",
            help="time one FY only, not every FY from 2561",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not Person.objects.exists():
            call_command(
                "seed_demo",
                persons=options["persons"],
                training_per_person=10,
                assessments_per_person=6,
                stdout=self.stdout,
            )
        fy = options["fy"] or current_fiscal_year(timezone.localdate())
        persons = Person.objects.count()
        full = all_years = float("nan")
        if not options["skip_full"]:
            full = _timed(lambda: services.compliance_recompute(fy=fy))
        if not options["skip_all_years"]:
            years = services.fiscal_years()
            all_years = _timed(lambda: services.compliance_recompute_years(years))
        incremental = self._incremental(fy)
        national, agency = self._reads(fy, options["reads"])
        result = {
            "vendor": connection.vendor,
            "persons": persons,
            "training": TrainingRecord.objects.count(),
            "fy": fy,
            "full_recompute_s": round(full, 3),
            "all_years_s": round(all_years, 3),
            "incremental_s": round(incremental, 3),
            "read_national_p50_ms": round(national[0] * 1000, 2),
            "read_national_p95_ms": round(national[1] * 1000, 2),
            "read_agency_p50_ms": round(agency[0] * 1000, 2),
            "read_agency_p95_ms": round(agency[1] * 1000, 2),
        }
        for key, value in result.items():
            self.stdout.write(f"{key:>24}: {value}")
        self.stdout.write("BENCH " + json.dumps(result))

    def _incremental(self, fy: int) -> float:
        row = PersonYearFigure.objects.filter(fy=fy).order_by("?").first()
        if row is None:
            return float("nan")
        # Queue (not run) the refresh the save triggers, then time the refresh itself.
        eager, app.conf.task_always_eager = app.conf.task_always_eager, False
        try:
            TrainingRecord.objects.create(
                person_id=row.person_id,
                title=f"bench {time.time()}",
                hours=Decimal(3),
                completed_on=min(date.today(), date(fy - 543, 9, 30)),
                horizon="future",
                status="verified",
            )
        finally:
            app.conf.task_always_eager = eager
        return _timed(services.compliance_refresh_marked)

    def _reads(
        self, fy: int, n: int
    ) -> tuple[tuple[float, float], tuple[float, float]]:
        scope = AgencyScope.system()
        ministry = Agency.objects.filter(depth=0, kind="ministry").first()
        national, agency = [], []
        for _ in range(n):
            national.append(
                _timed(lambda: selectors.rollout_by_year(scope=scope, fy=fy))
            )
            agency.append(
                _timed(
                    lambda: list(
                        selectors.compliance_rows(
                            scope=scope, fy=fy, agency=ministry, subtree=False
                        )
                    )
                )
            )
        return _percentiles(national), _percentiles(agency)
