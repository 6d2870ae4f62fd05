"""Self-service pages (SPEC §1, §6–§8): my skills, submissions, plan, inbox, data."""

import json
import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agencies.tests.factories import PersonFactory, UserFactory
from competencies.models import (
    Assessment,
    Course,
    DevelopmentPlan,
    Notification,
    NotificationPreference,
    TrainingRecord,
)
from competencies.services.plans import default_target_date
from conftest import ARTIFACTS
from reports import services
from reports.models import ComplianceMark

FY = 2570
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def me(civil_servant, framework, client):
    client.force_login(civil_servant)
    return civil_servant.person


def _compute():
    services.compliance_recompute(fy=FY)
    ComplianceMark.objects.all().delete()


def _training(framework, **extra):
    return {
        "title": "การวิเคราะห์ข้อมูลด้วย Python",
        "completed_on": "20/11/2569",
        "hours": "6",
        "horizon": "future",
        "skill_areas": [framework.skill_areas.get(code="DS").pk],
    } | extra


def test_my_skills_shows_gaps_in_plain_thai(client, me, assess):
    assess(me, "DLIT", 1, date(2026, 10, 5))
    assess(me, "DG", 1, date(2026, 10, 6), method="self", status="rejected")
    Assessment.objects.filter(status="rejected").update(rejection_reason="ไม่ตรงงาน")
    _compute()
    response = client.get(reverse("me:skills"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "ยังขาดอีก 14 ระดับใน 7 ด้าน" in body  # group 3 needs 15 levels
    assert "ยังไม่มีผลการประเมินที่ตรวจสอบแล้ว 6 ด้าน" in body
    assert "ผู้ทำงานด้านนโยบายและงานวิชาการ" in body
    assert 'id="provenance"' not in body  # the defaults note is for HR and OCSC
    assert 'id="skills-chart-data"' in body and "js/me.js" in body
    assert "ไม่ตรงงาน" in body and "5/10/2569" in body  # BE dates
    assert "<script>" not in body.split("skills-chart-data")[0].split("</nav>")[-1]


def test_meeting_every_target_says_so(client, me, assess, framework):
    for target in framework.targets.filter(target_group=3):
        assess(me, target.skill_area.code, target.level, date(2026, 10, 5))
    _compute()
    body = client.get(reverse("me:skills")).content.decode()
    assert "ท่านผ่านเป้าหมายครบทุกด้านแล้ว" in body


def test_out_of_scope_is_said_plainly(client, civil_servant, framework):
    client.force_login(civil_servant)
    body = client.get(reverse("me:skills"), {"fy": 2565}).content.decode()
    assert "ท่านไม่อยู่ในขอบเขตการดำเนินงานของปีงบประมาณ 2565" in body
    assert "skills-chart-data" not in body


def test_unknown_year_falls_back_to_the_current_one(client, me):
    response = client.get(reverse("me:skills"), {"fy": "1999"})
    assert response.context["skills"].fy == FY


def test_account_without_person_is_told(client, hr_officer):
    client.force_login(hr_officer)
    response = client.get(reverse("me:skills"))
    assert response.status_code == 403
    assert "ยังไม่ได้เชื่อมกับข้อมูลบุคลากร" in response.content.decode()


def test_submitting_training_makes_it_pending(client, me, framework):
    evidence = SimpleUploadedFile("ใบประกาศ.pdf", PDF, "application/pdf")
    data = _training(framework) | {"evidence": evidence}
    response = client.post(reverse("me:training-create"), data)
    assert response.status_code == 302 and response["Location"] == reverse("me:skills")
    record = TrainingRecord.objects.get()
    assert record.person == me and record.status == "pending" and record.evidence
    assert record.submitted_by.username == "somchai"
    evidence_url = reverse("competencies:training-record-evidence", args=[record.pk])
    assert client.get(evidence_url).status_code == 200
    body = client.get(reverse("me:skills")).content.decode()
    assert "รอตรวจสอบ" in body and "อีก 6 ชั่วโมงจะนับเมื่อเจ้าหน้าที่อนุมัติ" in body


def test_evidence_type_is_checked(client, me, framework):
    fake = SimpleUploadedFile("x.pdf", b"<html>hi</html>", "application/pdf")
    response = client.post(
        reverse("me:training-create"), _training(framework) | {"evidence": fake}
    )
    assert response.status_code == 200 and not TrainingRecord.objects.exists()
    assert "รับเฉพาะไฟล์ PDF, PNG หรือ JPG" in response.content.decode()


def test_self_assessment_is_always_self(client, me, framework):
    skill = framework.skill_areas.get(code="DLIT")
    data = {
        "skill_area": skill.pk,
        "level": 2,
        "assessed_on": "1/11/2569",
        "method": "certificate",
    }
    response = client.post(reverse("me:assessment-create"), data)
    assert response.status_code in (200, 302)
    data["method"] = "self"
    client.post(reverse("me:assessment-create"), data)
    assessment = Assessment.objects.get()
    assert assessment.method == "self" and assessment.status == "pending"


def test_someone_elses_evidence_is_404(client, me, department_a1, train):
    other = PersonFactory(agency=department_a1)
    record = train(other, 3, date(2026, 10, 1))
    record.evidence = SimpleUploadedFile("e.pdf", PDF)
    record.save()
    url = reverse("competencies:training-record-evidence", args=[record.pk])
    assert client.get(url).status_code == 404


@pytest.fixture
def course(framework):
    course = Course.objects.create(
        code="DS-201", title="วิทยาการข้อมูลเบื้องต้น", hours=12, horizon="future"
    )
    course.skill_areas.set(framework.skill_areas.filter(code="DS"))
    return course


def test_plan_recommends_and_adds_a_course_in_one_click(client, me, course):
    _compute()
    page = client.get(reverse("me:plan"))
    assert course in [r.course for r in page.context["view"].recommendations]
    url = reverse("me:plan-course-add", args=[course.pk]) + f"?fy={FY}"
    response = client.post(url)
    assert response.status_code == 302
    item = DevelopmentPlan.objects.get(person=me).items.get()
    assert item.course == course and item.target_date == default_target_date(FY)
    again = client.post(url, follow=True)
    assert "หลักสูตรนี้อยู่ในแผนแล้ว" in again.content.decode()


def test_adding_my_own_activity(client, me, framework):
    url = reverse("me:plan-item-add") + f"?fy={FY}"
    data = {
        "title": "เรียนรู้การใช้ระบบสารบรรณอิเล็กทรอนิกส์",
        "skill_areas": [framework.skill_areas.get(code="DLIT").pk],
        "horizon": "current",
        "target_date": "31/3/2570",
    }
    assert client.post(url, data).status_code == 302
    bad = client.post(url, data | {"target_date": "1/10/2570"})
    assert "กำหนดเสร็จต้องอยู่ในปีงบประมาณ 2570" in bad.content.decode()


def test_marking_done_submits_pending_training(client, me, course):
    client.post(reverse("me:plan-course-add", args=[course.pk]) + f"?fy={FY}")
    item = DevelopmentPlan.objects.get().items.get()
    url = reverse("me:plan-item-done", args=[item.pk])
    assert client.get(url).context["form"].initial["hours"] == 12
    response = client.post(url, {"completed_on": "20/11/2569", "hours": "12"})
    assert response.status_code == 302
    item.refresh_from_db()
    record = item.training_record
    assert item.status == "done" and record.status == "pending"
    assert record.course == course and record.hours == 12


def test_someone_elses_plan_item_is_404(client, me, department_a1):
    other = PersonFactory(agency=department_a1)
    plan = DevelopmentPlan.objects.create(person=other, fiscal_year=FY)
    item = plan.items.create(title="x", target_date=date(2027, 1, 1))
    for name, method in (("me:plan-item-done", "get"), ("me:plan-item-cancel", "post")):
        response = getattr(client, method)(reverse(name, args=[item.pk]))
        assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "planned"


def test_hr_reads_and_comments_on_a_plan(client, hr_officer, civil_servant, framework):
    person = civil_servant.person
    DevelopmentPlan.objects.create(person=person, fiscal_year=FY)
    client.force_login(hr_officer)
    listing = client.get(reverse("me:team-plans"))
    assert person.full_name in listing.content.decode()
    url = reverse("me:person-plan", args=[person.pk])
    assert client.get(url, {"fy": FY}).context["form"] is not None
    comment = reverse("me:plan-comment", args=[person.pk])
    assert client.post(comment, {"fy": FY, "body": "ดีมาก"}).status_code == 302
    note = Notification.objects.get(user=civil_servant)
    assert note.kind == "plan_comment"


def test_viewer_reads_but_cannot_comment(client, viewer, civil_servant, framework):
    person = civil_servant.person
    DevelopmentPlan.objects.create(person=person, fiscal_year=FY)
    client.force_login(viewer)
    page = client.get(reverse("me:person-plan", args=[person.pk]), {"fy": FY})
    assert page.status_code == 200 and page.context["form"] is None
    comment = reverse("me:plan-comment", args=[person.pk])
    assert client.post(comment, {"fy": FY, "body": "x"}).status_code == 403


def test_civil_servant_cannot_open_another_persons_plan(client, me, department_a1):
    other = PersonFactory(agency=department_a1)
    DevelopmentPlan.objects.create(person=other, fiscal_year=FY)
    assert client.get(reverse("me:person-plan", args=[other.pk])).status_code == 404
    assert client.get(reverse("me:team-plans")).status_code == 403


def test_inbox_badge_read_and_read_all(client, me, civil_servant):
    stranger = UserFactory(username="stranger")
    theirs = Notification.objects.create(user=stranger, kind="reminder", title="ลับ")
    first = Notification.objects.create(
        user=civil_servant, kind="record_verified", title="อนุมัติแล้ว", link="/me/"
    )
    Notification.objects.create(user=civil_servant, kind="reminder", title="เตือน")
    body = client.get(reverse("me:notification-list")).content.decode()
    assert 'data-unread="2"' in body and "อนุมัติแล้ว" in body and "ลับ" not in body
    response = client.post(reverse("me:notification-read", args=[first.pk]))
    assert response["Location"] == "/me/"
    other = client.post(reverse("me:notification-read", args=[theirs.pk]))
    assert other.status_code == 404
    client.post(reverse("me:notifications-read-all"))
    assert not Notification.objects.filter(user=civil_servant, read_at=None).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_outside_links_are_not_followed(client, me, civil_servant):
    note = Notification.objects.create(
        user=civil_servant, kind="reminder", title="x", link="https://evil.example/"
    )
    response = client.post(reverse("me:notification-read", args=[note.pk]))
    assert response["Location"] == reverse("me:notification-list")


def test_opting_out_of_email(client, me, civil_servant):
    url = reverse("me:notification-settings")
    assert client.get(url).context["form"].initial["email_enabled"] is True
    client.post(url, {"reminders_enabled": "on"})
    pref = NotificationPreference.objects.get(user=civil_servant)
    assert not pref.email_enabled and pref.reminders_enabled


def test_my_data_json_download(client, me, train):
    train(me, 3, date(2026, 10, 1))
    response = client.get(reverse("me:data-json"))
    assert response["Content-Type"].startswith("application/json")
    today = timezone.localdate()
    be = f"{today.year + 543}-{today.month:02d}-{today.day:02d}"
    assert f'filename="my-data-{be}.json"' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["national_id_masked"] == me.masked_national_id
    assert len(data["training"]) == 1
    assert client.get(reverse("me:data")).status_code == 200


def test_transcript_pdf_has_a_thai_text_layer(client, me, train):
    train(me, 3, date(2026, 10, 1), title="การจัดการสำนักงานดิจิทัล")
    response = client.get(reverse("me:data-pdf"))
    assert response["Content-Type"] == "application/pdf"
    year = timezone.localdate().year + 543  # file names in the Buddhist Era
    assert f"transcript-{year}-" in response["Content-Disposition"]
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "ประวัติการพัฒนาทักษะดิจิทัล" in text
    assert "การจัดการสำนักงานดิจิทัล" in text and me.masked_national_id in text
    fonts = subprocess.run(
        ["pdffonts", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Sarabun" in fonts
    ARTIFACTS.mkdir(exist_ok=True)  # page 1 as PNG, for a person to look at
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-singlefile",
            "-",
            ARTIFACTS / "me-transcript",
        ],
        input=response.content,
        check=True,
    )


def test_one_transcript_at_a_time(client, me):
    from django.core.cache import cache

    cache.add(f"me:transcript:{me.pk}", 1)
    response = client.get(reverse("me:data-pdf"))
    assert response.status_code == 302 and response["Location"] == reverse("me:data")
