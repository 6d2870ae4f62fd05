"""The client's address behind our proxy: lock-outs and the audit trail (issue 15)."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from conftest import PASSWORD
from skillsportal.client_ip import client_address

LOGIN = reverse("login")
PROXY = "127.0.0.1"


@pytest.mark.parametrize(
    ("forwarded", "trusted", "client"),
    [
        ("", 1, PROXY),
        ("6.6.6.6", 0, PROXY),  # no trusted proxy: the header is the client's word
        ("203.0.113.9", 1, "203.0.113.9"),
        ("6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),  # forged entry on the left
        ("6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),
    ],
)
def test_the_client_is_the_entry_before_our_proxies(forwarded, trusted, client):
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(meta, trusted) == client


@pytest.fixture
def behind_proxy(settings, db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    settings.TRUSTED_PROXY_COUNT = 1


def _sign_in(client, user, password, address):
    return client.post(
        LOGIN,
        {"username": user.username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"6.6.6.6, {address}",
    )


def test_an_attacker_locks_out_themself_not_the_user(behind_proxy, client, hr_officer):
    for _ in range(6):
        _sign_in(client, hr_officer, "wrong", "198.51.100.7")
    assert _sign_in(client, hr_officer, PASSWORD, "198.51.100.7").status_code == 429
    assert _sign_in(client, hr_officer, PASSWORD, "203.0.113.9").status_code == 302


def test_the_audit_trail_records_the_client_not_a_forged_header(
    behind_proxy, client, hr_officer, civil_servant
):
    person = civil_servant.person
    client.force_login(hr_officer)
    response = client.get(
        reverse("competencies:person-detail", args=[person.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.remote_addr == "203.0.113.9"
