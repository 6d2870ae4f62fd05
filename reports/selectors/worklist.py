"""The people behind a figure: worklists, paged by keyset (SPEC §7, §10)."""

from __future__ import annotations

from django.db.models import (
    Q,
    QuerySet,
)

from agencies import scoping
from agencies.models import Agency, Person, PersonQuerySet
from agencies.scoping import AgencyScope
from agencies.selectors import (
    COUNT_CAP,
    roster,
)

from ..dashboards import (
    WORKLIST_FILTERS,
    WorklistPage,
    WorklistRow,
)
from ..models import (
    ALL_GROUPS,
    PersonYearFigure,
)


def worklist_facts(
    *, scope: AgencyScope, agency: Agency, fy: int, worklist: str, group: int = 0
) -> QuerySet[PersonYearFigure]:
    """Figures of the people of `agency`'s subtree on one worklist (SPEC §7).

    Only people the scope may read today: someone who has since moved out of
    the subtree is counted in the figures but not listed (SPEC §8).
    """
    facts = PersonYearFigure.objects.filter(
        WORKLIST_FILTERS[worklist], scoping.within("agency", agency), fy=fy
    )
    if group != ALL_GROUPS:
        facts = facts.filter(target_group=group)
    if not scope.national:
        facts = facts.filter(
            scope.agency_q("person__current_agency") | Q(person_id=scope.person_id or 0)
        )
    return facts


def worklist_people(
    *, scope: AgencyScope, agency: Agency, fy: int, worklist: str, group: int = 0
) -> PersonQuerySet:
    """The people of one worklist (for exports; the page reads `worklist_page`)."""
    facts = worklist_facts(
        scope=scope, agency=agency, fy=fy, worklist=worklist, group=group
    )
    return roster(scope=scope).filter(pk__in=facts.values("person_id"))


def facts_of(*, fy: int, people: list[Person]) -> dict[int, PersonYearFigure]:
    """Each listed person's figures of FY `fy`, with the agency of that year."""
    facts = PersonYearFigure.objects.filter(
        fy=fy, person_id__in=[p.pk for p in people]
    ).select_related("agency")
    return {f.person_id: f for f in facts}


_WORKLIST_ORDER = (
    "agency_id",
    "person__family_name",
    "person__given_name",
    "person_id",
)


def worklist_page(
    *,
    scope: AgencyScope,
    agency: Agency,
    fy: int,
    worklist: str,
    group: int = 0,
    after: int | None = None,
    size: int = 50,
) -> WorklistPage:
    """One page of a worklist: by agency, then name; keyset, never OFFSET.

    The (fy, agency) index serves the agency order and each agency's people are
    sorted alone (incremental sort), so a page costs milliseconds even for a
    ministry of 100,000 people (SPEC §10). The count stops at COUNT_CAP.
    """
    facts = worklist_facts(
        scope=scope, agency=agency, fy=fy, worklist=worklist, group=group
    )
    # Counted from the subtree's figures, like the dashboard's numbers: the
    # scope reads the whole subtree, and the join behind `facts` costs 5×.
    counted = worklist_facts(
        scope=AgencyScope.system(), agency=agency, fy=fy, worklist=worklist, group=group
    )
    count = counted.order_by()[: COUNT_CAP + 1].count()
    bound = None
    if after is not None:
        bound = facts.filter(person_id=after).values_list(*_WORKLIST_ORDER).first()
    page = facts if bound is None else facts.filter(_after(bound))
    rows = list(
        page.select_related("person", "agency").order_by(*_WORKLIST_ORDER)[: size + 1]
    )
    more = len(rows) > size
    rows = rows[:size]
    return WorklistPage(
        rows=[WorklistRow(f.person, f) for f in rows],
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        next_after=rows[-1].person_id if more else None,
        first=bound is None,
    )


def _after(bound: tuple[int, str, str, int]) -> Q:
    """Rows after `bound` in (agency, family name, given name, id) order."""
    agency_id, family, given, pk = bound
    same_agency = (
        Q(person__family_name__gt=family)
        | Q(person__family_name=family, person__given_name__gt=given)
        | Q(person__family_name=family, person__given_name=given, person_id__gt=pk)
    )
    return Q(agency_id__gt=agency_id) | (Q(agency_id=agency_id) & same_agency)


# --- rollout (SPEC §5, §7): the nation, by phase, by ministry, furthest behind ---
