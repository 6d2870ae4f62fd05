"""Fault tests (issue 9): a worker killed mid-recompute, PostgreSQL stopped under load.

Both break real processes on purpose and wait by polling with timeouts, never by
sleeping for a guessed time. Redis going away during writes is covered by
reports/tests/test_freshness.py::test_broker_down_write_succeeds_and_sweep_catches_up.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.db.models import F
from django.test import Client
from django.utils import timezone

from agencies.scoping import AgencyScope
from competencies.models import TrainingRecord
from demo.seed import SeedOptions, demo_seed
from reports import services, tasks
from reports.models import ComplianceFigure, ComplianceRun, PersonYearFigure
from reports.selectors import compliance_rows
from skillsportal import views
from skillsportal.lib.fiscal_year import (
    as_of_date,
    current_fiscal_year,
    fiscal_year_bounds,
)

T = TypeVar("T")


def wait_for(what: str, probe: Callable[[], T | None], timeout: float) -> T:
    """Poll `probe` until it returns something truthy; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"no {what} within {timeout:g} s")


class DatabaseDown:
    def cursor(self) -> Any:
        raise OperationalError("connection refused")


def test_healthz_answers_503_when_the_database_is_down(client: Client, monkeypatch):
    monkeypatch.setattr(views, "connection", DatabaseDown())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "down"}
    assert "no-cache" in response["Cache-Control"]


# --- a Celery worker killed in the middle of a full recompute ----------------------

PERSONS = 500


@pytest.mark.django_db
def test_the_sweep_marks_a_run_whose_process_died_failed():
    dead, alive = (
        ComplianceRun.objects.create(kind="full", fy=2569, scope="national")
        for _ in range(2)
    )
    ComplianceRun.objects.filter(pk=dead.pk).update(
        started_at=timezone.now() - services.DEAD_RUN - timedelta(minutes=1)
    )
    assert services.compliance_refresh_marked() is None  # nothing marked
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.outcome, dead.finished_at) == ("failed", None)
    assert dead.error == "no result in 2 h: its process died"
    assert alive.outcome == "running"


def _figures(fy: int, *, exact: bool = True) -> list[tuple[Any, ...]]:
    """The year's figures as readers get them; `exact` keeps row ids and times."""
    skip = set() if exact else {"id", "computed_at"}
    names = [f.attname for f in ComplianceFigure._meta.fields if f.attname not in skip]
    rows = compliance_rows(scope=AgencyScope.system(), fy=fy)
    return list(rows.values_list(*names))


def _add_hours_to_one_record(fy: int) -> None:
    """Seven more hours on a counted record: only a new recompute will show them.

    QuerySet.update sends no signal, so nothing is marked and no refresh queued.
    """
    start = fiscal_year_bounds(fy)[0]
    end = as_of_date(fy, timezone.localdate())
    record = (
        TrainingRecord.objects.filter(
            person_id__in=PersonYearFigure.objects.filter(fy=fy).values("person_id"),
            status="verified",
            completed_on__range=(start, end),
        )
        .order_by("pk")
        .first()
    )
    assert record is not None, "the seed has no verified training in the year"
    TrainingRecord.objects.filter(pk=record.pk).update(hours=F("hours") + 7)


@contextmanager
def _engine_held_mid_way() -> Iterator[None]:
    """Make a full recompute wait half-way through, until the block ends.

    Its first statement (the year's fresh PersonYearFigure table) reads training
    records; a second session holding ACCESS EXCLUSIVE on that table stops it
    there, with its run recorded and its transaction open.
    """
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
    ) as blocker:
        table = TrainingRecord._meta.db_table
        blocker.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        try:
            yield
        finally:
            blocker.rollback()


def _engine_session_waiting() -> int | None:
    """The server process of a recompute waiting at the block, if there is one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            " AND query LIKE %s",
            ["%CREATE TABLE reports_personyearfigure_y%"],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _session_gone(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is None


@pytest.mark.worker
@pytest.mark.fault
def test_worker_killed_mid_recompute_keeps_snapshot_and_next_run_completes(
    celery_workers,
):
    fy = current_fiscal_year(timezone.localdate()) - 1  # a whole year of records
    demo_seed(options=SeedOptions(persons=PERSONS))
    services.compliance_recompute(fy=fy)
    before, before_values = _figures(fy), _figures(fy, exact=False)
    assert before
    _add_hours_to_one_record(fy)

    with _engine_held_mid_way():
        worker = celery_workers.start()
        tasks.compliance_recompute.apply_async(
            kwargs={"fy": fy}, queue=celery_workers.queue
        )
        session = wait_for("recompute half-way", _engine_session_waiting, 60)
        killed = ComplianceRun.objects.get(kind="full", outcome="running")
        assert _figures(fy) == before  # readers get the previous snapshot meanwhile
        celery_workers.kill(worker)
    # Its server process notices the client is gone and rolls back.
    wait_for("end of the killed run's session", lambda: _session_gone(session), 30)
    assert _figures(fy) == before
    killed.refresh_from_db()
    assert (killed.outcome, killed.finished_at) == ("running", None)

    # DEAD_RUN later, a fresh worker's run marks the dead one failed and completes.
    ComplianceRun.objects.filter(pk=killed.pk).update(
        started_at=F("started_at") - services.DEAD_RUN
    )
    celery_workers.start()
    tasks.compliance_recompute.apply_async(
        kwargs={"fy": fy}, queue=celery_workers.queue
    )
    run = wait_for(
        "successful recompute by a fresh worker",
        lambda: ComplianceRun.objects.filter(
            pk__gt=killed.pk, fy=fy, outcome="success"
        ).first(),
        60,
    )
    killed.refresh_from_db()
    assert killed.outcome == "failed" and "process died" in killed.error
    by_worker = _figures(fy, exact=False)
    assert run.rows == len(by_worker) and by_worker != before_values  # +7 hours
    services.compliance_recompute(fy=fy)
    assert _figures(fy, exact=False) == by_worker


# --- PostgreSQL stopped and started again under load (a private cluster) -----------

CLIENT_TIMEOUT = 10  # seconds a probe waits for an answer
CLEAN_FAILURE_WITHIN = 5  # seconds an answer may take while the database is down
RECOVERY_WITHIN = 15  # seconds from the database being back to every page answering


def _pg_bindir() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: (
            int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateCluster:
    """A throw-away PostgreSQL cluster in a temporary directory, on its own port."""

    def __init__(self, bindir: Path, root: Path) -> None:
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.port = _free_port()
        # initdb and the server refuse to run as root.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/skillsportal"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, *args],
            check=True,
            capture_output=True,
            timeout=60,
            cwd=self.root,
        )

    def create(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.start()
        subprocess.run(
            [str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
            + ["-U", "postgres", "skillsportal"],
            check=True,
            capture_output=True,
            timeout=30,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "postgresql.log"),
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"
        )


@pytest.fixture
def private_postgresql() -> Iterator[PrivateCluster]:
    """A private PostgreSQL cluster: stopping it disturbs nobody else's tests."""
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("initdb is not installed (Debian package postgresql)")
    root = Path(tempfile.mkdtemp(prefix="skillsportal-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.skip("running as root without a postgres user for initdb")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    cluster = PrivateCluster(bindir, root)
    try:
        cluster.create()
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


SETUP_PORTAL = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from agencies.services.api_keys import api_key_create
from agencies.tests.factories import AgencyFactory, PersonFactory
agency = AgencyFactory(code="FAULT", kind="ministry")
for _ in range(20):
    PersonFactory(agency=agency)
print(api_key_create(agency=agency, name="fault test")[1])
"""


@dataclass(frozen=True)
class Hit:
    """One request of the prober: when, how long, and what came back."""

    path: str
    started: float
    seconds: float
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    body: str


class Prober(threading.Thread):
    """Fires GET requests at each path in turn, one at a time, and keeps every hit."""

    def __init__(self, base: str, paths: list[str], key: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.paths = paths
        self.headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
        self.hits: list[Hit] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            for path in self.paths:
                self.hits.append(self._get(path))
            self.halt.wait(0.05)  # pacing only: the machine is shared

    def _get(self, path: str) -> Hit:
        request = urllib.request.Request(self.base + path, headers=self.headers)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        except OSError as exc:  # refused, reset or timed out
            status, body = None, repr(exc).encode()
        seconds = time.monotonic() - started
        return Hit(path, started, seconds, status, body.decode(errors="replace"))

    def since(self, moment: float, path: str) -> list[Hit]:
        return [h for h in list(self.hits) if h.path == path and h.started >= moment]


def _children(pid: int) -> set[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return {int(child) for child in text.split()}


@pytest.fixture
def portal_on(private_postgresql: PrivateCluster) -> Iterator[tuple[str, str, Any]]:
    """gunicorn serving the portal (production settings) on the private cluster.

    Yields the base URL, an API key and the gunicorn master process.
    """
    root = private_postgresql.root
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skillsportal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "fault-test-secret-key-" + "x" * 40,
        "NATIONAL_ID_KEY": "fault-test-national-id-key",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": private_postgresql.url,
        "DB_CONN_MAX_AGE": "60",  # persistent connections, as in production
        "REDIS_URL": "",
        "API_THROTTLE_RATE": "100000/min",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(root / "static"),
        "MEDIA_ROOT": str(root / "media"),
    }
    for name in ("static", "media"):
        (root / name).mkdir()
    port = _free_port()
    # gunicorn boots while the database is migrated; it touches it only per request.
    with open(root / "gunicorn.log", "wb") as log:
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "skillsportal.wsgi"]
            + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"]
            + ["--timeout", "30", "--graceful-timeout", "5"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        setup = subprocess.run(
            [sys.executable, "-c", SETUP_PORTAL],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert setup.returncode == 0, setup.stderr
        key = setup.stdout.strip().splitlines()[-1]
        yield f"http://127.0.0.1:{port}", key, gunicorn
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        try:
            gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(gunicorn.pid, signal.SIGKILL)
            gunicorn.wait(timeout=10)
        print((root / "gunicorn.log").read_text(errors="replace")[-4000:])  # on failure


def _clean_failure(hit: Hit) -> bool:
    """An HTTP error answer, quick, that shows no code, SQL or driver message."""
    leaks = ("Traceback", 'File "', "psycopg", "OperationalError", "SELECT")
    return (
        hit.status in (500, 503)
        and hit.seconds < CLEAN_FAILURE_WITHIN
        and not any(leak in hit.body for leak in leaks)
    )


@pytest.mark.fault
def test_postgresql_restart_under_load_fails_cleanly_then_recovers(
    private_postgresql, portal_on
):
    base, key, gunicorn = portal_on
    paths = ["/healthz", "/api/v1/persons/"]
    prober = Prober(base, paths, key)

    def every_path_answers(since: float) -> bool:
        return all(any(h.status == 200 for h in prober.since(since, p)) for p in paths)

    prober.start()
    try:
        wait_for("answer from gunicorn", lambda: every_path_answers(0), 90)
        workers = _children(gunicorn.pid)
        assert len(workers) == 2

        private_postgresql.stop("fast")
        down = time.monotonic()
        wait_for(
            "three answers per path with the database down",
            lambda: all(len(prober.since(down, p)) >= 3 for p in paths),
            30,
        )
        restarting = time.monotonic()
        private_postgresql.start()
        up = time.monotonic()
        wait_for("recovery", lambda: every_path_answers(up), RECOVERY_WITHIN)
        back = time.monotonic()
        wait_for(
            "three more answers per path",
            lambda: all(len(prober.since(back, p)) >= 3 for p in paths),
            30,
        )
    finally:
        prober.halt.set()
        prober.join(timeout=CLIENT_TIMEOUT + 5)

    while_down = [
        h
        for h in prober.hits
        if h.started >= down and h.started + h.seconds < restarting
    ]
    assert while_down and all(_clean_failure(h) for h in while_down), while_down
    health = [h for h in while_down if h.path == "/healthz"]
    assert all(h.status == 503 for h in health)
    assert json.loads(health[0].body) == {"status": "error", "database": "down"}
    after = [h for h in prober.hits if h.started >= up]
    assert all(h.status == 200 for h in after), [h for h in after if h.status != 200]
    # The same gunicorn and the same workers served it all: nothing restarted.
    assert gunicorn.poll() is None and _children(gunicorn.pid) == workers
