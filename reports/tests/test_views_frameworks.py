"""Framework versions in the browser (SPEC §4): start, edit the grid, preview,
publish (recompute jobs); published versions are never rewritten."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.tests.factories import PersonFactory
from competencies.models import Assessment, Framework, SkillArea, TargetLevel
from reports import services
from reports.models import ComplianceRun

LIST = reverse("reports:framework-list")


def detail(f):
    return reverse("reports:framework-detail", args=[f.pk])


@pytest.fixture
def admin(client, ocsc_admin, department_a1):
    call_command("load_framework")
    client.force_login(ocsc_admin)
    return ocsc_admin


def start(client, fy=2570, code="ocsc-2570"):
    return client.post(LIST, {"fy": fy, "code": code, "name_th": "กรอบ 2570"})


def grid(framework, **changes):
    data = {
        "future_share_target": "0.3",
        "future_share_tolerance": "0.1",
    }
    for t in framework.targets.select_related("skill_area"):
        data[f"t_{t.target_group}_{t.skill_area.code}"] = t.level
    return {**data, **changes}


def test_ocsc_starts_a_draft_copied_from_the_version_in_force(client, admin):
    response = start(client)
    draft = Framework.objects.get(code="ocsc-2570")
    assert response.url == detail(draft)
    assert draft.is_draft and draft.targets.count() == 42
    assert Framework.objects.for_fiscal_year(2570).code == "ocsc-digital-2017"


def test_the_grid_saves_targets_and_policy(client, admin):
    start(client)
    draft = Framework.objects.get(code="ocsc-2570")
    response = client.post(
        detail(draft), grid(draft, t_3_DS=4, future_share_target="0.4")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (
        TargetLevel.objects.get(
            framework=draft, target_group=3, skill_area__code="DS"
        ).level
        == 4
    )
    assert str(draft.future_share_target) == "0.400"


@pytest.mark.parametrize(("field", "value"), [("t_1_DLIT", "9"), ("t_2_DS", "")])
def test_a_bad_grid_writes_nothing(client, admin, field, value):
    start(client)
    draft = Framework.objects.get(code="ocsc-2570")
    before = list(draft.targets.order_by("pk").values_list("level", flat=True))
    response = client.post(detail(draft), grid(draft, **{field: value}))
    assert response.status_code == 200 and response.context["form"].errors
    assert list(draft.targets.order_by("pk").values_list("level", flat=True)) == before


def test_the_preview_counts_who_would_newly_meet_or_miss(client, admin, department_a1):
    person = PersonFactory(agency=department_a1, target_group=6)
    for skill in SkillArea.objects.filter(framework__code="ocsc-digital-2017"):
        Assessment.objects.create(
            person=person, skill_area=skill, level=2, assessed_on=date(2026, 10, 5),
            method="test", status="verified",
        )  # fmt: skip
    services.compliance_recompute(fy=2570, today=date(2026, 11, 25))
    start(client)
    draft = Framework.objects.get(code="ocsc-2570")
    raised = {f"t_6_{c}": 4 for c in draft.skill_codes()}
    client.post(detail(draft), grid(draft, **raised))
    preview = client.get(detail(draft), {"preview": "1"}).context["preview"]
    assert preview.fy == 2570
    national = preview.national
    assert national.before - national.newly_miss + national.newly_meet == national.after
    assert national.newly_miss == 1


def test_publishing_queues_the_recompute_and_locks_the_version(
    client, admin, django_capture_on_commit_callbacks
):
    start(client, fy=2569, code="ocsc-2569")
    draft = Framework.objects.get(code="ocsc-2569")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:framework-publish", args=[draft.pk]))
    assert response.url == reverse("reports:run-list")
    draft.refresh_from_db()
    assert not draft.is_draft
    assert Framework.objects.for_fiscal_year(2569) == draft
    assert set(ComplianceRun.objects.values_list("fy", flat=True)) >= {2569}
    response = client.post(detail(draft), grid(draft, t_1_DLIT=0))
    assert (
        TargetLevel.objects.get(
            framework=draft, target_group=1, skill_area__code="DLIT"
        ).level
        != 0
    )


def test_only_ocsc(client, hr_officer, admin):
    client.force_login(hr_officer)
    assert client.get(LIST).status_code == 403


def test_the_preview_counts_each_direction_by_ministry(
    client, admin, department_a1, department_b1
):
    """Raising group 6 to 4 fails the level-2 person, keeps the level-4 one;
    dropping group 5's targets to 0 lets the unassessed person meet."""
    levels = {(department_a1, 6): 2, (department_a1, 5): None, (department_b1, 6): 4}
    for (agency, group), level in levels.items():
        person = PersonFactory(agency=agency, target_group=group)
        for skill in SkillArea.objects.filter(framework__code="ocsc-digital-2017"):
            if level is not None:
                Assessment.objects.create(
                    person=person, skill_area=skill, level=level,
                    assessed_on=date(2026, 10, 5), method="test", status="verified",
                )  # fmt: skip
    services.compliance_recompute(fy=2570, today=date(2026, 11, 25))
    start(client)
    draft = Framework.objects.get(code="ocsc-2570")
    changes = {f"t_6_{c}": 4 for c in draft.skill_codes()}
    changes |= {f"t_5_{c}": 0 for c in draft.skill_codes()}
    client.post(detail(draft), grid(draft, **changes))
    preview = client.get(detail(draft), {"preview": "1"}).context["preview"]
    national = preview.national
    assert (national.headcount, national.before, national.after) == (3, 2, 2)
    assert (national.newly_meet, national.newly_miss) == (1, 1)
    by_name = {m.name: m for m in preview.ministries}
    a = by_name[department_a1.parent.name_th]
    b = by_name[department_b1.parent.name_th]
    assert (a.headcount, a.newly_meet, a.newly_miss) == (2, 1, 1)
    assert (b.headcount, b.before, b.after) == (1, 1, 1)
