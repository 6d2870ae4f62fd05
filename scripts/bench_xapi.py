"""Benchmark xAPI intake (SPEC §9): statements per second accepted in batches.

Never part of the test suite. Run against a database of its own:

    createdb -h 127.0.0.1 -U postgres skillsportal_xapi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/skillsportal_xapi_bench \\
        .venv/bin/python scripts/bench_xapi.py --people 20000 --batches 50

It migrates, loads the framework, imports a ministry with `--people` people
(known national IDs) and a catalogue course with an activity id, then POSTs
`--batches` batches of `--size` `completed` statements (each a new training
record) through the whole stack in-process (middleware, DRF, key check,
validation, mapping, the training writer, audit, marks), and prints
statements/s (min, median, max per batch). A last pass re-sends one batch (all
already stored: the idempotent path).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsportal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("NATIONAL_ID_KEY", "bench-only-national-id-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# Queue (never run) the compliance refresh the writes mark: not part of intake.
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")
os.environ.setdefault("XAPI_THROTTLE_RATE", "1000000/min")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from agencies import services  # noqa: E402
from agencies.models import Agency  # noqa: E402
from agencies.scoping import AgencyScope  # noqa: E402
from agencies.services.api_keys import api_key_create  # noqa: E402
from competencies.models import Course, SkillArea  # noqa: E402
from skillsportal.lib import national_id  # noqa: E402

ACTIVITY = "https://lms.bench.go.th/course/"
HEADER = (
    "national_id,given_name,family_name,agency_code,personnel_category,"
    "position_title,position_type,position_level,target_group,email,"
    "effective_date,status"
)


def seed(people: int, rng: random.Random) -> list[str]:
    services.agencies_import(
        data=b"code,name_th,parent_code,kind\nXB,XAPI BENCH,,ministry\n"
        b"XB-D1,XAPI BENCH D1,XB,department\n",
        filename="agencies.csv",
        scope=AgencyScope.system(),
    )
    ids: set[str] = set()
    while len(ids) < people:
        ids.add(national_id.generate(rng))
    lines = [HEADER] + [
        f"{nid},ผู้เรียน,ทดสอบ{i},XB-D1,civil_ordinary,นักวิชาการ,academic,"
        f"ชำนาญการ,{1 + i % 6},,01/10/2568,active"
        for i, nid in enumerate(sorted(ids))
    ]
    result = services.roster_import(
        data=("\r\n".join(lines) + "\r\n").encode(),
        filename="roster.csv",
        scope=AgencyScope.system(),
    )
    assert result.ok, result.errors[:3]
    return sorted(ids)


def statement(nid: str, n: int, day: date) -> dict[str, object]:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": settings.XAPI_HOME_PAGE, "name": nid}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {
            "id": f"{ACTIVITY}{n % 20}",
            "definition": {"name": {"th-TH": f"หลักสูตร {n % 20}"}},
        },
        "result": {"completion": True, "duration": "PT2H"},
        "timestamp": f"{day.isoformat()}T10:00:00+07:00",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench_xapi needs PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    if not Agency.objects.filter(code="XB").exists():
        call_command("load_framework", verbosity=0)
        ids = seed(args.people, rng)
        skills = list(SkillArea.objects.filter(code__in=["DLIT", "DT"]))
        for n in range(20):
            course = Course.objects.create(
                code=f"XB-{n}",
                title=f"หลักสูตร {n}",
                hours=2,
                activity_id=f"{ACTIVITY}{n}",
            )
            course.skill_areas.set(skills)
        Path("/tmp/bench_xapi_ids.txt").write_text("\n".join(ids))
    ids = Path("/tmp/bench_xapi_ids.txt").read_text().split()
    _key, raw = api_key_create(
        agency=Agency.objects.get(code="XB"), name="bench LMS", can_xapi=True
    )
    client = Client(
        headers={"Authorization": f"Bearer {raw}", "X-Experience-API-Version": "1.0.3"}
    )
    start_day = date(2026, 10, 1) + timedelta(days=rng.randrange(30))
    rates = []
    sent = 0
    batch: list[dict[str, object]] = []
    for _ in range(args.batches):
        batch = [
            statement(
                ids[(sent + i) % len(ids)],
                sent + i,
                start_day + timedelta(days=(sent + i) // len(ids)),
            )
            for i in range(args.size)
        ]
        began = time.perf_counter()
        response = client.post(
            "/xapi/statements", batch, content_type="application/json"
        )
        seconds = time.perf_counter() - began
        assert response.status_code == 200, response.content[:500]
        rates.append(args.size / seconds)
        sent += args.size
    print(
        f"{args.batches} batches of {args.size} completed statements "
        f"({args.people:,} people, {os.cpu_count()} CPUs): statements/s "
        f"min {min(rates):,.0f}  median {statistics.median(rates):,.0f}  "
        f"max {max(rates):,.0f}  "
        f"overall {sent / sum(args.size / r for r in rates):,.0f}"
    )
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        batch = [
            statement(ids[i], sent + i, start_day + timedelta(days=40))
            for i in range(args.size)
        ]
        profile = cProfile.Profile()
        profile.enable()
        client.post("/xapi/statements", batch, content_type="application/json")
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    began = time.perf_counter()
    response = client.post("/xapi/statements", batch, content_type="application/json")
    seconds = time.perf_counter() - began
    assert response.status_code == 200
    print(
        f"re-sent batch (all stored already): {args.size / seconds:,.0f} statements/s"
    )


if __name__ == "__main__":
    main()
