"""The agency tree browser (SPEC §3, §8)."""

from django.urls import reverse

LIST = reverse("agencies:agency-list")


def detail(agency):
    return reverse("agencies:agency-detail", args=[agency.pk])


def test_hr_officer_starts_at_own_ministry(client, hr_officer, ministry_b):
    client.force_login(hr_officer)
    body = client.get(LIST).content.decode()
    assert "กระทรวงเอ" in body and "กระทรวงบี" not in body


def test_ocsc_admin_starts_at_every_ministry(
    client, ocsc_admin, ministry_a, ministry_b
):
    client.force_login(ocsc_admin)
    body = client.get(LIST).content.decode()
    assert "กระทรวงเอ" in body and "กระทรวงบี" in body


def test_detail_shows_children_and_links_to_the_roster(
    client, hr_officer, division_a1a, department_a1
):
    client.force_login(hr_officer)
    response = client.get(detail(department_a1))
    body = response.content.decode()
    assert "กองเอหนึ่งเอ" in body
    assert f"/people/?agency={department_a1.pk}" in body


def test_breadcrumbs_stop_at_the_top_of_scope(client, department_a1, division_a1a):
    from agencies.models import RoleAssignment
    from agencies.tests.factories import UserFactory

    user = UserFactory(username="dept_hr")
    RoleAssignment.objects.create(user=user, role="agency_hr", agency=department_a1)
    client.force_login(user)
    body = client.get(detail(division_a1a)).content.decode()
    assert "กรมเอหนึ่ง" in body and "กระทรวงเอ" not in body


def test_foreign_agency_is_404(client, outsider_hr, ministry_a):
    client.force_login(outsider_hr)
    response = client.get(detail(ministry_a))
    assert response.status_code == 404 and "กระทรวงเอ" not in response.content.decode()


def test_civil_servant_and_anonymous_are_kept_out(client, civil_servant, ministry_a):
    client.force_login(civil_servant)
    assert client.get(LIST).status_code == 403
    assert client.get(detail(ministry_a)).status_code == 403
    client.logout()
    assert client.get(LIST).status_code == 302


def test_tree_and_home_pages_stay_within_a_query_budget(
    client, hr_officer, division_a1a, django_assert_max_num_queries
):
    client.force_login(hr_officer)
    with django_assert_max_num_queries(8):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(detail(division_a1a.parent)).status_code == 200
    with django_assert_max_num_queries(13):  # incl. the scope's agency ids, once
        assert client.get(reverse("home")).status_code == 200


def test_search_finds_an_agency_at_any_depth_with_its_code(
    client, hr_officer, division_a1a, department_b1
):
    client.force_login(hr_officer)
    page = client.get(LIST, {"q": "กองเอ"}).context["page"]
    assert page.items == [division_a1a]
    body = client.get(LIST, {"q": "ma-d1-v"}).content.decode()
    assert "กองเอหนึ่งเอ" in body and "MA-D1-V1" in body
    # another ministry's agencies are never found, not even by their code
    assert client.get(LIST, {"q": "MB"}).context["page"].items == []
    assert client.get(LIST, {"kind": "division"}).context["page"].items == [
        division_a1a
    ]


def test_the_top_of_the_tree_is_paged(client, ocsc_admin):
    from agencies.tests.factories import AgencyFactory
    from agencies.views import AGENCY_PAGE_SIZE

    for n in range(AGENCY_PAGE_SIZE + 3):
        AgencyFactory(
            code=f"LG{n:03d}", name_th=f"เทศบาล {n:03d}", kind="local_government"
        )
    client.force_login(ocsc_admin)
    first = client.get(LIST).context["page"]
    assert len(first.items) == AGENCY_PAGE_SIZE and first.next_after
    rest = client.get(LIST, {"after": first.next_after}).context["page"]
    assert [a.name_th for a in rest.items] == ["เทศบาล 050", "เทศบาล 051", "เทศบาล 052"]
