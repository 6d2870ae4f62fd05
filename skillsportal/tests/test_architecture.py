"""Imports go one way (ARCHITECTURE.md): demo → selfservice → reports →
competencies → agencies → skillsportal.lib. A lower layer that imports a higher
one fails here (import-linter, the contract in pyproject.toml)."""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_no_import_goes_the_wrong_way(monkeypatch):
    monkeypatch.chdir(ROOT)
    config = str(ROOT / "pyproject.toml")
    assert lint_imports(config_filename=config, no_cache=True) == 0


def test_the_contract_catches_a_wrong_import(monkeypatch, tmp_path):
    """The same kind of contract over two tiny packages: kept, then broken by one
    upward import (names of their own: the real apps are already imported)."""
    for name in ("arch_low", "arch_high"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
        (tmp_path / name / "models.py").write_text("")
    (tmp_path / "setup.cfg").write_text(
        "[importlinter]\nroot_packages =\n    arch_low\n    arch_high\n"
        "[importlinter:contract:layers]\nname = one way\ntype = layers\n"
        "layers =\n    arch_high\n    arch_low\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    config = str(tmp_path / "setup.cfg")
    assert lint_imports(config_filename=config, no_cache=True) == 0
    (tmp_path / "arch_low" / "models.py").write_text("from arch_high import models\n")
    assert lint_imports(config_filename=config, no_cache=True) == 1
