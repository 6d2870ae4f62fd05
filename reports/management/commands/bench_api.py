"""Benchmark of the read API on the current database (issue 8, SPEC §10; never in CI).

Times N requests to each endpoint and prints p50/p95/max wall-clock ms (and the
query count of one request, in-process); the last line is `BENCH {json}`:
- with an API key of the largest ministry (or `--agency`), as a connected HR
  system calls them: persons, the first page and a cursor page `--deep` pages
  in; training records of one person (cycling through the people of those
  pages); the compliance figures of that ministry;
- as an OCSC administrator: the compliance figures of every agency (first
  page) and the rollout.
In-process through the test client by default; `--base-url http://host:port`
sends real HTTP to a running server on the same database instead (run it with
a high API_THROTTLE_RATE and MFA_REQUIRED=0: the OCSC calls use a session).
It makes the user bench_ocsc an OCSC administrator for the run and a key; at
the end the key is revoked and bench_ocsc loses the role and is deactivated.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from rest_framework.test import APIClient

from agencies.models import Agency, Person, Role, RoleAssignment
from agencies.services.api_keys import api_key_create, api_key_revoke
from reports.management.timing import summary
from reports.selectors import dashboard_years, largest_ministry
from skillsportal.api_auth import KeyOrUserThrottle

Fetch = Callable[[str], tuple[int, bytes]]


class Command(BaseCommand):
    help = "Time the read API (p50/p95 ms per endpoint) on this database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=50, help="requests per endpoint")
        parser.add_argument("--fy", type=int, help="default: the latest FY figured")
        parser.add_argument("--agency", help="agency code (default: largest ministry)")
        parser.add_argument("--deep", type=int, default=100, help="pages to skip")
        parser.add_argument("--base-url", help="a running server, e.g. http://:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        fy = options["fy"] or dashboard_years()[-1]
        agency = self._agency(options["agency"], fy)
        key, raw = api_key_create(agency=agency, name="bench_api")
        ocsc, _ = get_user_model().objects.update_or_create(
            username="bench_ocsc", defaults={"is_active": True}
        )
        RoleAssignment.objects.get_or_create(user=ocsc, role=Role.OCSC_ADMIN)
        rates = KeyOrUserThrottle.THROTTLE_RATES
        # Measure the endpoints, not the rate limit (in-process only).
        KeyOrUserThrottle.THROTTLE_RATES = {**rates, "api": None}
        try:
            system = self._fetcher(options["base_url"], bearer=raw)
            national = self._fetcher(options["base_url"], user=ocsc)
            results = {}
            for name, urls in self._urls(system, agency, fy, options["deep"]).items():
                fetch = national if name in _NATIONAL else system
                results[name] = self._time(fetch, _repeat(urls, options["n"]))
        finally:
            KeyOrUserThrottle.THROTTLE_RATES = rates
            api_key_revoke(key=key)
            RoleAssignment.objects.filter(user=ocsc).delete()
            get_user_model().objects.filter(pk=ocsc.pk).update(is_active=False)
        if options["base_url"]:
            for r in results.values():
                r["queries"] = None  # the server's, not counted from here
        self._print(results, agency, fy, options["base_url"])

    def _agency(self, code: str | None, fy: int) -> Agency:
        if code:
            found = Agency.objects.filter(code=code).first()
            if found is None:
                raise CommandError(f"unknown agency code {code!r}")
            return found
        if (ministry := largest_ministry(fy=fy)) is None:
            raise CommandError(f"No figures for FY {fy}: run recompute_compliance.")
        return ministry

    def _fetcher(
        self, base_url: str | None, *, bearer: str = "", user: Any = None
    ) -> Fetch:
        """GET as the key (`bearer`) or the user, in-process or over HTTP."""
        host = next((h for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        client = APIClient(HTTP_HOST=host.lstrip("."))
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        if base_url:
            if user is not None:  # a session; the server needs MFA_REQUIRED=0
                client.force_login(user)
                cookie = client.cookies[settings.SESSION_COOKIE_NAME]
                headers = {"Cookie": f"{cookie.key}={cookie.value}"}
            return lambda url: _http_get(base_url.rstrip("/") + url, headers)
        if user is not None:
            client.force_authenticate(user)  # DRF's own door: no session, no MFA
        secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))

        def fetch(url: str) -> tuple[int, bytes]:
            response = client.get(url, secure=secure, headers=headers)
            return response.status_code, response.content

        return fetch

    def _urls(
        self, system: Fetch, agency: Agency, fy: int, deep: int
    ) -> dict[str, list[str]]:
        first = "/api/v1/persons/"
        url, people = first, []
        for _ in range(deep):
            page = _json(system, url)
            people += [row["id"] for row in page["results"]]
            if not page["next"]:
                break
            url = _path(page["next"])
        if not people:
            raise CommandError(f"No persons visible in {agency.code}.")
        return {
            "persons_first_page": [first],
            "persons_deep_page": [url],
            "training_by_person": [
                f"/api/v1/training-records/?person={pk}" for pk in people
            ],
            "compliance_agency": [
                "/api/v1/reports/compliance/?"
                + urlencode({"fy": fy, "agency": agency.code})
            ],
            "compliance_national": [f"/api/v1/reports/compliance/?fy={fy}"],
            "rollout": ["/api/v1/reports/rollout/"],
        }

    def _time(self, fetch: Fetch, urls: list[str]) -> dict[str, Any]:
        queries: list[str] = []

        def count(execute: Any, sql: str, *args: Any) -> Any:
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            status, _body = fetch(urls[0])  # warm-up, and the query count
        if status != 200:
            raise CommandError(f"{urls[0]} answered {status}")
        samples = []
        for url in urls:
            started = time.perf_counter()
            fetch(url)
            samples.append((time.perf_counter() - started) * 1000)
        return {
            **summary(samples),
            "queries": len(queries),
        }

    def _print(
        self, results: dict[str, Any], agency: Agency, fy: int, base: str | None
    ) -> None:
        for name, r in results.items():
            self.stdout.write(
                f"{name:<22} p50 {r['p50_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms  "
                f"max {r['max_ms']:8.1f} ms  {r['queries'] or '-'} queries  "
                f"n={r['n']}"
            )
        result = {
            "vendor": connection.vendor,
            "transport": "http" if base else "in-process",
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "persons": Person.objects.count(),
            "agencies": Agency.objects.count(),
            "fy": fy,
            "agency": agency.code,
            "endpoints": results,
        }
        self.stdout.write("BENCH " + json.dumps(result, ensure_ascii=False))


_NATIONAL = {"compliance_national", "rollout"}


def _repeat(urls: list[str], n: int) -> list[str]:
    return [urls[i % len(urls)] for i in range(max(n, 1))]


def _http_get(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _json(fetch: Fetch, url: str) -> Any:
    status, body = fetch(url)
    if status != 200:
        raise CommandError(f"{url} answered {status}")
    return json.loads(body)


def _path(url: str) -> str:
    """A `next` link as a path: the test client and --base-url both take paths."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
