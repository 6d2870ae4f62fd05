"""What a draft framework version would do to a year's figures (SPEC §4, §7).

Read from the figures in force (`PersonYearFigure`: each person's group and
levels by skill code): a person meets the draft's targets when every skill
the draft requires of their group has a level at or above its target. Only
the target matrix changes in a draft (its skills are the copied version's),
so the levels already computed are the right ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from agencies.models import Agency
from competencies.models import Framework
from skillsportal.lib.fiscal_year import current_fiscal_year

from ..models import PersonYearFigure
from ..models.figures import skill_digit


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
    computed when that one has none yet; None when no figures exist."""
    years = sorted({draft.effective_from_fy, current_fiscal_year()})
    fy = next(
        (y for y in years if PersonYearFigure.objects.filter(fy=y).exists()), None
    )
    in_force = Framework.objects.for_fiscal_year(fy) if fy else None
    if fy is None or in_force is None:
        return None
    codes = in_force.skill_codes()
    wanted: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for group, code, level in draft.targets.values_list(
        "target_group", "skill_area__code", "level"
    ):
        if level:
            index = codes.index(code) if code in codes else -1
            wanted[group].append((index, level))
    roots = _ministries()
    national = Effect()
    by_root: dict[int, Effect] = {}
    rows = PersonYearFigure.objects.filter(fy=fy).values_list(
        "agency_id", "target_group", "levels", "meets"
    )
    for agency_id, person_group, levels, before in rows.iterator(chunk_size=20_000):
        after = person_group is not None and all(
            index >= 0 and skill_digit(levels, index) - 1 >= target
            for index, target in wanted[person_group]
        )
        root_id, name = roots.get(agency_id, (0, ""))
        for effect in (national, by_root.setdefault(root_id, Effect(name=name))):
            effect.headcount += 1
            effect.before += before
            effect.after += after
            effect.newly_meet += after and not before
            effect.newly_miss += before and not after
    ministries = sorted(by_root.values(), key=lambda e: e.name)
    return Preview(fy=fy, national=national, ministries=ministries)


def _ministries() -> dict[int, tuple[int, str]]:
    """Agency id → (its tree's root id, the root's name)."""
    agencies = list(Agency.objects.values_list("pk", "path", "name_th"))
    names = {pk: name for pk, _path, name in agencies}
    result = {}
    for pk, path, _name in agencies:
        root = int(path.strip("/").split("/")[0])
        result[pk] = (root, names.get(root, ""))
    return result
