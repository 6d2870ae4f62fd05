import json

import pytest
from django.core.management import CommandError, call_command

from competencies.framework_loader import DEFAULT_FRAMEWORK
from competencies.models import (
    Framework,
    ProficiencyLevel,
    RolloutPhase,
    SkillArea,
    TargetLevel,
)


@pytest.fixture
def loaded(db):
    call_command("load_framework")
    return Framework.objects.get()


def test_default_framework_has_groups_skills_scale_and_targets(loaded):
    assert SkillArea.objects.count() == 7
    assert list(ProficiencyLevel.objects.values_list("level", flat=True)) == [
        0,
        1,
        2,
        3,
        4,
    ]
    assert TargetLevel.objects.count() == 42
    groups = set(TargetLevel.objects.values_list("target_group", flat=True))
    assert groups == {1, 2, 3, 4, 5, 6}
    assert str(loaded.future_share_target) == "0.300"
    assert str(loaded.future_share_tolerance) == "0.100"


def test_target_matrix_matches_the_fixture(loaded):
    data = json.loads(DEFAULT_FRAMEWORK.read_text(encoding="utf-8"))
    matrix = {
        (str(g), code): level
        for g, code, level in TargetLevel.objects.values_list(
            "target_group", "skill_area__code", "level"
        )
    }
    expected = {
        (g, s): lvl for g, row in data["targets"].items() for s, lvl in row.items()
    }
    assert matrix == expected


def test_fixture_is_a_copy_of_the_shared_framework():
    shared = (
        DEFAULT_FRAMEWORK.parents[2].parent / "shared/framework/ocsc-digital-2017.json"
    )
    if not shared.exists():
        pytest.skip("shared/ not beside the checkout")
    assert DEFAULT_FRAMEWORK.read_bytes() == shared.read_bytes()


def test_loading_twice_changes_nothing(loaded):
    before = (
        SkillArea.objects.count(),
        TargetLevel.objects.count(),
        RolloutPhase.objects.count(),
    )
    call_command("load_framework")
    after = (
        SkillArea.objects.count(),
        TargetLevel.objects.count(),
        RolloutPhase.objects.count(),
    )
    assert before == after and Framework.objects.count() == 1


def test_phases_are_loaded_cumulatively(loaded):
    assert RolloutPhase.objects.current_for(2560) is None
    assert RolloutPhase.objects.current_for(2562).fy_from == 2561
    assert RolloutPhase.objects.current_for(2570).everyone
    assert RolloutPhase.objects.started_by(2563).count() == 2


def test_framework_for_fiscal_year(loaded, tmp_path):
    data = json.loads(DEFAULT_FRAMEWORK.read_text(encoding="utf-8"))
    data.update(code="ocsc-digital-2568", effective_from_fy=2568)
    data["targets"]["6"]["SPM"] = 1
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("load_framework", str(path))
    assert Framework.objects.count() == 2
    assert Framework.objects.for_fiscal_year(2567).code == "ocsc-digital-2017"
    assert Framework.objects.for_fiscal_year(2570).code == "ocsc-digital-2568"
    assert Framework.objects.for_fiscal_year(2560) is None


def _broken(tmp_path, mutate):
    data = json.loads(DEFAULT_FRAMEWORK.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["targets"]["1"].update(DLIT=9), "นอกมาตรวัด"),
        (lambda d: d["targets"].update({"7": {}}), "1–6"),
        (lambda d: d["targets"]["1"].update(XX=1), "XX"),
        (lambda d: d.pop("scale"), "scale"),
        (lambda d: d["phases"][0]["categories"].append("wizard"), "wizard"),
        (lambda d: d["policy"].update(future_share_target=1.5), "future_share_target"),
    ],
)
def test_bad_framework_file_is_refused_and_nothing_written(
    db, tmp_path, mutate, message
):
    with pytest.raises(CommandError, match=message):
        call_command("load_framework", _broken(tmp_path, mutate))
    assert not Framework.objects.exists()


def test_unreadable_file_is_refused(db, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="อ่านไฟล์"):
        call_command("load_framework", str(path))


def test_second_framework_in_same_year_is_refused(loaded, tmp_path):
    path = _broken(tmp_path, lambda d: d.update(code="other"))
    with pytest.raises(CommandError, match="2561"):
        call_command("load_framework", path)


def test_the_defaults_to_confirm_read_as_words_not_keys(loaded):
    labels = loaded.defaults_to_confirm_labels()
    assert "ระดับเป้าหมายของแต่ละกลุ่มเป้าหมาย" in labels
    assert not any(key in labels for key in ("scale", "targets"))
    assert all("." not in label for label in labels)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["targets"]["6"].update(SPM=1),
        lambda d: d["policy"].update(future_share_target=0.4),
        lambda d: d["skill_areas"].reverse(),
    ],
)
def test_a_published_version_is_never_rewritten(loaded, tmp_path, mutate):
    before = list(loaded.targets.order_by("pk").values_list("level", flat=True))
    with pytest.raises(CommandError, match="ประกาศใช้แล้ว"):
        call_command("load_framework", _broken(tmp_path, mutate))
    assert list(loaded.targets.order_by("pk").values_list("level", flat=True)) == before


def test_names_of_a_published_version_may_be_corrected(loaded, tmp_path):
    call_command(
        "load_framework", _broken(tmp_path, lambda d: d.update(name_en="Corrected"))
    )
    loaded.refresh_from_db()
    assert loaded.name_en == "Corrected"
