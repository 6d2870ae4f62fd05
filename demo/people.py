"""Synthetic people with careers, training records and assessments (no database).

Rows come out as PostgreSQL COPY text lines (tab-separated, `\\N` for NULL), the
cheapest form to produce in Python and to stream; the SQLite writer splits them
back. Dates are day indexes from 2016-01-01 so that the hot loops do integer
arithmetic and look their text up in the calendar.

Everything is drawn from one `random.Random`, person after person, so the output
depends only on the seed, the options and "today".
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from skillsportal.lib import national_id
from skillsportal.lib.fiscal_year import fiscal_year_bounds

from . import data
from .country import AgencyNode

NULL = "\\N"
HISTORY_START = date(2016, 1, 1)
FIRST_FISCAL_YEAR = 2561
# Created/verified times are 09:00 Bangkok, written as UTC (the connection's zone).
_TIME_OF_DAY = " 02:00:00"

VERSION_COUNTS = (1, 2, 3, 4)
VERSION_WEIGHTS = tuple(accumulate((45, 30, 17, 8)))
LEFT_SHARE = 0.05
UNASSIGNED_SHARE = 0.05
EARLY_SHARE = 0.55  # people already in post before FY 2561 started
PROMOTION_SHARE = 0.45
SAME_ROOT_TRANSFER = 0.65
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


@dataclass(frozen=True, slots=True)
class CourseInfo:
    """What a training record copies from its catalogue course."""

    id: int
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


@dataclass(slots=True)
class _Version:
    day: int
    agency: int  # index into the agency plan
    category: str
    rung: data.Rung
    title: str
    group: int | None
    status: str = "active"


@dataclass(frozen=True, slots=True)
class _Ladder:
    rungs: tuple[data.Rung, ...]
    cum: tuple[float, ...]
    by_code: dict[str, data.Rung]
    head_exec: data.Rung | None
    head_dir: data.Rung | None

    @classmethod
    def of(cls, rungs: tuple[data.Rung, ...]) -> _Ladder:
        def last(kind: str) -> data.Rung | None:
            found = [r for r in rungs if r.kind == kind]
            return found[-1] if found else None

        return cls(
            rungs=rungs,
            cum=tuple(accumulate(r.weight for r in rungs)),
            by_code={r.code: r for r in rungs},
            head_exec=last(data.EXEC),
            head_dir=last(data.DIRECTOR),
        )


def rung_group(rung: data.Rung, track: float) -> int:
    """Target group of a position: fixed by its kind, or by the person's track."""
    groups = data.KIND_GROUPS[rung.kind]
    if len(groups) == 1:
        return groups[0]
    if rung.kind == data.ACADEMIC:
        return 5 if track < 0.1 else 3
    return 4 if track < 0.6 else 6


def _pick(rng: random.Random, items: tuple[str, ...]) -> str:
    return items[int(rng.random() * len(items))]


class PeopleFactory:
    """Generates people batch by batch, keeping ids and national IDs unique."""

    def __init__(
        self,
        *,
        rng: random.Random,
        agencies: list[AgencyNode],
        calendar: Calendar,
        skills: SkillInfo,
        courses: list[CourseInfo],
        activities: list[tuple[str, int]],
        id_key: bytes,
        ids: IdCounters,
        training_per_person: int,
        assessments_per_person: int,
    ) -> None:
        self.rng = rng
        self.agencies = agencies
        self.cal = calendar
        self.skills = skills
        self.courses = courses
        self.activities = activities
        self.id_key = id_key
        self.ids = ids
        self.training_max = 2 * training_per_person
        self.assessments_max = 2 * assessments_per_person
        self.seen_ids: set[int] = set()
        self.ladders = {k: _Ladder.of(v) for k, v in data.LADDERS.items()}
        self.sectors = self._sector_pools()
        self.sector_names = tuple(self.sectors)
        self.sector_cum = tuple(
            accumulate(data.SECTOR_SHARES[s] for s in self.sector_names)
        )
        self.roots = self._root_pools()
        self.domains = self._email_domains()
        self.categories = {
            sector: (tuple(c for c, _ in pairs), tuple(accumulate(w for _, w in pairs)))
            for sector, pairs in data.SECTOR_CATEGORIES.items()
        }

    # --- pools -------------------------------------------------------------------
    def _sector_pools(self) -> dict[str, tuple[tuple[int, ...], tuple[float, ...]]]:
        members: dict[str, list[AgencyNode]] = {}
        for a in self.agencies:
            members.setdefault(a.sector, []).append(a)
        return {
            s: (
                tuple(a.index for a in nodes),
                tuple(accumulate(a.weight for a in nodes)),
            )
            for s, nodes in members.items()
        }

    def _root_pools(self) -> dict[int, tuple[int, ...]]:
        members: dict[int, list[int]] = {}
        for a in self.agencies:
            members.setdefault(a.root_id, []).append(a.index)
        return {root: tuple(idx) for root, idx in members.items()}

    def _email_domains(self) -> tuple[str, ...]:
        codes = {a.id: a.code for a in self.agencies}
        # `.example` is reserved (RFC 2606): demo mail can never reach anyone.
        return tuple(f"{codes[a.root_id].lower()}.example" for a in self.agencies)

    # --- one batch -----------------------------------------------------------------
    def batch(self, start: int, count: int) -> Batch:
        """People number `start` … `start + count - 1` and all their records."""
        out = Batch()
        for number in range(start, start + count):
            self._person(number, out)
        return out

    def _person(self, number: int, out: Batch) -> None:
        ids = self.ids
        pid = ids.person
        ids.person += 1
        versions = self._career(number)
        lo = max(self.cal.records_from, versions[0].day)
        last = versions[-1]
        hi = last.day if last.status == "left" else self.cal.last
        out.persons.append(self._person_line(pid, versions))
        self._version_lines(pid, versions, out.versions)
        group = last.group if last.group is not None else 6
        if lo <= hi:
            self._training(pid, lo, hi, out)
            self._assessments(pid, group, lo, hi, out)

    def _person_line(self, pid: int, versions: list[_Version]) -> str:
        rng = self.rng
        nid = national_id.generate(rng)
        while int(nid) in self.seen_ids:
            nid = national_id.generate(rng)
        self.seen_ids.add(int(nid))
        digest = national_id.blind_index(nid, self.id_key)
        head, tail = _pick(rng, data.GIVEN_HEADS), _pick(rng, data.GIVEN_TAILS)
        while tail == head:  # no "พรพร"
            tail = _pick(rng, data.GIVEN_TAILS)
        given = head + tail
        parts = 3 if rng.random() < 0.4 else 2
        family = "".join(rng.sample(data.FAMILY_PARTS, parts))
        cur = versions[-1]
        email = f"p{pid:07d}@{self.domains[cur.agency]}" if rng.random() < 0.6 else ""
        group = NULL if cur.group is None else cur.group
        stamps = self.cal.stamps
        return (
            f"{pid}\t{digest}\t{nid[-3:]}\t{given}\t{family}\t{email}\t{NULL}\t"
            f"{self.agencies[cur.agency].id}\t{cur.category}\t{group}\t{cur.status}\t"
            f"{stamps[versions[0].day]}\t{stamps[cur.day]}\n"
        )

    def _version_lines(
        self, pid: int, versions: list[_Version], out: list[str]
    ) -> None:
        ids, agencies = self.ids, self.agencies
        days, stamps = self.cal.days, self.cal.stamps
        for v in versions:
            group = NULL if v.group is None else v.group
            out.append(
                f"{ids.version}\t{pid}\t{days[v.day]}\t{agencies[v.agency].id}\t"
                f"{v.category}\t{v.title}\t{v.rung.position_type}\t{v.rung.level}\t"
                f"{group}\t{v.status}\t{stamps[v.day]}\n"
            )
            ids.version += 1

    # --- careers ---------------------------------------------------------------------
    def _career(self, number: int) -> list[_Version]:
        """Versions of one person: a start, then transfers, promotions, departure."""
        if number < len(self.agencies):
            return [self._head(self.agencies[number])]
        rng = self.rng
        track = rng.random()
        first = self._first_version(track)
        unassigned = rng.random() < UNASSIGNED_SHARE
        left = rng.random() < LEFT_SHARE
        n = VERSION_COUNTS[bisect_left(VERSION_WEIGHTS, rng.random() * 100)]
        n = max(n, 2) if left else n
        days = self._later_days(first.day, n - 1)
        left = left and bool(days)
        versions = [first]
        for i, day in enumerate(days):
            prev = versions[-1]
            if left and i == len(days) - 1:
                nxt = _Version(
                    day,
                    prev.agency,
                    prev.category,
                    prev.rung,
                    prev.title,
                    prev.group,
                    "left",
                )
            else:
                nxt = self._change(prev, day, track)
            versions.append(nxt)
        if unassigned:
            for v in versions:
                v.group = None
        return versions

    def _head(self, agency: AgencyNode) -> _Version:
        """The head of an agency: executive (group 1) or director (group 2)."""
        category = data.SECTOR_CATEGORIES[agency.sector][0][0]
        ladder = self.ladders[data.CATEGORY_LADDER[category]]
        directs = agency.kind in ("division", "provincial_office")
        rung = ladder.head_dir if directs else ladder.head_exec
        assert rung is not None, f"ladder of {category} has no head rung"
        day = int(self.rng.random() * self.cal.records_from)
        title = data.HEAD_TITLES[agency.kind]
        return _Version(day, agency.index, category, rung, title, 2 if directs else 1)

    def _first_version(self, track: float) -> _Version:
        rng, cal = self.rng, self.cal
        span = cal.records_from if rng.random() < EARLY_SHARE else cal.last + 1
        day = int(rng.random() * span)
        sector = self.sector_names[
            min(
                bisect_right(self.sector_cum, rng.random() * self.sector_cum[-1]),
                len(self.sector_names) - 1,
            )
        ]
        agency = self._weighted(*self.sectors[sector])
        names, cum = self.categories[sector]
        category = names[min(bisect_right(cum, rng.random() * cum[-1]), len(names) - 1)]
        ladder = self.ladders[data.CATEGORY_LADDER[category]]
        pick = bisect_right(ladder.cum, rng.random() * ladder.cum[-1])
        rung = ladder.rungs[min(pick, len(ladder.rungs) - 1)]
        return self._at(day, agency, category, rung, track)

    def _at(
        self, day: int, agency: int, category: str, rung: data.Rung, track: float
    ) -> _Version:
        group = rung_group(rung, track)
        titles = rung.titles or data.TRACK_TITLES[group]
        return _Version(day, agency, category, rung, _pick(self.rng, titles), group)

    def _later_days(self, first: int, n: int) -> list[int]:
        room = self.cal.last - first
        n = min(n, room)
        if n <= 0:
            return []
        return sorted(first + 1 + d for d in self.rng.sample(range(room), n))

    def _change(self, prev: _Version, day: int, track: float) -> _Version:
        rng = self.rng
        nexts = prev.rung.promotes_to
        if nexts and rng.random() < PROMOTION_SHARE:
            ladder = self.ladders[data.CATEGORY_LADDER[prev.category]]
            rung = ladder.by_code[nexts[int(rng.random() * len(nexts))]]
            return self._at(day, prev.agency, prev.category, rung, track)
        return _Version(
            day,
            self._transfer(prev.agency),
            prev.category,
            prev.rung,
            prev.title,
            prev.group,
        )

    def _transfer(self, agency: int) -> int:
        """Another agency of the same root (ministry), or of the same sector."""
        rng = self.rng
        node = self.agencies[agency]
        for _attempt in range(3):  # a one-agency pool keeps the person where they are
            if rng.random() < SAME_ROOT_TRANSFER:
                pool = self.roots[node.root_id]
                to = pool[int(rng.random() * len(pool))]
            else:
                to = self._weighted(*self.sectors[node.sector])
            if to != agency:
                break
        return to

    def _weighted(self, members: tuple[int, ...], cum: tuple[float, ...]) -> int:
        pick = bisect_right(cum, self.rng.random() * cum[-1])
        return members[min(pick, len(members) - 1)]

    # --- records ---------------------------------------------------------------------
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
            status, reason = "rejected", _pick(rng, data.REJECTION_REASONS)
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
        return (-1, a, title, _pick(self.rng, data.ACTIVITY_PROVIDERS),
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
            lines.append(
                f"{tid}\t{pid}\t{title}\t{course}\t{provider}\t{started}\t"
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
