"""`export_framework` (SPEC §9): what `load_framework` reads back unchanged."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from agencies.scoping import AgencyScope
from competencies import services
from competencies.framework_export import from_csv
from competencies.framework_loader import DEFAULT_FRAMEWORK
from competencies.models import (
    Framework,
    ProficiencyLevel,
    RolloutPhase,
    SkillArea,
    TargetLevel,
)


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
    # A browser's textarea sends CR LF; a lone CR too must come back as it was.
    ProficiencyLevel.objects.filter(framework=shipped, level=4).update(
        description="+ขั้นสูง\r\nบรรทัดสอง\rสาม\t"
    )
    RolloutPhase.objects.filter(fy_from=2563).update(name_en="-Phase, two ")
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
    level = ProficiencyLevel.objects.get(level=4)
    assert level.description == "+ขั้นสูง\r\nบรรทัดสอง\rสาม\t"
    assert RolloutPhase.objects.get(fy_from=2563).name_en == "-Phase, two "


def test_the_csv_reads_back_as_the_json_document(tricky, tmp_path):
    document = json.loads(export(tricky.code, "json", tmp_path / "a.json"))
    csv_text = export(tricky.code, "csv", tmp_path / "a.csv").decode("utf-8")
    assert from_csv(csv_text) == document


def test_the_csv_is_safe_in_a_spreadsheet(tricky, tmp_path):
    text = export(tricky.code, "csv", tmp_path / "a.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_the_shipped_framework_exports_as_it_was_given(shipped, tmp_path):
    given = json.loads(DEFAULT_FRAMEWORK.read_text(encoding="utf-8"))
    exported = json.loads(export(shipped.code, "json", tmp_path / "a.json"))
    # Enumerations the portal keeps in code are not stored, so not exported;
    # what the file leaves out is exported as the loader stored it.
    for key in ("target_groups", "personnel_categories", "agency_kinds"):
        given.pop(key)
    for item in given["scale"] + given["skill_areas"]:
        item.setdefault("description", "")
    for number, phase in enumerate(given["phases"], start=1):
        phase.setdefault("name_en", f"Phase {number}")
    assert exported == given


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


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("framework,,code,other", "given twice"),
        ("skill,DLIT,colour,red", "unknown field"),
        ('skill,DLIT,name_en,"a"b', r"line \d+:"),
        ("phase,2561,everyone,yes", "true or false"),
        ("policy,,future_share_target,NaN", "future_share_target"),
    ],
)
def test_a_csv_out_of_shape_is_refused(shipped, tmp_path, row, reason):
    text = export(shipped.code, "csv", tmp_path / "a.csv").decode("utf-8-sig")
    section, key, field, _value = row.split(",")
    # The row replaces the exported one of its section, key and field, if any.
    lines = [
        line
        for line in text.splitlines()
        if line.split(",")[:3] != [section, key, field]
        or field == "code"  # kept, to be given twice
    ]
    (tmp_path / "bad.csv").write_text("\r\n".join([*lines, row]), encoding="utf-8")
    SkillArea.objects.filter(code="DLIT").update(name_en="kept")
    with pytest.raises(CommandError, match=reason):
        call_command("load_framework", str(tmp_path / "bad.csv"), stdout=StringIO())
    assert SkillArea.objects.get(code="DLIT").name_en == "kept"


def test_a_draft_is_refused_not_published_elsewhere(shipped, tmp_path):
    # Loading a file puts its version in force: a draft must not leave that way.
    draft = services.framework_draft_start(
        scope=AgencyScope.system(), fy=2575, code="draft-2575", name_th="ร่าง"
    )
    with pytest.raises(CommandError, match="'draft-2575' is a draft"):
        call_command("export_framework", draft.code, "--output", tmp_path / "d.json")
    assert not (tmp_path / "d.json").exists()
    draft.published_at = timezone.now()
    draft.save(update_fields=["published_at"])
    call_command("export_framework", draft.code, "--output", tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text())["code"] == draft.code
