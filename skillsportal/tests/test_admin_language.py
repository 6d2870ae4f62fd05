"""The admin speaks Thai like the rest of the portal (issue 19)."""

import json

from django.urls import reverse

from agencies.tests.factories import UserFactory


def test_the_admin_index_names_every_app_in_thai(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    for thai in ("ผู้ดูแลระบบ ระบบติดตามทักษะดิจิทัลภาครัฐ", "บันทึกการเปลี่ยนแปลง",
                 "การเข้าสู่ระบบที่ไม่สำเร็จ", "งานตามกำหนดเวลา"):  # fmt: skip
        assert thai in page
    for english in ("Django", "Audit log", "Axes", "Otp_Totp", "Periodic Tasks"):
        assert english not in page


def test_an_empty_admin_list_reads_as_empty(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "ไม่ว่าง" not in page


def test_the_admins_javascript_counts_selected_rows_in_thai(client, db):
    """Django's Thai catalogue reads "0 จาก 3 selected"; ours overrides it."""
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    catalog = client.get(reverse("admin:jsi18n")).content.decode()

    def escaped(text: str) -> str:  # the catalogue is JSON with \u escapes
        return json.dumps(text)[1:-1]

    assert escaped("เลือกแล้ว %(sel)s จาก %(cnt)s รายการ") in catalog
    assert escaped("%(sel)s จาก %(cnt)s selected") not in catalog
    assert escaped("พฤหัสบดี") in catalog


def test_admin_lists_label_every_column_and_filter_in_thai(client, db, civil_servant):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    records = client.get(reverse("admin:competencies_trainingrecord_changelist"))
    agencies = client.get(reverse("admin:agencies_agency_changelist"))
    text = records.content.decode() + agencies.content.decode()
    for english in (">Person<", "โดย depth", "Start typing to filter", "Toggle theme"):
        assert english not in text
    assert "พิมพ์เพื่อกรอง" in text
