"""The scope-leak battery (SPEC §8, STYLE C3.10): every URL, one outsider.

The outsider is HR of Ministry B. Ministry A holds a person, their records, a
pending submission and an import job. For every named URL of the project the
outsider must get a 404, or a page that shows none of Ministry A's names, IDs
or counts, and nothing of Ministry A may change. The URL resolver is walked, so
**a new URL without a case in CASES fails `test_every_url_has_a_case`**: add
one saying what the outsider must get.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from agencies.models import Person, PersonVersion, TransferRequest
from agencies.scoping import scope_for
from agencies.tests.factories import PersonFactory, new_national_id
from competencies import services
from competencies.models import (
    Assessment,
    DevelopmentPlan,
    Framework,
    ImportJob,
    Notification,
    NotificationPreference,
    PlanComment,
    PlanItem,
    SkillArea,
    TrainingRecord,
)
from reports.models import ExportJob, ScheduledReport

SECRET_NAME = "ลับเฉพาะ"
SECRET_FAMILY = "ห้ามรั่วไหล"
SECRET_TITLE = "อบรมลับสุดยอด"


@dataclass
class World:
    """Ministry A's data that the outsider must never see or touch."""

    person: Person
    national_id: str
    record: TrainingRecord
    pending: TrainingRecord
    assessment: Assessment
    job: ImportJob
    agency_pk: int
    secrets: tuple[str, ...]
    export_pk: int = 0
    schedule_pk: int = 0
    transfer_pk: int = 0  # Ministry A's pending transfer request
    b_agency_pk: int = 0  # the outsider's own agency


@pytest.fixture
def world(hr_officer, civil_servant, ministry_a, department_a1, person_b):
    framework = Framework.objects.create(
        code="t", name_th="กรอบ", effective_from_fy=2560
    )
    skill = SkillArea.objects.create(framework=framework, code="DLIT", name_th="ด")
    nid = new_national_id()
    person = PersonFactory(
        agency=department_a1,
        national_id=nid,
        given_name=SECRET_NAME,
        family_name=SECRET_FAMILY,
    )
    record = TrainingRecord.objects.create(
        person=person,
        title=SECRET_TITLE,
        completed_on=date(2026, 1, 10),
        hours=Decimal("3"),
        horizon="current",
        status="verified",
        evidence=ContentFile(b"%PDF-1.4 secret", name="evidence/x.pdf"),
    )
    own = scope_for(civil_servant)
    pending = services.training_record_create(
        scope=own,
        actor=civil_servant,
        person=civil_servant.person,
        title=SECRET_TITLE + " รอ",
        completed_on=date(2026, 11, 1),
        hours=Decimal("2"),
        horizon="future",
    )
    assessment = services.assessment_create(
        scope=own,
        actor=civil_servant,
        person=civil_servant.person,
        skill_area=skill,
        level=0,
        assessed_on=date(2026, 11, 1),
        method="self",
    )
    job = ImportJob.objects.create(
        kind="roster",
        original_name="ลับ-roster.csv",
        file="imports/x.csv",
        created_by=hr_officer,
        agency=ministry_a,
    )
    export = ExportJob.objects.create(
        created_by=hr_officer, table="agency", fmt="csv", title=SECRET_TITLE
    )
    schedule = ScheduledReport.objects.create(name=SECRET_TITLE, recipients="a@b.th")
    secrets = (SECRET_NAME, SECRET_FAMILY, SECRET_TITLE, nid, "กระทรวงเอ", "กรมเอหนึ่ง")
    world = World(person, nid, record, pending, assessment, job, ministry_a.pk, secrets)
    world.export_pk, world.schedule_pk = export.pk, schedule.pk
    world.transfer_pk = TransferRequest.objects.create(
        person=person,
        agency=department_a1,
        from_agency=department_a1,
        effective_date=date(2026, 12, 1),
        position_title=SECRET_TITLE,
    ).pk
    world.b_agency_pk = person_b.current_agency_id
    return world


def _state() -> str:
    """Everything an outsider's request could change, as one comparable value."""
    return json.dumps(
        [
            list(Person.objects.order_by("pk").values_list("pk", "given_name")),
            PersonVersion.objects.count(),
            list(TrainingRecord.objects.order_by("pk").values_list("pk", "status")),
            list(Assessment.objects.order_by("pk").values_list("pk", "status")),
            list(ImportJob.objects.order_by("pk").values_list("pk", "status")),
            # The outsider may record exports of their own; Ministry A's stay put.
            list(
                ExportJob.objects.exclude(created_by__username="hr_b")
                .order_by("pk")
                .values_list("pk", "status")
            ),
            list(ScheduledReport.objects.order_by("pk").values_list("pk", "enabled")),
            # The outsider may ask for anyone (a request of their own); A's stay put.
            list(
                TransferRequest.objects.exclude(requested_by__username="hr_b")
                .order_by("pk")
                .values_list("pk", "status")
            ),
            # Self-service (issue 7): plans, comments, notifications, preferences.
            list(PlanItem.objects.order_by("pk").values_list("pk", "status")),
            PlanComment.objects.count(),
            # (The outsider's own transfer request tells A's HR: a new notice.)
            list(
                Notification.objects.exclude(kind="transfer")
                .order_by("pk")
                .values_list("pk", "read_at")
            ),
            list(
                NotificationPreference.objects.exclude(user__username="hr_b")
                .order_by("pk")
                .values_list("user_id", "email_enabled")
            ),
            # The outsider's own audited settings are theirs; nothing of A's is logged.
            LogEntry.objects.exclude(content_type__app_label="reports")
            .exclude(actor__username="hr_b")
            .count(),
        ],
        default=str,
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
    "agencies:agency-list": Case("page"),
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
        check=lambda r, w: (
            r.context["queue"].training_count == 0
            and r.context["queue"].assessment_count == 0
        ),
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
    # --- API root and documentation
    "api-root": Case("page"),
    "schema": Case("page", why="describes endpoints, holds no data"),
    "api-docs": Case("page"),
    "api-redoc": Case("page"),
}

# Django admin: only is_staff users get in; HR officers are not staff, so every
# admin URL sends them to the admin login (checked on representative URLs).
PREFIX_CASES = {"admin:": "staff-only"}


def _url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for item in patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            names |= _url_names(item.url_patterns, inner)
        elif isinstance(item, URLPattern) and item.name:
            names.add(namespace + item.name)
    return names


def test_every_url_has_a_case():
    names = _url_names(get_resolver().url_patterns)
    covered = {n for n in names if any(n.startswith(p) for p in PREFIX_CASES)}
    missing = sorted(names - covered - set(CASES))
    assert not missing, f"add a scope-leak case for: {missing}"
    stale = sorted(set(CASES) - names)
    assert not stale, f"cases for URLs that no longer exist: {stale}"


def _query(query: dict[str, Any], w: World) -> dict[str, Any]:
    fill = {"AGENCY": w.agency_pk, "PERSON": w.person.pk}
    return {k: fill.get(v, v) for k, v in query.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_outsider_sees_nothing_of_ministry_a(client, outsider_hr, world, name):
    case = CASES[name]
    url = reverse(name, args=case.args(world))
    before = _state()
    for method in case.methods:
        for query in case.queries if method == "get" else ({},):
            client.force_login(outsider_hr)
            sent = _query(query, world) if method == "get" else case.data(world)
            response = getattr(client, method)(url, sent)
            what = f"{method.upper()} {url} {query}"
            _assert_outcome(case, response, world, what, sent)
    assert _state() == before, f"{name} changed Ministry A's data"


def _without_echo(text: str, sent: dict[str, Any]) -> str:
    """Drop what the outsider typed themself from form inputs: that is no leak."""
    for value in sent.values():
        text = text.replace(f'value="{escape(str(value))}"', 'value=""')
    return text


def _assert_outcome(
    case: Case, response: Any, world: World, what: str, sent: dict[str, Any]
) -> None:
    body = b"".join(response) if response.streaming else response.content
    text = _without_echo(body.decode(errors="replace"), sent)
    if case.expect == "404":
        assert response.status_code == 404, what
    else:
        assert response.status_code in case.ok, (what, response.status_code)
    location = response.get("Location", "")
    for secret in world.secrets:
        assert secret not in text, (what, secret)
        assert secret not in location, (what, secret)
    if case.check is not None and response.status_code == 200:
        assert case.check(response, world), what


@pytest.mark.parametrize(
    "name",
    ["admin:index", "admin:agencies_person_changelist", "admin:agencies_person_change"],
)
def test_admin_is_closed_to_hr_officers(client, outsider_hr, world, name):
    args = [world.person.pk] if name.endswith("_change") else []
    client.force_login(outsider_hr)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


PUBLIC = {
    "login",
    "logout",
    "healthz",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "schema",
    "api-docs",
    "api-redoc",
    "api-root",
    "imports:template",
    "privacy-notice",
}


@pytest.mark.parametrize("name", sorted(set(CASES) - PUBLIC))
def test_anonymous_is_sent_to_sign_in(client, world, name):
    case = CASES[name]
    url = reverse(name, args=case.args(world))
    method = case.methods[0]
    response = getattr(client, method)(
        url, case.data(world) if method == "post" else {}
    )
    if case.api:
        assert response.status_code in {401, 403}, url
        return
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("login")), url


def test_no_url_pattern_takes_a_national_id():
    """ASVS 14.2.1: national IDs never travel in URLs (searched by POST)."""
    routes = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("national" in r or "nid" in r for r in routes)
    for name, case in CASES.items():
        assert not any("national" in str(q) for q in case.queries), name


# --- a civil servant changing ids in self-service URLs (SPEC §8, issue 7) --------
# Ministry A's own civil servant, a colleague of the world's person: nothing of
# that person (page, evidence, plan) or of another user (notification) opens.
COLLEAGUE_404: dict[str, tuple[str, W]] = {
    "competencies:person-detail": ("get", _person),
    "competencies:training-record-evidence": ("get", lambda w: [w.record.pk]),
    "me:person-plan": ("get", _planned_person),
    "me:plan-comment": ("post", _planned_person),
    "me:plan-item-done": ("get", _plan_item),
    "me:plan-item-cancel": ("post", _plan_item),
}


@pytest.mark.parametrize("name", sorted(COLLEAGUE_404))
def test_civil_servant_reaches_no_one_elses_records(client, civil_servant, world, name):
    method, args = COLLEAGUE_404[name]
    url = reverse(name, args=args(world))
    before = _state()
    client.force_login(civil_servant)
    response = getattr(client, method)(url, {"fy": 2570, "body": "x"})
    assert response.status_code == 404, url
    _assert_outcome(Case("404"), response, world, url, {})
    assert _state() == before


def test_civil_servant_cannot_read_someone_elses_notification(
    client, civil_servant, hr_officer, world
):
    note = Notification.objects.create(
        user=hr_officer, kind="reminder", title=SECRET_TITLE
    )
    client.force_login(civil_servant)
    response = client.post(reverse("me:notification-read", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
    listing = client.get(reverse("me:notification-list")).content.decode()
    assert SECRET_TITLE not in listing
