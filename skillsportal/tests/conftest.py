"""Fixtures of the project's tests: the scope-leak world, the compiled catalogue."""

import shutil

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from .scoping_world import world  # noqa: F401

BASE = django_settings.BASE_DIR
PO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def compiled_catalogue(settings):
    """Compile the .mo when it is missing or older than the .po (`make messages`)."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        if shutil.which("msgfmt") is None:
            pytest.fail("no compiled catalogue and no msgfmt: run `make messages`")
        call_command(
            "compilemessages",
            locale=["en"],
            ignore_patterns=[".venv", "node_modules"],
            verbosity=0,
        )
    # Assigning LOCALE_PATHS resets Django's catalogue cache (a fresh .mo is read).
    settings.LOCALE_PATHS = [BASE / "locale"]
    return MO
