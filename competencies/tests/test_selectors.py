"""Reads combining people with records: not assessed, audit trail, queue (SPEC §7)."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from agencies import services as people_services
from agencies.models import Person
from agencies.scoping import AgencyScope, scope_for
from agencies.tests.factories import PersonFactory, new_national_id
from competencies import selectors, services
from competencies.models import Assessment, Framework, SkillArea
from skillsportal.lib import national_id

GROUP_6 = ("DLIT", "DG", "DT", "DS")  # the skills group 6 must have (target ≥ 1)


@pytest.fixture
def framework(db):
    call_command("load_framework")
    return Framework.objects.get()


def _assess(person, code, framework, **extra):
    data = {
        "level": 1,
        "assessed_on": date(2026, 1, 5),
        "status": "verified",
        "method": "supervisor",
    }
    return Assessment.objects.create(
        person=person,
        skill_area=framework.skill_areas.get(code=code),
        **(data | extra),
    )


def _not_assessed(people=None):
    return set(selectors.people_not_assessed(people or Person.objects.all()))


def test_a_person_with_every_required_skill_is_assessed(department_a1, framework):
    done = PersonFactory(agency=department_a1, target_group=6)
    for code in GROUP_6:
        _assess(done, code, framework)
    assert _not_assessed() == set()


def test_one_missing_required_skill_makes_a_person_not_assessed(
    department_a1, framework
):
    person = PersonFactory(agency=department_a1, target_group=6)
    for code in GROUP_6[:-1]:
        _assess(person, code, framework)
    _assess(person, "SPM", framework)  # not required for group 6: does not help
    assert _not_assessed() == {person}


def test_only_verified_assessments_dated_by_today_count(department_a1, framework):
    person = PersonFactory(agency=department_a1, target_group=6)
    for code in GROUP_6[:2]:
        _assess(person, code, framework)
    _assess(person, GROUP_6[2], framework, status="pending")
    tomorrow = timezone.localdate() + timedelta(days=1)
    _assess(person, GROUP_6[3], framework, assessed_on=tomorrow)
    assert _not_assessed() == {person}


def test_people_without_a_group_are_not_listed(department_a1, framework):
    PersonFactory(agency=department_a1, target_group=None)
    assert _not_assessed() == set()


def test_skill_areas_match_by_code_across_framework_versions(department_a1, framework):
    old = Framework.objects.create(code="old", name_th="เดิม", effective_from_fy=2550)
    person = PersonFactory(agency=department_a1, target_group=6)
    for code in GROUP_6:
        skill = SkillArea.objects.create(framework=old, code=code, name_th=code)
        Assessment.objects.create(
            person=person,
            skill_area=skill,
            level=1,
            assessed_on=date(2020, 1, 1),
            status="verified",
        )
    assert _not_assessed() == set()


def test_not_assessed_is_one_query_and_respects_scope(
    hr_officer, department_a1, person_b, framework, django_assert_num_queries
):
    mine = PersonFactory(agency=department_a1, target_group=6)
    scoped = Person.objects.visible_to(scope_for(hr_officer))
    with django_assert_num_queries(2):  # framework + people
        found = set(selectors.people_not_assessed(scoped))
    assert found == {mine}


def test_audit_trail_covers_person_versions_and_records(
    hr_officer, department_a1, framework
):
    scope = scope_for(hr_officer)
    nid = new_national_id()
    person = people_services.person_create(
        scope=scope,
        national_id=nid,
        given_name="ตรวจ",
        family_name="สอบ",
        effective_date=date(2026, 10, 1),
        agency=department_a1,
        category="civil_ordinary",
    )
    services.assessment_create(
        scope=scope,
        actor=hr_officer,
        person=person,
        skill_area=framework.skill_areas.get(code="DT"),
        level=2,
        assessed_on=date(2026, 11, 1),
        method="test",
    )
    lines = selectors.person_audit_trail(person=person)
    kinds = {line.what for line in lines}
    assert {"บุคลากร", "ประวัติบุคลากร", "ผลการประเมิน"} <= kinds
    shown = repr(lines)
    # Neither the ID nor its masked tail (three bare digits could be any number).
    assert nid not in shown and national_id.mask(nid) not in shown
    assert "national_id" not in shown


def test_audit_trail_shows_an_imported_persons_first_version(department_a1):
    nid = new_national_id()
    data = (
        "national_id,given_name,family_name,agency_code,personnel_category,"
        f"target_group,effective_date\r\n{nid},นำ,เข้า,MA-D1,civil_ordinary,3,"
        "01/10/2569\r\n"
    ).encode()
    result = people_services.roster_import(
        data=data, filename="r.csv", scope=AgencyScope.system()
    )
    assert result.ok
    [line] = selectors.person_audit_trail(person=Person.objects.get())
    shown = {name: new for name, _old, new in line.changes}
    assert shown["ชื่อ"] == "นำ"
    assert shown["หน่วยงาน"] == str(department_a1)
    assert shown["วันที่มีผล"] == "01/10/2569"
    assert shown["กลุ่มเป้าหมาย"] == "ผู้ทำงานด้านนโยบายและงานวิชาการ"


def test_queue_leaves_out_other_scopes(
    hr_officer, outsider_hr, civil_servant, person_b, framework
):
    services.training_record_create(
        scope=scope_for(civil_servant),
        actor=civil_servant,
        person=civil_servant.person,
        title="รอ",
        completed_on=date(2026, 11, 1),
        hours=1,
        horizon="current",
    )
    for officer, expected in ((hr_officer, 1), (outsider_hr, 0)):
        pending = selectors.verification_pending(
            scope=scope_for(officer), kind="training"
        )
        assert pending.count() == expected
    assert selectors.pending_count(scope=scope_for(civil_servant)) == 0


def test_audit_trail_shows_be_dates_and_local_times(
    hr_officer, civil_servant, framework
):
    record = services.training_record_create(
        scope=scope_for(civil_servant),
        actor=civil_servant,
        person=civil_servant.person,
        title="ตรวจเวลา",
        completed_on=date(2026, 11, 1),
        hours=1,
        horizon="current",
    )
    services.training_record_verify(
        scope=scope_for(hr_officer), actor=hr_officer, record=record
    )
    lines = selectors.person_audit_trail(person=civil_servant.person)
    verified = next(line for line in lines if line.action == 1 and line.changes)
    shown = dict((name, new) for name, _old, new in verified.changes)
    assert shown["ผู้ตรวจสอบ"] == "hr_a"
    assert shown["เวลาที่ตรวจสอบ"].split()[0].endswith("/2569")
    assert "01/11/2569" in verified.label


def test_audit_trail_labels_fields_in_thai_and_hides_storage_paths(
    hr_officer, department_a1, framework
):
    """Issue 19: no English field name ("person:") and no "evidence/2026/12/…"."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    scope = scope_for(hr_officer)
    person = people_services.person_create(
        scope=scope,
        national_id=new_national_id(),
        given_name="ไฟล์",
        family_name="แนบ",
        effective_date=date(2026, 10, 1),
        agency=department_a1,
        category="civil_ordinary",
    )
    services.training_record_create(
        scope=scope,
        actor=hr_officer,
        person=person,
        title="อบรม",
        completed_on=date(2026, 11, 1),
        hours=3,
        horizon="current",
        evidence=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    changes = [c for line in selectors.person_audit_trail(person=person)
               for c in line.changes]  # fmt: skip
    labels = {name for name, _old, _new in changes}
    assert "หลักฐาน" in labels
    assert not [label for label in labels if label.isascii()]  # all in Thai
    assert not any("evidence/" in new for _name, _old, new in changes)
