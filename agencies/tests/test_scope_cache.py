"""Cached scopes (issue 17): fewer queries per page, never a stale permission."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import RoleAssignment
from agencies.tests.factories import AgencyFactory, PersonFactory

ROSTER = reverse("competencies:person-list")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_second_page_builds_no_scope(client, hr_officer, department_a1):
    client.force_login(hr_officer)
    first = _queries(client, ROSTER)
    assert _queries(client, ROSTER) <= first - 3  # roles, own person, agency ids


def test_a_revoked_role_stops_at_once(client, hr_officer):
    client.force_login(hr_officer)
    assert client.get(ROSTER).status_code == 200
    RoleAssignment.objects.filter(user=hr_officer).delete()
    assert client.get(ROSTER).status_code == 403


def test_a_new_agency_in_the_subtree_is_seen_at_once(client, hr_officer, ministry_a):
    client.force_login(hr_officer)
    client.get(ROSTER)
    office = AgencyFactory(code="MA-NEW", name_th="สำนักใหม่", parent=ministry_a)
    PersonFactory(agency=office, given_name="คนใหม่")
    assert "คนใหม่" in client.get(ROSTER).content.decode()


def test_a_granted_role_counts_at_once(client, outsider_hr, ministry_a, person_b):
    PersonFactory(agency=ministry_a, given_name="คนกระทรวงเอ")
    client.force_login(outsider_hr)
    assert "คนกระทรวงเอ" not in client.get(ROSTER).content.decode()
    RoleAssignment.objects.create(user=outsider_hr, role="agency_hr", agency=ministry_a)
    assert "คนกระทรวงเอ" in client.get(ROSTER).content.decode()


def test_the_roster_count_follows_the_officers_own_writes(
    client, hr_officer, department_a1
):
    """Kept counts (skillsportal.lib.counts): one's own new person counts at once."""
    from agencies.tests.factories import new_national_id

    client.force_login(hr_officer)
    before = client.get(ROSTER).context["page"].count
    client.post(
        reverse("competencies:person-create"),
        {
            "national_id": new_national_id(),
            "given_name": "ใหม่",
            "family_name": "ล่าสุด",
            "agency": department_a1.pk,
            "category": "civil_ordinary",
            "effective_date": "01/12/2569",
            "status": "active",
        },
    )
    assert client.get(ROSTER).context["page"].count == before + 1
