"""Dashboard selectors and shapes (SPEC §7): figures, heatmap, 70/30, worklists."""

from datetime import date
from decimal import Decimal

import pytest

from agencies.scoping import AgencyScope, scope_for
from agencies.tests.factories import AgencyFactory, PersonFactory
from reports import selectors, services
from reports.dashboards import Balance, HeatCell, RolloutFilters, Worklist, pct

FY = 2570
DAY = date(2026, 10, 15)


@pytest.fixture
def world(framework, assess, train, ministry_a, department_a1, division_a1a, person_b):
    """Department A1: meets, below, not assessed, no group; one more in A1a."""
    meets = PersonFactory(agency=department_a1, target_group=6, given_name="ผ่าน")
    below = PersonFactory(agency=department_a1, target_group=6, given_name="ต่ำกว่า")
    PersonFactory(agency=department_a1, target_group=6, given_name="ยังไม่ประเมิน")
    PersonFactory(agency=department_a1, target_group=None, given_name="ไม่มีกลุ่ม")
    PersonFactory(agency=division_a1a, target_group=3, given_name="กองเอ")
    for code, level in {"DLIT": 2, "DG": 1, "DT": 1, "DS": 1}.items():
        assess(meets, code, level, DAY)
        assess(below, code, 1, DAY)
    train(meets, 7, DAY)
    train(meets, 3, DAY, horizon="future")
    train(below, 10, DAY)
    services.compliance_recompute(fy=FY)
    return {"meets": meets, "below": below}


def test_pct_rounds_half_up_and_is_none_without_people():
    assert pct(1, 3) == Decimal("33.3")
    assert pct(2, 3) == Decimal("66.7")
    assert pct(5, 0) is None


@pytest.mark.parametrize(
    ("meeting", "required", "heat"),
    [(0, 0, 0), (1, 10, 0), (2, 10, 1), (5, 10, 2), (79, 100, 3), (8, 10, 4)],
)
def test_heat_shade_follows_share_meeting(meeting, required, heat):
    assert HeatCell(target=2, required=required, meeting=meeting).heat == heat


@pytest.mark.parametrize(
    ("future", "within"), [("2", True), ("3", True), ("4", True), ("4.01", False)]
)
def test_balance_tolerance_edges(future, within):
    balance = Balance(
        hours_total=Decimal("10"),
        hours_future=Decimal(future),
        target=Decimal("0.3"),
        tolerance=Decimal("0.1"),
        balanced=0,
        headcount=1,
    )
    assert balance.within is within


def test_agency_dashboard_figures_of_the_subtree(world, department_a1, hr_officer):
    board = selectors.agency_dashboard(
        scope=scope_for(hr_officer), agency=department_a1, fy=FY, group=0
    )
    h = board.headline
    assert (h.headcount, h.assessed, h.meeting, h.balanced, h.unassigned) == (
        5,
        2,
        1,
        1,
        1,
    )
    assert h.assessed_pct == Decimal("40.0") and h.not_assessed == 2
    assert [r.group for r in board.groups] == [0, 1, 2, 3, 4, 5, 6]
    assert [p.fy for p in board.trend][0] == 2561 and board.trend[-1].row is not None
    assert board.phase is not None and board.framework is not None


def test_heatmap_cells_count_people_with_the_skill_required(world, department_a1):
    board = selectors.agency_dashboard(
        scope=AgencyScope.system(), agency=department_a1, fy=FY, group=0
    )
    dlit = next(r for r in board.heat if r.code == "DLIT")
    cell = dlit.cells[5]  # group 6
    assert (cell.target, cell.required, cell.assessed, cell.meeting) == (2, 3, 2, 1)
    assert cell.meeting_pct == Decimal("33.3") and cell.mean_level == Decimal("1.50")
    assert all(not r.cells[0].applies or r.cells[0].required == 0 for r in board.heat)


def test_balance_uses_the_framework_policy(world, department_a1):
    board = selectors.agency_dashboard(
        scope=AgencyScope.system(), agency=department_a1, fy=FY, group=6
    )
    b = board.balance
    assert (b.hours_total, b.hours_future) == (Decimal("20"), Decimal("3"))
    assert b.target_pct == Decimal("30.0") and b.tolerance_pct == Decimal("10.0")
    assert b.future_pct == Decimal("15.0") and b.within is False


def test_worklist_counts_are_exact_from_the_figures(world, department_a1):
    board = selectors.agency_dashboard(
        scope=AgencyScope.system(), agency=department_a1, fy=FY, group=0
    )
    counts = {key: count for key, _label, count, _capped in board.worklist_counts()}
    assert counts == {
        "not_assessed": 2,
        "below_target": 1,
        "no_group": 1,
        "no_training": 3,
    }


@pytest.mark.parametrize(
    ("worklist", "names"),
    [
        (Worklist.NOT_ASSESSED, {"ยังไม่ประเมิน", "กองเอ"}),
        (Worklist.BELOW_TARGET, {"ต่ำกว่า"}),
        (Worklist.NO_GROUP, {"ไม่มีกลุ่ม"}),
        (Worklist.NO_TRAINING, {"ยังไม่ประเมิน", "ไม่มีกลุ่ม", "กองเอ"}),
    ],
)
def test_worklists_list_the_right_people(
    world, department_a1, hr_officer, worklist, names
):
    people = selectors.worklist_people(
        scope=scope_for(hr_officer), agency=department_a1, fy=FY, worklist=worklist
    )
    assert {p.given_name for p in people} == names


def test_worklist_page_pairs_people_with_their_figures(world, department_a1):
    listing = selectors.worklist_page(
        scope=AgencyScope.system(),
        agency=department_a1,
        fy=FY,
        worklist=Worklist.BELOW_TARGET,
    )
    (row,) = listing.rows
    assert row.fact.gap == 1 and row.hours == Decimal("10")


def test_options_of_an_hr_officer_stay_in_the_subtree(
    world, hr_officer, ministry_a, department_a1, ministry_b
):
    options = selectors.dashboard_agency_options(
        scope=scope_for(hr_officer), selected=ministry_a
    )
    assert ministry_a in options and department_a1 in options
    assert ministry_b not in options


def test_national_options_leave_out_local_governments(world, ocsc_admin, ministry_a):
    local = AgencyFactory(code="LG1", name_th="เทศบาลหนึ่ง", kind="local_government")
    options = selectors.dashboard_agency_options(
        scope=scope_for(ocsc_admin), selected=ministry_a
    )
    assert local not in options and ministry_a in options


def test_nation_is_the_sum_of_the_roots(world, ocsc_admin):
    rows = selectors.national_trend(scope=scope_for(ocsc_admin), group=0)
    now = next(r for r in rows if r.fy == FY)
    assert now.headcount == 6 and now.assessed == 2  # ministry A 5 + ministry B 1


def test_not_started_and_furthest_behind(world, ocsc_admin, ministry_b, ministry_a):
    scope = scope_for(ocsc_admin)
    idle = selectors.not_started(scope=scope, fy=FY, level=0)
    assert [f.agency for f in idle] == [ministry_b]
    behind = selectors.furthest_behind(
        scope=scope, fy=FY, group=0, min_headcount=1, level=0
    )
    assert [f.agency for f in behind] == [ministry_b, ministry_a]


def test_drill_down_narrows_the_lists_to_the_subtree(
    world, ocsc_admin, ministry_b, department_b1
):
    scope = scope_for(ocsc_admin)
    idle = selectors.not_started(scope=scope, fy=FY, within=ministry_b)
    assert [f.agency for f in idle] == [department_b1]
    behind = selectors.furthest_behind(
        scope=scope, fy=FY, group=0, min_headcount=1, within=ministry_b
    )
    assert [f.agency for f in behind] == [department_b1]


def test_rollout_dashboard_drills_down_to_children(
    world, ocsc_admin, ministry_a, department_a1
):
    filters = RolloutFilters(fy=FY, parent=ministry_a)
    board = selectors.rollout_dashboard(scope=scope_for(ocsc_admin), filters=filters)
    assert [r.agency for r in board.rows] == [department_a1]
    assert board.rows[0].has_children and board.kinds == []
    assert [a.pk for a in board.trail] == [ministry_a.pk]


def test_rollout_by_kind_lists_roots_of_that_kind(world, ocsc_admin):
    board = selectors.rollout_dashboard(
        scope=scope_for(ocsc_admin), filters=RolloutFilters(fy=FY)
    )
    assert {k.kind for k in board.kinds} == {"ministry"}
    assert {r.agency.code for r in board.rows} == {"MA", "MB"}
    assert board.phase is not None and board.national.headcount == 6


def test_dashboards_read_a_fixed_number_of_queries(
    world, department_a1, ocsc_admin, django_assert_max_num_queries
):
    scope = scope_for(ocsc_admin)
    with django_assert_max_num_queries(11):
        selectors.agency_dashboard(scope=scope, agency=department_a1, fy=FY, group=0)
    with django_assert_max_num_queries(11):
        selectors.rollout_dashboard(scope=scope, filters=RolloutFilters(fy=FY))


def test_worklist_keyset_walks_every_person_once(world, ministry_a, hr_officer):
    scope, seen, after = scope_for(hr_officer), [], None
    while True:
        listing = selectors.worklist_page(
            scope=scope,
            agency=ministry_a,
            fy=FY,
            worklist=Worklist.NO_TRAINING,
            after=after,
            size=2,
        )
        seen += [r.person.given_name for r in listing.rows]
        after = listing.next_after
        if after is None:
            break
    assert sorted(seen) == sorted({"ยังไม่ประเมิน", "ไม่มีกลุ่ม", "กองเอ"})
    assert len(seen) == listing.count == 3
