"""Writes for two-step sign-in: enrol a TOTP device, confirm it, check a code.

Codes are checked by django-otp inside a transaction with the device row locked,
so throttling holds under concurrent attempts: after each wrong code the next try
must wait 1, 2, 4, 8 … seconds (OTP_TOTP_THROTTLE_FACTOR), until an administrator
resets the device. A code is accepted once only (`last_t`). Logs carry user ids.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

log = logging.getLogger(__name__)
DEVICE_NAME = "authenticator"


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of one code: the device that accepted it, or when to try again."""

    device: TOTPDevice | None = None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.device is not None


def mfa_device_confirmed(*, user: Any) -> TOTPDevice | None:
    """The user's confirmed device, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def mfa_device_pending(*, user: Any) -> TOTPDevice:
    """The device being enrolled: created once, shown until a code confirms it."""
    if mfa_device_confirmed(user=user) is not None:
        raise PermissionDenied("already enrolled")
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    )
    return device or TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=False
    )


@transaction.atomic
def mfa_enrol_confirm(*, user: Any, token: str) -> CodeCheck:
    """Confirm the pending device with a code from the app (first device only).

    A user who already has a confirmed device cannot add another with the
    password alone: an administrator must reset the old one first.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise PermissionDenied("already enrolled")
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        return CodeCheck()
    check = _check(device, token)
    if check.ok:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        log.info("mfa device enrolled for user %s", user.pk)
    return check


@transaction.atomic
def mfa_verify(*, user: Any, token: str) -> CodeCheck:
    """Check a sign-in code against the user's confirmed device."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("pk")
        .first()
    )
    return CodeCheck() if device is None else _check(device, token)


def mfa_device_reset(*, user: Any) -> int:
    """Remove the user's devices: they enrol again at their next sign-in."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    log.info("mfa devices reset for user %s", user.pk)
    return deleted


def _check(device: TOTPDevice, token: str) -> CodeCheck:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(locked_until=(info or {}).get("locked_until"))
    if device.verify_token(token):
        return CodeCheck(device=device)
    log.warning("mfa code refused for user %s", device.user_id)
    return CodeCheck()
