"""The verification queue at size: paging, filters, bulk decisions (SPEC §6)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.tests.factories import PersonFactory
from competencies import selectors
from competencies.models import Notification, TrainingRecord

QUEUE = reverse("competencies:verification-queue")
DECIDE = reverse("competencies:verification-decide")


def _submitted(person, title, *, days_ago):
    """A pending training record submitted `days_ago` days ago."""
    record = TrainingRecord.objects.create(
        person=person,
        title=title,
        completed_on=date(2026, 11, 2),
        hours=Decimal("3"),
        horizon="current",
        status="pending",
    )
    when = timezone.now() - timedelta(days=days_ago)
    TrainingRecord.objects.filter(pk=record.pk).update(created_at=when)
    return record


@pytest.fixture
def queue_items(department_a1, division_a1a, person_b):
    """Five items in ministry A (two departments' people), one in ministry B."""
    in_dept = PersonFactory(agency=department_a1, given_name="อรุณ", family_name="แสงดี")
    in_div = PersonFactory(agency=division_a1a, given_name="บุญมี", family_name="มีสุข")
    items = [
        _submitted(in_dept, "รายการ 1", days_ago=50),
        _submitted(in_div, "รายการ 2", days_ago=40),
        _submitted(in_dept, "รายการ 3", days_ago=30),
        _submitted(in_div, "รายการ 4", days_ago=20),
        _submitted(in_dept, "รายการ 5", days_ago=10),
    ]
    _submitted(person_b, "ของกระทรวงบี", days_ago=60)
    return items


def test_queue_pages_by_keyset_oldest_first(hr_officer, queue_items):
    from agencies.scoping import scope_for

    scope = scope_for(hr_officer)
    pending = {
        k: selectors.verification_pending(scope=scope, kind=k)
        for k in selectors.QUEUE_KINDS
    }
    first = selectors.verification_page(pending, kind="training", size=2)
    assert first.items == queue_items[:2]
    assert first.prev_before is None and first.next_after == queue_items[1].pk
    second = selectors.verification_page(
        pending, kind="training", after=first.next_after, size=2
    )
    assert second.items == queue_items[2:4]
    last = selectors.verification_page(
        pending, kind="training", after=second.next_after, size=2
    )
    assert last.items == queue_items[4:] and last.next_after is None
    back = selectors.verification_page(
        pending, kind="training", before=last.prev_before, size=2
    )
    assert back.items == queue_items[2:4]
    assert first.counts == {"training": 5, "assessment": 0}


def test_queue_filters_by_agency_person_and_submitted_date(
    client, hr_officer, queue_items, division_a1a
):
    client.force_login(hr_officer)

    def titles(**params):
        page = client.get(QUEUE, params).context["queue"]
        return [item.title for item in page.items], page.counts["training"]

    assert titles(agency=division_a1a.pk) == (["รายการ 2", "รายการ 4"], 2)
    assert titles(person="อรุณ") == (["รายการ 1", "รายการ 3", "รายการ 5"], 3)
    assert titles(person="บุญมี มี") == (["รายการ 2", "รายการ 4"], 2)
    day = timezone.localdate() - timedelta(days=35)
    be = f"{day.day:02d}/{day.month:02d}/{day.year + 543}"
    assert titles(submitted_from=be) == (["รายการ 3", "รายการ 4", "รายการ 5"], 3)
    assert titles(submitted_to=be) == (["รายการ 1", "รายการ 2"], 2)


def test_queue_refuses_a_bad_date_in_thai_and_keeps_it(client, hr_officer, queue_items):
    client.force_login(hr_officer)
    response = client.get(QUEUE, {"submitted_from": "31/02/2569"})
    assert response.context["queue"].items == []
    body = response.content.decode()
    assert 'value="31/02/2569"' in body
    assert "ตัวกรองไม่ถูกต้อง จึงยังไม่ได้กรอง" in body
    assert "ไม่มีรายการรอตรวจสอบตามเงื่อนไข" not in body


def test_an_agency_outside_the_scope_is_not_a_choice(
    client, hr_officer, queue_items, department_b1
):
    client.force_login(hr_officer)
    response = client.get(QUEUE, {"agency": department_b1.pk})
    assert response.context["queue"].items == []
    assert "กรมบีหนึ่ง" not in response.content.decode()


def test_bulk_approve_confirms_then_decides_every_chosen_item(
    client, hr_officer, queue_items
):
    client.force_login(hr_officer)
    chosen = [queue_items[0].pk, queue_items[2].pk]
    back = f"{QUEUE}?person=%E0%B8%AD"  # "อ", as the browser sends it
    form = {"kind": "training", "items": chosen, "decision": "verify", "next": back}
    confirm = client.post(DECIDE, form)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "อนุมัติ 2 รายการ" in body and "รายการ 1" in body and "รายการ 3" in body
    assert TrainingRecord.objects.filter(status="verified").count() == 0
    done = client.post(DECIDE, {**form, "confirm": "1"}, follow=True)
    assert done.redirect_chain[-1][0] == back
    assert "อนุมัติ 2 รายการแล้ว" in done.content.decode()
    verified = TrainingRecord.objects.filter(status="verified")
    assert set(verified.values_list("pk", flat=True)) == set(chosen)
    assert {r.verified_by for r in verified} == {hr_officer}


def test_bulk_reject_needs_a_reason_and_keeps_what_was_typed(
    client, hr_officer, queue_items, civil_servant
):
    mine = _submitted(civil_servant.person, "ของสมชาย", days_ago=5)
    client.force_login(hr_officer)
    form = {
        "kind": "training",
        "items": [queue_items[1].pk, mine.pk],
        "decision": "reject",
        "confirm": "1",
        "reason": "   ",
    }
    response = client.post(DECIDE, form)
    assert response.status_code == 200
    assert "กรุณาระบุเหตุผลที่ไม่อนุมัติ" in response.content.decode()
    assert TrainingRecord.objects.filter(status="rejected").count() == 0
    form["reason"] = "ไม่มีหลักฐาน"
    client.post(DECIDE, form)
    rejected = TrainingRecord.objects.filter(status="rejected")
    assert set(rejected.values_list("rejection_reason", flat=True)) == {"ไม่มีหลักฐาน"}
    assert rejected.count() == 2
    told = Notification.objects.get(user=civil_servant)
    assert "ไม่มีหลักฐาน" in told.body


def test_the_first_confirmation_page_shows_no_error_yet(
    client, hr_officer, queue_items
):
    client.force_login(hr_officer)
    form = {"kind": "training", "items": [queue_items[0].pk], "decision": "reject"}
    body = client.post(DECIDE, form).content.decode()
    assert "ยืนยันไม่อนุมัติ" in body
    assert "กรุณาระบุเหตุผล" not in body


def test_bulk_skips_items_of_other_scopes_without_a_word_about_them(
    client, hr_officer, queue_items
):
    foreign = TrainingRecord.objects.get(title="ของกระทรวงบี")
    client.force_login(hr_officer)
    form = {"kind": "training", "items": [queue_items[0].pk, foreign.pk]}
    confirm = client.post(DECIDE, {**form, "decision": "verify"})
    body = confirm.content.decode()
    assert "ของกระทรวงบี" not in body and "1 รายการที่เลือก" in body
    client.post(DECIDE, {**form, "decision": "verify", "confirm": "1"})
    foreign.refresh_from_db()
    assert foreign.status == "pending"
    assert TrainingRecord.objects.filter(status="verified").count() == 1


def test_bulk_with_nothing_chosen_goes_back_with_a_message(client, hr_officer):
    client.force_login(hr_officer)
    response = client.post(
        DECIDE, {"kind": "training", "decision": "verify"}, follow=True
    )
    assert response.redirect_chain[-1][0] == QUEUE
    assert "กรุณาเลือกอย่างน้อยหนึ่งรายการ" in response.content.decode()


def test_bulk_is_closed_to_viewers_and_civil_servants(
    client, viewer, civil_servant, queue_items
):
    form = {"kind": "training", "items": [queue_items[0].pk], "decision": "verify"}
    for user in (viewer, civil_servant):
        client.force_login(user)
        assert client.post(DECIDE, {**form, "confirm": "1"}).status_code == 403
    assert TrainingRecord.objects.filter(status="verified").count() == 0


def test_a_foreign_next_url_is_not_followed(client, hr_officer, queue_items):
    client.force_login(hr_officer)
    form = {
        "kind": "training",
        "items": [queue_items[0].pk],
        "decision": "verify",
        "confirm": "1",
        "next": "https://evil.example/",
    }
    assert client.post(DECIDE, form)["Location"] == QUEUE


def test_the_queue_page_stays_within_its_query_budget(
    client, hr_officer, queue_items, django_assert_max_num_queries
):
    client.force_login(hr_officer)
    with django_assert_max_num_queries(14):
        client.get(QUEUE, {"person": "อรุณ", "submitted_from": "01/01/2569"})


def test_submitted_dates_are_bangkok_days(hr_officer, queue_items):
    """A record sent at 00:30 Bangkok time belongs to that Thai day, not the UTC one."""
    record = queue_items[0]
    bangkok = timezone.get_current_timezone()
    sent = datetime(2026, 11, 20, 0, 30, tzinfo=bangkok)
    TrainingRecord.objects.filter(pk=record.pk).update(created_at=sent)
    from agencies.scoping import scope_for
    from competencies.forms import VerificationFilter

    scope = scope_for(hr_officer)
    pending = selectors.verification_pending(scope=scope, kind="training")
    on_the_day = VerificationFilter(
        {"submitted_from": "20/11/2569", "submitted_to": "20/11/2569"},
        queryset=pending,
        scope=scope,
    )
    assert list(on_the_day.qs) == [record]


def test_an_over_long_reason_gets_one_error_not_two(client, hr_officer, queue_items):
    client.force_login(hr_officer)
    form = {
        "kind": "training",
        "items": [queue_items[0].pk],
        "decision": "reject",
        "confirm": "1",
        "reason": "ก" * 1001,
    }
    body = client.post(DECIDE, form).content.decode()
    assert "กรุณาระบุเหตุผลที่ไม่อนุมัติ" not in body
    assert "1000" in body  # the length limit, in Thai
    assert TrainingRecord.objects.filter(status="rejected").count() == 0


def test_tab_counts_follow_the_officers_own_decisions(client, hr_officer, queue_items):
    client.force_login(hr_officer)
    assert client.get(QUEUE).context["queue"].counts["training"] == 5
    form = {"kind": "training", "items": [queue_items[0].pk], "decision": "verify"}
    client.post(DECIDE, {**form, "confirm": "1"})
    assert client.get(QUEUE).context["queue"].counts["training"] == 4
    assert client.get(QUEUE, {"person": "อรุณ"}).context["queue"].counts == {
        "training": 2,
        "assessment": 0,
    }
