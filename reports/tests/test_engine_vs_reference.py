"""The engine against the naive reference on many random datasets (hypothesis).

Datasets cover: versions valid on the as-of date, transfers across ministries,
departures, people who join after the FY, unassigned groups, targets of 0,
same-date assessments with different methods, pending and rejected records,
training on 30 Sep and 1 Oct, the current FY's as-of date being today, phase
scope by category and by the root agency's kind, and framework versions by FY.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agencies.models import PersonVersion
from agencies.tests.factories import AgencyFactory, PersonFactory
from competencies.models import Assessment, Framework, TargetLevel, TrainingRecord
from reports import services
from reports.models import ComplianceFigure, SkillFigure
from reports.tests.reference import agency_figures

TODAY = date(2026, 11, 25)
CODES = ["DLIT", "DG", "DT", "DS", "SPM", "DL", "DTR"]
CATEGORIES = ["civil_ordinary", "civil_teacher", "state_agency_staff", "military"]
KEY_DATES = [
    date(2012, 10, 1),  # history before the guideline (SPEC §6): FY 2556
    date(2017, 9, 30),
    date(2017, 10, 1),
    date(2018, 9, 30),
    date(2018, 10, 1),
    date(2020, 9, 30),
    date(2020, 10, 1),
    date(2025, 9, 30),
    date(2025, 10, 1),
    date(2026, 11, 25),
    date(2026, 11, 26),
    date(2027, 1, 1),
]
dates = st.one_of(
    st.sampled_from(KEY_DATES),
    st.dates(min_value=date(2012, 6, 1), max_value=date(2027, 3, 1)),
)


def _tree():
    ministry = AgencyFactory(code="M1", name_th="กระทรวงหนึ่ง", kind="ministry")
    other = AgencyFactory(code="M2", name_th="กระทรวงสอง", kind="ministry")
    local = AgencyFactory(code="L1", name_th="เทศบาล", kind="local_government")
    return [
        ministry,
        AgencyFactory(code="M1-D1", name_th="กรม", parent=ministry),
        AgencyFactory(code="M1-D1-V1", name_th="กอง", parent=ministry.children.get()),
        other,
        local,
        AgencyFactory(code="L1-V1", name_th="กองช่าง", parent=local, kind="division"),
    ]


@st.composite
def person_plans(draw):
    versions = draw(
        st.lists(
            st.tuples(
                dates,
                st.integers(0, 5),
                st.sampled_from(CATEGORIES),
                st.one_of(st.none(), st.integers(1, 6)),
                st.sampled_from(["active", "active", "left"]),
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda v: v[0],
        )
    )
    # Several methods on one (skill, date) exercise the same-date precedence rule.
    assessments = draw(
        st.lists(
            st.tuples(
                st.sampled_from(CODES),
                dates,
                st.booleans(),  # against the second framework's skill area
                st.lists(
                    st.tuples(
                        st.sampled_from(["self", "supervisor", "test", "certificate"]),
                        st.integers(0, 4),
                        st.sampled_from(
                            ["verified", "verified", "pending", "rejected"]
                        ),
                    ),
                    min_size=1,
                    max_size=3,
                    unique_by=lambda m: m[0],
                ),
            ),
            max_size=8,
            unique_by=lambda a: (a[0], a[1], a[2]),
        )
    )
    training = draw(
        st.lists(
            st.tuples(
                dates,
                st.decimals(Decimal("0.25"), Decimal("40"), places=2),
                st.sampled_from(["current", "future"]),
                st.sampled_from(["verified", "verified", "pending", "rejected"]),
            ),
            max_size=5,
        )
    )
    return versions, assessments, training


def _build(plans, agencies, frameworks):
    for versions, assessments, training in plans:
        first, *rest = sorted(versions)
        person = PersonFactory(
            agency=agencies[first[1]],
            effective_date=first[0],
            category=first[2],
            target_group=first[3],
            status=first[4],
        )
        for day, agency, category, group, status in rest:
            PersonVersion.objects.create(
                person=person,
                effective_date=day,
                agency=agencies[agency],
                category=category,
                target_group=group,
                status=status,
            )
        for code, day, second, methods in assessments:
            skill = frameworks[second].skill_areas.get(code=code)
            for method, level, status in methods:
                Assessment.objects.create(
                    person=person,
                    skill_area=skill,
                    level=level,
                    assessed_on=day,
                    method=method,
                    status=status,
                )
        for n, (day, hours, horizon, status) in enumerate(training):
            TrainingRecord.objects.create(
                person=person,
                title=f"t{n}",
                completed_on=day,
                hours=hours,
                horizon=horizon,
                status=status,
            )


def _engine_figures(fy):
    figures = {}
    for f in ComplianceFigure.objects.filter(fy=fy).select_related("agency"):
        figures[(f.agency.code, f.target_group)] = {
            "headcount": f.headcount,
            "assessed": f.assessed,
            "meeting_targets": f.meeting_targets,
            "balanced": f.balanced,
            "unassigned_group": f.unassigned_group,
            "hours_total": f.hours_total,
            "hours_future": f.hours_future,
            "mean_gap": f.mean_gap,
            "skills": {},
        }
    for s in SkillFigure.objects.filter(fy=fy).select_related("agency"):
        figures[(s.agency.code, s.target_group)]["skills"][s.skill_code] = (
            s.required,
            s.assessed,
            s.meeting,
            s.level_sum,
        )
    return figures


@pytest.fixture
def world(db):
    call_command("load_framework")
    first = Framework.objects.get()
    second = Framework.objects.create(
        code="v2568",
        name_th="กรอบปี 2568",
        effective_from_fy=2568,
        future_share_target=Decimal("0.25"),
        future_share_tolerance=Decimal("0.05"),
    )
    for skill in first.skill_areas.all():
        new = second.skill_areas.create(code=skill.code, name_th=skill.name_th)
        for target in TargetLevel.objects.filter(skill_area=skill):
            # group 6 requires nothing under the second framework: targets of 0
            level = 0 if target.target_group == 6 else min(4, target.level + 1)
            second.targets.create(
                target_group=target.target_group, skill_area=new, level=level
            )
    return _tree(), [first, second]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plans=st.lists(person_plans(), min_size=1, max_size=6),
    fy=st.sampled_from([2561, 2562, 2563, 2564, 2567, 2568, 2569, 2570]),
)
def test_engine_matches_reference(world, plans, fy):
    agencies, frameworks = world
    with transaction.atomic():
        _build(plans, agencies, frameworks)
        services.compliance_recompute(fy=fy, today=TODAY)
        assert _engine_figures(fy) == agency_figures(fy, TODAY)
        transaction.set_rollback(True)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plans=st.lists(person_plans(), min_size=2, max_size=5),
    changes=st.lists(person_plans(), min_size=1, max_size=2),
)
def test_incremental_refresh_matches_reference(world, plans, changes):
    agencies, frameworks = world
    with transaction.atomic():
        _build(plans, agencies, frameworks)
        for fy in (2569, 2570):
            services.compliance_recompute(fy=fy, today=TODAY)
        # Every change below goes through model saves; signals mark people stale.
        _build(changes, agencies, frameworks)
        mover = PersonVersion.objects.order_by("pk").first()
        PersonVersion.objects.create(
            person=mover.person,
            effective_date=date(2026, 10, 15),
            agency=agencies[3],
            category="civil_ordinary",
            target_group=3,
        )
        for record in TrainingRecord.objects.filter(status="pending"):
            record.status = "verified"
            record.completed_on = record.completed_on + timedelta(days=200)
            record.save()
        for assessment in Assessment.objects.filter(status="verified")[:2]:
            assessment.delete()
        services.compliance_refresh_marked(today=TODAY)
        for fy in (2569, 2570):
            assert _engine_figures(fy) == agency_figures(fy, TODAY)
        transaction.set_rollback(True)
