"""Benchmark of the dashboards on the current database (SPEC §10; never in CI).

Renders the agency dashboard (as an HR officer of the largest ministry) and the
rollout dashboard (as an OCSC administrator) N times through the test client and
prints p50/p95 wall-clock ms, this process's CPU ms (the page's own cost, apart
from the database and other load on the machine) and the query count; the last
line is `BENCH {json}`.
It creates (or reuses) the users bench_hr and bench_ocsc.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from agencies.models import Agency, Person, Role, RoleAssignment
from reports.selectors import dashboard_years, largest_ministry


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def _user(username: str, role: str, agency: Agency | None) -> Any:
    user, _created = get_user_model().objects.get_or_create(username=username)
    RoleAssignment.objects.get_or_create(user=user, role=role, agency=agency)
    return user


class Command(BaseCommand):
    help = "Time the agency and rollout dashboards (p50/p95 ms) on this database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=50, help="requests per page")
        parser.add_argument("--fy", type=int, help="default: the current FY")
        parser.add_argument(
            "--worklist", action="store_true", help="also time one worklist page"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fy = options["fy"] or dashboard_years()[-1]
        ministry = self._largest_ministry(fy)
        hr = _user("bench_hr", Role.AGENCY_HR, ministry)
        ocsc = _user("bench_ocsc", Role.OCSC_ADMIN, None)
        pages = {
            "agency_dashboard": (hr, reverse("reports:agency-dashboard"), {}),
            "rollout_dashboard": (ocsc, reverse("reports:rollout-dashboard"), {}),
            "worklist": (hr, reverse("reports:worklist"), {"worklist": "no_training"}),
        }
        if not options["worklist"]:
            del pages["worklist"]
        results = {
            name: self._time(user, url, {"fy": fy, **query}, options["n"])
            for name, (user, url, query) in pages.items()
        }
        for name, r in results.items():
            self.stdout.write(
                f"{name:<20} p50 {r['p50_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms  "
                f"(Python CPU p50 {r['app_cpu_p50_ms']:.1f} ms)  "
                f"{r['queries']} queries  n={r['n']}"
            )
        summary = {
            "vendor": connection.vendor,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "persons": Person.objects.count(),
            "agencies": Agency.objects.count(),
            "fy": fy,
            "hr_agency": ministry.code,
            "pages": results,
        }
        self.stdout.write("BENCH " + json.dumps(summary, ensure_ascii=False))

    def _largest_ministry(self, fy: int) -> Agency:
        if (ministry := largest_ministry(fy=fy)) is None:
            raise CommandError(f"No figures for FY {fy}: run recompute_compliance.")
        return ministry

    def _time(self, user: Any, url: str, query: dict[str, Any], n: int) -> dict:
        host = next((h for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        client = Client(HTTP_HOST=host.lstrip("."))
        client.force_login(user)
        secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        queries: list[str] = []

        def count(execute: Any, sql: str, *args: Any) -> Any:
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            first = client.get(url, query, secure=secure)
        if first.status_code != 200:
            raise CommandError(f"{url} answered {first.status_code}")
        samples, cpu = [], []
        for _ in range(max(n, 1)):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url, query, secure=secure)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        return {
            "n": len(samples),
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(_percentile(samples, 0.95), 1),
            "max_ms": round(max(samples), 1),
            "app_cpu_p50_ms": round(statistics.median(cpu), 1),
            "queries": len(queries),
        }
