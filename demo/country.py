"""The synthetic organisation tree: ministries, departments, offices and other roots.

`country_plan` is pure (no database): it decides every agency, its id, code, names
and the sector and relative headcount that people generation needs. The agency
count scales with the number of persons (SPEC §10: about 10,000 agencies for the
whole public sector).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from . import data

MIN_AGENCIES = 30
MAX_AGENCIES = 10_000
PERSONS_PER_AGENCY = 100


@dataclass(slots=True)
class AgencyNode:
    """One planned agency; `index` is its position in the plan (ids follow it)."""

    index: int
    id: int
    code: str
    name_th: str
    name_en: str
    kind: str
    parent_id: int | None
    root_id: int
    sector: str
    size: float
    weight: float = 0.0


def agency_count(persons: int) -> int:
    """Roughly one agency per 100 persons, between 30 and 10,000."""
    return max(MIN_AGENCIES, min(MAX_AGENCIES, round(persons / PERSONS_PER_AGENCY)))


@dataclass(slots=True)
class _Budget:
    """How many agencies of each optional sort the plan adds."""

    ministries: int
    extra_departments: int
    independent: int
    public_orgs: int
    state_enterprises: int
    police_units: int
    bangkok_districts: int
    local: int
    divisions: int
    provincial: int


def _budget(total: int) -> _Budget:
    ministries = min(len(data.MINISTRIES), max(8, total // 8))
    chosen = data.MINISTRIES[:ministries]
    core = ministries + sum(m.core for m in chosen) + len(data.CORE_ROOTS) + 4
    left = max(0, total - core)

    def take(want: int, cap: int) -> int:
        nonlocal left
        got = max(0, min(want, cap, left))
        left -= got
        return got

    spare_depts = sum(len(m.departments) - m.core for m in chosen)
    budget = _Budget(
        ministries=ministries,
        extra_departments=take(round(total * 0.05), spare_depts),
        independent=take(round(total * 0.004), len(data.INDEPENDENT_ROOTS)),
        public_orgs=take(round(total * 0.012), len(data.PUBLIC_ORGANIZATIONS) - 1),
        state_enterprises=take(round(total * 0.01), len(data.STATE_ENTERPRISES) - 1),
        police_units=take(round(total * 0.01), len(data.POLICE_DIVISIONS) + 76),
        bangkok_districts=take(round(total * 0.005), len(data.BANGKOK_DISTRICTS)),
        local=take(round(total * 0.3), 10 * total),
        divisions=0,
        provincial=0,
    )
    budget.provincial = take(left // 2, left)
    budget.divisions = left
    return budget


def _deal(rng: random.Random, capacities: list[int], n: int) -> list[int]:
    """Deal `n` items round-robin over slots in a random order, within capacities."""
    counts = [0] * len(capacities)
    order = list(range(len(capacities)))
    rng.shuffle(order)
    while n > 0:
        dealt = 0
        for i in order:
            if n > 0 and counts[i] < capacities[i]:
                counts[i] += 1
                n -= 1
                dealt += 1
        if not dealt:
            break
    return counts


class _Planner:
    """Accumulates nodes with consecutive ids from `start_id`."""

    def __init__(self, rng: random.Random, start_id: int) -> None:
        self.rng = rng
        self.start_id = start_id
        self.nodes: list[AgencyNode] = []

    def add(
        self,
        code: str,
        name_th: str,
        name_en: str,
        kind: str,
        sector: str,
        *,
        parent: AgencyNode | None = None,
        size: float = 1.0,
    ) -> AgencyNode:
        index = len(self.nodes)
        node_id = self.start_id + index
        node = AgencyNode(
            index=index,
            id=node_id,
            code=code,
            name_th=name_th,
            name_en=name_en,
            kind=kind,
            parent_id=parent.id if parent else None,
            root_id=parent.root_id if parent else node_id,
            sector=sector,
            size=size,
        )
        # Log-normal spread: a few large offices, many small ones.
        node.weight = (
            data.KIND_HEADCOUNT[kind] * size * self.rng.lognormvariate(0.0, 0.5)
        )
        self.nodes.append(node)
        return node


def country_plan(*, rng: random.Random, total: int, start_id: int) -> list[AgencyNode]:
    """Plan about `total` agencies (parents before children, ids from `start_id`)."""
    budget = _budget(total)
    planner = _Planner(rng, start_id)
    _plan_ministries(planner, budget)
    _plan_core_roots(planner, budget)
    _plan_other_roots(planner, budget)
    _plan_local(planner, budget.local + 2)
    return planner.nodes


def _plan_ministries(planner: _Planner, budget: _Budget) -> None:
    ministries = data.MINISTRIES[: budget.ministries]
    spare = [len(m.departments) - m.core for m in ministries]
    extra = _deal(planner.rng, spare, budget.extra_departments)
    departments = [
        m.departments[: m.core + n] for m, n in zip(ministries, extra, strict=True)
    ]
    flat = [d for ds in departments for d in ds]
    divisions = _deal(planner.rng, [len(data.DIVISIONS)] * len(flat), budget.divisions)
    provincial = _deal(
        planner.rng,
        [len(data.PROVINCES) if d.provincial else 0 for d in flat],
        budget.provincial,
    )
    k = 0
    for ministry, depts in zip(ministries, departments, strict=True):
        root = planner.add(
            ministry.code,
            ministry.name_th,
            ministry.name_en,
            "ministry",
            ministry.sector,
        )
        for j, dept in enumerate(depts, start=1):
            node = planner.add(
                f"{ministry.code}-D{j:02d}",
                dept.name_th,
                dept.name_en,
                "department",
                dept.sector or ministry.sector,
                parent=root,
                size=dept.size,
            )
            _plan_children(planner, node, dept, divisions[k], provincial[k])
            k += 1


def _plan_children(
    planner: _Planner,
    dept_node: AgencyNode,
    dept: data.DepartmentSeed,
    divisions: int,
    provincial: int,
) -> None:
    for v, (th, en) in enumerate(data.DIVISIONS[:divisions], start=1):
        planner.add(
            f"{dept_node.code}-V{v:02d}",
            th,
            en,
            "division",
            dept_node.sector,
            parent=dept_node,
            size=dept.size,
        )
    if not provincial or dept.provincial is None:
        return
    provinces = sorted(planner.rng.sample(range(len(data.PROVINCES)), provincial))
    _plan_provincial(planner, dept_node, dept.provincial, provinces, dept.size)


def _plan_provincial(
    planner: _Planner,
    parent: AgencyNode,
    patterns: tuple[str, str],
    provinces: Iterable[int],
    size: float,
) -> None:
    """One provincial office of `parent` per province index (SPEC §3 tree)."""
    th_pattern, en_pattern = patterns
    for p in provinces:
        th, en = data.PROVINCES[p]
        planner.add(
            f"{parent.code}-P{p + 1:02d}",
            th_pattern.format(p=th),
            en_pattern.format(p=en),
            "provincial_office",
            parent.sector,
            parent=parent,
            size=size,
        )


def _plan_core_roots(planner: _Planner, budget: _Budget) -> None:
    for seed in data.CORE_ROOTS:
        root = planner.add(
            seed.code,
            seed.name_th,
            seed.name_en,
            seed.kind,
            seed.sector,
            size=seed.size,
        )
        if seed is data.POLICE_ROOT:
            _plan_police(planner, root, budget.police_units)
        elif seed is data.BANGKOK_ROOT:
            for v, (th, en) in enumerate(
                data.BANGKOK_DISTRICTS[: budget.bangkok_districts], start=1
            ):
                planner.add(
                    f"BMA-V{v:02d}",
                    f"สำนักงานเขต{th}",
                    f"{en} District Office",
                    "division",
                    data.BANGKOK,
                    parent=root,
                    size=seed.size,
                )


def _plan_police(planner: _Planner, root: AgencyNode, units: int) -> None:
    divisions = data.POLICE_DIVISIONS[:units]
    for v, (th, en) in enumerate(divisions, start=1):
        planner.add(
            f"RTP-V{v:02d}",
            th,
            en,
            "division",
            data.POLICE,
            parent=root,
            size=root.size,
        )
    provinces = range(units - len(divisions))
    _plan_provincial(planner, root, data.POLICE_PROVINCIAL, provinces, root.size)


def _plan_other_roots(planner: _Planner, budget: _Budget) -> None:
    for seed in data.INDEPENDENT_ROOTS[: budget.independent]:
        planner.add(
            seed.code,
            seed.name_th,
            seed.name_en,
            seed.kind,
            seed.sector,
            size=seed.size,
        )
    for code, th, en in data.PUBLIC_ORGANIZATIONS[: 1 + budget.public_orgs]:
        planner.add(code, th, en, "public_organization", data.PUBLIC_ORG)
    for code, th, en, size in data.STATE_ENTERPRISES[: 1 + budget.state_enterprises]:
        planner.add(code, th, en, "state_enterprise", data.STATE_ENTERPRISE, size=size)


def _plan_local(planner: _Planner, count: int) -> None:
    """Local governments: provincial (อบจ.), town and sub-district administrations."""
    rng = planner.rng
    provinces = data.PROVINCES
    seen: set[str] = set()
    n = 0
    while n < count:
        p_th, p_en = provinces[int(rng.random() * len(provinces))]
        tambon = data.TAMBONS[int(rng.random() * len(data.TAMBONS))]
        r = rng.random() if n else 0.0
        if r < 0.02:
            th = f"องค์การบริหารส่วนจังหวัด{p_th}"
            en, size = f"{p_en} Provincial Administrative Organization", 5.0
        elif r < 0.07:
            th = f"เทศบาลเมือง{p_th}"
            en, size = f"{p_en} Town Municipality", 3.0
        elif r < 0.30:
            th = f"เทศบาลตำบล{tambon} จังหวัด{p_th}"
            en, size = f"Subdistrict Municipality, {p_en}", 1.0
        else:
            th = f"องค์การบริหารส่วนตำบล{tambon} จังหวัด{p_th}"
            en, size = f"Subdistrict Administrative Organization, {p_en}", 0.6
        if th in seen:
            continue
        seen.add(th)
        n += 1
        planner.add(f"LG-{n:05d}", th, en, "local_government", data.LOCAL, size=size)
