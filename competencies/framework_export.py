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
file is safe to open in Excel and still reads back exactly.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from decimal import Decimal
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
    """Read the CSV form back into the document `as_csv` was given."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    if [h.strip().lower() for h in next(reader, [])] != HEADER:
        raise FrameworkCsvError("header must be " + ",".join(HEADER))
    data: dict[str, Any] = {"policy": {}, "scale": [], "skill_areas": [], "targets": {}}
    levels: dict[str, dict[str, Any]] = {}
    skills: dict[str, dict[str, Any]] = {}
    phases: dict[str, dict[str, Any]] = {}
    for number, raw in enumerate(reader, start=2):
        if not any(raw):
            continue
        if len(raw) != 4:
            raise FrameworkCsvError(f"row {number}: four cells expected")
        section, key, name, value = (_unguard(c) for c in raw)
        if section == "framework":
            data[name] = _framework_value(name, value)
        elif section == "policy":
            data["policy"][name] = value
        elif section == "level":
            levels.setdefault(key, {"level": int(key)})[name] = value
        elif section == "skill":
            skills.setdefault(key, {"code": key})[name] = value
        elif section == "target":
            data["targets"].setdefault(key, {})[name] = int(value)
        elif section == "phase":
            phases.setdefault(key, {"fy_from": int(key)})[name] = _phase_value(
                name, value
            )
        else:
            raise FrameworkCsvError(f"row {number}: unknown section {section!r}")
    data["scale"] = list(levels.values())
    data["skill_areas"] = list(skills.values())
    data["phases"] = list(phases.values())
    return data


def _framework_value(name: str, value: str) -> Any:
    if name == "effective_from_fy":
        return int(value)
    if name == "provenance":
        return json.loads(value or "{}")
    return value


def _phase_value(name: str, value: str) -> Any:
    if name == "fy_to":
        return int(value) if value else None
    if name in ("categories", "root_agency_kinds"):
        return [v for v in value.split(";") if v]
    if name == "everyone":
        return value.lower() == "true"
    return value
