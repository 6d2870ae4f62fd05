"""Writes to frameworks, courses and development records: every write is here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import require_national
from agencies.models import TargetGroup
from agencies.scoping import AgencyScope
from skillsportal.lib.fiscal_year import current_fiscal_year
from skillsportal.lib.queue import enqueue

from ..framework_export import framework_data
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
    stored = Framework.objects.filter(code=source.code, published_at__isnull=False)
    if stored and _substance(framework_data(stored[0])) != _substance(data):
        raise ValidationError(
            _(
                "กรอบสมรรถนะ %(code)s ประกาศใช้แล้ว ระดับเป้าหมาย ทักษะ มาตรวัด "
                "และนโยบายของฉบับนี้แก้ไขไม่ได้ ให้ใช้รหัสใหม่สำหรับฉบับใหม่"
            )
            % {"code": source.code},
            code="published",
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
    if framework.published_at is None:  # a loaded file is in force at once
        framework.published_at = timezone.now()
        framework.save(update_fields=["published_at"])
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


def _substance(data: dict[str, Any]) -> tuple[Any, ...]:
    """What figures are computed from: never changed once published. Names and
    descriptions may still be corrected by loading the file again."""
    policy = data.get("policy", {})
    return (
        int(data["effective_from_fy"]),
        [item["code"] for item in data["skill_areas"]],
        sorted(int(item["level"]) for item in data["scale"]),
        {
            int(group): {code: int(level) for code, level in row.items()}
            for group, row in data["targets"].items()
        },
        Decimal(str(policy.get("future_share_target", "0.3"))),
        Decimal(str(policy.get("future_share_tolerance", "0.1"))),
    )


# --- versions edited in the browser (OCSC) --------------------------------------


@transaction.atomic
def framework_draft_start(
    *, scope: AgencyScope, fy: int, code: str, name_th: str, name_en: str = ""
) -> Framework:
    """A new version for FY `fy`, copied from the version in force then: its
    skill areas, scale, targets and policy. A draft until published (SPEC §4)."""
    require_national(scope)
    if Framework.objects.filter(effective_from_fy=fy).exists():
        raise ValidationError(
            {"fy": _("มีกรอบสมรรถนะที่เริ่มใช้ปีงบประมาณ %(fy)s แล้ว") % {"fy": fy}},
            code="fy_taken",
        )
    if Framework.objects.filter(code=code).exists():
        raise ValidationError({"code": _("มีกรอบสมรรถนะรหัสนี้แล้ว")}, code="code_taken")
    source = Framework.objects.for_records_of(fy)
    if source is None:
        raise ValidationError(_("ยังไม่มีกรอบสมรรถนะให้คัดลอก"), code="no_source")
    draft = Framework.objects.create(
        code=code,
        name_th=name_th,
        name_en=name_en,
        effective_from_fy=fy,
        future_share_target=source.future_share_target,
        future_share_tolerance=source.future_share_tolerance,
        provenance={"copied_from": source.code},
        published_at=None,
    )
    skills = {
        s.pk: SkillArea.objects.create(
            framework=draft,
            code=s.code,
            name_th=s.name_th,
            name_en=s.name_en,
            description=s.description,
            order=s.order,
        )
        for s in source.skill_areas.all()
    }
    ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(
            framework=draft,
            level=lv.level,
            name_th=lv.name_th,
            name_en=lv.name_en,
            description=lv.description,
        )
        for lv in source.levels.all()
    )
    TargetLevel.objects.bulk_create(
        TargetLevel(
            framework=draft,
            target_group=t.target_group,
            skill_area=skills[t.skill_area_id],
            level=t.level,
        )
        for t in source.targets.all()
    )
    return draft


@transaction.atomic
def framework_draft_update(
    *,
    scope: AgencyScope,
    framework: Framework,
    targets: dict[tuple[int, str], int],
    future_share_target: Decimal,
    future_share_tolerance: Decimal,
) -> Framework:
    """Set a draft's target matrix (group, skill code → level) and policy.

    Every group × skill must be given, on the scale; a published version is
    never rewritten (figures were computed on it).
    """
    require_national(scope)
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if not framework.is_draft:
        raise ValidationError(
            _("กรอบสมรรถนะที่ประกาศใช้แล้วแก้ไขไม่ได้ กรุณาสร้างฉบับใหม่"), code="published"
        )
    skills = {s.code: s for s in framework.skill_areas.all()}
    top = max(framework.levels.values_list("level", flat=True), default=0)
    wanted = {(g.value, code) for g in TargetGroup for code in skills}
    problems = _target_problems(targets, wanted, top)
    for name, value in (
        ("future_share_target", future_share_target),
        ("future_share_tolerance", future_share_tolerance),
    ):
        if not Decimal(0) <= value <= Decimal(1):
            problems.append(_("%(k)s ต้องอยู่ระหว่าง 0 ถึง 1") % {"k": name})
    if problems:
        raise ValidationError(problems, code="invalid")
    framework.future_share_target = future_share_target
    framework.future_share_tolerance = future_share_tolerance
    framework.save(update_fields=["future_share_target", "future_share_tolerance"])
    for target in framework.targets.select_related("skill_area"):
        level = targets[(target.target_group, target.skill_area.code)]
        if target.level != level:
            target.level = level
            target.save(update_fields=["level"])
    present = {(t.target_group, t.skill_area.code) for t in framework.targets.all()}
    TargetLevel.objects.bulk_create(
        TargetLevel(
            framework=framework,
            target_group=g,
            skill_area=skills[c],
            level=targets[(g, c)],
        )
        for g, c in sorted(wanted - present)
    )
    return framework


def _target_problems(
    targets: dict[tuple[int, str], int], wanted: set[tuple[int, str]], top: int
) -> list[str]:
    problems = []
    missing = sorted({g for g, _c in wanted - targets.keys()})
    if missing:
        problems.append(
            _("ไม่มีระดับเป้าหมายของกลุ่ม %(g)s") % {"g": ", ".join(map(str, missing))}
        )
    for (group, code), level in sorted(targets.items()):
        if not 0 <= level <= top:
            problems.append(
                _("ระดับเป้าหมาย %(l)s ของกลุ่ม %(g)s ด้าน %(s)s อยู่นอกมาตรวัด")
                % {"l": level, "g": group, "s": code}
            )
    return problems


def framework_years(framework: Framework, *, today: date | None = None) -> list[int]:
    """The fiscal years a version governs, up to the current one (its figures)."""
    later = (
        Framework.objects.published()
        .filter(effective_from_fy__gt=framework.effective_from_fy)
        .order_by("effective_from_fy")
        .values_list("effective_from_fy", flat=True)
        .first()
    )
    last = current_fiscal_year(today or timezone.localdate())
    end = min(last, later - 1) if later else last
    return list(range(framework.effective_from_fy, end + 1))


@transaction.atomic
def framework_publish(*, scope: AgencyScope, framework: Framework) -> list[int]:
    """Put a draft in force and queue the recompute of the years it governs
    (each a `ComplianceRun` with its progress); returns those years."""
    require_national(scope)
    claimed = Framework.objects.filter(
        pk=framework.pk, published_at__isnull=True
    ).update(published_at=timezone.now())
    if not claimed:
        raise ValidationError(_("กรอบสมรรถนะนี้ประกาศใช้แล้ว"), code="published")
    framework.refresh_from_db()
    years = framework_years(framework)
    for fy in years:
        enqueue("reports.tasks.compliance_recompute", fy=fy)
    return years
