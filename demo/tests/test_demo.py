import random
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from agencies.models import (
    Agency,
    Person,
    PersonnelCategory,
    PersonVersion,
    RoleAssignment,
)
from competencies.models import Assessment, Course, Framework, TrainingRecord
from demo import data
from demo.country import agency_count, country_plan
from demo.people import PeopleFactory, rung_group
from demo.records import Calendar, IdCounters, SkillInfo
from demo.seed import SeedOptions, demo_seed
from demo.sink import PostgresCopySink, Table
from demo.users import DEMO_PASSWORD

TODAY = "2026-11-25"


def seed(*args: str) -> str:
    out = StringIO()
    call_command(
        "seed_demo",
        "--persons",
        "200",
        "--today",
        TODAY,
        *args,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def snapshot() -> tuple[list[str], dict[str, int]]:
    hashes = list(
        Person.objects.order_by("id").values_list("national_id_hash", flat=True)
    )
    counts = {
        model.__name__: model.objects.count()
        for model in (Agency, Person, PersonVersion, TrainingRecord, Assessment, Course)
    }
    return hashes, counts


def factory(persons: int, seed_value: int = 1) -> tuple[PeopleFactory, int]:
    rng = random.Random(seed_value)
    plan = country_plan(rng=rng, total=agency_count(persons), start_id=1)
    skills = SkillInfo(
        ids=tuple(range(1, 8)),
        codes=("DLIT", "DG", "DT", "DS", "SPM", "DL", "DTR"),
        targets={g: (2,) * 7 for g in range(1, 7)},
        max_level=4,
    )
    made = PeopleFactory(
        rng=rng,
        agencies=plan,
        calendar=Calendar.build(date(2026, 11, 25)),
        skills=skills,
        courses=[],
        activities=[("อบรม", 0)],
        id_key=b"test-key",
        ids=IdCounters(),
        training_per_person=0,
        assessments_per_person=0,
    )
    return made, len(plan)


# --- the plan and the people, without a database ---------------------------------
@pytest.mark.parametrize(
    ("persons", "expected"),
    [(1, 30), (200, 30), (100_000, 1_000), (50_000_000, 10_000)],
)
def test_agency_count_scales_with_people_within_bounds(persons, expected):
    assert agency_count(persons) == expected


@pytest.mark.parametrize("persons", [200, 100_000, 1_000_000])
def test_country_plan_is_a_tree_with_unique_ascii_codes(persons):
    plan = country_plan(rng=random.Random(1), total=agency_count(persons), start_id=1)
    codes = [a.code for a in plan]
    assert len(set(codes)) == len(codes)
    assert all(code.isascii() and len(code) <= 32 for code in codes)
    seen: set[int] = set()
    for agency in plan:
        assert agency.parent_id is None or agency.parent_id in seen
        seen.add(agency.id)
    kinds = Counter(a.kind for a in plan)
    assert kinds["ministry"] >= 8
    assert {"department", "local_government", "public_organization"} <= set(kinds)
    assert abs(len(plan) - agency_count(persons)) <= agency_count(persons) * 0.05


def test_static_data_never_breaks_copy_text_format():
    texts = [
        *data.HEAD_TITLES.values(),
        *data.GIVEN_HEADS,
        *data.GIVEN_TAILS,
        *data.FAMILY_PARTS,
        *data.ACTIVITY_PROVIDERS,
        *data.COURSE_PROVIDERS,
        *data.REJECTION_REASONS,
        *data.TAMBONS,
        *(t for titles in data.COURSE_TITLES.values() for t in titles),
        *(t for rungs in data.LADDERS.values() for r in rungs for t in r.titles),
        *(t for titles in data.TRACK_TITLES.values() for t in titles),
    ]
    assert not [t for t in texts if set(t) & {"\t", "\n", "\\"}]


@pytest.mark.parametrize(
    ("level", "track", "group"),
    [
        ("M2", 0.5, 1),
        ("D1", 0.5, 2),
        ("K2", 0.05, 5),
        ("K2", 0.5, 3),
        ("O2", 0.3, 4),
        ("O2", 0.9, 6),
    ],
)
def test_dpis_levels_map_to_target_groups(level, track, group):
    rung = next(r for r in data.DPIS if r.level == level)
    assert rung_group(rung, track) == group


def test_every_primary_category_has_head_positions():
    for pairs in data.SECTOR_CATEGORIES.values():
        rungs = data.LADDERS[data.CATEGORY_LADDER[pairs[0][0]]]
        assert {data.EXEC, data.DIRECTOR} <= {r.kind for r in rungs}


def test_generated_people_cover_every_category_and_group():
    made, _agencies = factory(3_000)
    batch = made.batch(0, 3_000)
    people = [line.split("\t") for line in batch.persons]
    assert {p[8] for p in people} == set(PersonnelCategory.values)
    groups = Counter(p[9] for p in people)
    assert set(groups) == {"1", "2", "3", "4", "5", "6", "\\N"}
    assert 0.02 < groups["\\N"] / len(people) < 0.1
    assert 0.02 < sum(p[10] == "left" for p in people) / len(people) < 0.1


def test_generated_versions_are_ordered_and_the_last_is_current():
    made, _agencies = factory(500)
    batch = made.batch(0, 500)
    versions: dict[str, list[list[str]]] = {}
    for line in batch.versions:
        v = line.split("\t")
        versions.setdefault(v[1], []).append(v)
    for line in batch.persons:
        p = line.split("\t")
        mine = versions[p[0]]
        days = [v[2] for v in mine]
        assert days == sorted(set(days))
        assert "2016-01-01" <= days[0] <= TODAY >= days[-1]
        assert [mine[-1][i] for i in (3, 4, 8, 9)] == [p[i] for i in (7, 8, 9, 10)]


# --- the command against the database --------------------------------------------
@pytest.mark.django_db
def test_seeding_is_deterministic_for_a_seed_and_a_day():
    seed("--seed", "7")
    first = snapshot()
    seed("--seed", "7", "--flush")
    assert snapshot() == first
    seed("--seed", "8", "--flush")
    assert snapshot()[0] != first[0]


@pytest.mark.django_db
def test_seeded_data_is_complete_and_keeps_the_rules():
    out = seed()
    assert Framework.objects.exists()
    assert "agencies_person" in out and "200" in out
    assert not Agency.objects.filter(path="").exists()
    assert not Agency.objects.exclude(root__isnull=False).exists()
    assert Person.objects.count() == 200
    assert not Person.objects.filter(current_agency__isnull=True).exists()
    groups = set(Person.objects.values_list("current_target_group", flat=True))
    assert {1, 2, 3, 4, 5, 6} <= groups
    assert all(
        len(t) == 3 for t in Person.objects.values_list("national_id_tail", flat=True)
    )
    training = list(
        TrainingRecord.objects.values_list(
            "person_id", "course_id", "title", "completed_on", "started_on", "hours"
        )
    )
    keys = [(p, c, None if c else t, d) for p, c, t, d, _s, _h in training]
    assert len(keys) == len(set(keys))
    for _p, _c, _t, done, start, hours in training:
        assert 0 < hours <= 1000
        if start is not None:
            assert start <= done and hours <= 24 * ((done - start).days + 1)
    assert date(2017, 10, 1) <= min(t[3] for t in training)
    assert max(t[3] for t in training) <= date(2026, 11, 25)
    assert TrainingRecord.skill_areas.through.objects.count() >= len(training)
    keys = list(
        Assessment.objects.values_list(
            "person_id", "skill_area_id", "assessed_on", "method"
        )
    )
    assert len(keys) == len(set(keys))
    assert set(Assessment.objects.values_list("status", flat=True)) == {
        "verified",
        "pending",
        "rejected",
    }


@pytest.mark.django_db
def test_current_facts_are_those_of_the_version_valid_today():
    seed()
    for person in Person.objects.all()[:50]:
        latest = person.versions.order_by("-effective_date").first()
        assert (person.current_agency_id, person.current_category) == (
            latest.agency_id,
            latest.category,
        )
        assert person.current_target_group == latest.target_group
        assert person.current_status == latest.status


@pytest.mark.django_db
def test_seeding_twice_without_flush_is_refused():
    seed()
    with pytest.raises(CommandError, match="--flush"):
        seed()
    assert Person.objects.count() == 200


@pytest.mark.django_db
def test_demo_users_get_their_roles_and_the_civil_servant_a_person():
    out = seed("--demo-users")
    users = {u.username: u for u in get_user_model().objects.all()}
    assert {"admin", "hr", "viewer", "outsider", "staff"} <= set(users)
    assert all(users[name].check_password(DEMO_PASSWORD) for name in ("admin", "staff"))
    assert [name for name in ("admin", "hr", "staff") if users[name].is_staff] == [
        "admin"
    ]
    roles = {
        (r.user.username, r.role, r.agency.code if r.agency else None)
        for r in RoleAssignment.objects.select_related("user", "agency")
    }
    first, second = Agency.objects.filter(kind="ministry").order_by("id")[:2]
    assert roles == {
        ("admin", "oncsc_admin", None),
        ("hr", "agency_hr", first.code),
        ("viewer", "agency_viewer", first.code),
        ("outsider", "agency_hr", second.code),
    }
    person = Person.objects.get(user=users["staff"])
    assert person.current_agency.path.startswith(first.path)
    assert person.current_status == "active" and person.current_target_group
    assert users["staff"].first_name == person.given_name
    assert "staff" in out and DEMO_PASSWORD in out


@pytest.mark.django_db
def test_demo_users_alone_reset_passwords_on_seeded_data():
    seed("--demo-users")
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("something-else-2569")
    admin.save()
    call_command("seed_demo", "--demo-users", stdout=StringIO())
    admin.refresh_from_db()
    assert admin.check_password(DEMO_PASSWORD)
    assert RoleAssignment.objects.filter(user=admin).count() == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL bulk mode")
def test_bulk_mode_restores_every_index_and_constraint():
    def schema() -> set[tuple[str, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid),
                       condeferrable::text, convalidated::text
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                UNION ALL
                SELECT tablename, indexname, indexdef, '', '' FROM pg_indexes
                WHERE schemaname = 'public'
                """
            )
            return set(cursor.fetchall())

    before = schema()
    report = demo_seed(
        options=SeedOptions(persons=60, today=date(2026, 11, 25), defer_indexes=True)
    )
    assert schema() == before
    assert report.rebuild and Person.objects.count() == 60


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL COPY")
def test_a_failed_copy_is_reported_by_the_writer():
    sink = PostgresCopySink()
    sink.write(Table("agencies_no_such_table", ("id",)), ["1\n"])
    with pytest.raises(RuntimeError, match="COPY failed"):
        sink.finish()


@pytest.mark.django_db
def test_figures_are_computed_when_asked_and_not_announced_as_a_chore():
    from reports.models import ComplianceFigure

    out = seed("--figures")
    assert ComplianceFigure.objects.exists()
    assert "run `manage.py recompute_compliance`" not in out
    assert "run `manage.py recompute_compliance`" in seed("--flush")


@pytest.mark.django_db
def test_a_course_is_tagged_with_the_skill_area_its_code_names():
    """Issue 19: no DG law course offered for a DL gap, no DS course tagged DLIT."""
    from competencies.models import Course

    seed()
    courses = Course.objects.prefetch_related("skill_areas")
    assert courses
    for course in courses:
        codes = {area.code for area in course.skill_areas.all()}
        assert codes == {course.code.rsplit("-", 1)[0]}, course.code


@pytest.mark.django_db
def test_the_demo_sample_files_import_cleanly_for_hr_only(settings, tmp_path, client):
    """Issue 19: a newcomer can import a valid file without knowing any real ID."""
    from django.urls import reverse

    from agencies.scoping import scope_for
    from competencies.services.import_jobs import IMPORTERS

    settings.MEDIA_ROOT = tmp_path
    call_command("load_framework", stdout=StringIO())
    out = seed("--demo-users")
    assert "sample import files for hr" in out
    users = {u.username: u for u in get_user_model().objects.all()}
    client.force_login(users["hr"])
    page = client.get(reverse("imports:start")).content.decode()
    assert 'id="demo-samples"' in page
    for kind in ("roster", "training", "assessments"):
        response = client.get(reverse("demo:sample", args=[kind]))
        assert response.status_code == 200, kind
        data = b"".join(response)
        result = IMPORTERS[kind](
            data=data,
            filename=f"{kind}.csv",
            scope=scope_for(users["hr"]),
            actor=users["hr"],
            commit=True,
        )
        assert result.ok, (kind, result.errors)
    client.force_login(users["outsider"])
    assert (
        'id="demo-samples"' not in client.get(reverse("imports:start")).content.decode()
    )
    assert client.get(reverse("demo:sample", args=["training"])).status_code == 404
    client.force_login(users["viewer"])
    assert client.get(reverse("demo:sample", args=["training"])).status_code == 403
