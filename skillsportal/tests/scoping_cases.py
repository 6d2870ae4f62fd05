"""The scope-leak battery's world and its cases: what the outsider must get per URL.

Add a case here for every new named URL (`test_scoping.test_every_url_has_a_case`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from agencies.tests.factories import new_national_id
from competencies.models import (
    DevelopmentPlan,
    Notification,
)

from .scoping_world import (
    SECRET_FAMILY,
    SECRET_NAME,
    SECRET_TITLE,
    World,
)

W = Callable[[World], Any]


@dataclass(frozen=True)
class Case:
    """What the outsider gets from one URL.

    expect: "404" (foreign object), "page" (200 or a redirect, none of A's data),
    "405" (method not allowed before any lookup), "staff-only" (admin login).
    """

    expect: str
    args: W = lambda w: []  # noqa: E731
    methods: tuple[str, ...] = ("get",)
    data: W = lambda w: {}  # noqa: E731
    queries: tuple[dict[str, Any], ...] = ({},)
    check: Callable[[Any, World], bool] | None = None
    ok: frozenset[int] = frozenset({200, 302, 429})
    api: bool = False  # anonymous callers get 401/403, not the sign-in page
    why: str = ""


PAGE_OR_DENIED = frozenset({200, 302, 403})


def _person(w: World) -> list[int]:
    return [w.person.pk]


def _roster_count(response: Any, w: World) -> bool:
    # The outsider can see exactly one person (Ministry B's): no filter may add any.
    page = response.context["page"]
    return page.count <= 1 and all(p.pk != w.person.pk for p in page.people)


def _plan_item(w: World) -> list[int]:
    """An activity in the plan of Ministry A's person (created on first use)."""
    plan, _ = DevelopmentPlan.objects.get_or_create(person=w.person, fiscal_year=2570)
    item = plan.items.first() or plan.items.create(
        title=SECRET_TITLE, target_date=date(2027, 1, 1)
    )
    return [item.pk]


def _note(w: World) -> list[int]:
    """A notification of Ministry A's civil servant."""
    user = w.pending.person.user
    note = Notification.objects.filter(user=user).first()
    note = note or Notification.objects.create(
        user=user, kind="plan_comment", title=SECRET_TITLE, link="/me/plan/"
    )
    return [note.pk]


def _planned_person(w: World) -> list[int]:
    _plan_item(w)
    return [w.person.pk]


NO_PERSON = frozenset({403})  # self-service pages: the outsider has no Person

CASES: dict[str, Case] = {
    # --- site and auth
    "home": Case(
        "page", check=lambda r, w: r.context["person_count"] == 1, why="counts"
    ),
    "healthz": Case("page", why="no data"),
    "login": Case("page", why="public"),
    "logout": Case("page", methods=("post",), why="ends own session only"),
    "password_change": Case("page", why="own account"),
    "password_change_done": Case("page", why="own account"),
    "password_reset": Case(
        "page", methods=("get", "post"), data=lambda w: {"email": "x@y.th"}
    ),
    "password_reset_done": Case("page", why="static"),
    "password_reset_confirm": Case("page", args=lambda w: ["MQ", "set-password"]),
    "password_reset_complete": Case("page", why="static"),
    "set_language": Case("page", methods=("post",), data=lambda w: {"language": "th"}),
    # --- two-step sign-in (issue 9): no ids, the signed-in user's own device only
    "mfa:enrol": Case(
        "page", methods=("get", "post"), data=lambda w: {"code": "000000"}, why="own"
    ),
    "mfa:verify": Case(
        "page", methods=("get", "post"), data=lambda w: {"code": "000000"}, why="own"
    ),
    # --- PDPA pages: fixed text and settings, no data
    "privacy-notice": Case("page", why="public notice"),
    "processing-record": Case("page", why="section 39 record, no personal data"),
    # --- agency tree
    "agencies:agency-list": Case(
        "page", queries=({}, {"q": "MA"}, {"q": "กระทรวง"}, {"kind": "ministry"})
    ),
    "agencies:agency-detail": Case("404", args=lambda w: [w.agency_pk]),
    # --- people (roster, search by name/ID, filters, counts)
    "competencies:person-list": Case(
        "page",
        queries=(
            {},
            {"q": SECRET_NAME},
            {"q": f"{SECRET_NAME} {SECRET_FAMILY}"},
            {"agency": "AGENCY"},
            {"group": "none"},
            {"status": "active"},
            {"not_assessed": "on"},
            {"after": "PERSON"},
            {"before": "PERSON"},
        ),
        check=_roster_count,
    ),
    "competencies:person-search-id": Case(
        "page", methods=("post",), data=lambda w: {"national_id": w.national_id}
    ),
    "competencies:person-create": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {
            "national_id": new_national_id(),
            "given_name": "x",
            "family_name": "y",
            "effective_date": "1/1/2569",
            "agency": w.agency_pk,
            "category": "civil_ordinary",
            "status": "active",
        },
    ),
    "competencies:person-assign-groups": Case(
        "page",
        methods=("post",),
        data=lambda w: {
            "people": [w.person.pk],
            "group": "1",
            "effective_date": "1/1/2569",
        },
    ),
    "competencies:person-detail": Case("404", args=_person),
    "competencies:person-edit": Case("404", args=_person, methods=("get", "post")),
    "competencies:training-record-create": Case(
        "404", args=_person, methods=("get", "post")
    ),
    "competencies:assessment-create": Case(
        "404", args=_person, methods=("get", "post")
    ),
    "competencies:training-record-evidence": Case("404", args=lambda w: [w.record.pk]),
    # --- the course catalogue: Ministry A's own courses are not B's to see
    "competencies:course-list": Case(
        "page",
        queries=({}, {"q": "A-SECRET"}, {"owner": "agency"}, {"after": "COURSE"}),
    ),
    "competencies:course-create": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {
            "owner": w.agency_pk,
            "code": "TAKEN",
            "title": "x",
            "horizon": "current",
        },
    ),
    "competencies:event-list": Case(
        "page", check=lambda r, w: all(e.pk != w.event_pk for e in r.context["events"])
    ),
    "competencies:event-create": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {
            "agency": w.agency_pk,
            "title": "x",
            "completed_on": "1/1/2569",
            "hours": "1",
            "horizon": "current",
        },
    ),
    "competencies:event-detail": Case("404", args=lambda w: [w.event_pk]),
    "competencies:event-edit": Case(
        "404",
        args=lambda w: [w.event_pk],
        methods=("get", "post"),
        data=lambda w: {"title": "x", "completed_on": "1/1/2569", "hours": "9"},
    ),
    "competencies:event-attendees": Case(
        "404",
        args=lambda w: [w.event_pk],
        methods=("post",),
        data=lambda w: {"national_ids": w.national_id},
    ),
    "competencies:event-attendee-remove": Case(
        "404", args=lambda w: [w.event_pk, w.record.pk], methods=("get", "post")
    ),
    "competencies:course-edit": Case(
        "404",
        args=lambda w: [w.course_pk],
        methods=("get", "post"),
        data=lambda w: {"code": "A-SECRET", "title": "x", "horizon": "current"},
    ),
    # --- transfers between agencies: A's request and A's person are 404; a
    # request of the outsider's own for A's person shows nothing of that person
    "competencies:transfer-list": Case(
        "page",
        check=lambda r, w: not r.context["incoming"] and not r.context["outgoing"],
    ),
    "competencies:transfer-request-create": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {
            "national_id": w.national_id,
            "agency": w.b_agency_pk,
            "effective_date": "1/12/2569",
        },
    ),
    "competencies:transfer-detail": Case("404", args=lambda w: [w.transfer_pk]),
    "competencies:transfer-accept": Case(
        "404", args=lambda w: [w.transfer_pk], methods=("post",)
    ),
    "competencies:transfer-decline": Case(
        "404",
        args=lambda w: [w.transfer_pk],
        methods=("get", "post"),
        data=lambda w: {"reason": "x"},
    ),
    "competencies:transfer-cancel": Case(
        "404", args=lambda w: [w.transfer_pk], methods=("post",)
    ),
    "competencies:person-transfer-out": Case(
        "404",
        args=_person,
        methods=("get", "post"),
        data=lambda w: {"agency": "MB", "effective_date": "1/12/2569"},
    ),
    # --- verification
    "competencies:verification-queue": Case(
        "page",
        queries=(
            {},
            {"kind": "assessment"},
            {"agency": "AGENCY"},
            {"person": SECRET_NAME[:3]},
        ),
        check=lambda r, w: (
            r.context["queue"].items == []
            and set(r.context["queue"].counts.values()) == {0}
        ),
    ),
    "competencies:verification-decide": Case(
        "page",
        methods=("post",),
        data=lambda w: {
            "kind": "training",
            "items": [w.pending.pk],
            "decision": "reject",
            "reason": "x",
            "confirm": "1",
        },
        why="another scope's items are left out, never named",
    ),
    "competencies:training-record-verify": Case(
        "404", args=lambda w: [w.pending.pk], methods=("post",)
    ),
    "competencies:training-record-reject": Case(
        "404",
        args=lambda w: [w.pending.pk],
        methods=("get", "post"),
        data=lambda w: {"reason": "x"},
    ),
    "competencies:assessment-verify": Case(
        "404", args=lambda w: [w.assessment.pk], methods=("post",)
    ),
    "competencies:assessment-reject": Case(
        "404",
        args=lambda w: [w.assessment.pk],
        methods=("get", "post"),
        data=lambda w: {"reason": "x"},
    ),
    "demo:sample": Case("404", args=lambda w: ["training"], why="demo only"),
    # --- imports (another HR officer's job)
    "imports:start": Case("page"),
    "imports:template": Case("page", args=lambda w: ["roster"], why="no data"),
    "imports:job-detail": Case("404", args=lambda w: [w.job.pk]),
    "imports:job-progress": Case("404", args=lambda w: [w.job.pk]),
    "imports:job-confirm": Case("404", args=lambda w: [w.job.pk], methods=("post",)),
    "imports:job-errors": Case("404", args=lambda w: [w.job.pk]),
    # --- reports (dashboards read precomputed figures; exports are one's own)
    "reports:agency-dashboard": Case(
        "page", queries=({}, {"agency": "AGENCY"}), ok=PAGE_OR_DENIED | {404}
    ),
    "reports:worklist": Case(
        "page", queries=({}, {"agency": "AGENCY"}), ok=PAGE_OR_DENIED | {404}
    ),
    "reports:rollout-dashboard": Case("page", ok=PAGE_OR_DENIED),
    "reports:run-list": Case("page", ok=PAGE_OR_DENIED, why="OCSC only"),
    "reports:framework-list": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {"fy": 2575, "code": "x", "name_th": "x"},
        ok=frozenset({403}),
        why="OCSC only",
    ),
    "reports:framework-detail": Case(
        "page", args=lambda w: [1], methods=("get", "post"), ok=frozenset({403})
    ),
    "reports:framework-publish": Case(
        "page", args=lambda w: [1], methods=("post",), ok=frozenset({403})
    ),
    "reports:export-list": Case("page", ok=PAGE_OR_DENIED),
    "reports:export-create": Case(
        "page",
        methods=("post",),
        data=lambda w: {
            "table": "children",
            "fmt": "csv",
            "fy": 2570,
            "agency": w.agency_pk,
        },
        ok=PAGE_OR_DENIED | {400, 404},
        why="an export of Ministry A's agency must hold none of its data",
    ),
    "reports:export-detail": Case("404", args=lambda w: [w.export_pk]),
    "reports:export-progress": Case("404", args=lambda w: [w.export_pk]),
    "reports:export-download": Case("404", args=lambda w: [w.export_pk]),
    "reports:schedule-list": Case("page", ok=PAGE_OR_DENIED, why="OCSC only"),
    "reports:schedule-create": Case("page", ok=PAGE_OR_DENIED, why="OCSC only"),
    "reports:schedule-edit": Case(
        "page", args=lambda w: [w.schedule_pk], ok=frozenset({403, 404})
    ),
    "reports:schedule-delete": Case(
        "page",
        args=lambda w: [w.schedule_pk],
        methods=("post",),
        ok=frozenset({403, 404, 405}),
    ),
    "reports:schedule-send": Case(
        "page",
        args=lambda w: [w.schedule_pk],
        methods=("post",),
        ok=frozenset({403, 404, 405}),
    ),
    # --- self-service (/me/): own records only; other people's ids are 404
    "me:skills": Case("page", ok=NO_PERSON, queries=({}, {"fy": "2570"})),
    "me:training-create": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {"title": "x", "completed_on": "1/11/2569", "hours": "1"},
        ok=NO_PERSON,
    ),
    "me:assessment-create": Case("page", methods=("get", "post"), ok=NO_PERSON),
    "me:plan": Case("page", ok=NO_PERSON),
    "me:plan-item-add": Case("page", methods=("get", "post"), ok=NO_PERSON),
    "me:plan-course-add": Case(
        "page", args=lambda w: [0], methods=("post",), ok=NO_PERSON
    ),
    "me:plan-item-done": Case(
        "page", args=_plan_item, methods=("get", "post"), ok=NO_PERSON
    ),
    "me:plan-item-cancel": Case(
        "page", args=_plan_item, methods=("post",), ok=NO_PERSON
    ),
    "me:team-plans": Case(
        "page",
        queries=({}, {"fy": "2570"}, {"after": "0"}),
        check=lambda r, w: not r.context["plans"],
    ),
    "me:person-plan": Case("404", args=_planned_person, queries=({}, {"fy": "2570"})),
    "me:plan-comment": Case(
        "404",
        args=_planned_person,
        methods=("post",),
        data=lambda w: {"fy": 2570, "body": "x"},
    ),
    "me:notification-list": Case(
        "page", check=lambda r, w: not r.context["page"].object_list, why="own"
    ),
    "me:notification-read": Case("404", args=_note, methods=("post",)),
    "me:notifications-read-all": Case(
        "page",
        args=lambda w: (_note(w), [])[1],  # A's unread notification must stay unread
        methods=("post",),
        why="marks own notifications only",
    ),
    "me:notification-settings": Case(
        "page",
        methods=("get", "post"),
        data=lambda w: {"email_enabled": "on"},
        why="own preference",
    ),
    "me:data": Case("page", ok=NO_PERSON),
    "me:data-json": Case("page", ok=NO_PERSON),
    "me:data-pdf": Case("page", ok=NO_PERSON),
    # --- API (session-authenticated outsider; JSON bodies are checked the same)
    "agency-list": Case("page", api=True),
    "agency-detail": Case("404", args=lambda w: [w.agency_pk], api=True),
    "person-list": Case(
        "page",
        api=True,
        queries=({}, {"agency": "AGENCY"}, {"search": SECRET_NAME}),
    ),
    "person-detail": Case("404", args=_person, api=True),
    "person-search": Case(
        "page",
        methods=("post",),
        data=lambda w: {"national_id": w.national_id},
        ok=frozenset({200, 403, 404}),
        api=True,
        why="API keys with the search right only; never a match out of scope",
    ),
    "person-version-list": Case("page", api=True, queries=({}, {"person": "PERSON"})),
    "person-version-detail": Case(
        "404", args=lambda w: [w.person.versions.get().pk], api=True
    ),
    "framework-list": Case("page", api=True, why="national catalogue"),
    "framework-detail": Case(
        "page", args=lambda w: [w.assessment.skill_area.framework_id], api=True
    ),
    "course-list": Case("page", api=True, why="national catalogue"),
    "course-detail": Case("404", args=lambda w: [0], api=True),
    "training-record-list": Case("page", api=True, queries=({}, {"person": "PERSON"})),
    "training-record-detail": Case("404", args=lambda w: [w.record.pk], api=True),
    "assessment-list": Case("page", api=True),
    "assessment-detail": Case("404", args=lambda w: [w.assessment.pk], api=True),
    # JSON only (415 to this form post): the JSON writes are walked, person by
    # person, in test_api_scoping.
    "training-record-bulk": Case(
        "page", methods=("post",), ok=frozenset({400, 415}), api=True
    ),
    "assessment-bulk": Case(
        "page", methods=("post",), ok=frozenset({400, 415}), api=True
    ),
    "import-job-list": Case(
        "page",
        api=True,
        check=lambda r, w: all(j["id"] != w.job.pk for j in r.json()["results"]),
    ),
    "import-job-detail": Case("404", args=lambda w: [w.job.pk], api=True),
    "compliance-list": Case(
        "page",
        api=True,
        queries=({}, {"agency": "MA"}),
        ok=frozenset({200, 400, 404}),
    ),
    "rollout-list": Case("page", api=True),
    "compliance-run-list": Case("page", api=True, ok=frozenset({403})),
    "compliance-run-detail": Case(
        "page", args=lambda w: [1], api=True, ok=frozenset({403, 404})
    ),
    # --- xAPI: statements Ministry A's learning system sent
    "xapi:overview": Case("page"),
    "xapi:actor-match": Case(
        "page",
        methods=("post",),
        data=lambda w: {"actor": w.xapi_actor, "national_id": w.national_id},
        ok=frozenset({400}),
        why="A's person is not found, A's learner not matched",
    ),
    "xapi:about": Case("page", api=True, why="xAPI's About resource is public"),
    "xapi:statements": Case(
        "page", api=True, ok=frozenset({401, 403}), why="xAPI keys only"
    ),
    # --- API root and documentation
    "api-root": Case("page"),
    "schema": Case("page", why="describes endpoints, holds no data"),
    "api-docs": Case("page"),
    "api-redoc": Case("page"),
}
