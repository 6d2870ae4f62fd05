"""Two-step sign-in services: enrolment once, codes once, wrong codes back off."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.mfa import services

from .test_mfa import code, enrolled, sign_in


def test_the_pending_device_is_created_once(hr_officer):
    first = services.mfa_device_pending(user=hr_officer)
    assert services.mfa_device_pending(user=hr_officer) == first
    assert not first.confirmed


def test_confirming_keeps_one_device(hr_officer):
    device = services.mfa_device_pending(user=hr_officer)
    TOTPDevice.objects.create(user=hr_officer, name="stale", confirmed=False)
    check = services.mfa_enrol_confirm(user=hr_officer, token=code(device))
    assert check.ok
    assert list(TOTPDevice.objects.filter(user=hr_officer)) == [device]
    with pytest.raises(PermissionDenied):
        services.mfa_enrol_confirm(user=hr_officer, token=code(device, 1))
    with pytest.raises(PermissionDenied):
        services.mfa_device_pending(user=hr_officer)


def test_a_code_is_accepted_once(hr_officer):
    device = enrolled(hr_officer)
    token = code(device)
    assert services.mfa_verify(user=hr_officer, token=token).ok
    assert not services.mfa_verify(user=hr_officer, token=token).ok


def test_wrong_codes_lock_the_device_for_longer_each_time(hr_officer):
    device = enrolled(hr_officer)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(4):
            assert not services.mfa_verify(user=hr_officer, token="000000").ok
            clock.shift(timedelta(seconds=60))
        clock.shift(timedelta(seconds=-60))
        locked = services.mfa_verify(user=hr_officer, token=code(device))
        assert not locked.ok
        assert locked.locked_until == timezone.now() + timedelta(seconds=8)
        clock.shift(timedelta(seconds=9))
        assert services.mfa_verify(user=hr_officer, token=code(device)).ok
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_the_verify_page_says_when_to_try_again(settings, client, hr_officer):
    settings.MFA_REQUIRED = True
    device = enrolled(hr_officer)
    sign_in(client, hr_officer)
    with time_machine.travel(timezone.now(), tick=False):
        client.post(reverse("mfa:verify"), {"code": "000000"})
        response = client.post(reverse("mfa:verify"), {"code": code(device)})
    assert "ใส่รหัสผิดหลายครั้ง โปรดลองใหม่หลังเวลา" in response.content.decode()
    assert client.get("/").status_code == 302


def test_no_device_means_no_code_is_accepted(hr_officer):
    check = services.mfa_verify(user=hr_officer, token="123456")
    assert not check.ok and check.locked_until is None
