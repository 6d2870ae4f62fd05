"""PDPA pages: the public privacy notice and the section 39 record (issue 9)."""

from django.urls import reverse


def test_the_privacy_notice_is_public(client, db, settings):
    settings.PDPA_CONTROLLER = "กรมทดสอบ"
    settings.PDPA_DPO_CONTACT = "dpo@example.go.th โทร 0 2000 0000"
    settings.RETENTION_YEARS = 7
    response = client.get(reverse("privacy-notice"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "ประกาศความเป็นส่วนตัว" in text and "มาตรา 24 (4)" in text
    assert "กรมทดสอบ" in text and "dpo@example.go.th" in text
    assert "และ 7 ปีหลังวันที่พ้นจากหน่วยงาน" in text
    assert reverse("processing-record") not in text  # the record is for members


def test_the_processing_record_needs_sign_in(client, db):
    response = client.get(reverse("processing-record"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_processing_record_lists_what_section_39_asks(
    client, civil_servant, settings
):
    settings.RETENTION_YEARS = 10
    client.force_login(civil_servant)
    response = client.get(reverse("processing-record"))
    text = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "วัตถุประสงค์",
        "เจ้าของข้อมูล",
        "ข้อมูลส่วนบุคคล",
        "ฐานทางกฎหมาย",
        "ผู้รับข้อมูล",
        "ระยะเวลาเก็บรักษา",
        "มาตรการรักษาความมั่นคงปลอดภัย",
        "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล",
    ]:
        assert heading in text, heading
    assert "10 ปีหลังพ้นจากหน่วยงาน" in text
    assert "ยังไม่ได้กำหนด" in text  # no DPO contact configured in tests


def test_the_footer_links_both_pages(client, civil_servant):
    login = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("privacy-notice")}"' in login
    assert f'href="{reverse("processing-record")}"' not in login
    client.force_login(civil_servant)
    home = client.get("/").content.decode()
    assert f'href="{reverse("privacy-notice")}"' in home
    assert f'href="{reverse("processing-record")}"' in home


def test_the_notice_links_a_person_to_their_own_data(client, civil_servant):
    client.force_login(civil_servant)
    text = client.get(reverse("privacy-notice")).content.decode()
    assert f'href="{reverse("me:data")}"' in text
