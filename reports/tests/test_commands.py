import json
import subprocess
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from reports.exports import FIELDS
from reports.models import ComplianceFigure


@pytest.fixture
def computed(group6, train, division_a1a):
    train(group6, 7, date(2026, 10, 2))
    train(group6, 3, date(2026, 10, 3), horizon="future")
    call_command("recompute_compliance", "--fy", "2570")


def test_recompute_all_years_by_default(group6, capsys):
    call_command("recompute_compliance")
    out = capsys.readouterr().out
    assert "FY 2561" in out and "FY 2570" in out


def test_export_json_has_exactly_the_spec_fields(computed, tmp_path, ministry_a):
    out = tmp_path / "x.json"
    call_command(
        "export_compliance",
        "--fy",
        "2570",
        "--agency",
        "MA",
        "--format",
        "json",
        "--output",
        str(out),
    )
    rows = json.loads(out.read_text())
    assert all(list(r) == FIELDS for r in rows)
    assert {r["agency_code"] for r in rows} == {"MA", "MA-D1", "MA-D1-V1"}
    top = next(
        r for r in rows if r["agency_code"] == "MA" and r["target_group"] == "all"
    )
    assert (
        top["headcount"] == 1 and top["hours_total"] == 10 and top["hours_future"] == 3
    )
    assert top["balanced"] == 1 and isinstance(top["mean_gap"], int | float)
    assert [r["target_group"] for r in rows[:7]] == [
        "all",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
    ]


def test_export_excludes_other_subtrees(computed, department_b1, capsysbinary):
    call_command("export_compliance", "--fy", "2570", "--agency", "MA-D1")
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert "MA-D1-V1" in text and "MB" not in text and ",MA," not in text


def test_export_csv_and_xlsx_have_the_same_rows(computed, tmp_path):
    call_command(
        "export_compliance",
        "--fy",
        "2570",
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "x.xlsx"),
    )
    sheet = openpyxl.load_workbook(BytesIO((tmp_path / "x.xlsx").read_bytes())).active
    rows = list(sheet.values)
    assert list(rows[0]) == FIELDS
    assert len(rows) - 1 == ComplianceFigure.objects.filter(fy=2570).count()


def test_export_unknown_agency_is_an_error(computed):
    with pytest.raises(CommandError, match="XX"):
        call_command("export_compliance", "--fy", "2570", "--agency", "XX")


def test_export_pdf_has_a_correct_thai_text_layer(computed, tmp_path):
    pytest.importorskip("playwright")
    if subprocess.run(["which", "chromium"], capture_output=True).returncode:
        pytest.skip("chromium not installed")
    out = tmp_path / "x.pdf"
    call_command(
        "export_compliance", "--fy", "2570", "--format", "pdf", "--output", str(out)
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "รายงานผลการพัฒนาทักษะดิจิทัล" in text
    assert "กรมเอหนึ่ง" in text and "ทุกกลุ่ม" in text and "ข้อมูล ณ วันที่" in text
