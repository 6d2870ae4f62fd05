"""Error pages speak the user's language inside the portal's frame (issue 19)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


def test_a_forbidden_page_says_why_in_thai_with_the_menu(client, civil_servant):
    client.force_login(civil_servant)  # no role: the verification queue is HR's
    response = client.get(reverse("competencies:verification-queue"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์เข้าถึง" in page and "หน้าแรก" in page  # heading and menu
    assert "Forbidden" not in page


def test_the_rules_own_reason_is_shown(client, viewer, civil_servant):
    """A viewer may read the person but not change them: the access rule says so."""
    client.force_login(viewer)
    response = client.get(
        reverse("competencies:person-edit", args=[civil_servant.person.pk])
    )
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงานนี้" in response.content.decode()


def test_the_forbidden_page_follows_the_chosen_language(
    client, compiled_catalogue, civil_servant
):
    client.force_login(civil_servant)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("competencies:verification-queue")).content.decode()
    assert "Access denied" in page and "ไม่มีสิทธิ์" not in page


def test_a_form_action_opened_as_a_link_is_a_page_not_a_blank(client, hr_officer):
    client.force_login(hr_officer)
    response = client.get(reverse("logout"))
    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS" or "POST" in response["Allow"]
    assert "เปิดหน้านี้โดยตรงไม่ได้" in page and "หน้าแรก" in page


def test_an_expired_form_token_is_explained(hr_officer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(hr_officer)
    response = browser.post(reverse("set_language"), {"language": "en"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "แบบฟอร์มนี้หมดอายุ" in page and "CSRF" not in page


@pytest.mark.django_db
def test_a_bad_request_is_a_thai_page(client, settings_allowed_hosts):
    response = client.get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


@pytest.fixture
def settings_allowed_hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    return settings.ALLOWED_HOSTS


def test_api_errors_keep_the_json_shape(client, civil_servant):
    client.force_login(civil_servant)
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert settings.CSRF_FAILURE_VIEW.endswith("csrf_failure")
