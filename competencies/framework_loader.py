"""Validate a framework file (SPEC §4, §5) before anything is written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agencies.models import AgencyKind, PersonnelCategory, TargetGroup

from .framework_export import from_csv

DEFAULT_FRAMEWORK = Path(__file__).parent / "fixtures" / "ocsc-digital-2017.json"


@dataclass(frozen=True)
class FrameworkFile:
    """A framework file's content, checked for shape and consistency."""

    data: dict[str, Any]

    @property
    def code(self) -> str:
        return str(self.data["code"])


def read_framework_file(path: Path | str | None = None) -> FrameworkFile:
    """Read and validate a framework file (JSON, or the CSV `export_framework`
    writes); the shipped OCSC 2017 one by default."""
    source = Path(path) if path else DEFAULT_FRAMEWORK
    try:
        # Bytes, then text: read_text() would turn a CR LF inside a CSV cell into LF.
        text = source.read_bytes().decode("utf-8-sig")
        if source.suffix.lower() == ".csv":  # the export's CSV form
            data = from_csv(text)
        else:
            data = json.loads(text)
    except (
        OSError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        ValueError,
    ) as exc:
        raise ValidationError(
            _("อ่านไฟล์กรอบสมรรถนะไม่ได้: %(error)s") % {"error": exc}, code="unreadable"
        ) from exc
    errors = _problems(data)
    if errors:
        raise ValidationError(errors)
    return FrameworkFile(data)


def _problems(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return [_("ไฟล์กรอบสมรรถนะต้องเป็นออบเจ็กต์ JSON")]
    missing = [
        k
        for k in (
            "code",
            "name_th",
            "effective_from_fy",
            "scale",
            "skill_areas",
            "targets",
        )
        if k not in data
    ]
    if missing:
        return [_("ไม่มีคีย์ที่จำเป็น: %(keys)s") % {"keys": ", ".join(missing)}]
    errors: list[str] = []
    levels = {int(s["level"]) for s in data["scale"]}
    if not levels or levels != set(range(max(levels) + 1)):
        errors.append(_("ระดับความสามารถต้องเรียงต่อเนื่องตั้งแต่ 0"))
    skills = [s["code"] for s in data["skill_areas"]]
    if len(set(skills)) != len(skills):
        errors.append(_("รหัสด้านทักษะซ้ำกัน"))
    groups = {str(g.value) for g in TargetGroup}
    for group, row in data["targets"].items():
        if group not in groups:
            errors.append(_("กลุ่มเป้าหมาย %(g)s ไม่อยู่ในช่วง 1–6") % {"g": group})
            continue
        for skill, level in row.items():
            if skill not in skills:
                errors.append(_("ไม่รู้จักรหัสด้านทักษะ %(s)s") % {"s": skill})
            elif level not in levels:
                errors.append(
                    _("ระดับเป้าหมาย %(l)s ของกลุ่ม %(g)s ด้าน %(s)s อยู่นอกมาตรวัด")
                    % {"l": level, "g": group, "s": skill}
                )
    errors.extend(_policy_problems(data.get("policy", {})))
    errors.extend(_phase_problems(data.get("phases", [])))
    return errors


def _policy_problems(policy: dict[str, Any]) -> list[str]:
    errors = []
    for key in ("future_share_target", "future_share_tolerance"):
        try:
            value = Decimal(str(policy.get(key, "0.3")))
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
            errors.append(_("%(k)s ต้องอยู่ระหว่าง 0 ถึง 1") % {"k": key})
    return errors


def _phase_problems(phases: list[dict[str, Any]]) -> list[str]:
    errors = []
    categories = set(PersonnelCategory.values)
    kinds = set(AgencyKind.values)
    for phase in phases:
        unknown = set(phase.get("categories", [])) - categories
        unknown |= set(phase.get("root_agency_kinds", [])) - kinds
        if unknown:
            errors.append(
                _("ระยะ %(p)s มีรหัสที่ไม่รู้จัก: %(c)s")
                % {"p": phase.get("name_th", "?"), "c": ", ".join(sorted(unknown))}
            )
    return errors
