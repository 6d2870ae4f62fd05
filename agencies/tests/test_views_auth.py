"""Sign-out, password change and reset, and the axes lockout (ASVS 6.3, 7.2)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD

LOGIN = reverse("login")


@pytest.fixture(autouse=True)
def fresh_axes(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def _fail(client, username, times=1, ip="10.0.0.1"):
    response = None
    for _ in range(times):
        response = client.post(
            LOGIN, {"username": username, "password": "wrong"}, REMOTE_ADDR=ip
        )
    return response


def test_five_failures_lock_the_account_with_a_thai_page(client, hr_officer):
    responses = [_fail(client, hr_officer.username) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429
    assert "บัญชีถูกล็อกชั่วคราว" in locked.content.decode()
    good = client.post(
        LOGIN,
        {"username": hr_officer.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert good.status_code == 429  # even the right password waits out the lock


def test_email_variants_share_one_counter(client, hr_officer):
    _fail(client, hr_officer.username, times=2)
    _fail(client, hr_officer.email.upper(), times=2)
    locked = _fail(client, hr_officer.email.capitalize())
    assert locked.status_code == 429


def test_lockout_does_not_lock_other_users_on_the_same_ip(client, hr_officer, viewer):
    _fail(client, hr_officer.username, times=5)
    ok = client.post(
        LOGIN,
        {"username": viewer.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert ok.status_code == 302


def test_sign_out_is_a_post_from_every_page(client, hr_officer):
    client.force_login(hr_officer)
    body = client.get(reverse("home")).content.decode()
    assert 'action="/accounts/logout/"' in body and "ออกจากระบบ" in body
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change(client, hr_officer):
    client.force_login(hr_officer)
    url = reverse("password_change")
    assert "เปลี่ยนรหัสผ่าน" in client.get(url).content.decode()
    new = "another-long-password-2570"
    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    hr_officer.refresh_from_db()
    assert hr_officer.check_password(new)


def test_password_change_needs_sign_in(client, db):
    assert client.get(reverse("password_change")).status_code == 302


def test_password_reset_by_email(client, hr_officer):
    response = client.post(reverse("password_reset"), {"email": hr_officer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "ตั้งรหัสผ่านใหม่" in mail.outbox[0].subject
    link = re.search(
        r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body
    )
    confirm = client.get(link.group(1), follow=True)
    new = "reset-long-password-2570"
    done = client.post(
        confirm.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    hr_officer.refresh_from_db()
    assert hr_officer.check_password(new)


def test_password_reset_does_not_reveal_unknown_emails(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.go.th"})
    assert response.status_code == 302 and not mail.outbox


def test_password_reset_mails_one_address_three_times_an_hour(client, hr_officer):
    """Issue 15: fifteen reset mails in seconds flooded one inbox."""
    answers = [
        client.post(reverse("password_reset"), {"email": hr_officer.email})
        for _ in range(5)
    ]
    assert [r.status_code for r in answers] == [302] * 5  # the same answer
    assert len(mail.outbox) == 3


def test_password_reset_from_one_client_is_limited(client, db):
    for n in range(10):
        client.post(reverse("password_reset"), {"email": f"x{n}@example.go.th"})
    limited = client.post(reverse("password_reset"), {"email": "y@example.go.th"})
    assert limited.status_code == 429
    assert "ขอตั้งรหัสผ่านใหม่บ่อยเกินไป" in limited.content.decode()


def test_login_page_links_to_password_reset(client, db):
    assert reverse("password_reset") in client.get(LOGIN).content.decode()
