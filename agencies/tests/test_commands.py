import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from agencies.models import ApiKey, RoleAssignment
from agencies.scoping import scope_for
from agencies.services.api_keys import api_key_authenticate


def test_grant_role_creates_the_user_and_scopes_them(ministry_a, department_a1):
    call_command("grant_role", "newhr", "agency_hr", "MA")
    user = get_user_model().objects.get(username="newhr")
    assert not user.has_usable_password()
    assert scope_for(user).can_write(department_a1)


def test_grant_ocsc_admin_needs_no_agency(db):
    call_command("grant_role", "boss", "oncsc_admin")
    assert scope_for(get_user_model().objects.get(username="boss")).national


def test_grant_agency_role_without_agency_is_refused(db):
    with pytest.raises(CommandError, match="ต้องระบุหน่วยงาน"):
        call_command("grant_role", "x", "agency_viewer")


def test_grant_unknown_agency_is_refused(db):
    with pytest.raises(CommandError, match="XX"):
        call_command("grant_role", "x", "agency_hr", "XX")
    assert not RoleAssignment.objects.exists()


def test_create_api_key_prints_the_key_once_and_stores_a_hash(ministry_a, capsys):
    call_command("create_api_key", "--agency", "MA", "--name", "DPIS", "--days", "30")
    raw = capsys.readouterr().out.strip()
    key = ApiKey.objects.get()
    assert raw.startswith("sp_") and raw not in (key.key_hash, key.prefix)
    assert api_key_authenticate(raw) == key
    assert api_key_authenticate(raw + "x") is None
