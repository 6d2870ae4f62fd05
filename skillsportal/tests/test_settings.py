"""Production settings pass Django's deployment checklist; secrets are required."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # The test environment sets these for itself; production does not.
    leave_out = {
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SECURE_SSL_REDIRECT",
    }
    clean = {k: v for k, v in os.environ.items() if k not in leave_out}
    clean.update(DJANGO_SETTINGS_MODULE="skillsportal.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    done = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        NATIONAL_ID_KEY="k" * 32,
        ALLOWED_HOSTS="skills.example.go.th",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_refuses_to_start_without_secrets():
    done = _manage("check", DEBUG="0", NATIONAL_ID_KEY="")
    assert done.returncode != 0
    assert "SECRET_KEY and NATIONAL_ID_KEY are required" in done.stderr


def test_a_replica_url_adds_the_replica_and_its_router():
    done = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['replica']['HOST'], s.DATABASE_ROUTERS)",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/primary",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/skillsportal",
    )
    assert done.returncode == 0, done.stderr
    assert "replica.internal" in done.stdout and "FiguresReplicaRouter" in done.stdout


def test_the_migrations_check_runs_without_production_secrets():
    done = _manage(
        "makemigrations", "--check", "--dry-run", DEBUG="0", NATIONAL_ID_KEY=""
    )
    assert done.returncode == 0, done.stderr
    assert "No changes detected" in done.stdout
