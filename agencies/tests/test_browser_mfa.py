"""Two-step sign-in in a real browser: the QR code loads under the CSP (issue 9)."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password_step(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(user.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def _type_code(page, key):
    page.get_by_label("รหัส 6 หลักจากแอปยืนยันตัวตน").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="ยืนยัน", exact=True).click()
    page.wait_for_url(lambda url: url.endswith("/"))


def test_hr_officer_enrols_an_app_and_reaches_the_portal(
    page, settings, hr_officer, screenshot
):
    settings.MFA_REQUIRED = True
    _password_step(page, hr_officer)
    page.wait_for_url("**/accounts/mfa/enrol/**")
    qr = page.locator("#mfa-qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot("mfa-enrol")
    secret = page.locator("#mfa-secret").inner_text().replace(" ", "")
    _type_code(page, b32decode(secret))
    assert page.get_by_role("heading", level=1).inner_text().startswith("ระบบติดตาม")
    assert TOTPDevice.objects.get(user=hr_officer).confirmed


def test_an_enrolled_officer_types_a_code_after_the_password(
    page, settings, hr_officer
):
    settings.MFA_REQUIRED = True
    device = TOTPDevice.objects.create(user=hr_officer, name="a", confirmed=True)
    _password_step(page, hr_officer)
    page.wait_for_url("**/accounts/mfa/verify/**")
    _type_code(page, device.bin_key)
    assert page.get_by_role("heading", level=1).inner_text().startswith("ระบบติดตาม")
