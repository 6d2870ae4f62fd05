"""Benchmark of every page type on the current database (SPEC §10; never in CI).

Each page is fetched N times through the test client as the user it is for: an
HR officer of the largest ministry, an OCSC administrator, and a civil servant
of that ministry. Prints p50/p95 wall-clock ms, this process's CPU ms (the
page's own Python cost, apart from the database) and the query count; the last
line is `BENCH {json}`. It creates (or reuses) the users bench_hr, bench_ocsc
and bench_self (bench_self becomes the login of one person of the ministry).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from agencies.models import Agency, Person, Role, RoleAssignment
from agencies.scoping import scope_for, within
from competencies import selectors as queue_selectors
from reports.management.timing import summary
from reports.selectors import dashboard_years, largest_ministry


@dataclass(frozen=True)
class PageCase:
    """One page: who opens it, its URL and query (both may depend on the world)."""

    who: str
    url: Callable[[World], str]
    query: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    budget: int = 15  # queries (issue 17); a test holds every page to it


@dataclass
class World:
    fy: int
    ministry: Agency
    person: Person
    users: dict[str, Any]
    queue_after: int | None


PAGES: dict[str, PageCase] = {
    "home (HR)": PageCase("hr", lambda w: reverse("home")),
    "roster": PageCase("hr", lambda w: reverse("competencies:person-list")),
    "roster name search": PageCase(
        "hr", lambda w: reverse("competencies:person-list"), lambda w: {"q": "สม"}
    ),
    "person page": PageCase(
        "hr",
        lambda w: reverse("competencies:person-detail", args=[w.person.pk]),
        budget=23,  # + the access log (first visit of the day) and the year's figures
    ),
    "verification queue": PageCase(
        "hr", lambda w: reverse("competencies:verification-queue")
    ),
    "verification queue p2": PageCase(
        "hr",
        lambda w: reverse("competencies:verification-queue"),
        lambda w: {"after": w.queue_after or ""},
    ),
    "verification assessments": PageCase(
        "hr",
        lambda w: reverse("competencies:verification-queue"),
        lambda w: {"kind": "assessment"},
    ),
    "transfers": PageCase("hr", lambda w: reverse("competencies:transfer-list")),
    "imports": PageCase("hr", lambda w: reverse("imports:start")),
    "agency dashboard": PageCase(
        "hr",
        lambda w: reverse("reports:agency-dashboard"),
        lambda w: {"fy": w.fy},
        budget=18,
    ),
    "worklist": PageCase(
        "hr",
        lambda w: reverse("reports:worklist"),
        lambda w: {"fy": w.fy, "worklist": "no_training"},
    ),
    "exports": PageCase("hr", lambda w: reverse("reports:export-list")),
    "team plans": PageCase("hr", lambda w: reverse("me:team-plans")),
    "agencies": PageCase("ocsc", lambda w: reverse("agencies:agency-list")),
    "rollout dashboard": PageCase(
        "ocsc", lambda w: reverse("reports:rollout-dashboard"), lambda w: {"fy": w.fy}
    ),
    "compliance runs": PageCase("ocsc", lambda w: reverse("reports:run-list")),
    "my skills": PageCase("self", lambda w: reverse("me:skills")),
    "my plan": PageCase("self", lambda w: reverse("me:plan"), budget=19),
    "my data": PageCase("self", lambda w: reverse("me:data")),
    "my notifications": PageCase("self", lambda w: reverse("me:notification-list")),
}


def _user(username: str, role: str | None, agency: Agency | None) -> Any:
    # bench_api deactivates bench_ocsc when it ends: active again here.
    user, _created = get_user_model().objects.update_or_create(
        username=username, defaults={"is_active": True}
    )
    if role is not None:
        RoleAssignment.objects.get_or_create(user=user, role=role, agency=agency)
    return user


class Command(BaseCommand):
    help = "Time every page type (p50/p95 ms, Python CPU, queries) on this database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=20, help="requests per page")
        parser.add_argument("--fy", type=int, help="default: the current FY")
        parser.add_argument(
            "--only", default="", help="comma-separated page names (default: all)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        world = self._world(options["fy"])
        wanted = [n.strip() for n in options["only"].split(",") if n.strip()]
        unknown = set(wanted) - set(PAGES)
        if unknown:
            raise CommandError(f"Unknown pages: {sorted(unknown)}; see {list(PAGES)}")
        results = {}
        for name, case in PAGES.items():
            if wanted and name not in wanted:
                continue
            user = world.users[case.who]
            r = self._time(user, case.url(world), case.query(world), options["n"])
            results[name] = r
            over = "  OVER BUDGET" if r["queries"] > case.budget else ""
            self.stdout.write(
                f"{name:<26} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
                f"(Python CPU p50 {r['app_cpu_p50_ms']:5.1f} ms)  "
                f"{r['queries']:>2} queries (budget {case.budget}){over}"
            )
        result = {
            "vendor": connection.vendor,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "persons": Person.objects.count(),
            "fy": world.fy,
            "hr_agency": world.ministry.code,
            "pages": results,
        }
        self.stdout.write("BENCH " + json.dumps(result, ensure_ascii=False))

    def _world(self, fy: int | None) -> World:
        fy = fy or dashboard_years()[-1]
        ministry = largest_ministry(fy=fy)
        if ministry is None:
            raise CommandError(f"No figures for FY {fy}: run recompute_compliance.")
        hr = _user("bench_hr", Role.AGENCY_HR, ministry)
        own = _user("bench_self", None, None)
        person = Person.objects.filter(user=own).first()
        if person is None:
            person = (
                Person.objects.filter(within("current_agency", ministry), user=None)
                .order_by("pk")
                .first()
            )
            if person is None:
                raise CommandError(f"Nobody works in {ministry.code}.")
            person.user = own
            person.save(update_fields=["user"])
        scope = scope_for(hr)
        pending = {
            k: queue_selectors.verification_pending(scope=scope, kind=k)
            for k in queue_selectors.QUEUE_KINDS
        }
        first = queue_selectors.verification_page(pending, kind="training")
        return World(
            fy=fy,
            ministry=ministry,
            person=person,
            users={
                "hr": hr,
                "ocsc": _user("bench_ocsc", Role.OCSC_ADMIN, None),
                "self": own,
            },
            queue_after=first.next_after,
        )

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
            **summary(samples),
            "app_cpu_p50_ms": round(statistics.median(cpu), 1),
            "queries": len(queries),
        }
