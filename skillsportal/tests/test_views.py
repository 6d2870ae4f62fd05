from django.test import override_settings
from django.urls import path


def test_home_requires_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_counts_only_what_the_user_may_see(
    client, hr_officer, civil_servant, person_b
):
    client.force_login(hr_officer)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["person_count"] == 1
    assert "บุคคลบี" not in response.content.decode()


def test_login_page_is_thai(client, db):
    response = client.get("/accounts/login/")
    assert "เข้าสู่ระบบ" in response.content.decode()
    assert '<html lang="th">' in response.content.decode()


def test_sign_in_with_email(client, hr_officer):
    response = client.post(
        "/accounts/login/",
        {"username": hr_officer.email, "password": "a-long-password-2569"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_openapi_schema_is_served(client, hr_officer):
    client.force_login(hr_officer)
    assert client.get("/api/schema/").status_code == 200


def test_pages_carry_a_strict_content_security_policy(client, hr_officer):
    client.force_login(hr_officer)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy


def test_api_docs_load_their_script_from_a_file(client, hr_officer):
    client.force_login(hr_officer)
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page.replace(" ", "")
    assert client.get("/api/docs/?script=").status_code == 200


def test_no_template_has_an_inline_script():
    import re
    from pathlib import Path

    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")
    offenders = [
        str(path)
        for path in Path(__file__)
        .resolve()
        .parents[2]
        .joinpath("templates")
        .rglob("*.html")
        if inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_deactivating_an_account_ends_its_sessions(client, hr_officer):
    client.force_login(hr_officer)
    assert client.get("/").status_code == 200
    hr_officer.is_active = False
    hr_officer.save()
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/persons/").status_code in (401, 403)


def test_csrf_is_enforced_on_sign_in(db, hr_officer):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/accounts/login/",
        {"username": hr_officer.username, "password": "a-long-password-2569"},
    )
    assert response.status_code == 403


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("api/v1/boom/", _boom)]
handler500 = "skillsportal.error_pages.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_error_shows_the_plain_error_page(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "เกิดข้อผิดพลาดในระบบ" in page and "Server error" in page
    assert "a bug" not in page


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_api_error_keeps_the_json_error_shape(client, db):
    client.raise_request_exception = False
    response = client.get("/api/v1/boom/")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "server_error" and error["message_en"]
    assert "a bug" not in response.content.decode()


def test_the_favicon_is_served(client, db):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert body[:4] == b"\x00\x00\x01\x00"  # an .ico file
