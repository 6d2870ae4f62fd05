"""Logging training and assessments from a person's page (SPEC §6)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from agencies.tests.factories import PersonFactory
from competencies.models import Assessment, Framework, TrainingRecord

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def somying(department_a1):
    return PersonFactory(agency=department_a1, given_name="สมหญิง")


def training_url(person):
    return reverse("competencies:training-record-create", args=[person.pk])


def assessment_url(person):
    return reverse("competencies:assessment-create", args=[person.pk])


def _training(framework, **extra):
    skill = framework.skill_areas.get(code="DLIT")
    return {
        "title": "การใช้ข้อมูลเปิดภาครัฐ",
        "provider": "สำนักงาน ก.พ.",
        "started_on": "10/11/2569",
        "completed_on": "11/11/2569",
        "hours": "12",
        "horizon": "future",
        "skill_areas": [skill.pk],
    } | extra


def test_hr_officer_logs_verified_training(client, hr_officer, somying, framework):
    client.force_login(hr_officer)
    response = client.post(training_url(somying), _training(framework))
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert record.status == "verified" and record.person == somying
    assert record.completed_on == date(2026, 11, 11)
    assert list(record.skill_areas.values_list("code", flat=True)) == ["DLIT"]


def test_training_form_offers_this_years_skills(client, hr_officer, somying, framework):
    client.force_login(hr_officer)
    body = client.get(training_url(somying)).content.decode()
    assert "DLIT · ความสามารถด้านความเข้าใจ" in body
    assert "ปีพุทธศักราช" in body


def test_training_errors_are_thai_and_keep_input(
    client, hr_officer, somying, framework
):
    client.force_login(hr_officer)
    data = _training(framework, hours="60", started_on="11/11/2569")
    response = client.post(training_url(somying), data)
    body = response.content.decode()
    assert response.status_code == 200 and not TrainingRecord.objects.exists()
    assert "24 ชั่วโมงต่อวัน" in body
    assert 'value="การใช้ข้อมูลเปิดภาครัฐ"' in body and 'value="60"' in body


def test_duplicate_training_shows_the_service_error(
    client, hr_officer, somying, framework
):
    client.force_login(hr_officer)
    client.post(training_url(somying), _training(framework))
    response = client.post(training_url(somying), _training(framework))
    assert "มีรายการฝึกอบรมนี้" in response.content.decode()
    assert TrainingRecord.objects.count() == 1


def test_evidence_is_stored_under_our_name_and_served_to_scope_only(
    client, hr_officer, outsider_hr, somying, framework
):
    client.force_login(hr_officer)
    upload = SimpleUploadedFile("../../ใบประกาศ.pdf", PDF, "application/pdf")
    client.post(training_url(somying), _training(framework, evidence=upload))
    record = TrainingRecord.objects.get()
    assert ".." not in record.evidence.name and "ใบประกาศ" not in record.evidence.name
    url = reverse("competencies:training-record-evidence", args=[record.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    client.force_login(outsider_hr)
    assert client.get(url).status_code == 404


def test_evidence_must_really_be_a_pdf_or_image(client, hr_officer, somying, framework):
    client.force_login(hr_officer)
    fake = SimpleUploadedFile("x.pdf", b"<html>hi</html>", "application/pdf")
    response = client.post(training_url(somying), _training(framework, evidence=fake))
    assert "รับเฉพาะไฟล์" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_training_page_access(client, viewer, outsider_hr, civil_servant, somying):
    client.force_login(outsider_hr)
    assert client.get(training_url(somying)).status_code == 404
    client.force_login(viewer)
    assert client.get(training_url(somying)).status_code == 403
    client.force_login(civil_servant)
    assert client.get(training_url(civil_servant.person)).status_code == 403
    client.logout()
    assert client.get(training_url(somying)).status_code == 302


def test_hr_officer_records_an_assessment(client, hr_officer, somying, framework):
    client.force_login(hr_officer)
    skill = framework.skill_areas.get(code="DT")
    response = client.post(
        assessment_url(somying),
        {
            "skill_area": skill.pk,
            "level": "3",
            "assessed_on": "๒๐/๑๑/๒๕๖๙",
            "method": "test",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.level, assessment.status) == (3, "verified")
    assert assessment.assessed_on == date(2026, 11, 20)


def test_assessment_levels_come_from_the_scale(client, hr_officer, somying, framework):
    client.force_login(hr_officer)
    page = client.get(assessment_url(somying))
    assert "4 · เชี่ยวชาญ" in page.content.decode()
    skill = framework.skill_areas.get(code="DT")
    response = client.post(
        assessment_url(somying),
        {"skill_area": skill.pk, "level": "7", "assessed_on": "1/11/2569"},
    )
    assert response.status_code == 200 and not Assessment.objects.exists()


def test_assessment_page_access(client, viewer, outsider_hr, somying, framework):
    client.force_login(outsider_hr)
    assert client.get(assessment_url(somying)).status_code == 404
    client.force_login(viewer)
    assert client.get(assessment_url(somying)).status_code == 403
