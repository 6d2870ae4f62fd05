from agencies import scoping
from agencies.models import Agency, Person
from agencies.scoping import AgencyScope, scope_for
from agencies.tests.factories import PersonFactory


def test_hr_officer_reads_and_writes_own_ministry(
    hr_officer, department_a1, ministry_b
):
    scope = scope_for(hr_officer)
    assert scope.can_read(department_a1) and scope.can_write(department_a1)
    assert not scope.can_read(ministry_b)


def test_viewer_reads_but_cannot_write(viewer, department_a1):
    scope = scope_for(viewer)
    assert scope.can_read(department_a1)
    assert not scope.can_write(department_a1)


def test_hr_officer_sees_only_own_subtree(hr_officer, civil_servant, person_b):
    visible = Person.objects.visible_to(scope_for(hr_officer))
    assert list(visible) == [civil_servant.person]
    codes = set(
        Agency.objects.visible_to(scope_for(hr_officer)).values_list("code", flat=True)
    )
    assert "MB" not in codes and "MA" in codes


def test_civil_servant_sees_only_themself(civil_servant, division_a1a, person_b):
    PersonFactory(agency=division_a1a)
    scope = scope_for(civil_servant)
    assert list(Person.objects.visible_to(scope)) == [civil_servant.person]
    assert not Agency.objects.visible_to(scope).exists()


def test_ocsc_admin_sees_everyone(ocsc_admin, civil_servant, person_b):
    assert Person.objects.visible_to(scope_for(ocsc_admin)).count() == 2


def test_nobody_sees_nothing(civil_servant):
    assert not Person.objects.visible_to(AgencyScope.nobody()).exists()


def test_anonymous_user_gets_nobody_scope(db):
    from django.contrib.auth.models import AnonymousUser

    assert scope_for(AnonymousUser()) == AgencyScope.nobody()


def test_nested_roles_collapse_to_the_outer_subtree(hr_officer, department_a1):
    from agencies.models import RoleAssignment

    RoleAssignment.objects.create(
        user=hr_officer, role="agency_viewer", agency=department_a1
    )
    assert len(scope_for(hr_officer).read_paths) == 1


def test_hr_officer_recorded_elsewhere_still_sees_themself(
    hr_officer, department_b1, person_b
):
    own = PersonFactory(agency=department_b1, user=hr_officer)
    scope = scope_for(hr_officer)
    assert scope.own_record_outside
    visible = set(Person.objects.visible_to(scope))
    assert own in visible and person_b not in visible


def test_hr_officer_inside_own_subtree_needs_no_extra_clause(hr_officer, department_a1):
    PersonFactory(agency=department_a1, user=hr_officer)
    assert not scope_for(hr_officer).own_record_outside


def test_people_are_scoped_by_the_subtree_agency_ids(
    hr_officer, civil_servant, person_b, django_assert_num_queries
):
    scope = scope_for(hr_officer)
    with django_assert_num_queries(1):  # the ids, once per scope object
        assert "current_agency__in" in str(scope.agency_q("current_agency"))
        assert "current_agency__in" in str(scope.agency_q("current_agency"))
    assert list(Person.objects.visible_to(scope)) == [civil_servant.person]
    assert list(Person.objects.editable_by(scope)) == [civil_servant.person]


def test_a_scope_of_very_many_agencies_falls_back_to_the_join(
    hr_officer, civil_servant, person_b, monkeypatch
):
    monkeypatch.setattr(scoping, "MAX_LISTED_AGENCIES", 1)
    scope = scope_for(hr_officer)
    assert "current_agency__path__startswith" in str(scope.agency_q("current_agency"))
    assert list(Person.objects.visible_to(scope)) == [civil_servant.person]
    assert list(Person.objects.editable_by(scope)) == [civil_servant.person]
