"""Issue 19: the HR person page shows what the person sees on "ทักษะของฉัน"."""

from datetime import date

from django.urls import reverse

from reports import services
from reports.models import ComplianceMark

FY = 2570


def _compute():
    services.compliance_recompute(fy=FY)
    ComplianceMark.objects.all().delete()


def test_hr_sees_the_gap_hours_and_70_30_of_the_year(
    client, hr_officer, group6, assess, train, django_assert_max_num_queries
):
    assess(group6, "DLIT", 1, date(2026, 10, 5))
    assess(group6, "DG", 1, date(2026, 10, 6))
    train(group6, 7, date(2026, 10, 20))
    train(group6, 3, date(2026, 11, 2), horizon="future")
    train(group6, 2, date(2026, 11, 3), status="pending")
    _compute()
    client.force_login(hr_officer)
    url = reverse("competencies:person-detail", args=[group6.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        response = client.get(url)
    summary = response.content.decode().split('id="skills-summary"')[1]
    summary = summary.split("</section>")[0]
    assert "ปีงบประมาณ 2570" in summary
    assert "ยังขาดอีก 3 ระดับใน 3 ด้าน" in summary  # DLIT 1 of 2, DT and DS none
    assert 'data-skill="DG"' in summary and 'data-skill="DLIT"' in summary
    assert 'data-hours="total">10<' in summary
    assert "7 (70.0 %) / 3 (30.0 %)" in summary
    assert 'data-balanced="1"' in summary and "สมดุลตามเป้าหมาย" in summary
    assert "อีก 2 ชั่วโมงจะนับเมื่อเจ้าหน้าที่อนุมัติ" in summary
    assert "ท่าน" not in summary  # third person: HR reads about someone else


def test_a_person_without_a_group_is_said_so(
    client, hr_officer, department_a1, framework
):
    from agencies.tests.factories import PersonFactory

    person = PersonFactory(agency=department_a1, target_group=None)
    _compute()
    client.force_login(hr_officer)
    body = client.get(
        reverse("competencies:person-detail", args=[person.pk])
    ).content.decode()
    assert "ยังไม่ได้กำหนดกลุ่มเป้าหมาย จึงยังไม่มีระดับเป้าหมาย" in body
