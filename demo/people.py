"""Synthetic people with careers; their records come from `records.RecordMaker`.

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
from dataclasses import dataclass
from itertools import accumulate

from skillsportal.lib import national_id

from . import data
from .country import AgencyNode
from .records import (
    NULL,
    Batch,
    Calendar,
    CourseInfo,
    IdCounters,
    RecordMaker,
    SkillInfo,
    pick,
)

VERSION_COUNTS = (1, 2, 3, 4)
VERSION_WEIGHTS = tuple(accumulate((45, 30, 17, 8)))
LEFT_SHARE = 0.05
UNASSIGNED_SHARE = 0.05
EARLY_SHARE = 0.55  # people already in post before FY 2561 started
PROMOTION_SHARE = 0.45
SAME_ROOT_TRANSFER = 0.65


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
        self.id_key = id_key
        self.ids = ids
        self.records = RecordMaker(
            rng=rng,
            calendar=calendar,
            skills=skills,
            courses=courses,
            activities=activities,
            ids=ids,
            training_per_person=training_per_person,
            assessments_per_person=assessments_per_person,
        )
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
            self.records.records(pid, group, lo, hi, out)

    def _person_line(self, pid: int, versions: list[_Version]) -> str:
        rng = self.rng
        nid = national_id.generate(rng)
        while int(nid) in self.seen_ids:
            nid = national_id.generate(rng)
        self.seen_ids.add(int(nid))
        digest = national_id.blind_index(nid, self.id_key)
        head, tail = pick(rng, data.GIVEN_HEADS), pick(rng, data.GIVEN_TAILS)
        while tail == head:  # no "พรพร"
            tail = pick(rng, data.GIVEN_TAILS)
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
        return _Version(day, agency, category, rung, pick(self.rng, titles), group)

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
