"""Synthetic training records and assessments, and the rows they are written as.

Rows are PostgreSQL COPY text lines (tab-separated, `\\N` for NULL); dates are day
indexes into the `Calendar`. `RecordMaker` draws from the seed's one
`random.Random`, so the output depends only on the seed, the options and "today".
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from skillsportal.lib.fiscal_year import fiscal_year_bounds

from . import data

NULL = "\\N"
HISTORY_START = date(2016, 1, 1)
FIRST_FISCAL_YEAR = 2561
# Created/verified times are 09:00 Bangkok, written as UTC (the connection's zone).
_TIME_OF_DAY = " 02:00:00"

EDGE_DAY_SHARE = 0.02  # records dated exactly 30 Sep or 1 Oct
COURSE_SHARE = 0.5
NO_START_SHARE = 0.3
SECOND_SKILL_SHARE = 0.3
ACTIVITY_HOURS = (1, 1.5, 2, 3, 3, 3, 6, 6, 6, 7, 12, 12, 18, 24, 30, 40)
DURATION_DAYS = (0, 0, 0, 0, 1, 1, 2, 4, 13, 29)

# Methods with cumulative shares; self-assessments mostly await verification.
METHODS = (("self", 0.35), ("supervisor", 0.75), ("test", 0.90), ("certificate", 1.0))
# Cumulative (verified, verified + pending) shares; the rest are rejected.
TRAINING_SHARES = (0.90, 0.97)
SELF_SHARES = (0.42, 0.97)
OTHER_SHARES = (0.96, 0.99)
# Level = target + a person's ability + per-skill noise (then clamped).
ABILITY = (-1, 0, 0, 1)
SKILL_NOISE = (-1, 0, 0, 0, 1)


@dataclass(frozen=True, slots=True)
class CourseInfo:
    """What a training record copies from its catalogue course."""

    id: int
    code: str
    title: str
    provider: str
    hours: int
    horizon: str
    skill_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SkillInfo:
    """The framework's skill areas (in order) and target levels by group."""

    ids: tuple[int, ...]
    codes: tuple[str, ...]
    targets: dict[int, tuple[int, ...]]
    max_level: int


@dataclass(slots=True)
class IdCounters:
    """The next explicit primary key of every generated table."""

    person: int = 1
    version: int = 1
    training: int = 1
    training_skill: int = 1
    assessment: int = 1


@dataclass(slots=True)
class Batch:
    """COPY text lines of one batch of people, per table."""

    persons: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    training: list[str] = field(default_factory=list)
    training_skills: list[str] = field(default_factory=list)
    assessments: list[str] = field(default_factory=list)


# (course index, activity index, title, provider, hours, horizon, skill ids,
# course id or NULL): a plain tuple, built ten million times.
_Subject = tuple[int, int, str, str, float, str, tuple[int, ...], int | str]


def pick(rng: random.Random, items: tuple[str, ...]) -> str:
    return items[int(rng.random() * len(items))]


@dataclass(frozen=True, slots=True)
class Calendar:
    """Every day from 2016-01-01 to today, as text, indexed by day number."""

    today: date
    days: tuple[str, ...]
    stamps: tuple[str, ...]
    records_from: int
    fy_edges: tuple[int, ...]

    @classmethod
    def build(cls, today: date) -> Calendar:
        span = (today - HISTORY_START).days + 1
        dates = [HISTORY_START + timedelta(days=i) for i in range(span)]
        days = tuple(d.isoformat() for d in dates)
        edges = tuple(
            i for i, d in enumerate(dates) if (d.month, d.day) in ((9, 30), (10, 1))
        )
        first_day = fiscal_year_bounds(FIRST_FISCAL_YEAR)[0]
        return cls(
            today=today,
            days=days,
            stamps=tuple(d + _TIME_OF_DAY for d in days),
            records_from=(first_day - HISTORY_START).days,
            fy_edges=edges,
        )

    @property
    def last(self) -> int:
        return len(self.days) - 1


class RecordMaker:
    """Draws one person's training records and assessments into a `Batch`."""

    def __init__(
        self,
        *,
        rng: random.Random,
        calendar: Calendar,
        skills: SkillInfo,
        courses: list[CourseInfo],
        activities: list[tuple[str, int]],
        ids: IdCounters,
        training_per_person: int,
        assessments_per_person: int,
    ) -> None:
        self.rng = rng
        self.cal = calendar
        self.skills = skills
        self.courses = courses
        self.activities = activities
        self.ids = ids
        self.training_max = 2 * training_per_person
        self.assessments_max = 2 * assessments_per_person

    def records(self, pid: int, group: int, lo: int, hi: int, out: Batch) -> None:
        """The person's training, then their assessments, dated in [lo, hi]."""
        self._training(pid, lo, hi, out)
        self._assessments(pid, group, lo, hi, out)

    def _day(self, lo: int, hi: int) -> int:
        rng = self.rng
        if rng.random() < EDGE_DAY_SHARE:
            edges = self.cal.fy_edges
            i, j = bisect_left(edges, lo), bisect_right(edges, hi)
            if i < j:
                return edges[i + int(rng.random() * (j - i))]
        return lo + int(rng.random() * (hi - lo + 1))

    def _verification(
        self, day: int, shares: tuple[float, float]
    ) -> tuple[str, str, str]:
        """Status, rejection reason and verification time (within 2 weeks)."""
        rng = self.rng
        r = rng.random()
        if r < shares[0]:
            status, reason = "verified", ""
        elif r < shares[1]:
            return "pending", "", NULL
        else:
            status, reason = "rejected", pick(rng, data.REJECTION_REASONS)
        checked = self.cal.stamps[min(day + int(rng.random() * 15), self.cal.last)]
        return status, reason, checked

    def _subject(self) -> _Subject:
        """What was learnt: a catalogue course, or another titled activity."""
        rand = self.rng.random
        courses = self.courses
        if courses and rand() < COURSE_SHARE:
            c = int(rand() * len(courses))
            course = courses[c]
            return (c, -1, course.title, course.provider, course.hours,
                    course.horizon, course.skill_ids, course.id)  # fmt: skip
        a = int(rand() * len(self.activities))
        title, skill = self.activities[a]
        skill_ids = self.skills.ids
        future = 0.45 if self.skills.codes[skill] in data.FUTURE_SKILLS else 0.2
        skills: tuple[int, ...] = (skill_ids[skill],)
        other = skill_ids[int(rand() * len(skill_ids))]
        if rand() < SECOND_SKILL_SHARE and other != skills[0]:
            skills = (skills[0], other)
        return (-1, a, title, pick(self.rng, data.ACTIVITY_PROVIDERS),
                ACTIVITY_HOURS[int(rand() * len(ACTIVITY_HOURS))],
                "future" if rand() < future else "current", skills, NULL)  # fmt: skip

    def _start(self, day: int, hours: float) -> str:
        """Start date, long enough for 24 hours a day at most (SPEC §6), or NULL."""
        rand = self.rng.random
        if rand() < NO_START_SHARE:
            return NULL
        span = DURATION_DAYS[int(rand() * len(DURATION_DAYS))]
        span = max(span, (int(hours) + 23) // 24 - 1)
        return self.cal.days[max(0, day - span)]

    def _training(self, pid: int, lo: int, hi: int, out: Batch) -> None:
        """0…2T training records, one per key (course or title, completion day)."""
        ids, days, stamps = self.ids, self.cal.days, self.cal.stamps
        lines, links = out.training, out.training_skills
        seen: set[tuple[int, int, int]] = set()
        for _ in range(int(self.rng.random() * (self.training_max + 1))):
            day = self._day(lo, hi)
            c, a, title, provider, hours, horizon, skills, course = self._subject()
            if (day, c, a) in seen:
                continue
            seen.add((day, c, a))
            started = self._start(day, hours)
            status, reason, checked = self._verification(day, TRAINING_SHARES)
            tid = ids.training
            ids.training += 1
            created = stamps[day]
            code = self.courses[c].code if c >= 0 else ""
            lines.append(
                f"{tid}\t{pid}\t{title}\t{course}\t{code}\t{provider}\t{started}\t"
                f"{days[day]}\t{hours}\t{horizon}\t{NULL}\t{status}\t{NULL}\t{NULL}\t"
                f"{checked}\t{reason}\t{created}\t"
                f"{created if checked is NULL else checked}\n"
            )
            for skill_id in skills:
                links.append(f"{ids.training_skill}\t{tid}\t{skill_id}\n")
                ids.training_skill += 1

    def _true_levels(self, group: int) -> list[int]:
        """The person's real level per skill: the group's target, give or take."""
        rand, top = self.rng.random, self.skills.max_level
        targets = self.skills.targets.get(group) or (0,) * len(self.skills.ids)
        ability = ABILITY[int(rand() * len(ABILITY))]
        return [
            min(top, max(0, t + ability + SKILL_NOISE[int(rand() * len(SKILL_NOISE))]))
            for t in targets
        ]

    def _skill_order(self, group: int) -> list[int]:
        """Skill indexes, the ones the group needs (target ≥ 1) first."""
        targets = self.skills.targets.get(group) or (0,) * len(self.skills.ids)
        needed = [s for s, t in enumerate(targets) if t >= 1]
        others = [s for s, t in enumerate(targets) if t < 1]
        self.rng.shuffle(needed)
        return needed + others

    def _assessments(self, pid: int, group: int, lo: int, hi: int, out: Batch) -> None:
        """0…2A assessments in rounds: one day and method, the needed skills first.

        A complete round makes the person "assessed" (SPEC §7) once verified.
        Self-assessments run high and mostly await verification; rounds in the
        first half of the person's time are more often a level lower.
        """
        rand, ids = self.rng.random, self.ids
        days, stamps, top = self.cal.days, self.cal.stamps, self.skills.max_level
        skill_ids = self.skills.ids
        true = self._true_levels(group)
        order = self._skill_order(group)
        middle = (lo + hi) // 2
        seen: set[tuple[int, int, str]] = set()
        budget = int(rand() * (self.assessments_max + 1))
        while budget > 0:
            day = self._day(lo, hi)
            r = rand()
            method = next(m for m, share in METHODS if r < share)
            shares = SELF_SHARES if method == "self" else OTHER_SHARES
            size = min(budget, len(order))
            budget -= size
            for s in order[:size]:
                if (s, day, method) in seen:
                    continue
                seen.add((s, day, method))
                level = true[s]
                if method == "self" and rand() < 0.3:
                    level += 1
                if day < middle and rand() < 0.4:
                    level -= 1
                level = min(top, max(0, level))
                status, reason, checked = self._verification(day, shares)
                created = stamps[day]
                out.assessments.append(
                    f"{ids.assessment}\t{pid}\t{skill_ids[s]}\t{level}\t{days[day]}\t"
                    f"{method}\t{status}\t{NULL}\t{NULL}\t{checked}\t{reason}\t"
                    f"{created}\t{created if checked is NULL else checked}\n"
                )
                ids.assessment += 1
