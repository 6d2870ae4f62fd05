"""Benchmark xAPI intake (SPEC §9): statements per second accepted in batches.

Never part of the test suite. Run against a database of its own:

    createdb -h 127.0.0.1 -U postgres skillsportal_xapi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/skillsportal_xapi_bench \\
        .venv/bin/python scripts/bench_xapi.py --people 20000 --batches 50

It migrates, loads the framework, imports a ministry with `--people` people
(known national IDs) and a catalogue course with an activity id, then POSTs
`--batches` batches of `--size` `completed` statements (each a new training
record) from `--clients` processes at once, through the whole stack
in-process (middleware, DRF, key check, validation, mapping, the training
writer, audit, marks), and prints
statements/s (min, median, max per batch). A last pass re-sends one batch (all
already stored: the idempotent path).
"""

from __future__ import annotations

import argparse
import multiprocessing
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
from xapi.models import Statement  # noqa: E402

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


def _client(raw: str) -> Client:
    return Client(
        headers={"Authorization": f"Bearer {raw}", "X-Experience-API-Version": "1.0.3"}
    )


def send(
    raw: str, ids: list[str], offset: int, args: argparse.Namespace, day: date
) -> list[float]:
    """POST `args.batches` batches from statement number `offset` on; the
    seconds each took."""
    client = _client(raw)
    took = []
    for b in range(args.batches):
        first = offset + b * args.size
        batch = [
            statement(
                ids[(first + i) % len(ids)],
                first + i,
                day + timedelta(days=(first + i) // len(ids)),
            )
            for i in range(args.size)
        ]
        began = time.perf_counter()
        response = client.post(
            "/xapi/statements", batch, content_type="application/json"
        )
        took.append(time.perf_counter() - began)
        assert response.status_code == 200, response.content[:500]
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--clients", type=int, default=1, help="systems sending at once (processes)"
    )
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
    # Numbered on from the statements stored by earlier runs: every one a new record.
    base = Statement.objects.count()
    start_day = date(2026, 10, 1)
    jobs = [(raw, ids, base + k * args.batches * args.size, args, start_day)
            for k in range(args.clients)]  # fmt: skip
    connection.close()  # each client process opens its own
    began = time.perf_counter()
    if args.clients == 1:
        results = [send(*jobs[0])]
    else:
        with multiprocessing.get_context("fork").Pool(args.clients) as pool:
            results = pool.starmap(send, jobs)
    wall = time.perf_counter() - began
    rates = [args.size / seconds for result in results for seconds in result]
    sent = args.clients * args.batches * args.size
    print(
        f"{args.clients} client(s) × {args.batches} batches of {args.size} completed "
        f"statements ({args.people:,} people, {os.cpu_count()} CPUs): per batch "
        f"min {min(rates):,.0f}  median {statistics.median(rates):,.0f}  "
        f"max {max(rates):,.0f} statements/s; accepted overall "
        f"{sent / wall:,.0f} statements/s ({sent:,} in {wall:.1f} s)"
    )
    client = _client(raw)
    batch = [
        statement(ids[i], i, start_day + timedelta(days=60)) for i in range(args.size)
    ]
    client.post("/xapi/statements", batch, content_type="application/json")
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        batch = [
            statement(ids[i], i, start_day + timedelta(days=61))
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
