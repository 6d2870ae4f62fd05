"""`manage.py import_*` (SPEC §9): same services; counts, or exit 1 with errors."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency, Person
from agencies.tests.factories import new_national_id
from competencies.models import Assessment, TrainingRecord

HEADER = "national_id,given_name,family_name,agency_code,personnel_category"


@pytest.fixture
def write(tmp_path):
    def _write(name, *lines):
        path = tmp_path / name
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
        return str(path)

    return _write


def run(name, *args):
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_roster_prints_the_counts(write, department_a1):
    path = write("r.csv", HEADER, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    out, _err = run("import_roster", path)
    assert out.strip() == "imported: new 1, updated 0, unchanged 0"
    out, _err = run("import_roster", path)
    assert "unchanged 1" in out


def test_bad_rows_exit_with_status_1_and_every_error(write, department_a1):
    nid = new_national_id()
    bad = nid[:12] + str((int(nid[12]) + 1) % 10)
    path = write(
        "r.csv",
        HEADER,
        f"{bad},ก,ข,MA-D1,civil_ordinary",
        f"{nid},ก,ข,NOPE,civil_ordinary",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="2 error") as info:
        call_command("import_roster", path, stderr=err)
    assert info.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("row 2, national_id = 'x-xxxx-xxxxx-")
    assert "check digit" in lines[0] and bad not in err.getvalue()
    assert lines[1].startswith("row 3, agency_code = 'NOPE'")
    assert not Person.objects.exists()


def test_user_option_imports_within_that_users_scope(write, hr_officer, department_b1):
    path = write("r.csv", HEADER, f"{new_national_id()},ก,ข,MB-D1,civil_ordinary")
    with pytest.raises(CommandError):
        run("import_roster", path, "--user", hr_officer.username)
    assert not Person.objects.exists()
    with pytest.raises(CommandError, match="no user"):
        run("import_roster", path, "--user", "ghost")


def test_dry_run_writes_nothing(write, department_a1):
    path = write("r.csv", HEADER, f"{new_national_id()},ก,ข,MA-D1,civil_ordinary")
    out, _err = run("import_roster", path, "--dry-run")
    assert out.startswith("would import: new 1")
    assert not Person.objects.exists()


def test_import_agencies_needs_national_scope(write, hr_officer):
    path = write("a.csv", "code,name_th,kind", "X,กระทรวงเอกซ์,ministry")
    with pytest.raises(CommandError, match="สำนักงาน ก.พ."):
        run("import_agencies", path, "--user", hr_officer.username)
    out, _err = run("import_agencies", path)
    assert "new 1" in out and Agency.objects.get(code="X").path


def test_import_training_and_assessments(write, department_a1):
    call_command("load_framework", stdout=StringIO())
    nid = new_national_id()
    run("import_roster", write("r.csv", HEADER, f"{nid},ก,ข,MA-D1,civil_ordinary"))
    training = write(
        "t.csv",
        "national_id,title,completed_on,hours,horizon",
        f"{nid},อบรม,01/03/2569,6,current",
    )
    assert "new 1" in run("import_training", training)[0]
    assessments = write(
        "a.csv", "national_id,skill_code,level,assessed_on", f"{nid},DLIT,2,01/03/2569"
    )
    assert "new 1" in run("import_assessments", assessments)[0]
    assert TrainingRecord.objects.get().status == "verified"
    assert Assessment.objects.get().method == "supervisor"


def test_a_missing_or_huge_file_is_a_clear_error(write, tmp_path, settings):
    with pytest.raises(CommandError, match="cannot read"):
        run("import_roster", str(tmp_path / "missing.csv"))
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"x" * (50 * 1024 * 1024))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_roster", str(huge), stderr=err)
    assert "File is larger than 20 MB" in err.getvalue()
