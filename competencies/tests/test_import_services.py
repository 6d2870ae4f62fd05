"""Training and assessment import services (SPEC §6, §9): verified, keyed, scoped."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from agencies.scoping import AgencyScope, scope_for
from agencies.signals import person_records_changed
from agencies.tests.factories import PersonFactory
from competencies import services
from competencies.models import Assessment, Course, SkillArea, TrainingRecord

TODAY = date(2026, 11, 25)
TRAINING = "national_id,title,course_code,provider,completed_on,hours,horizon,skills"
ASSESSMENT = "national_id,skill_code,level,assessed_on,method"


@pytest.fixture
def person(db, department_a1):
    call_command("load_framework")
    return PersonFactory(agency=department_a1, national_id="3100600445635")


def csv(*lines):
    return ("\r\n".join(lines) + "\r\n").encode()


def training(*lines, scope=None, header=TRAINING, **kwargs):
    return services.training_import(
        data=csv(header, *lines),
        filename="t.csv",
        scope=scope or AgencyScope.system(),
        today=TODAY,
        source={"import_job": 9, "file": "t.csv"},
        **kwargs,
    )


def assessments(*lines, scope=None, **kwargs):
    return services.assessments_import(
        data=csv(ASSESSMENT, *lines),
        filename="a.csv",
        scope=scope or AgencyScope.system(),
        today=TODAY,
        **kwargs,
    )


ROW = "3100600445635,การวิเคราะห์ข้อมูล,,ก.พ.,03/03/2569,18,future,DS;DT"


class TestTrainingImport:
    def test_hr_imports_are_verified_with_their_skills(self, person, hr_officer):
        result = training(ROW, scope=scope_for(hr_officer), actor=hr_officer)
        assert result.counts == {"new": 1, "updated": 0, "unchanged": 0}
        record = TrainingRecord.objects.get()
        assert (record.person, record.hours, record.horizon) == (
            person,
            Decimal("18.00"),
            "future",
        )
        assert record.status == "verified" and record.verified_by == hr_officer
        assert record.verified_at is not None
        assert sorted(record.skill_areas.values_list("code", flat=True)) == ["DS", "DT"]

    def test_reimporting_the_same_file_changes_nothing(self, person):
        training(ROW)
        before = TrainingRecord.objects.get()
        entries = LogEntry.objects.count()
        again = training(ROW)
        assert again.counts == {"new": 0, "updated": 0, "unchanged": 1}
        assert not again.written and LogEntry.objects.count() == entries
        assert TrainingRecord.objects.get().updated_at == before.updated_at

    def test_a_changed_row_updates_hours_and_skills(self, person):
        training(ROW)
        result = training(ROW.replace(",18,", ",12,").replace("DS;DT", "DLIT"))
        assert result.counts["updated"] == 1
        record = TrainingRecord.objects.get()
        assert record.hours == Decimal("12.00")
        assert list(record.skill_areas.values_list("code", flat=True)) == ["DLIT"]
        entry = LogEntry.objects.filter(
            action=LogEntry.Action.UPDATE, additional_data__import_job=9
        ).get()
        assert entry.changes["hours"] == ["18.00", "12.00"]
        assert "skill_areas" in entry.changes

    def test_a_skills_only_change_counts_as_updated(self, person):
        training(ROW)
        result = training(ROW.replace("DS;DT", "DS"))
        assert result.counts == {"new": 0, "updated": 1, "unchanged": 0}

    def test_a_pending_submission_becomes_verified(self, person, hr_officer):
        TrainingRecord.objects.create(
            person=person,
            title="การวิเคราะห์ข้อมูล",
            completed_on=date(2026, 3, 3),
            hours=18,
            horizon="future",
            provider="ก.พ.",
        )
        result = training(ROW.replace(",DS;DT", ","), actor=hr_officer)
        assert result.counts["updated"] == 1
        assert TrainingRecord.objects.get().status == "verified"

    def test_an_officer_never_verifies_their_own_records(self, person, hr_officer):
        """Issue 15: an HR officer's own import stays pending for another officer."""
        person.user = hr_officer
        person.save(update_fields=["user"])
        TrainingRecord.objects.create(  # a pending submission of their own…
            person=person,
            title="ชื่ออื่น",
            completed_on=date(2026, 3, 3),
            hours=2,
            horizon="current",
        )
        scope = scope_for(hr_officer)
        training(ROW, "3100600445635,ชื่ออื่น,,,03/03/2569,2,current,", scope=scope)
        # …and a new one: both written, neither verified by them.
        assert set(TrainingRecord.objects.values_list("status", "verified_by")) == {
            ("pending", None)
        }
        assessments("3100600445635,DLIT,4,01/03/2569,self", scope=scope)
        assert Assessment.objects.get().status == "pending"

    def test_the_key_uses_the_course_code_when_given(self, person):
        Course.objects.create(code="C-1", title="หลักสูตร", hours=6, horizon="current")
        training(ROW.replace(",,ก.พ.", ",C-1,ก.พ."))
        renamed = ROW.replace("การวิเคราะห์ข้อมูล,,", "ชื่อใหม่,C-1,")
        assert training(renamed).counts["updated"] == 1
        assert TrainingRecord.objects.get().title == "ชื่อใหม่"

    @pytest.mark.parametrize(
        "line",
        [
            ROW.replace(",18,", ",-2,"),
            ROW.replace(",18,", ",1001,"),
            ROW.replace("DS;DT", "DS;NOPE"),
            ROW.replace("03/03/2569", "31/02/2567"),
            ROW.replace("3100600445635", "3100600445636"),
        ],
    )
    def test_one_bad_row_writes_nothing(self, person, line):
        result = training(ROW.replace("03/03", "04/03"), line)
        assert [e.row for e in result.errors] == [3]
        assert not TrainingRecord.objects.exists()

    def test_same_key_twice_writes_nothing(self, person):
        assert training(ROW, ROW).errors
        assert not TrainingRecord.objects.exists()

    def test_hr_of_ministry_b_cannot_import_for_ministry_a(self, person, outsider_hr):
        result = training(ROW, scope=scope_for(outsider_hr))
        [error] = result.errors
        assert error.column == "national_id" and "3100600445635" not in error.value
        assert not TrainingRecord.objects.exists()

    def test_viewers_may_not_import(self, person, viewer):
        with pytest.raises(PermissionDenied):
            training(ROW, scope=scope_for(viewer))

    def test_reports_are_told_and_the_audit_log_is_written(
        self, person, hr_officer, django_capture_on_commit_callbacks
    ):
        handler = mock.Mock()
        person_records_changed.connect(handler)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                training(ROW, actor=hr_officer)
        finally:
            person_records_changed.disconnect(handler)
        assert handler.call_args.kwargs == {
            "signal": person_records_changed,
            "sender": TrainingRecord,
            "person_ids": [person.pk],
            "since": date(2026, 3, 3),
        }
        entry = LogEntry.objects.get(additional_data__import_job=9)
        assert entry.actor == hr_officer and entry.changes["status"][1] == "verified"


class TestAssessmentImport:
    def test_creates_verified_assessments_and_reimport_changes_nothing(
        self, person, hr_officer
    ):
        lines = [
            "3100600445635,DLIT,2,15/06/2569,self",
            "3100600445635,DS,1,2026-06-15,",
        ]
        result = assessments(*lines, actor=hr_officer)
        assert result.counts["new"] == 2
        assert set(Assessment.objects.values_list("method", "status")) == {
            ("self", "verified"),
            ("supervisor", "verified"),
        }
        assert assessments(*lines).counts == {"new": 0, "updated": 0, "unchanged": 2}

    def test_a_new_level_updates_the_assessment(self, person):
        assessments("3100600445635,DLIT,2,15/06/2569,test")
        result = assessments("3100600445635,DLIT,3,15/06/2569,test")
        assert result.counts["updated"] == 1
        assert Assessment.objects.get().level == 3

    def test_skill_codes_follow_the_framework_of_the_fiscal_year(self, person):
        assessments("3100600445635,DLIT,2,15/06/2569,test")
        skill = Assessment.objects.get().skill_area
        assert skill == SkillArea.objects.get(code="DLIT")

    @pytest.mark.parametrize(
        "line",
        [
            "3100600445635,ZZ,2,15/06/2569,test",
            "3100600445635,DLIT,9,15/06/2569,test",
            "3100600445635,DLIT,2,31/02/2567,test",
        ],
    )
    def test_one_bad_row_writes_nothing(self, person, line):
        result = assessments("3100600445635,DS,2,15/06/2569,test", line)
        assert [e.row for e in result.errors] == [3]
        assert not Assessment.objects.exists()

    def test_same_key_twice_writes_nothing(self, person):
        line = "3100600445635,DLIT,2,15/06/2569,test"
        assert assessments(line, line).errors
        assert not Assessment.objects.exists()


def test_training_queries_do_not_grow_with_rows(person, django_assert_max_num_queries):
    lines = [ROW.replace("การวิเคราะห์ข้อมูล", f"อบรม {i}") for i in range(200)]
    with django_assert_max_num_queries(30):
        assert training(*lines).counts["new"] == 200


def test_a_history_file_imports_and_counts_as_spec_7_says(person):
    """SPEC §6: rows from FY 2555 on are accepted; old training counts towards no
    later FY's hours, an old assessment is still the latest level it gives."""
    from reports.models import PersonYearFigure
    from reports.services import compliance_recompute

    result = training(
        "3100600445635,อบรมเก่า,,ก.พ.,01/06/2555,18,current,DLIT",
        "3100600445635,อบรมใหม่,,ก.พ.,03/03/2569,6,current,DLIT",
    )
    assert result.ok and result.counts["new"] == 2
    assert assessments("3100600445635,DLIT,3,01/06/2555,test").ok
    compliance_recompute(fy=2569, today=TODAY, parallel=False)
    figure = PersonYearFigure.objects.get(person=person, fy=2569)
    assert figure.hours_c == 600  # the FY 2569 row only, in hundredths
    assert figure.levels % 10 == 3 + 1  # DLIT, the first skill: level 3, plus one
