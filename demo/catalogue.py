"""The demo's course catalogue and training titles, drawn from the framework."""

from __future__ import annotations

import random

from django.db.models import Max

from competencies.models import (
    Course,
    Framework,
    ProficiencyLevel,
    SkillArea,
    TargetLevel,
)

from . import data
from .records import CourseInfo, SkillInfo
from .sink import sequences_reset

COURSE_HOURS = (3, 6, 6, 12, 12, 18, 24, 30, 36)


def framework_skills(framework: Framework) -> SkillInfo:
    areas = list(framework.skill_areas.order_by("order", "id"))
    index = {a.id: i for i, a in enumerate(areas)}
    targets: dict[int, list[int]] = {}
    for t in TargetLevel.objects.filter(framework=framework):
        row = targets.setdefault(t.target_group, [0] * len(areas))
        row[index[t.skill_area_id]] = t.level
    top = ProficiencyLevel.objects.filter(framework=framework).aggregate(
        m=Max("level")
    )["m"]
    return SkillInfo(
        ids=tuple(a.id for a in areas),
        codes=tuple(a.code for a in areas),
        targets={g: tuple(levels) for g, levels in targets.items()},
        max_level=top or 0,
    )


def course_titles(skills: SkillInfo) -> list[tuple[str, int]]:
    """(title, skill index) for the catalogue; generic ones for unknown skills."""
    names = dict(
        SkillArea.objects.filter(id__in=skills.ids).values_list("code", "name_th")
    )
    titles: list[tuple[str, int]] = []
    for s, code in enumerate(skills.codes):
        own = data.COURSE_TITLES.get(code) or tuple(
            f"{names[code]} รุ่นที่ {n}" for n in range(1, 9)
        )
        titles.extend((t, s) for t in own)
    return titles


def course_info(
    rng: random.Random, skills: SkillInfo, titles: list[tuple[str, int]], first_id: int
) -> list[CourseInfo]:
    courses: list[CourseInfo] = []
    numbers: dict[int, int] = {}
    for n, (title, s) in enumerate(titles):
        numbers[s] = numbers.get(s, 0) + 1
        future = 0.6 if skills.codes[s] in data.FUTURE_SKILLS else 0.15
        courses.append(
            CourseInfo(
                id=first_id + n,
                code=f"{skills.codes[s]}-{numbers[s]:02d}",
                title=title,
                provider=data.COURSE_PROVIDERS[
                    int(rng.random() * len(data.COURSE_PROVIDERS))
                ],
                hours=COURSE_HOURS[int(rng.random() * len(COURSE_HOURS))],
                horizon="future" if rng.random() < future else "current",
                # Only the area its code names (DT-03: DT), so a course offered
                # for a gap is about that gap.
                skill_ids=(skills.ids[s],),
            )
        )
    return courses


def courses_insert(
    rng: random.Random, skills: SkillInfo, titles: list[tuple[str, int]], first_id: int
) -> list[CourseInfo]:
    """The course catalogue (about 60 courses, coded by skill: "DT-03")."""
    courses = course_info(rng, skills, titles, first_id)
    rows = [
        Course(
            id=c.id,
            code=c.code,
            title=c.title,
            provider=c.provider,
            hours=c.hours,
            horizon=c.horizon,
        )
        for c in courses
    ]
    Course.objects.bulk_create(rows)
    through = Course.skill_areas.through
    through.objects.bulk_create(
        through(course_id=c.id, skillarea_id=s) for c in courses for s in c.skill_ids
    )
    sequences_reset([Course._meta.db_table, through._meta.db_table])
    return courses


def activities(titles: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Titles of training without a catalogue course ("สัมมนาเรื่อง…")."""
    return [(f"{p}{t}", s) for p in data.ACTIVITY_PREFIXES for t, s in titles]
