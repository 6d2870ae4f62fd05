"""Test settings: production-like, against PostgreSQL and Redis when they answer.

`REQUIRE_SERVICES=1` (CI) turns a missing PostgreSQL or Redis into a failure
instead of a fall-back to SQLite (see conftest.py).
"""

import os
import socket
from urllib.parse import urlparse

os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("NATIONAL_ID_KEY", "test-national-id-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/skillsportal")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")


def _answers(url: str) -> bool:
    parts = urlparse(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 0), timeout=1).close()
    except OSError:
        return False
    return True


SERVICES_UP = {
    "postgresql": _answers(os.environ["DATABASE_URL"]),
    "redis": _answers(os.environ["REDIS_URL"]),
}
if not SERVICES_UP["postgresql"] and os.environ.get("REQUIRE_SERVICES") != "1":
    os.environ["DATABASE_URL"] = "sqlite:///:memory:"
if not SERVICES_UP["redis"] and os.environ.get("REQUIRE_SERVICES") != "1":
    os.environ["REDIS_URL"] = ""

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True  # safety net; the worker test turns it off
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Tests sign in with force_login; the MFA tests turn it on (agencies/tests/test_mfa*).
MFA_REQUIRED = False
LANGUAGE_CODE = "th"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Live-server threads must not keep connections open past the test (teardown).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# A test database per run: two runs on one PostgreSQL (a developer's and CI's)
# must not drop each other's (issue 19). Subprocesses get the name they need.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"  # noqa: F405
    }
