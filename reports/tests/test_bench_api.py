"""Smoke test of `manage.py bench_api` on the small test data (the bench is not CI)."""

import json
from datetime import date

from django.contrib.auth.models import User
from django.core.management import call_command

from agencies.models import ApiKey
from agencies.tests.factories import PersonFactory
from reports import services


def test_bench_api_times_every_endpoint(framework, train, department_a1, capsys):
    for _ in range(3):
        train(PersonFactory(agency=department_a1), 3, date(2026, 10, 2))
    services.compliance_recompute(fy=2570)
    call_command("bench_api", "--n", "2", "--deep", "2", "--fy", "2570")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(last.removeprefix("BENCH "))
    assert result["agency"] == "MA" and result["transport"] == "in-process"
    assert set(result["endpoints"]) == {
        "persons_first_page",
        "persons_deep_page",
        "training_by_person",
        "compliance_agency",
        "compliance_national",
        "rollout",
    }
    assert all(r["p95_ms"] > 0 and r["n"] == 2 for r in result["endpoints"].values())
    assert ApiKey.objects.get(name="bench_api").revoked_at is not None
    bench_user = User.objects.get(username="bench_ocsc")
    assert not bench_user.is_active and not bench_user.roles.exists()
