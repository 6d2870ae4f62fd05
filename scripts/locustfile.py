"""Load test of the portal (issue 9): HR pages, imports, dashboards and the API.

Run it through `scripts/load_test.sh`, which starts gunicorn on 127.0.0.1, makes
the demo logins and an API key, and passes them in the environment:

    LOAD_API_KEY        a read key of the HR officer's ministry (create_api_key)
    LOAD_IMPORT_AGENCY  an agency code the HR officer may import into
    LOAD_PASSWORD       the demo password (default demo-password-2569)
    LOAD_SIGN_IN        "shared" (default): one sign-in per demo login, its session
                        shared by the simulated users of that login; "each": every
                        simulated user signs in (a sign-in storm: Argon2 costs
                        about 0.4 CPU-second a sign-in)
    LOAD_MODEL          "realistic" (default) or "capacity"

The realistic model (issue 17): people read a page before the next click. HR
officers pause 5-20 s between pages (roster, name search, person pages, the
verification queue, the dashboard); civil servants at the end of the fiscal year
open My skills and their plan and read for 10-30 s; OCSC administrators read the
rollout for 10-30 s; other agencies' systems call the API every 5-15 s; two HR
officers import a small roster every 10-20 s. "capacity" keeps the same mix
with pauses of 0.5-2 s, to find the requests per second the machine serves.

Never part of the test suite or CI. Loopback only: any other host is refused.
"""

from __future__ import annotations

import os
import random
import re
import time
from datetime import date
from typing import Any
from urllib.parse import urlparse

from gevent.lock import Semaphore
from locust import HttpUser, between, events, task
from locust.exception import StopUser
from requests.cookies import RequestsCookieJar

PASSWORD = os.environ.get("LOAD_PASSWORD", "demo-password-2569")
API_KEY = os.environ.get("LOAD_API_KEY", "")
IMPORT_AGENCY = os.environ.get("LOAD_IMPORT_AGENCY", "")
SIGN_IN = os.environ.get("LOAD_SIGN_IN", "shared")
CAPACITY = os.environ.get("LOAD_MODEL", "realistic") == "capacity"


def pause(low: float, high: float) -> Any:
    """The model's reading time between two clicks (short in the capacity model)."""
    return between(0.5, 2) if CAPACITY else between(low, high)


IMPORT_ROWS = 20
# Name prefixes of the demo data (agencies/demo/data.py): given, family, or both.
NAMES = ("สม", "ประ", "ณัฐ", "กิต", "พร", "สมชาย", "แก้ว", "ทอง", "ศรี สุข", "วิ ประ")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSON_LINK = re.compile(r'href="/people/(\d+)/"')
NEXT_CURSOR = re.compile(r'href="[^"]*[?&;]after=(\d+)')
ROSTER_HEADER = (
    "national_id,given_name,family_name,agency_code,personnel_category,"
    "position_title,position_type,position_level,target_group,email,"
    "effective_date,status"
)


@events.init.add_listener
def _loopback_only(environment: Any, **kwargs: Any) -> None:
    host = urlparse(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"the load test is for loopback only, not {environment.host}")


class LoopbackCookies(RequestsCookieJar):
    """Keep sending the Secure session and CSRF cookies (DEBUG=0) over loopback HTTP.

    What nginx's TLS does in production; plain http here keeps locust simple.
    """

    def set_cookie(self, cookie: Any, *args: Any, **kwargs: Any) -> Any:
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def national_id() -> str:
    """A random checksum-valid national ID (skillsportal/lib/national_id.py)."""
    first12 = str(random.randint(1, 8)) + "".join(random.choices("0123456789", k=11))
    total = sum(int(d) * w for d, w in zip(first12, range(13, 1, -1), strict=True))
    return first12 + str((11 - total % 11) % 10)


_sessions: dict[str, RequestsCookieJar] = {}
_signing_in = Semaphore()


class SignedIn(HttpUser):
    """A person signed in through the login form (as the demo users are)."""

    abstract = True
    username = ""

    def on_start(self) -> None:
        self.client.cookies = LoopbackCookies()
        if SIGN_IN == "each":
            self.sign_in()
            return
        with _signing_in:
            if self.username not in _sessions:
                self.sign_in()
                _sessions[self.username] = self.client.cookies.copy()
        self.client.cookies.update(_sessions[self.username])

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="sign-in form")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.token(page.text),
            },
            name="sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login/" in target:
                response.failure(f"{self.username} could not sign in")
                raise StopUser()
            if "/accounts/mfa/" in target:
                response.failure("MFA holds the sign-in: run with MFA_REQUIRED=0")
                raise StopUser()

    @staticmethod
    def token(html: str) -> str:
        found = CSRF.search(html)
        return found.group(1) if found else ""


class HrOfficer(SignedIn):
    """HR of a ministry: the roster, name search, person pages, the dashboard."""

    weight = 6
    username = "hr"
    wait_time = pause(5, 20)

    def on_start(self) -> None:
        super().on_start()
        roster = self.client.get("/people/", name="/people/ (roster)")
        self.person_ids = PERSON_LINK.findall(roster.text)

    @task(4)
    def roster(self) -> None:
        page = self.client.get("/people/", name="/people/ (roster)")
        after = NEXT_CURSOR.search(page.text)
        if after:
            self.client.get(
                "/people/", params={"after": after.group(1)}, name="/people/?after="
            )

    @task(3)
    def search_by_name(self) -> None:
        self.client.get(
            "/people/", params={"q": random.choice(NAMES)}, name="/people/?q= (name)"
        )

    @task(3)
    def person_page(self) -> None:
        if self.person_ids:
            pk = random.choice(self.person_ids)
            self.client.get(f"/people/{pk}/", name="/people/[id]/")

    @task(2)
    def agency_dashboard(self) -> None:
        self.client.get("/reports/agency/", name="/reports/agency/")

    @task(2)
    def verification_queue(self) -> None:
        page = self.client.get("/verification/", name="/verification/")
        after = NEXT_CURSOR.search(page.text)
        if after:
            self.client.get(
                "/verification/",
                params={"after": after.group(1)},
                name="/verification/?after=",
            )


class CivilServant(SignedIn):
    """A civil servant at the end of the fiscal year: My skills, then the plan."""

    weight = 8
    username = "staff"
    wait_time = pause(10, 30)

    @task(3)
    def my_skills(self) -> None:
        self.client.get("/me/", name="/me/ (my skills)")

    @task(2)
    def my_plan(self) -> None:
        self.client.get("/me/plan/", name="/me/plan/")

    @task(1)
    def notifications(self) -> None:
        self.client.get("/me/notifications/", name="/me/notifications/")


class OcscAdministrator(SignedIn):
    """OCSC administrator: the rollout report, the national dashboard, the job table."""

    weight = 2
    username = "admin"
    wait_time = pause(10, 30)

    @task(3)
    def rollout(self) -> None:
        self.client.get("/reports/rollout/", name="/reports/rollout/")

    @task(2)
    def agency_dashboard(self) -> None:
        self.client.get("/reports/agency/", name="/reports/agency/ (national)")

    @task(1)
    def runs(self) -> None:
        self.client.get("/reports/runs/", name="/reports/runs/")


class ApiSystem(HttpUser):
    """Another agency system reading the API with its key."""

    weight = 3
    wait_time = pause(5, 15)

    def on_start(self) -> None:
        if not API_KEY:
            raise StopUser()
        self.client.headers.update(
            {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}
        )

    @task(3)
    def persons(self) -> None:
        page = self.client.get("/api/v1/persons/", name="/api/v1/persons/").json()
        if page.get("next"):
            self.client.get(page["next"], name="/api/v1/persons/?cursor=")

    @task(2)
    def compliance(self) -> None:
        self.client.get(
            "/api/v1/reports/compliance/", name="/api/v1/reports/compliance/"
        )


class RosterImporter(SignedIn):
    """HR uploading a small roster through the browser import, then confirming it."""

    fixed_count = 2  # a few at a time, whatever the total
    username = "hr"
    wait_time = between(10, 20)

    @task
    def import_roster(self) -> None:
        if not IMPORT_AGENCY:
            raise StopUser()
        token = self.token(self.client.get("/imports/", name="/imports/").text)
        with self.client.post(
            "/imports/",
            data={"kind": "roster", "csrfmiddlewaretoken": token},
            files={"file": ("load-roster.csv", self.roster_csv(), "text/csv")},
            name="/imports/ (upload roster)",
            catch_response=True,
        ) as response:
            job = re.search(r"/imports/(\d+)/", response.url)
            if job is None:
                response.failure("the upload was not accepted")
                return
        if self.wait_job(job.group(1)) != "validated":
            return
        self.client.post(
            f"/imports/{job.group(1)}/confirm/",
            data={"csrfmiddlewaretoken": token},
            name="/imports/[id]/confirm/",
        )
        self.wait_job(job.group(1))

    def wait_job(self, pk: str) -> str:
        deadline = time.monotonic() + 120
        while True:
            state = self.client.get(
                f"/imports/{pk}/progress/", name="/imports/[id]/progress/"
            ).json()
            if not state.get("running") or time.monotonic() > deadline:
                return str(state.get("status"))
            time.sleep(1)  # gevent-patched: other users keep running

    @staticmethod
    def roster_csv() -> bytes:
        today = date.today()
        effective = f"{today.day:02d}/{today.month:02d}/{today.year + 543}"
        rows = [ROSTER_HEADER]
        for n in range(IMPORT_ROWS):
            given = random.choice(NAMES[:5]) + "ทดสอบ"
            rows.append(
                f"{national_id()},{given},โหลด{n},{IMPORT_AGENCY},civil_ordinary,"
                f"นักวิชาการคอมพิวเตอร์,academic,ชำนาญการ,5,,{effective},active"
            )
        return ("\n".join(rows) + "\n").encode()
