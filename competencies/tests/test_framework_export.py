"""`export_framework` (SPEC §9): what `load_framework` reads back unchanged."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from competencies.framework_loader import DEFAULT_FRAMEWORK
from competencies.models import Framework, RolloutPhase, SkillArea, TargetLevel


def export(code, fmt, path):
    call_command(
        "export_framework",
        code,
        "--format",
        fmt,
        "--output",
        str(path),
        stderr=StringIO(),
    )
    return path.read_bytes()


def reload(path):
    """Load the file into an empty database, as on another machine."""
    Framework.objects.all().delete()
    RolloutPhase.objects.all().delete()
    call_command("load_framework", str(path), stdout=StringIO())


@pytest.fixture
def shipped(db):
    call_command("load_framework", stdout=StringIO())
    return Framework.objects.get()


@pytest.fixture
def tricky(shipped):
    """Content a spreadsheet or a CSV reader could spoil."""
    shipped.future_share_target, shipped.future_share_tolerance = "0.25", "0.05"
    shipped.provenance = {"note": 'ข้อความ, "อ้างอิง"\nบรรทัดใหม่'}
    shipped.save()
    skill = SkillArea.objects.get(framework=shipped, code="DLIT")
    skill.name_th = '=HYPERLINK("x")'
    skill.name_en = "'quoted"
    skill.description = 'หนึ่ง, สอง\n"สาม"\n@สี่'
    skill.save()
    TargetLevel.objects.filter(framework=shipped, target_group=6).update(level=0)
    return shipped


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_round_trip_is_lossless(tricky, tmp_path, fmt):
    first = export(tricky.code, fmt, tmp_path / f"a.{fmt}")
    reload(tmp_path / f"a.{fmt}")
    assert export(tricky.code, fmt, tmp_path / f"b.{fmt}") == first
    skill = SkillArea.objects.get(code="DLIT")
    assert (skill.name_th, skill.name_en) == ('=HYPERLINK("x")', "'quoted")
    assert skill.description == 'หนึ่ง, สอง\n"สาม"\n@สี่'
    framework = Framework.objects.get()
    assert framework.future_share_target == Decimal("0.25")
    assert set(
        TargetLevel.objects.filter(target_group=6).values_list("level", flat=True)
    ) == {0}


def test_the_csv_is_safe_in_a_spreadsheet(tricky, tmp_path):
    text = export(tricky.code, "csv", tmp_path / "a.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_the_shipped_framework_exports_as_it_was_given(shipped, tmp_path):
    given = json.loads(DEFAULT_FRAMEWORK.read_text(encoding="utf-8"))
    exported = json.loads(export(shipped.code, "json", tmp_path / "a.json"))
    # Enumerations the portal keeps in code are not stored: not exported.
    for key in ("target_groups", "personnel_categories", "agency_kinds"):
        given.pop(key)
    assert exported["targets"] == given["targets"]
    assert [s["code"] for s in exported["skill_areas"]] == [
        s["code"] for s in given["skill_areas"]
    ]
    assert exported["policy"] == given["policy"]
    assert exported["provenance"] == given["provenance"]
    assert [p["fy_from"] for p in exported["phases"]] == [
        p["fy_from"] for p in given["phases"]
    ]


def test_stdout_without_output(shipped):
    out = StringIO()
    call_command("export_framework", shipped.code, stdout=out)
    assert json.loads(out.getvalue())["code"] == shipped.code


def test_an_unknown_code_names_the_known_ones(shipped):
    with pytest.raises(CommandError, match="ocsc-digital-2017"):
        call_command("export_framework", "nope")


def test_a_csv_with_a_target_above_the_scale_is_refused(shipped, tmp_path):
    text = export(shipped.code, "csv", tmp_path / "a.csv").decode("utf-8-sig")
    bad = text.replace("target,1,DLIT,2", "target,1,DLIT,9")
    assert bad != text
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError, match="DLIT"):
        call_command("load_framework", str(tmp_path / "bad.csv"), stdout=StringIO())
    assert TargetLevel.objects.get(target_group=1, skill_area__code="DLIT").level == 2
