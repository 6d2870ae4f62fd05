"""Sample import files that import cleanly into the demo (issue 19).

The portal keeps no national ID in clear (SPEC §3: a blind index and the last
three digits), so a newcomer cannot write a valid training or assessment row for
a demo person. `seed_demo --demo-users` therefore gives three people of the demo
HR officer's ministry fresh IDs it knows, and writes one CSV per importer about
them (plus a roster file adding two new people) under MEDIA_ROOT/demo-samples.
The import page offers them to whoever may write that ministry.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

from auditlog.context import disable_auditlog
from django.conf import settings
from django.db import transaction

from agencies.importers import ROSTER_COLUMNS
from agencies.models import Agency, Person
from agencies.scoping import within
from competencies.importers import ASSESSMENT_COLUMNS, TRAINING_COLUMNS
from skillsportal.lib import national_id
from skillsportal.lib.importing import Column
from skillsportal.lib.thai_dates import format_be

KINDS = ("roster", "training", "assessments")
_AGENCY_FILE = "agency.txt"


def samples_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "demo-samples"


def sample_agency_code() -> str | None:
    """The code of the ministry the samples are about, if there are samples."""
    path = samples_dir() / _AGENCY_FILE
    return path.read_text().strip() if path.exists() else None


def sample_path(kind: str) -> Path | None:
    path = samples_dir() / f"{kind}.csv"
    return path if kind in KINDS and path.exists() else None


def _fresh_id(rng: random.Random) -> str:
    while True:
        nid = national_id.generate(rng)
        if not Person.objects.with_national_id(nid).exists():
            return nid


def _csv(columns: list[Column], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def demo_samples_create(*, ministry: Agency, today: date) -> Path:
    """Give three of `ministry`'s people known IDs and write the sample files."""
    rng = random.Random(f"demo-samples-{ministry.code}")
    people = list(
        Person.objects.filter(
            within("current_agency", ministry),
            current_status="active",
            current_target_group__isnull=False,
            user__isnull=True,
        )
        .select_related("current_agency")
        .order_by("id")[:3]
    )
    key = settings.NATIONAL_ID_KEY.encode()
    ids = {}
    with disable_auditlog(), transaction.atomic():
        for person in people:
            nid = _fresh_id(rng)
            Person.objects.filter(pk=person.pk).update(
                national_id_hash=national_id.blind_index(nid, key),
                national_id_tail=nid[-3:],
            )
            ids[person.pk] = nid
    agency = (people[0].current_agency if people else None) or ministry
    day = format_be(today)
    roster = [
        [_fresh_id(rng), given, "ทดลองนำเข้า", agency.code, "civil_ordinary"]
        + ["นักวิชาการคอมพิวเตอร์", "academic", "K2", "3", "", day, "active"]
        for given in ("สมศรี", "สมปอง")
    ]
    done = format_be(today - timedelta(days=7))
    training = [
        [ids[p.pk], "ตัวอย่าง: การใช้ข้อมูลเปิดภาครัฐ", "", "สำนักงาน ก.พ."]
        + [done, done, "6", horizon, "DLIT"]
        for p, horizon in zip(people, ("current", "future", "current"), strict=False)
    ]
    assessed = format_be(today - timedelta(days=3))
    assessments = [[ids[p.pk], "DLIT", "2", assessed, "test"] for p in people]
    folder = samples_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roster.csv").write_bytes(_csv(ROSTER_COLUMNS, roster))
    (folder / "training.csv").write_bytes(_csv(TRAINING_COLUMNS, training))
    (folder / "assessments.csv").write_bytes(_csv(ASSESSMENT_COLUMNS, assessments))
    (folder / _AGENCY_FILE).write_text(ministry.code)
    return folder
