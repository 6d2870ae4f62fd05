"""What a draft framework version would do to a year's figures (SPEC §4, §7).

Read from the figures in force (`PersonYearFigure`: each person's group and
levels by skill code): a person meets the draft's targets when every skill
the draft requires of their group has a level at or above its target. Only
the target matrix changes in a draft (its skills are the copied version's),
so the levels already computed are the right ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Mod
from django.db.models.lookups import LessThan

from agencies.models import Agency
from competencies.models import Framework
from skillsportal.lib.fiscal_year import current_fiscal_year

from ..models import PersonYearFigure


@dataclass
class Effect:
    """Meeting targets before and after, for the nation or one ministry."""

    name: str = ""
    headcount: int = 0
    before: int = 0
    after: int = 0
    newly_meet: int = 0
    newly_miss: int = 0


@dataclass
class Preview:
    fy: int
    national: Effect
    ministries: list[Effect] = field(default_factory=list)


def framework_preview(*, draft: Framework) -> Preview | None:
    """The draft's effect on its first year's figures, or on the latest year
    computed when that one has none yet; None when no figures exist.

    One pass over the year's figures in the database, grouped by agency: a
    person meets the draft when no skill its group requires has a level digit
    below the target."""
    years = sorted({draft.effective_from_fy, current_fiscal_year()})
    fy = next(
        (y for y in years if PersonYearFigure.objects.filter(fy=y).exists()), None
    )
    in_force = Framework.objects.for_fiscal_year(fy) if fy else None
    if fy is None or in_force is None:
        return None
    meets_draft = _meets(draft, in_force.skill_codes())
    rows = (
        PersonYearFigure.objects.filter(fy=fy)
        .values("agency_id")
        .annotate(
            headcount=Count("pk"),
            before=Count("pk", filter=Q(meets=True)),
            after=Count("pk", filter=meets_draft),
            newly_meet=Count("pk", filter=meets_draft & Q(meets=False)),
            newly_miss=Count("pk", filter=~meets_draft & Q(meets=True)),
        )
        .order_by()
    )
    roots = _ministries()
    national = Effect()
    by_root: dict[int, Effect] = {}
    for row in rows:
        root_id, name = roots.get(row["agency_id"], (0, ""))
        for effect in (national, by_root.setdefault(root_id, Effect(name=name))):
            for key in ("headcount", "before", "after", "newly_meet", "newly_miss"):
                setattr(effect, key, getattr(effect, key) + row[key])
    ministries = sorted(by_root.values(), key=lambda e: e.name)
    return Preview(fy=fy, national=national, ministries=ministries)


def _meets(draft: Framework, codes: list[str]) -> Q:
    """A figure row meets the draft's targets: it has a group, and no skill
    that group requires is below target (level digit = level + 1)."""
    misses = Q(pk__in=[])
    for group, code, level in draft.targets.filter(level__gt=0).values_list(
        "target_group", "skill_area__code", "level"
    ):
        if code in codes:
            digit = Mod(F("levels") / 10 ** codes.index(code), 10)
            below = Q(LessThan(digit, level + 1))
        else:  # a skill the figures do not hold: nobody has it
            below = Q(pk__isnull=False)
        misses |= Q(target_group=group) & below
    return Q(target_group__isnull=False) & ~misses


def _ministries() -> dict[int, tuple[int, str]]:
    """Agency id → (its tree's root id, the root's name)."""
    agencies = list(Agency.objects.values_list("pk", "path", "name_th"))
    names = {pk: name for pk, _path, name in agencies}
    result = {}
    for pk, path, _name in agencies:
        root = int(path.strip("/").split("/")[0])
        result[pk] = (root, names.get(root, ""))
    return result
