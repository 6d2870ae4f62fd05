"""Shared fixtures: a small agency tree and the cast of personas (STYLE C9).

Ministry A (with Department A1 and its Division A1a) and Ministry B (Department B1).
- ocsc_admin: OCSC administrator, sees everything
- hr_officer: HR on Ministry A
- viewer: read-only on Ministry A
- civil_servant: a person in Division A1a with a login
- outsider_hr: HR on Ministry B
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from agencies.models import RoleAssignment
from agencies.tests.factories import AgencyFactory, PersonFactory, UserFactory

# Playwright runs an event loop in the test thread; the ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTIFACTS = Path(__file__).parent / "test-artifacts"
PASSWORD = "a-long-password-2569"


def pytest_sessionstart(session: pytest.Session) -> None:
    _drop_test_databases_of_ended_runs()
    if os.environ.get("REQUIRE_SERVICES") != "1":
        return
    from skillsportal.settings_test import SERVICES_UP

    missing = [name for name, up in SERVICES_UP.items() if not up]
    if missing or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.exit(f"REQUIRE_SERVICES=1 but not reachable: {missing}", returncode=3)


def _drop_test_databases_of_ended_runs() -> None:
    """Each run has its own test database (settings_test); a run that was killed,
    or whose teardown met a lingering connection, leaves it: drop those whose
    process is gone."""
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return
    import psycopg

    prefix = f"test_{db['NAME']}_"
    try:
        with psycopg.connect(
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            names = admin.execute(
                "SELECT datname FROM pg_database WHERE starts_with(datname, %s)",
                [prefix],
            ).fetchall()
            for (name,) in names:
                pid = name.removeprefix(prefix)
                if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.Error:
        pass  # no server: the session start reports it


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The local-memory cache outlives a test; debounce keys must not leak."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def ministry_a(db):
    return AgencyFactory(code="MA", name_th="กระทรวงเอ", kind="ministry")


@pytest.fixture
def department_a1(ministry_a):
    return AgencyFactory(code="MA-D1", name_th="กรมเอหนึ่ง", parent=ministry_a)


@pytest.fixture
def division_a1a(department_a1):
    return AgencyFactory(
        code="MA-D1-V1", name_th="กองเอหนึ่งเอ", parent=department_a1, kind="division"
    )


@pytest.fixture
def ministry_b(db):
    return AgencyFactory(code="MB", name_th="กระทรวงบี", kind="ministry")


@pytest.fixture
def department_b1(ministry_b):
    return AgencyFactory(code="MB-D1", name_th="กรมบีหนึ่ง", parent=ministry_b)


def _with_role(username, role, agency=None, **extra):
    user = UserFactory(username=username, **extra)
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def ocsc_admin(db):
    return _with_role("ocsc", "oncsc_admin")


@pytest.fixture
def hr_officer(ministry_a):
    return _with_role("hr_a", "agency_hr", ministry_a)


@pytest.fixture
def viewer(ministry_a):
    return _with_role("viewer_a", "agency_viewer", ministry_a)


@pytest.fixture
def outsider_hr(ministry_b):
    return _with_role("hr_b", "agency_hr", ministry_b)


@pytest.fixture
def civil_servant(division_a1a):
    user = UserFactory(username="somchai", first_name="สมชาย", last_name="ใจดี")
    PersonFactory(agency=division_a1a, user=user, given_name="สมชาย")
    return user


@pytest.fixture
def person_b(department_b1):
    return PersonFactory(agency=department_b1, given_name="บุคคลบี")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (it cannot download a browser here)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("chromium is not installed (make system-deps)")
        pytest.skip("chromium is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="th-TH",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    def _sign_in(user, password=PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("ชื่อผู้ใช้").fill(user.username)
        page.get_by_label("รหัสผ่าน").fill(password)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_url("**/")
        return page

    return _sign_in


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ for a person to look at."""

    def _shot(name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


def _worker_command(queue: str) -> list[str]:
    """A solo Celery worker on `queue` only, without the cluster chatter."""
    return [
        *(sys.executable, "-m", "celery", "-A", "skillsportal", "worker"),
        *("--pool=solo", "-Q", queue, "--loglevel=WARNING"),
        *("--without-heartbeat", "--without-gossip", "--without-mingle"),
    ]


@pytest.fixture
def celery_worker_queue(transactional_db):
    """A real Celery worker process on Redis, consuming its own queue; yields it."""
    from skillsportal.celery import app

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs Redis and PostgreSQL (CI sets REQUIRE_SERVICES=1)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skillsportal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    worker = subprocess.Popen(
        _worker_command(queue),
        env=env,
    )
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = "celery"
        worker.terminate()
        worker.wait(timeout=30)


class CeleryWorkers:
    """Real Celery worker processes on one private queue, started when asked."""

    def __init__(self, queue: str, env: dict[str, str]) -> None:
        self.queue = queue
        self.env = env
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        """A worker in its own process group; from now on tasks are not eager."""
        from skillsportal.celery import app

        worker = subprocess.Popen(
            _worker_command(self.queue),
            env=self.env,
            start_new_session=True,
        )
        self.started.append(worker)
        app.conf.task_always_eager = False
        app.conf.task_default_queue = self.queue
        return worker

    def kill(self, worker: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker's whole process group: no clean-up, no ack (OOM-like)."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)


def _forget_unacked(queue: str) -> None:
    """Drop the messages a killed worker left unacknowledged on `queue`.

    With acks_late, kombu keeps them in Redis and would hand them back after the
    visibility timeout (2 h) to a queue nobody reads any more.
    """
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for tag, payload in client.hgetall("unacked").items():
        if json.loads(payload)[-1] == queue:  # [message, exchange, routing key]
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.delete(queue)


@pytest.fixture
def celery_workers(transactional_db):
    """Start, SIGKILL and restart real Celery workers (fault tests); yields them.

    Like `celery_worker_queue`, but nothing runs until the test calls
    `start()`, and each worker has its own process group for `kill()`. Send
    tasks with `apply_async(..., queue=celery_workers.queue)`.
    """
    from skillsportal.celery import app

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs Redis and PostgreSQL (CI sets REQUIRE_SERVICES=1)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skillsportal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    workers = CeleryWorkers(f"test-{uuid.uuid4().hex[:8]}", env)
    try:
        yield workers
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = "celery"
        for worker in workers.started:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        _forget_unacked(workers.queue)
