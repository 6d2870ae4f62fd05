"""A framework version as the file `load_framework` reads (SPEC §4, §9).

`framework_data` builds the JSON document from the database: every stored
field, so exporting, loading the file elsewhere and exporting again gives the
same bytes. The CSV form holds the same document in four columns,
`section,key,field,value`, one value per row:

    framework,,code,ocsc-digital-2017        (also name_th, name_en,
                                              effective_from_fy, provenance as JSON)
    policy,,future_share_target,0.3          (and future_share_tolerance)
    level,0,name_th,ยังไม่มี                  (name_en, description)
    skill,DLIT,name_th,…                     (name_en, description; in order)
    target,1,DLIT,2                          (group, skill code, target level)
    phase,2561,name_th,ระยะที่ 1              (name_en, fy_to, categories and
                                              root_agency_kinds ";"-joined, everyone)

A cell that a spreadsheet would run as a formula (= + - @ …) or that starts
with ' is written with one more ' in front, which the reader takes off: the
file is safe to open in Excel and still reads back exactly. Each (section,
key, field) is given once; the reader refuses unknown sections and fields, and
gives back the same dict as the JSON form (`from_csv(as_csv(d)) == d`).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from skillsportal.lib.tabular import looks_like_formula

from .models import Framework, RolloutPhase

HEADER = ["section", "key", "field", "value"]


def framework_data(framework: Framework) -> dict[str, Any]:
    """The framework version and the rollout phases, as `load_framework` reads."""
    skills = list(framework.skill_areas.order_by("order", "pk"))
    targets: dict[str, dict[str, int]] = {}
    for t in framework.targets.select_related("skill_area").order_by(
        "target_group", "skill_area__order", "skill_area__pk"
    ):
        targets.setdefault(str(t.target_group), {})[t.skill_area.code] = t.level
    return {
        "code": framework.code,
        "name_th": framework.name_th,
        "name_en": framework.name_en,
        "effective_from_fy": framework.effective_from_fy,
        "provenance": framework.provenance,
        "policy": {
            "future_share_target": _number(framework.future_share_target),
            "future_share_tolerance": _number(framework.future_share_tolerance),
        },
        "scale": [
            {
                "level": lv.level,
                "name_th": lv.name_th,
                "name_en": lv.name_en,
                "description": lv.description,
            }
            for lv in framework.levels.order_by("level")
        ],
        "skill_areas": [
            {
                "code": s.code,
                "name_th": s.name_th,
                "name_en": s.name_en,
                "description": s.description,
            }
            for s in skills
        ],
        "targets": targets,
        "phases": [
            {
                "fy_from": p.fy_from,
                "fy_to": p.fy_to,
                "name_th": p.name_th,
                "name_en": p.name_en,
                "categories": list(p.categories),
                "root_agency_kinds": list(p.root_agency_kinds),
                "everyone": p.everyone,
            }
            for p in RolloutPhase.objects.order_by("fy_from")
        ],
    }


def _number(value: Decimal) -> int | float:
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral() else float(normal)


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- CSV -----------------------------------------------------------------------


def as_csv(data: dict[str, Any]) -> bytes:
    """The document as `section,key,field,value` rows (UTF-8 with BOM)."""
    rows: list[list[Any]] = []
    for name in ("code", "name_th", "name_en", "effective_from_fy"):
        rows.append(["framework", "", name, data[name]])
    rows.append(
        [
            "framework",
            "",
            "provenance",
            json.dumps(data["provenance"], ensure_ascii=False),
        ]
    )
    rows += [["policy", "", k, v] for k, v in data["policy"].items()]
    for lv in data["scale"]:
        rows += [
            ["level", lv["level"], k, lv[k]]
            for k in ("name_th", "name_en", "description")
        ]
    for s in data["skill_areas"]:
        rows += [
            ["skill", s["code"], k, s[k]] for k in ("name_th", "name_en", "description")
        ]
    for group, row in data["targets"].items():
        rows += [["target", group, code, level] for code, level in row.items()]
    for p in data["phases"]:
        key = p["fy_from"]
        rows += [
            ["phase", key, "name_th", p["name_th"]],
            ["phase", key, "name_en", p["name_en"]],
            ["phase", key, "fy_to", "" if p["fy_to"] is None else p["fy_to"]],
            ["phase", key, "categories", ";".join(p["categories"])],
            ["phase", key, "root_agency_kinds", ";".join(p["root_agency_kinds"])],
            ["phase", key, "everyone", "true" if p["everyone"] else "false"],
        ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([[_guard(str(cell)) for cell in row] for row in rows])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _guard(text: str) -> str:
    return "'" + text if looks_like_formula(text) or text.startswith("'") else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") else text


class FrameworkCsvError(ValueError):
    """A framework CSV that is not in the export's shape."""


def from_csv(text: str) -> dict[str, Any]:
    """Read the CSV form back into the document `as_csv` was given (equal dicts)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        if [h.strip().lower() for h in next(reader, [])] != HEADER:
            raise FrameworkCsvError("header must be " + ",".join(HEADER))
        document = _Document()
        for number, raw in enumerate(reader, start=2):
            if not any(raw):
                continue
            if len(raw) != len(HEADER):
                raise FrameworkCsvError(f"row {number}: four cells expected")
            try:
                document.add(*(_unguard(cell) for cell in raw))
            except ValueError as exc:
                raise FrameworkCsvError(f"row {number}: {exc}") from exc
    except csv.Error as exc:
        raise FrameworkCsvError(f"line {reader.line_num}: {exc}") from exc
    return document.data()


_FIELDS = {
    "framework": {"code", "name_th", "name_en", "effective_from_fy", "provenance"},
    "policy": {"future_share_target", "future_share_tolerance"},
    "level": {"name_th", "name_en", "description"},
    "skill": {"name_th", "name_en", "description"},
    "phase": {
        "name_th",
        "name_en",
        "fy_to",
        "categories",
        "root_agency_kinds",
        "everyone",
    },
}


class _Document:
    """The rows read so far, each (section, key, field) once."""

    def __init__(self) -> None:
        self.top: dict[str, Any] = {}
        self.policy: dict[str, Any] = {}
        self.levels: dict[str, dict[str, Any]] = {}
        self.skills: dict[str, dict[str, Any]] = {}
        self.targets: dict[str, dict[str, int]] = {}
        self.phases: dict[str, dict[str, Any]] = {}
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, section: str, key: str, name: str, value: str) -> None:
        fields = _FIELDS.get(section)  # a target's field is a skill code
        if fields is not None and name not in fields:
            raise ValueError(f"unknown field {name!r} in section {section!r}")
        if (section, key, name) in self.seen:
            where = " ".join(part for part in (section, key, name) if part)
            raise ValueError(f"{where} given twice")
        self.seen.add((section, key, name))
        if section == "framework":
            self.top[name] = _framework_value(name, value)
        elif section == "policy":
            self.policy[name] = _policy_value(value)
        elif section == "level":
            self.levels.setdefault(key, {"level": int(key)})[name] = value
        elif section == "skill":
            self.skills.setdefault(key, {"code": key})[name] = value
        elif section == "target":
            self.targets.setdefault(key, {})[name] = int(value)
        elif section == "phase":
            phase = self.phases.setdefault(key, {"fy_from": int(key)})
            phase[name] = _phase_value(name, value)
        else:
            raise ValueError(f"unknown section {section!r}")

    def data(self) -> dict[str, Any]:
        return {
            **self.top,
            "policy": self.policy,
            "scale": list(self.levels.values()),
            "skill_areas": list(self.skills.values()),
            "targets": self.targets,
            "phases": list(self.phases.values()),
        }


def _framework_value(name: str, value: str) -> Any:
    if name == "effective_from_fy":
        return int(value)
    if name == "provenance":
        return json.loads(value or "{}")
    return value


def _policy_value(value: str) -> int | float | str:
    """The number the JSON form holds; text that is no number is left to the
    loader's check (it names the field)."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    return _number(number) if number.is_finite() else value


def _phase_value(name: str, value: str) -> Any:
    if name == "fy_to":
        return int(value) if value else None
    if name in ("categories", "root_agency_kinds"):
        return [v for v in value.split(";") if v]
    if name == "everyone":
        if value not in ("true", "false"):
            raise ValueError(f"everyone must be true or false, not {value!r}")
        return value == "true"
    return value
