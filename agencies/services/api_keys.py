"""Issue and revoke API keys (SPEC §9): shown once, stored hashed."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from ..models import Agency, ApiKey

PREFIX_LENGTH = 8


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_key_create(
    *,
    agency: Agency,
    name: str,
    days: int | None = None,
    can_write: bool = False,
    can_search_national_id: bool = False,
    can_xapi: bool = False,
    created_by: User | None = None,
) -> tuple[ApiKey, str]:
    """Create a key for `agency`; returns the row and the key, which is never stored.

    Keys read only unless `can_write` (permissions default to deny, SPEC §8).
    """
    raw = "sp_" + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        agency=agency,
        name=name,
        prefix=raw[:PREFIX_LENGTH],
        key_hash=hash_key(raw),
        expires_at=timezone.now() + timedelta(days=days) if days else None,
        can_write=can_write,
        can_search_national_id=can_search_national_id,
        can_xapi=can_xapi,
        created_by=created_by,
    )
    return key, raw


def api_key_revoke(*, key: ApiKey) -> ApiKey:
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    return key


def api_key_authenticate(raw: str) -> ApiKey | None:
    """The usable key matching `raw`, with its last-used time refreshed."""
    key = (
        ApiKey.objects.usable()
        .select_related("agency")
        .filter(key_hash=hash_key(raw))
        .first()
    )
    if key is not None:
        now = timezone.now()
        # Write at most once a minute: a busy system must not write on every call.
        if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key
