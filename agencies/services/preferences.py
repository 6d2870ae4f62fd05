"""A user's own choices (SPEC §1: the language, remembered for that user)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User

from ..models import UserPreference


def user_language_save(*, user: User, language: str) -> None:
    """Remember the language the user switched to (one of settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})


def user_language(user: User) -> str | None:
    """The language the user chose, or None if they never switched."""
    chosen = (
        UserPreference.objects.filter(user=user).values_list("language", flat=True)
    ).first()
    return chosen or None
