import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_officer_signs_in_and_sees_the_home_page(
    page, sign_in, hr_officer, screenshot
):
    sign_in(hr_officer)
    assert page.get_by_role("heading", level=1).inner_text().startswith("ระบบติดตาม")
    screenshot("sign-in-home")


def test_wrong_password_keeps_the_user_on_the_login_page(page, sign_in, hr_officer):
    page.goto("/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(hr_officer.username)
    page.get_by_label("รหัสผ่าน").fill("wrong-password")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    assert "/accounts/login/" in page.url
    assert page.get_by_label("ชื่อผู้ใช้").input_value() == hr_officer.username
