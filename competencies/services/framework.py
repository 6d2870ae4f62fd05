"""Writes to frameworks, courses and development records: every write is here."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..framework_loader import FrameworkFile
from ..models import Framework, ProficiencyLevel, RolloutPhase, SkillArea, TargetLevel


@transaction.atomic
def framework_load(*, source: FrameworkFile) -> Framework:
    """Create or update the framework version of `source.code` and its phases.

    SPEC §4: idempotent (loading the same file twice changes nothing); a file with
    another code adds a framework version; two versions may not start in one FY.
    """
    data = source.data
    fy = int(data["effective_from_fy"])
    clash = Framework.objects.filter(effective_from_fy=fy).exclude(code=source.code)
    if clash.exists():
        raise ValidationError(
            _("มีกรอบสมรรถนะอื่นที่เริ่มใช้ปีงบประมาณ %(fy)s แล้ว") % {"fy": fy},
            code="fy_taken",
        )
    policy = data.get("policy", {})
    framework, _created = Framework.objects.update_or_create(
        code=source.code,
        defaults={
            "name_th": data["name_th"],
            "name_en": data.get("name_en", ""),
            "effective_from_fy": fy,
            "future_share_target": Decimal(
                str(policy.get("future_share_target", "0.3"))
            ),
            "future_share_tolerance": Decimal(
                str(policy.get("future_share_tolerance", "0.1"))
            ),
            "provenance": data.get("provenance", {}),
        },
    )
    for order, item in enumerate(data["skill_areas"]):
        SkillArea.objects.update_or_create(
            framework=framework,
            code=item["code"],
            defaults={
                "name_th": item["name_th"],
                "name_en": item.get("name_en", ""),
                "description": item.get("description", ""),
                "order": order,
            },
        )
    for item in data["scale"]:
        ProficiencyLevel.objects.update_or_create(
            framework=framework,
            level=int(item["level"]),
            defaults={
                "name_th": item["name_th"],
                "name_en": item.get("name_en", ""),
                "description": item.get("description", ""),
            },
        )
    skills = {s.code: s for s in framework.skill_areas.all()}
    for group, row in data["targets"].items():
        for code, level in row.items():
            TargetLevel.objects.update_or_create(
                framework=framework,
                target_group=int(group),
                skill_area=skills[code],
                defaults={"level": int(level)},
            )
    for number, phase in enumerate(data.get("phases", []), start=1):
        RolloutPhase.objects.update_or_create(
            fy_from=int(phase["fy_from"]),
            defaults={
                "name_th": phase["name_th"],
                # The shipped data names phases in Thai only ("ระยะที่ 3").
                "name_en": phase.get("name_en") or f"Phase {number}",
                "fy_to": phase.get("fy_to"),
                "categories": list(phase.get("categories", [])),
                "root_agency_kinds": list(phase.get("root_agency_kinds", [])),
                "everyone": bool(phase.get("everyone", False)),
            },
        )
    return framework
