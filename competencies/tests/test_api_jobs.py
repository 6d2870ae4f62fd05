"""API of import jobs: the same visibility as the import pages (SPEC §8, §9)."""

import pytest

from competencies.models import ImportJob
from competencies.tests.clients import as_user, with_key

JOBS = "/api/v1/jobs/imports/"


@pytest.fixture
def jobs(hr_officer, outsider_hr, ministry_a, ministry_b):
    mine = ImportJob.objects.create(
        kind="training",
        original_name="a.csv",
        created_by=hr_officer,
        agency=ministry_a,
        status="failed",
        progress=100,
        errors=[{"row": 2}, {"row": 5}, {"row": 9}],
    )
    theirs = ImportJob.objects.create(
        kind="roster",
        original_name="b.csv",
        created_by=outsider_hr,
        agency=ministry_b,
        status="done",
        progress=100,
        counts={"new": 4, "updated": 1, "unchanged": 0},
    )
    return mine, theirs


def test_hr_sees_own_jobs_with_their_state(jobs, hr_officer):
    mine, _theirs = jobs
    rows = as_user(hr_officer).get(JOBS).json()["results"]
    assert rows == [
        {
            "id": mine.pk,
            "kind": "training",
            "status": "failed",
            "running": False,
            "progress": 100,
            "counts": {},
            "error_count": 3,
            "original_name": "a.csv",
            "agency": "MA",
            "created_by": "hr_a",
            "created_at": rows[0]["created_at"],
            "finished_at": None,
        }
    ]


def test_another_officers_job_is_404(jobs, hr_officer):
    _mine, theirs = jobs
    response = as_user(hr_officer).get(f"{JOBS}{theirs.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_ocsc_sees_every_job_newest_first(jobs, ocsc_admin):
    mine, theirs = jobs
    rows = as_user(ocsc_admin).get(JOBS).json()["results"]
    assert [r["id"] for r in rows] == [theirs.pk, mine.pk]
    detail = as_user(ocsc_admin).get(f"{JOBS}{theirs.pk}/").json()
    assert detail["counts"] == {"new": 4, "updated": 1, "unchanged": 0}
    assert detail["error_count"] == 0


def test_filters_by_status(jobs, ocsc_admin):
    rows = as_user(ocsc_admin).get(JOBS, {"status": "done"}).json()["results"]
    assert [r["original_name"] for r in rows] == ["b.csv"]


@pytest.mark.parametrize("who", ["viewer", "civil_servant"])
def test_people_who_cannot_import_get_403(jobs, request, who):
    user = request.getfixturevalue(who)
    response = as_user(user).get(JOBS)
    assert response.status_code == 403


def test_keys_own_no_jobs(jobs, ministry_a):
    assert with_key(ministry_a).get(JOBS).status_code == 403
    writer = with_key(ministry_a, can_write=True)
    assert writer.get(JOBS).json()["results"] == []
    assert writer.get(f"{JOBS}{jobs[0].pk}/").status_code == 404


def test_jobs_are_read_only(jobs, hr_officer):
    response = as_user(hr_officer).post(JOBS, {}, format="json")
    assert response.status_code == 405


def test_list_queries_stay_flat(jobs, ocsc_admin, django_assert_max_num_queries):
    client = as_user(ocsc_admin)
    with django_assert_max_num_queries(8):
        client.get(JOBS)
