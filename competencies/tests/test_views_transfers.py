"""Transfer pages (SPEC §3): the requester sees what it typed, the managing
agency decides, and the person form and roster import lead to a request."""

from datetime import date

import pytest
from django.urls import reverse

from agencies.models import TransferRequest
from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import ImportJob

LIST = reverse("competencies:transfer-list")
NEW = reverse("competencies:transfer-request-create")
CREATE = reverse("competencies:person-create")


def detail(item):
    return reverse("competencies:transfer-detail", args=[item.pk])


@pytest.fixture
def nid():
    return new_national_id()


@pytest.fixture
def person_of_b(department_b1, nid):
    return PersonFactory(
        agency=department_b1, national_id=nid, given_name="ลับบี", family_name="นามบี"
    )


@pytest.fixture
def sent(client, hr_officer, department_a1, person_of_b, nid):
    client.force_login(hr_officer)
    response = client.post(
        NEW,
        {
            "national_id": nid,
            "agency": department_a1.pk,
            "effective_date": "1/12/2569",
            "position_title": "นักวิชาการคอมพิวเตอร์",
        },
    )
    item = TransferRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(item)
    return item


def test_the_requester_sees_what_it_typed_and_never_the_person(client, sent):
    for url in (detail(sent), LIST):
        body = client.get(url).content.decode()
        assert (
            sent.masked_national_id in body
            and "นักวิชาการคอมพิวเตอร์" in body
            or (url == LIST)
        )
        assert "ลับบี" not in body and "กรมบีหนึ่ง" not in body
    assert "ยกเลิกคำขอ" in client.get(detail(sent)).content.decode()


def test_the_managing_hr_sees_the_person_and_accepts(
    client, sent, outsider_hr, person_of_b, department_a1
):
    client.force_login(outsider_hr)
    listed = client.get(LIST)
    assert [i.pk for i in listed.context["incoming"]] == [sent.pk]
    body = client.get(detail(sent)).content.decode()
    assert "ลับบี นามบี" in body and "รับโอน" in body
    response = client.post(reverse("competencies:transfer-accept", args=[sent.pk]))
    assert response.status_code == 302
    person_of_b.refresh_from_db()
    assert person_of_b.versions.get(effective_date=date(2026, 12, 1)).agency == (
        department_a1
    )


def test_a_decline_needs_a_reason_and_keeps_what_was_typed(client, sent, outsider_hr):
    client.force_login(outsider_hr)
    url = reverse("competencies:transfer-decline", args=[sent.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and response.context["decline_form"].errors
    client.post(url, {"reason": "ยังไม่มีคำสั่ง"})
    sent.refresh_from_db()
    assert sent.status == "declined" and sent.decline_reason == "ยังไม่มีคำสั่ง"


def test_read_only_and_the_requester_cannot_decide(client, sent, viewer):
    accept = reverse("competencies:transfer-accept", args=[sent.pk])
    assert client.post(accept).status_code == 403  # the requester may not
    sent.refresh_from_db()
    assert sent.is_pending
    client.force_login(viewer)
    assert client.post(accept).status_code == 403


def test_the_person_form_offers_a_request_with_what_was_typed(
    client, hr_officer, department_a1, person_of_b, nid
):
    client.force_login(hr_officer)
    data = {
        "national_id": nid,
        "given_name": "ก",
        "family_name": "ข",
        "effective_date": "1/12/2569",
        "agency": department_a1.pk,
        "category": "civil_ordinary",
        "position_title": "นักวิชาการ",
        "status": "active",
    }
    response = client.post(CREATE, data)
    body = response.content.decode()
    assert "ลงทะเบียนอยู่กับหน่วยงานอื่น ท่านส่งคำขอรับโอนได้" in body
    assert "ลับบี" not in body
    assert f'action="{NEW}"' in body
    prefill = {k: data[k] for k in ("national_id", "agency", "position_title")}
    page = client.post(NEW, {"prefill": "1", **prefill})
    assert page.status_code == 200 and not TransferRequest.objects.exists()
    assert page.context["form"].initial["position_title"] == "นักวิชาการ"


def test_transfer_out_moves_to_an_agency_by_code(
    client, outsider_hr, person_of_b, department_a1
):
    client.force_login(outsider_hr)
    url = reverse("competencies:person-transfer-out", args=[person_of_b.pk])
    bad = client.post(url, {"agency": "NOPE", "effective_date": "1/11/2569"})
    assert "ไม่พบหน่วยงานรหัสนี้" in bad.content.decode()
    response = client.post(url, {"agency": "ma-d1", "effective_date": "1/11/2569"})
    assert response.status_code == 302
    person_of_b.refresh_from_db()
    assert person_of_b.current_agency == department_a1


def test_the_import_preview_lists_the_requests(client, hr_officer):
    job = ImportJob.objects.create(
        kind="roster",
        original_name="r.csv",
        file="imports/r.csv",
        created_by=hr_officer,
        status="validated",
        counts={"new": 0, "updated": 0, "unchanged": 0},
        transfers=[
            {
                "row": 2,
                "national_id": "x-xxxx-xxxxx-12-3",
                "agency": "MA-D1",
                "effective_date": "01/11/2569",
            }
        ],
    )
    client.force_login(hr_officer)
    body = client.get(job.get_absolute_url()).content.decode()
    assert "คำขอรับโอน 1 คน" in body and "x-xxxx-xxxxx-12-3" in body
