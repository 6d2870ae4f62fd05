"""The verification queue: verify or reject what people submitted (SPEC §6)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory, UserFactory
from competencies import services
from competencies.models import Framework

QUEUE = reverse("competencies:verification-queue")


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def pending(civil_servant, framework):
    """A training record the civil servant submitted for themself."""
    return services.training_record_create(
        scope=scope_for(civil_servant),
        actor=civil_servant,
        person=civil_servant.person,
        title="เรียนออนไลน์ Python",
        completed_on=date(2026, 11, 2),
        hours=Decimal("6"),
        horizon="future",
    )


@pytest.fixture
def pending_self_assessment(civil_servant, framework):
    return services.assessment_create(
        scope=scope_for(civil_servant),
        actor=civil_servant,
        person=civil_servant.person,
        skill_area=framework.skill_areas.get(code="DLIT"),
        level=2,
        assessed_on=date(2026, 11, 2),
        method="self",
    )


def url(name, obj):
    return reverse(f"competencies:{name}", args=[obj.pk])


def test_queue_lists_pending_items_in_write_scope(
    client, hr_officer, pending, pending_self_assessment, django_assert_max_num_queries
):
    client.force_login(hr_officer)
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)
    assert response.context["queue"].items == [pending]
    assert response.context["queue"].counts == {"training": 1, "assessment": 1}
    assert "เรียนออนไลน์ Python" in response.content.decode()
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE, {"kind": "assessment"})
    assert response.context["queue"].items == [pending_self_assessment]


def test_queue_is_empty_for_an_outsider_and_closed_to_viewers(
    client, outsider_hr, viewer, civil_servant, pending
):
    client.force_login(outsider_hr)
    response = client.get(QUEUE)
    assert response.context["queue"].items == []
    assert response.context["queue"].counts["training"] == 0
    assert "เรียนออนไลน์" not in response.content.decode()
    for user in (viewer, civil_servant):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 403


def test_verify_accepts_the_record(client, hr_officer, pending):
    client.force_login(hr_officer)
    response = client.post(url("training-record-verify", pending))
    assert response.status_code == 302 and response["Location"] == QUEUE
    pending.refresh_from_db()
    assert pending.status == "verified" and pending.verified_by == hr_officer


def test_verify_is_post_only(client, hr_officer, pending):
    client.force_login(hr_officer)
    assert client.get(url("training-record-verify", pending)).status_code == 405


def test_verify_out_of_scope_is_404_and_read_only_is_403(
    client, outsider_hr, viewer, pending
):
    client.force_login(outsider_hr)
    assert client.post(url("training-record-verify", pending)).status_code == 404
    client.force_login(viewer)
    assert client.post(url("training-record-verify", pending)).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_reject_requires_a_reason(client, hr_officer, pending):
    client.force_login(hr_officer)
    page = client.get(url("training-record-reject", pending))
    assert "เรียนออนไลน์ Python" in page.content.decode()
    response = client.post(url("training-record-reject", pending), {"reason": ""})
    assert response.status_code == 200
    assert "กรุณาระบุเหตุผล" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    client.post(url("training-record-reject", pending), {"reason": "ไม่มีใบรับรอง"})
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "ไม่มีใบรับรอง")


def test_verifying_twice_shows_a_message(client, hr_officer, pending):
    client.force_login(hr_officer)
    client.post(url("training-record-verify", pending))
    response = client.post(url("training-record-verify", pending), follow=True)
    assert "ได้รับการตรวจสอบแล้ว" in response.content.decode()


def test_assessment_verify_and_reject(client, hr_officer, pending_self_assessment):
    client.force_login(hr_officer)
    response = client.post(
        url("assessment-reject", pending_self_assessment), {"reason": "สูงเกินจริง"}
    )
    assert response.status_code == 302
    pending_self_assessment.refresh_from_db()
    assert pending_self_assessment.status == "rejected"


def test_own_submissions_never_reach_own_queue(client, department_a1, framework):
    hr = UserFactory(username="hr_self")
    from agencies.models import RoleAssignment

    RoleAssignment.objects.create(user=hr, role="agency_hr", agency=department_a1)
    me = PersonFactory(agency=department_a1, user=hr)
    record = services.training_record_create(
        scope=scope_for(hr),
        actor=hr,
        person=me,
        title="ของฉันเอง",
        completed_on=date(2026, 11, 2),
        hours=Decimal("3"),
        horizon="current",
    )
    client.force_login(hr)
    assert client.get(QUEUE).context["queue"].items == []
    assert client.post(url("training-record-verify", record)).status_code == 403
