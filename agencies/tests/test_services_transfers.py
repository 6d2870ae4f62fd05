"""Transfers between agencies (SPEC §3): request, accept, decline, cancel, out."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agencies.models import PersonVersion, TransferRequest, TransferStatus
from agencies.rules import REGISTERED_ELSEWHERE
from agencies.scoping import AgencyScope, scope_for
from agencies.services import people as people_services
from agencies.services import transfers
from agencies.tests.factories import PersonFactory, new_national_id
from competencies.models import Notification

DAY = date(2026, 12, 1)


@pytest.fixture
def nid():
    return new_national_id()


@pytest.fixture
def person_of_b(department_b1, nid):
    return PersonFactory(agency=department_b1, national_id=nid, given_name="บุคคลบี")


def _request(hr_officer, agency, nid, **facts):
    return transfers.transfer_request_create(
        scope=scope_for(hr_officer),
        actor=hr_officer,
        national_id=nid,
        agency=agency,
        effective_date=DAY,
        **facts,
    )


class TestRequest:
    def test_a_request_moves_nothing_and_tells_the_managing_hr(
        self, hr_officer, outsider_hr, department_a1, person_of_b, nid
    ):
        request = _request(hr_officer, department_a1, nid, position_title="นักวิชาการ")
        assert request.is_pending and request.from_agency == person_of_b.current_agency
        person_of_b.refresh_from_db()
        assert person_of_b.current_agency.code == "MB-D1"
        assert person_of_b.versions.count() == 1
        [note] = Notification.objects.filter(user=outsider_hr)
        assert note.kind == "transfer" and "บุคคลบี" in note.title
        assert note.link == f"/transfers/{request.pk}/"
        assert not Notification.objects.filter(user=hr_officer).exists()

    @pytest.mark.parametrize(
        ("who", "code"),
        [("nobody", "unknown"), ("own", "managed"), ("bad", "invalid")],
    )
    def test_refusals_say_nothing_about_the_person(
        self, hr_officer, department_a1, who, code
    ):
        nid = {"nobody": new_national_id(), "own": new_national_id()}.get(
            who, "1234567890123"
        )
        if who == "own":
            PersonFactory(agency=department_a1, national_id=nid)
        with pytest.raises(ValidationError) as error:
            _request(hr_officer, department_a1, nid)
        assert error.value.error_dict["national_id"][0].code == code

    def test_one_pending_request_per_agency(
        self, hr_officer, department_a1, person_of_b, nid
    ):
        _request(hr_officer, department_a1, nid)
        with pytest.raises(ValidationError):
            _request(hr_officer, department_a1, nid)

    def test_only_for_an_agency_one_writes(
        self, hr_officer, department_b1, person_of_b, nid, viewer
    ):
        with pytest.raises(PermissionDenied):
            _request(hr_officer, department_b1, nid)
        with pytest.raises(PermissionDenied):
            _request(viewer, department_b1, nid)


class TestDecision:
    def test_accepting_moves_the_person_from_the_date(
        self, hr_officer, outsider_hr, department_a1, person_of_b, nid
    ):
        request = _request(hr_officer, department_a1, nid, position_level="K2")
        version = transfers.transfer_request_accept(
            scope=scope_for(outsider_hr), actor=outsider_hr, request=request
        )
        assert (version.agency, version.effective_date) == (department_a1, DAY)
        assert version.position_level == "K2"
        # Facts not given carry over from the version valid that day.
        assert version.target_group == 3 and version.category == "civil_ordinary"
        old = person_of_b.versions.get(effective_date=date(2017, 1, 1))
        assert old.agency.code == "MB-D1"  # the old agency keeps its past
        request.refresh_from_db()
        assert request.status == TransferStatus.ACCEPTED
        assert (request.decided_by, request.version) == (outsider_hr, version)
        [note] = Notification.objects.filter(user=hr_officer)
        assert "อนุมัติ" in note.title and "บุคคลบี" not in note.title + note.body
        assert request.masked_national_id in note.body

    def test_declining_leaves_everything_and_gives_the_reason(
        self, hr_officer, outsider_hr, department_a1, person_of_b, nid
    ):
        request = _request(hr_officer, department_a1, nid)
        before = list(PersonVersion.objects.values_list("pk", "agency_id"))
        with pytest.raises(ValidationError):
            transfers.transfer_request_decline(
                scope=scope_for(outsider_hr),
                actor=outsider_hr,
                request=request,
                reason=" ",
            )
        transfers.transfer_request_decline(
            scope=scope_for(outsider_hr),
            actor=outsider_hr,
            request=request,
            reason="ยังไม่ได้รับคำสั่งย้าย",
        )
        assert list(PersonVersion.objects.values_list("pk", "agency_id")) == before
        request.refresh_from_db()
        assert request.status == TransferStatus.DECLINED
        [note] = Notification.objects.filter(user=hr_officer)
        assert "ยังไม่ได้รับคำสั่งย้าย" in note.body

    def test_the_requester_cannot_decide_its_own_request(
        self, hr_officer, department_a1, person_of_b, nid
    ):
        request = _request(hr_officer, department_a1, nid)
        with pytest.raises(PermissionDenied):
            transfers.transfer_request_accept(
                scope=scope_for(hr_officer), actor=hr_officer, request=request
            )
        transfers.transfer_request_cancel(
            scope=scope_for(hr_officer), actor=hr_officer, request=request
        )
        request.refresh_from_db()
        assert request.status == TransferStatus.CANCELLED

    def test_a_decided_request_is_decided_once(
        self, hr_officer, outsider_hr, department_a1, person_of_b, nid
    ):
        request = _request(hr_officer, department_a1, nid)
        scope = scope_for(outsider_hr)
        transfers.transfer_request_accept(
            scope=scope, actor=outsider_hr, request=request
        )
        with pytest.raises(ValidationError):
            transfers.transfer_request_decline(
                scope=scope, actor=outsider_hr, request=request, reason="x"
            )

    def test_a_date_before_the_latest_version_is_for_ocsc(
        self, hr_officer, outsider_hr, ocsc_admin, department_a1, person_of_b, nid
    ):
        PersonVersion.objects.create(
            person=person_of_b,
            effective_date=date(2026, 12, 15),
            agency=person_of_b.current_agency,
            category="civil_ordinary",
        )
        request = _request(hr_officer, department_a1, nid)
        with pytest.raises(ValidationError) as error:
            transfers.transfer_request_accept(
                scope=scope_for(outsider_hr), actor=outsider_hr, request=request
            )
        assert "15/12/2569" in str(error.value)
        version = transfers.transfer_request_accept(
            scope=scope_for(ocsc_admin), actor=ocsc_admin, request=request
        )
        assert version.agency == department_a1


class TestTransferOut:
    def test_the_managing_agency_moves_a_person_to_any_agency(
        self, outsider_hr, department_a1, person_of_b
    ):
        transfers.person_transfer_out(
            scope=scope_for(outsider_hr),
            person=person_of_b,
            agency=department_a1,
            effective_date=date(2026, 11, 1),
            position_title="",
        )
        person_of_b.refresh_from_db()
        assert person_of_b.current_agency == department_a1
        assert person_of_b.versions.count() == 2

    def test_nobody_else_moves_them(self, hr_officer, department_a1, person_of_b):
        with pytest.raises(PermissionDenied):
            transfers.person_transfer_out(
                scope=scope_for(hr_officer),
                person=person_of_b,
                agency=department_a1,
                effective_date=DAY,
            )


def test_officers_add_no_version_before_the_latest(outsider_hr, person_of_b):
    PersonVersion.objects.create(
        person=person_of_b,
        effective_date=date(2026, 6, 1),
        agency=person_of_b.current_agency,
        category="civil_ordinary",
    )
    with pytest.raises(ValidationError) as error:
        people_services.person_version_add(
            scope=scope_for(outsider_hr),
            person=person_of_b,
            effective_date=date(2020, 1, 1),
            position_title="x",
        )
    assert error.value.error_dict["effective_date"][0].code == "before_latest"
    people_services.person_version_add(
        scope=AgencyScope.system(),
        person=person_of_b,
        effective_date=date(2020, 1, 1),
        position_title="x",
    )


def test_the_person_form_gives_the_one_answer(
    hr_officer, department_a1, person_of_b, nid
):
    with pytest.raises(ValidationError) as error:
        people_services.person_create(
            scope=scope_for(hr_officer),
            national_id=nid,
            given_name="ก",
            family_name="ข",
            effective_date=DAY,
            agency=department_a1,
            category="civil_ordinary",
        )
    [message] = error.value.error_dict["national_id"]
    assert message.code == "registered_elsewhere"
    assert message.message == REGISTERED_ELSEWHERE[0]
    assert not TransferRequest.objects.exists()
