"""Training records and assessments, one at a time (SPEC §6)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory
from competencies import services
from competencies.models import Assessment, Framework, SkillArea, TrainingRecord

TODAY = date(2026, 11, 25)


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


@pytest.fixture
def staff(department_a1):
    return PersonFactory(agency=department_a1, given_name="สมหญิง")


def _training(scope, actor, person, **extra):
    data = {
        "title": "หลักสูตรข้อมูลเปิดภาครัฐ",
        "completed_on": date(2026, 11, 20),
        "started_on": date(2026, 11, 19),
        "hours": Decimal("12"),
        "horizon": "future",
        "today": TODAY,
    }
    return services.training_record_create(
        scope=scope, actor=actor, person=person, **(data | extra)
    )


def _assess(scope, actor, person, framework, **extra):
    data = {
        "skill_area": framework.skill_areas.get(code="DLIT"),
        "level": 2,
        "assessed_on": date(2026, 11, 1),
        "method": "supervisor",
        "today": TODAY,
    }
    return services.assessment_create(
        scope=scope, actor=actor, person=person, **(data | extra)
    )


def test_hr_entered_training_is_verified_on_entry(hr_officer, staff, framework):
    skills = list(framework.skill_areas.filter(code__in=["DLIT", "DT"]))
    record = _training(scope_for(hr_officer), hr_officer, staff, skill_areas=skills)
    assert record.status == "verified"
    assert record.verified_by == hr_officer and record.verified_at is not None
    assert set(record.skill_areas.values_list("code", flat=True)) == {"DLIT", "DT"}


def test_own_submission_is_pending(civil_servant, framework):
    person = civil_servant.person
    record = _training(scope_for(civil_servant), civil_servant, person)
    assert record.status == "pending" and record.verified_by is None


def test_hr_officer_entering_own_training_waits_for_someone_else(
    hr_officer, department_a1, framework
):
    me = PersonFactory(agency=department_a1, user=hr_officer)
    record = _training(scope_for(hr_officer), hr_officer, me)
    assert record.status == "pending"
    with pytest.raises(PermissionDenied):
        services.training_record_verify(
            scope=scope_for(hr_officer), actor=hr_officer, record=record
        )


def test_training_rules_raise_thai_field_errors(hr_officer, staff, framework):
    scope = scope_for(hr_officer)
    with pytest.raises(ValidationError) as caught:
        _training(scope, hr_officer, staff, hours=Decimal("49"))
    assert "24" in caught.value.message_dict["hours"][0]
    with pytest.raises(ValidationError) as caught:
        _training(scope, hr_officer, staff, completed_on=date(2026, 12, 1))
    assert "completed_on" in caught.value.message_dict
    assert not TrainingRecord.objects.exists()


def test_skill_areas_must_come_from_the_fiscal_years_framework(
    hr_officer, staff, framework
):
    newer = Framework.objects.create(
        code="v2", name_th="กรอบใหม่", effective_from_fy=2571
    )
    future_skill = SkillArea.objects.create(framework=newer, code="AI", name_th="AI")
    with pytest.raises(ValidationError) as caught:
        _training(scope_for(hr_officer), hr_officer, staff, skill_areas=[future_skill])
    assert "skill_areas" in caught.value.message_dict


def test_the_same_training_twice_is_refused(hr_officer, staff, framework):
    scope = scope_for(hr_officer)
    _training(scope, hr_officer, staff)
    with pytest.raises(ValidationError) as caught:
        _training(scope, hr_officer, staff)
    assert "title" in caught.value.message_dict


def test_outsider_and_viewer_cannot_log_training(viewer, outsider_hr, staff, framework):
    for user in (viewer, outsider_hr):
        with pytest.raises(PermissionDenied):
            _training(scope_for(user), user, staff)


def test_verify_and_reject_pending_training(hr_officer, civil_servant, framework):
    person = civil_servant.person
    one = _training(scope_for(civil_servant), civil_servant, person)
    two = _training(scope_for(civil_servant), civil_servant, person, title="อื่น")
    scope = scope_for(hr_officer)
    services.training_record_verify(scope=scope, actor=hr_officer, record=one)
    services.training_record_reject(
        scope=scope, actor=hr_officer, record=two, reason="ไม่มีหลักฐาน"
    )
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == "verified" and one.verified_by == hr_officer
    assert two.status == "rejected" and two.rejection_reason == "ไม่มีหลักฐาน"


def test_reject_needs_a_reason(hr_officer, civil_servant, framework):
    record = _training(scope_for(civil_servant), civil_servant, civil_servant.person)
    with pytest.raises(ValidationError) as caught:
        services.training_record_reject(
            scope=scope_for(hr_officer), actor=hr_officer, record=record, reason="  "
        )
    assert "reason" in caught.value.message_dict
    record.refresh_from_db()
    assert record.status == "pending"


def test_a_decided_record_cannot_be_decided_again(hr_officer, civil_servant, framework):
    record = _training(scope_for(civil_servant), civil_servant, civil_servant.person)
    scope = scope_for(hr_officer)
    services.training_record_verify(scope=scope, actor=hr_officer, record=record)
    with pytest.raises(ValidationError):
        services.training_record_reject(
            scope=scope, actor=hr_officer, record=record, reason="ผิด"
        )


def test_verify_rejects_record_outside_scope(
    outsider_hr, viewer, civil_servant, framework
):
    record = _training(scope_for(civil_servant), civil_servant, civil_servant.person)
    for user in (outsider_hr, viewer):
        with pytest.raises(PermissionDenied):
            services.training_record_verify(
                scope=scope_for(user), actor=user, record=record
            )
    record.refresh_from_db()
    assert record.status == "pending"


def test_each_write_is_one_audit_entry(hr_officer, civil_servant, framework):
    record = _training(scope_for(civil_servant), civil_servant, civil_servant.person)
    before = LogEntry.objects.get_for_object(record).count()
    services.training_record_verify(
        scope=scope_for(hr_officer), actor=hr_officer, record=record
    )
    entries = LogEntry.objects.get_for_object(record)
    assert entries.count() == before + 1
    assert set(entries.first().changes) >= {"status", "verified_by"}


def test_hr_assessment_is_verified_and_on_the_scale(hr_officer, staff, framework):
    scope = scope_for(hr_officer)
    assessment = _assess(scope, hr_officer, staff, framework)
    assert assessment.status == "verified"
    with pytest.raises(ValidationError) as caught:
        _assess(scope, hr_officer, staff, framework, level=5, method="test")
    assert "level" in caught.value.message_dict


def test_duplicate_assessment_key_is_refused(hr_officer, staff, framework):
    scope = scope_for(hr_officer)
    _assess(scope, hr_officer, staff, framework)
    with pytest.raises(ValidationError):
        _assess(scope, hr_officer, staff, framework, level=3)
    _assess(scope, hr_officer, staff, framework, method="test")  # other method: fine
    assert Assessment.objects.count() == 2


def test_self_assessment_is_pending_until_hr_verifies(
    hr_officer, civil_servant, framework
):
    own = _assess(
        scope_for(civil_servant),
        civil_servant,
        civil_servant.person,
        framework,
        method="self",
    )
    assert own.status == "pending"
    services.assessment_reject(
        scope=scope_for(hr_officer), actor=hr_officer, assessment=own, reason="สูงไป"
    )
    own.refresh_from_db()
    assert own.status == "rejected"


def test_no_national_id_in_any_audit_entry(hr_officer, civil_servant, framework):
    _assess(scope_for(hr_officer), hr_officer, civil_servant.person, framework)
    dumped = json.dumps(list(LogEntry.objects.values_list("changes", flat=True)))
    assert civil_servant.person.national_id_hash not in dumped
