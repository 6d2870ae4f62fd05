"""The course catalogue import (SPEC §6, §9): keyed by code within the owner,
all or nothing, scoped to the owner the actor keeps."""

from datetime import date
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from agencies.scoping import AgencyScope, scope_for
from competencies.models import Course
from competencies.services.courses import courses_import

TODAY = date(2026, 11, 25)
HEADER = "code,title,provider,hours,horizon,skills,link,activity_id"
ROW = "DS-101,การวิเคราะห์ข้อมูล,ก.พ.,6,future,DS;DT,https://learn.go.th/ds,https://learn.go.th/a/ds"


@pytest.fixture
def framework(db):
    call_command("load_framework")


def csv(*lines, header=HEADER):
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def courses(*lines, scope=None, owner=None, header=HEADER, **kwargs):
    return courses_import(
        data=csv(*lines, header=header),
        filename="c.csv",
        scope=scope or AgencyScope.system(),
        owner=owner,
        today=TODAY,
        **kwargs,
    )


def errors(result):
    return [(e.row, e.column, e.reason_en) for e in result.errors]


def test_a_national_course_is_created_with_its_skills_and_audited(framework):
    result = courses(ROW, source={"import_job": 3})
    assert result.counts == {"new": 1, "updated": 0, "unchanged": 0}
    course = Course.objects.get()
    assert (course.owner, course.code, course.horizon, course.hours) == (
        None, "DS-101", "future", 6
    )  # fmt: skip
    assert course.url == "https://learn.go.th/ds"
    assert course.activity_id == "https://learn.go.th/a/ds"
    assert sorted(course.skill_areas.values_list("code", flat=True)) == ["DS", "DT"]
    entry = LogEntry.objects.get_for_object(course).get()
    assert entry.additional_data == {"import_job": 3}


def test_reimporting_changes_nothing_and_an_edit_updates(framework):
    courses(ROW)
    assert courses(ROW).counts["unchanged"] == 1
    result = courses(ROW.replace(",6,", ",12,").replace("DS;DT", "DS"))
    assert result.counts["updated"] == 1
    course = Course.objects.get()
    assert course.hours == 12
    assert list(course.skill_areas.values_list("code", flat=True)) == ["DS"]


def test_columns_left_out_keep_their_values(framework):
    courses(ROW)
    courses("DS-101,ชื่อใหม่", header="code,title")
    course = Course.objects.get()
    assert (course.title, course.provider, course.hours) == ("ชื่อใหม่", "ก.พ.", 6)
    assert course.skill_areas.count() == 2


def test_the_code_is_unique_within_the_owner(framework, ministry_a, ministry_b):
    courses(ROW)
    courses(ROW.replace(",https://learn.go.th/a/ds", ","), owner=ministry_a)
    courses(ROW.replace(",https://learn.go.th/a/ds", ","), owner=ministry_b)
    assert Course.objects.filter(code="DS-101").count() == 3


@pytest.mark.parametrize(
    ("line", "column", "reason"),
    [
        (ROW.replace("DS;DT", "DS;NOPE"), "skills", "Unknown skill code"),
        (ROW.replace("การวิเคราะห์", "=HYPERLINK(1)"), "title", "spreadsheet"),
        (ROW.replace("DS-101", "@SUM(A1)"), "code", "spreadsheet"),
        (ROW.replace(",6,", ",0,"), "hours", "more than 0"),
        (ROW.replace(",6,", ",1001,"), "hours", "at most 1,000"),
        (ROW.replace("future", "later"), "horizon", "Unknown value"),
        (ROW.replace("https://learn.go.th/ds", "javascript:alert(1)"), "link", "URL"),
        (ROW.replace("https://learn.go.th/a/ds", "not an iri"), "activity_id", "IRI"),
        (ROW.replace("DS-101,", ","), "code", "Required"),
    ],
)
def test_one_bad_row_writes_nothing(framework, line, column, reason):
    result = courses(ROW.replace("DS-101", "DS-100").replace("/ds", "/d0"), line)
    [(row, col, text)] = errors(result)
    assert (row, col) == (3, column) and reason.lower() in text.lower()
    assert not Course.objects.exists()


def test_a_duplicate_code_in_the_file_is_an_error(framework):
    result = courses(ROW, ROW.replace("/a/ds", "/a/other"))
    assert errors(result) == [(3, "code", "Same key as row 2")]
    assert not Course.objects.exists()


def test_an_activity_id_names_one_course(framework):
    courses(ROW)
    result = courses(ROW.replace("DS-101", "DS-102"))
    assert [e[1] for e in errors(result)] == ["activity_id"]
    assert Course.objects.count() == 1


def test_hr_keeps_their_agencys_catalogue_only(
    framework, hr_officer, ministry_a, ministry_b
):
    scope = scope_for(hr_officer)
    assert courses(ROW, scope=scope, owner=ministry_a).ok
    with pytest.raises(PermissionDenied):
        courses(ROW, scope=scope, owner=ministry_b)
    with pytest.raises(PermissionDenied):
        courses(ROW, scope=scope, owner=None)  # national: OCSC only
    assert Course.objects.get().owner == ministry_a


def test_a_dry_run_writes_nothing(framework):
    assert courses(ROW, commit=False).counts["new"] == 1
    assert not Course.objects.exists()


def test_the_command_imports_national_or_an_agencys_courses(
    framework, tmp_path, ministry_a
):
    path = tmp_path / "c.csv"
    path.write_bytes(csv(ROW))
    out = StringIO()
    call_command("import_courses", str(path), stdout=out)
    assert out.getvalue().strip() == "imported: new 1, updated 0, unchanged 0"
    path.write_bytes(csv(ROW.replace(",https://learn.go.th/a/ds", ",")))
    call_command("import_courses", str(path), "--agency", ministry_a.code, stdout=out)
    assert Course.objects.filter(owner=ministry_a).count() == 1
    with pytest.raises(CommandError, match="no agency"):
        call_command("import_courses", str(path), "--agency", "NOPE")


def test_the_command_keeps_an_hr_officers_agency_only(
    framework, tmp_path, hr_officer, ministry_b
):
    path = tmp_path / "c.csv"
    path.write_bytes(csv(ROW))
    with pytest.raises(CommandError):
        call_command(
            "import_courses", str(path), "--user", hr_officer.username,
            "--agency", ministry_b.code,
        )  # fmt: skip
    call_command(
        "import_courses", str(path), "--user", hr_officer.username, stdout=StringIO()
    )
    assert Course.objects.get().owner.code == "MA"
