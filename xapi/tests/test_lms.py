"""What Moodle's xAPI plug-in (logstore_xapi) sends for a course completion,
written from the xAPI specification's examples, and HR's pages for it."""

import pytest
from django.urls import reverse

from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import TrainingRecord
from xapi.models import Outcome, Statement

from .conftest import Xapi

MOODLE = "https://lms.dga.or.th"


def moodle_completion(actor, *, sid="6690e6c9-3ef0-4ed3-8b37-7f3964730bee"):
    return {
        "id": sid,
        "actor": actor,
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": {"en": "completed"},
        },
        "object": {
            "id": f"{MOODLE}/course/view.php?id=42",
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/course",
                "name": {"en": "Data literacy for civil servants"},
                "description": {"en": "Data literacy for civil servants"},
                "moreInfo": f"{MOODLE}/course/view.php?id=42",
            },
        },
        "result": {"completion": True, "duration": "PT12H"},
        "timestamp": "2026-11-18T16:45:10+07:00",
        "context": {
            "platform": "Moodle",
            "language": "en",
            "extensions": {
                "http://lrs.learninglocker.net/define/extensions/info": {
                    "http://moodle.org": "4.3.2",
                    "https://github.com/xAPI-vle/moodle-logstore_xapi": "v4.7.0",
                    "event_name": "\\core\\event\\course_completed",
                    "event_function": (
                        "\\src\\transformer\\events\\core\\course_completed"
                    ),
                },
                "urn:skillsportal:xapi:skills": "DLIT;DS",
            },
            "contextActivities": {
                "grouping": [
                    {
                        "id": MOODLE,
                        "definition": {
                            "type": "http://id.tincanapi.com/activitytype/lms",
                            "name": {"en": "DGA Academy"},
                        },
                    }
                ],
                "category": [
                    {
                        "id": "http://moodle.org",
                        "definition": {
                            "type": "http://id.tincanapi.com/activitytype/source",
                            "name": {"en": "Moodle"},
                        },
                    }
                ],
            },
        },
    }


def test_moodle_with_mbox_records_the_course(lms, department_a1, framework):
    person = PersonFactory(agency=department_a1, email="kanya@dga.or.th")
    actor = {"name": "Kanya S.", "mbox": "mailto:kanya@dga.or.th"}
    response = lms.post([moodle_completion(actor)])
    assert response.status_code == 200, response.content
    record = TrainingRecord.objects.get(person=person)
    assert record.title == "Data literacy for civil servants" and record.hours == 12
    assert set(record.skill_areas.values_list("code", flat=True)) == {"DLIT", "DS"}


@pytest.fixture
def waiting(lms, framework):
    """Moodle names the learner by its own user name: nobody matches."""
    actor = {"name": "Kanya S.", "account": {"homePage": MOODLE, "name": "kanya.s"}}
    assert lms.post(moodle_completion(actor)).status_code == 200
    return Statement.objects.get()


def test_hr_sees_the_system_and_the_unmatched_learner(client, hr_officer, waiting):
    client.force_login(hr_officer)
    page = client.get(reverse("xapi:overview")).content.decode()
    assert "LMS กรม" in page and "Kanya S." in page
    assert waiting.outcome == Outcome.UNMATCHED


def test_hr_matches_the_learner_and_the_record_appears(
    client, hr_officer, waiting, department_a1
):
    nid = new_national_id()
    person = PersonFactory(agency=department_a1, national_id=nid)
    client.force_login(hr_officer)
    response = client.post(
        reverse("xapi:actor-match"), {"actor": waiting.actor, "national_id": nid}
    )
    assert response.status_code == 302
    record = TrainingRecord.objects.get(person=person)
    assert record.hours == 12 and record.xapi_statement == waiting.id
    waiting.refresh_from_db()
    assert waiting.outcome == Outcome.RECORDED and waiting.person == person
    detail = client.get(reverse("competencies:person-detail", args=[person.pk]))
    assert "xAPI" in detail.content.decode()


def test_hr_cannot_match_someone_of_another_agency(
    client, hr_officer, waiting, department_b1
):
    nid = new_national_id()
    PersonFactory(agency=department_b1, national_id=nid, given_name="ลับเฉพาะ")
    client.force_login(hr_officer)
    response = client.post(
        reverse("xapi:actor-match"), {"actor": waiting.actor, "national_id": nid}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "ลับเฉพาะ" not in body
    assert "ไม่พบบุคลากรนี้ในหน่วยงานที่ท่านดูแล" in body
    assert not TrainingRecord.objects.exists()


def test_a_mistyped_id_is_kept_in_its_row_with_the_error(client, hr_officer, waiting):
    client.force_login(hr_officer)
    typed = "1234567890123"  # checksum wrong
    response = client.post(
        reverse("xapi:actor-match"), {"actor": waiting.actor, "national_id": typed}
    )
    assert response.status_code == 400
    assert f'value="{typed}" aria-invalid="true" aria-describedby="match-error"' in (
        response.content.decode()
    )


def test_another_agency_sees_none_of_it(client, waiting, ministry_b):
    from conftest import _with_role

    other = _with_role("hr_b", "agency_hr", ministry_b)
    client.force_login(other)
    page = client.get(reverse("xapi:overview")).content.decode()
    assert "Kanya S." not in page and "LMS กรม" not in page
    response = client.post(
        reverse("xapi:actor-match"),
        {"actor": waiting.actor, "national_id": new_national_id()},
    )
    assert response.status_code in (400, 403)
    assert Statement.objects.get().outcome == Outcome.UNMATCHED


def test_a_viewer_reads_but_does_not_match(client, viewer, waiting):
    client.force_login(viewer)
    assert client.get(reverse("xapi:overview")).status_code == 200
    response = client.post(reverse("xapi:actor-match"), {"actor": waiting.actor})
    assert response.status_code == 403


def test_civil_servants_have_no_xapi_page(client, department_a1, waiting):
    from django.contrib.auth.models import User

    user = User.objects.create_user("somchai", password="x-long-password-2569")
    PersonFactory(agency=department_a1, user=user)
    client.force_login(user)
    assert client.get(reverse("xapi:overview")).status_code == 403


def test_create_api_key_with_the_xapi_right(ministry_a, capsys):
    from django.core.management import call_command

    call_command("create_api_key", agency="MA", name="Moodle", xapi=True)
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("sp_")
    from agencies.models import ApiKey

    assert ApiKey.objects.get(name="Moodle").can_xapi
    assert Xapi  # the helper issues keys the same way
