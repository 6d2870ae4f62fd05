"""Benchmark the roster import (SPEC §9, §10): N generated rows, validate and write.

Never part of the test suite. Run against a database of its own:

    createdb -h 127.0.0.1 -U postgres skillsportal_imports_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/skillsportal_imports_bench \\
        .venv/bin/python scripts/bench_import.py --rows 100000

or a copy of a seeded one (`createdb -T SEEDED COPY`, with the NATIONAL_ID_KEY it was
seeded with) to import beside 1,000,000 people.

It migrates, seeds agencies through the agencies import, generates a CSV of new
people, then times a dry run (read + validate + plan), the import (the same plus
the writes, in one transaction), a re-import of the same file (all unchanged),
one that corrects everybody's level (each version updated in place) and one that
promotes everybody from a later date (a new version each).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsportal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("NATIONAL_ID_KEY", "bench-only-national-id-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Queue (never run) the compliance refresh the import triggers: not part of it.
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from agencies import services  # noqa: E402
from agencies.scoping import AgencyScope  # noqa: E402
from agencies.services import roster  # noqa: E402
from agencies.signals import person_records_changed  # noqa: E402
from competencies.models import Framework  # noqa: E402
from competencies.services import imports as records  # noqa: E402
from competencies.services import training_import  # noqa: E402
from skillsportal.lib import bulk, national_id  # noqa: E402

CATEGORIES = ["civil_ordinary", "government_employee", "state_agency_staff"]
GIVEN = ["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ธนากร", "กาญจนา"]
FAMILY = ["ใจดี", "รักชาติ", "ศรีสุข", "บุญมา", "แก้วมณี", "ทองคำ"]
HEADER = (
    "national_id,given_name,family_name,agency_code,personnel_category,"
    "position_title,position_type,position_level,target_group,email,"
    "effective_date,status"
)


def seed_agencies(count: int) -> list[str]:
    """One ministry and `count` departments, through the agencies import."""
    codes = [f"BENCH-D{i:04d}" for i in range(count)]
    lines = ["code,name_th,parent_code,kind", "BENCH,กระทรวงทดสอบสมรรถนะ,,ministry"]
    lines += [f"{c},กรมทดสอบ {c[-4:]},BENCH,department" for c in codes]
    data = ("\n".join(lines) + "\n").encode()
    services.agencies_import(
        data=data, filename="agencies.csv", scope=AgencyScope.system()
    )
    return codes


def roster_csv(
    rows: int,
    agencies: list[str],
    rng: random.Random,
    level: str = "ชำนาญการ",
    day: str = "01/10/2568",
) -> bytes:
    ids: set[str] = set()
    while len(ids) < rows:
        ids.add(national_id.generate(rng))
    lines = [HEADER]
    for i, nid in enumerate(sorted(ids, key=lambda _: rng.random())):
        lines.append(
            f"{nid},{GIVEN[i % 6]},{FAMILY[i % 5]}{i},{agencies[i % len(agencies)]},"
            f"{CATEGORIES[i % 3]},นักวิชาการ,academic,{level},{1 + i % 6},"
            f"p{i}@example.go.th,{day},active"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


TRAINING_HEADER = (
    "national_id,title,course_code,provider,started_on,completed_on,hours,horizon,"
    "skills"
)
SKILLS = ["DLIT", "DG", "DT", "DS", "SPM", "DL", "DTR"]


def training_csv(roster: bytes, hours: str = "6") -> bytes:
    """One training record for each person of `roster` (the first column)."""
    lines = [TRAINING_HEADER]
    for i, line in enumerate(roster.decode("utf-8-sig").splitlines()[1:]):
        nid = line.split(",", 1)[0]
        lines.append(
            f"{nid},การใช้งานคลาวด์ {i % 40},,สำนักงาน ก.พ.,01/11/2568,"
            f"02/11/2568,{hours},{('current', 'future')[i % 2]},{SKILLS[i % 7]}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


PHASES: dict[str, float] = {}
CPU: dict[str, float] = {}  # this process's CPU time in each phase


def _phase(name: str, func: Any) -> Any:
    """Wrap `func` so the time spent in it adds up under `name`."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            PHASES[name] = PHASES.get(name, 0.0) + time.perf_counter() - start
            CPU[name] = CPU.get(name, 0.0) + time.process_time() - cpu

    return wrapper


def instrument() -> None:
    """Time the phases of the roster import (reading, planning, writing, audit)."""
    for name in (
        "roster_parse",
        "_roster_plan",
        "_roster_write",
        "insert_rows",
        "bulk_update",
        "copy_insert",
        "audit_log_bulk",
        "_roster_audit",
        "_new_people_current",
        "person_refresh_current",
        "analyze_after_import",
        "training_parse",
        "_training_plan",
        "training_write",
        "_audit",
    ):
        for module in (roster, bulk, records):  # each module's own reference to it
            if hasattr(module, name):
                setattr(module, name, _phase(name, getattr(module, name)))
    person_records_changed.send = _phase(  # type: ignore[method-assign]
        "signal receivers (reports)", person_records_changed.send
    )


def timed(label: str, rows: int, importer: Any = None, **kwargs: object) -> None:
    PHASES.clear()
    CPU.clear()
    cpu = time.process_time()
    start = time.perf_counter()
    result = (importer or services.roster_import)(
        filename="import.csv", scope=AgencyScope.system(), **kwargs
    )
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    assert result.ok, result.errors[:5]
    print(
        f"{label:<34} {seconds:7.2f} s  {rows / seconds:9,.0f} rows/s  {result.counts}"
    )
    PHASES["this process's CPU time"] = cpu
    if "_roster_write" in PHASES:
        # What the phases above leave is mostly COMMIT: deferred foreign key checks.
        named = ("roster_parse", "_roster_plan", "_roster_write")
        named += ("analyze_after_import",)
        named_total = sum(PHASES[n] for n in named)
        signal = PHASES.get("signal receivers (reports)", 0.0)
        PHASES["commit (deferred FK checks)"] = seconds - named_total - signal
    print(f"    {'phase':<30} {'wall':>7}    {'our CPU':>7}")
    for name, spent in PHASES.items():
        own = f"{CPU[name]:7.2f} s" if name in CPU else ""
        print(f"    {name:<30} {spent:7.2f} s  {own}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument(
        "--write-only", action="store_true", help="skip the dry run and re-import"
    )
    parser.add_argument(
        "--training",
        action="store_true",
        help="then import a training record for each of those people, twice",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench_import needs PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
    agencies = seed_agencies(args.agencies)
    instrument()
    data = roster_csv(args.rows, agencies, random.Random(args.seed))
    print(f"{args.rows:,} roster rows, {len(data) / 1e6:.1f} MB, {os.cpu_count()} CPUs")
    if not args.write_only:
        timed("validate only (dry run)", args.rows, data=data, commit=False)
    timed("validate + write (one transaction)", args.rows, data=data)
    if not args.write_only:
        timed("re-import, all unchanged", args.rows, data=data)
        rng = random.Random(args.seed)
        fixed = roster_csv(args.rows, agencies, rng, level="ชำนาญการพิเศษ")
        timed("re-import, levels corrected", args.rows, data=fixed)
        rng = random.Random(args.seed)
        promoted = roster_csv(
            args.rows, agencies, rng, level="เชี่ยวชาญ", day="01/04/2569"
        )
        timed("re-import, promoted (new versions)", args.rows, data=promoted)
    if args.training:
        if not Framework.objects.exists():
            call_command("load_framework", verbosity=0)
        courses = training_csv(data)
        timed("training, new records", args.rows, training_import, data=courses)
        timed("training, all unchanged", args.rows, training_import, data=courses)
        courses = training_csv(data, hours="7")
        timed("training, hours corrected", args.rows, training_import, data=courses)


if __name__ == "__main__":
    main()
