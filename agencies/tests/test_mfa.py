"""Two-step sign-in for administrators and HR officers (issue 9): pages and gate.

The test settings turn MFA off so that the rest of the suite can `force_login`;
these tests turn it on with the `mfa_on` fixture, and one proves that the
production settings have it on by default.
"""

import os
import subprocess
import sys
from base64 import b32decode
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.mfa.rules import mfa_required
from agencies.mfa.services import mfa_device_reset
from agencies.models import ApiKey
from agencies.scoping import scope_for
from agencies.services.api_keys import api_key_create
from agencies.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-password-2569"


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED = True


def code(device, steps=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps * device.step
    return f"{totp.token():06d}"


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in(client, user):
    """The password step; returns where the portal then sends the user."""
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response
    return client.get(response["Location"])


def verified(client, user):
    """A session that has passed both steps (as after the verify page)."""
    device = enrolled(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def test_production_settings_require_mfa_by_default():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "MFA_REQUIRED"}}
    env.update(
        DJANGO_SETTINGS_MODULE="skillsportal.settings",
        SECRET_KEY="x" * 50,
        NATIONAL_ID_KEY="k" * 32,
    )
    script = "from django.conf import settings; print(settings.MFA_REQUIRED)"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1:] == ["True"], done.stderr


@pytest.mark.parametrize(
    "persona, required",
    [
        ("ocsc_admin", True),
        ("hr_officer", True),
        ("viewer", False),
        ("civil_servant", False),
    ],
)
def test_who_must_use_mfa(mfa_on, request, persona, required):
    user = request.getfixturevalue(persona)
    assert mfa_required(user, scope_for(user)) is required


def test_admin_site_staff_must_use_mfa(mfa_on, db):
    staff = UserFactory(username="clerk", is_staff=True)
    assert mfa_required(staff, scope_for(staff))


def test_nobody_must_when_mfa_is_off(hr_officer, settings):
    settings.MFA_REQUIRED = False
    assert not mfa_required(hr_officer, scope_for(hr_officer))


def test_first_sign_in_enrols_a_device_with_a_qr_code(mfa_on, client, hr_officer):
    response = sign_in(client, hr_officer)
    assert response["Location"].startswith(reverse("mfa:enrol"))
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(reverse("mfa:enrol"))
    page = client.get(reverse("mfa:enrol"))
    assert page.status_code == 200
    assert page.context["qr"].startswith("data:image/svg+xml")
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=hr_officer, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert b32decode(secret) == device.bin_key
    assert "img-src 'self' data:" in page["Content-Security-Policy"]


def test_a_right_code_confirms_the_device_and_opens_the_portal(
    mfa_on, client, hr_officer
):
    sign_in(client, hr_officer)
    client.get(reverse("mfa:enrol"))
    device = TOTPDevice.objects.get(user=hr_officer)
    before = client.session.session_key
    response = client.post(
        reverse("mfa:enrol"), {"code": code(device), "next": "/people/"}
    )
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert TOTPDevice.objects.get(user=hr_officer).confirmed
    assert client.session.session_key != before
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_in_thai(mfa_on, client, hr_officer):
    sign_in(client, hr_officer)
    client.get(reverse("mfa:enrol"))
    response = client.post(reverse("mfa:enrol"), {"code": "000000"})
    assert response.status_code == 200
    assert "รหัสไม่ถูกต้องหรือหมดอายุแล้ว" in response.content.decode()
    assert not TOTPDevice.objects.get(user=hr_officer).confirmed
    assert client.get("/").status_code == 302


def test_a_code_that_is_not_six_digits_is_a_form_error(mfa_on, client, hr_officer):
    enrolled(hr_officer)
    sign_in(client, hr_officer)
    response = client.post(reverse("mfa:verify"), {"code": "12ab"})
    assert "รหัสต้องเป็นตัวเลข 6 หลัก" in response.content.decode()


def test_an_enrolled_user_types_a_code_at_each_sign_in(mfa_on, client, hr_officer):
    device = enrolled(hr_officer)
    response = sign_in(client, hr_officer)
    assert response["Location"].startswith(reverse("mfa:verify"))
    assert client.get(reverse("mfa:enrol"))["Location"].startswith(
        reverse("mfa:verify")
    )
    thai_digits = code(device).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    response = client.post(reverse("mfa:verify"), {"code": thai_digits})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get("/").status_code == 200


def test_every_page_waits_for_the_code_and_comes_back_after(mfa_on, client, hr_officer):
    device = enrolled(hr_officer)
    sign_in(client, hr_officer)
    for url in ["/", "/people/?q=x", "/reports/agency/", "/admin/", "/privacy/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa:verify")), url
    target = client.get("/people/?q=x")["Location"]
    response = client.post(target, {"code": code(device), "next": "/people/?q=x"})
    assert response["Location"] == "/people/?q=x"


def test_sign_out_language_and_static_stay_open(mfa_on, client, hr_officer):
    enrolled(hr_officer)
    sign_in(client, hr_officer)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/static/css/portal.css").status_code == 200
    assert client.get(reverse("mfa:verify")).status_code == 200
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_next_never_leaves_the_site(mfa_on, client, hr_officer):
    device = enrolled(hr_officer)
    sign_in(client, hr_officer)
    response = client.post(
        reverse("mfa:verify"), {"code": code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_people_without_mfa_are_not_held(mfa_on, client, viewer, civil_servant):
    for user in (viewer, civil_servant):
        client.force_login(user)
        assert client.get("/").status_code == 200
        assert client.get(reverse("mfa:verify"))["Location"] == reverse("home")


def test_the_api_answers_403_to_an_unverified_session(mfa_on, client, hr_officer):
    enrolled(hr_officer)
    sign_in(client, hr_officer)
    response = client.get("/api/v1/persons/")
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "mfa_required" and error["message_en"]
    assert set(error) == {"code", "message", "message_en", "detail"}


def test_the_api_serves_a_verified_session(mfa_on, client, hr_officer):
    verified(client, hr_officer)
    assert client.get("/api/v1/persons/").status_code == 200


def test_api_keys_are_not_affected(mfa_on, client, hr_officer, ministry_a):
    raw = api_key_create(agency=ministry_a, name="HRIS")[1]
    sign_in(client, hr_officer)  # even beside an unverified session cookie
    response = client.get("/api/v1/persons/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert ApiKey.objects.get().last_used_at is not None


def test_a_second_device_cannot_be_added_with_the_password_alone(
    mfa_on, client, hr_officer
):
    device = enrolled(hr_officer)
    sign_in(client, hr_officer)
    response = client.post(reverse("mfa:enrol"), {"code": "123456"})
    assert response["Location"].startswith(reverse("mfa:verify"))
    assert list(TOTPDevice.objects.filter(user=hr_officer)) == [device]


def test_the_enrol_page_shows_only_the_users_own_secret(
    mfa_on, client, hr_officer, outsider_hr
):
    other = enrolled(hr_officer)
    client.force_login(outsider_hr)
    page = client.get(reverse("mfa:enrol"))
    assert page.status_code == 200
    own = TOTPDevice.objects.get(user=outsider_hr)
    assert b32decode(page.context["secret"].replace(" ", "")) == own.bin_key
    assert other.key not in page.content.decode()


def test_a_reset_device_means_enrolling_again(mfa_on, client, hr_officer):
    verified(client, hr_officer)
    assert client.get("/").status_code == 200
    assert mfa_device_reset(user=hr_officer) == 1
    assert client.get("/")["Location"].startswith(reverse("mfa:enrol"))


def test_administrators_reset_devices_in_the_admin_without_seeing_keys(
    mfa_on, client, db
):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    verified(client, root)
    device = enrolled(UserFactory(username="hr_lost_phone"))
    assert TOTPDevice in admin.site._registry
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    assert device.key not in client.get(change).content.decode()
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
