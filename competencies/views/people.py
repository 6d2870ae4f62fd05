"""Roster, person page, create, edit and bulk target groups (SPEC §3, §4, §8)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies import selectors as people_selectors
from agencies import services as people_services
from agencies.access import may_write, require_write, writes_anywhere
from agencies.forms import (
    NationalIdSearchForm,
    PersonCreateForm,
    PersonEditForm,
    TargetGroupAssignForm,
)
from agencies.services.access_log import person_access_log
from agencies.views import (
    cursor,
    local_next,
    run_service,
    scope_of,
    staff_required,
    user_of,
    writer_required,
)
from skillsportal.lib import counts

from .. import selectors
from ..forms import PersonRosterFilter


def _roster(
    request: HttpRequest, *, id_form: NationalIdSearchForm, offer_transfer: bool = False
) -> HttpResponse:
    scope = scope_of(request)
    roster = PersonRosterFilter(
        request.GET, queryset=people_selectors.roster(scope=scope), scope=scope
    )
    people = roster.qs if roster.is_valid() else roster.queryset.none()
    params = [(k, v) for k, v in request.GET.items() if k in roster.filters]
    page = people_selectors.person_page(
        people,
        after=cursor(request, "after"),
        before=cursor(request, "before"),
        count=counts.kept(
            "roster",
            user_of(request).pk,
            params,
            lambda: people_selectors.person_count(people),
        ),
    )
    ctx = {
        "filter": roster,
        "page": page,
        "rows": people_selectors.roster_rows(people=page.people),
        "id_form": id_form,
        "offer_transfer": offer_transfer and writes_anywhere(scope),
        "assign_form": TargetGroupAssignForm(scope=scope)
        if writes_anywhere(scope)
        else None,
    }
    return render(request, "competencies/person_list.html", ctx)


@never_cache
@staff_required
def person_list(request: HttpRequest) -> HttpResponse:
    """The roster of the caller's scope, filtered and paged by keyset (SPEC §10)."""
    return _roster(request, id_form=NationalIdSearchForm())


@never_cache
@staff_required
@require_POST
def person_search_id(request: HttpRequest) -> HttpResponse:
    """Find a person by national ID, sent by POST so it never enters a URL (SPEC §3).

    An ID registered outside the scope gets the one `registered_elsewhere`
    answer, whatever that person's data (SPEC §3, §8).
    """
    form = NationalIdSearchForm(request.POST)
    if form.is_valid():
        nid = form.cleaned_data["national_id"]
        person = people_selectors.person_by_national_id(
            scope=scope_of(request), national_id=nid
        )
        if person is not None:
            return redirect("competencies:person-detail", pk=person.pk)
        if people_selectors.national_id_registered(national_id=nid):
            form.registered_elsewhere()
            return _roster(request, id_form=form, offer_transfer=True)
        form.not_found()
    return _roster(request, id_form=form)


@never_cache
@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's page: masked ID, facts, history, records, audit (SPEC §3, §6)."""
    scope = scope_of(request)
    person = get_object_or_404(people_selectors.person_for_page(scope=scope), pk=pk)
    person_access_log(person=person, actor=request.user)
    versions = people_selectors.person_versions(person=person)
    current = people_selectors.current_of(versions)
    ctx = {
        "person": person,
        "current": current,
        "suggested": people_selectors.suggested_group(current),
        "versions": versions,
        "records": selectors.person_records(person=person),
        "audit": selectors.person_audit_trail(person=person),
        "can_write": may_write(scope, person.current_agency),
        "is_self": person.pk == scope.person_id,
    }
    return render(request, "competencies/person_detail.html", ctx)


@never_cache
@writer_required
def person_create(request: HttpRequest) -> HttpResponse:
    """Register a person with a validated national ID and a first version (SPEC §3)."""
    scope = scope_of(request)
    form = PersonCreateForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        person = run_service(
            form, people_services.person_create, scope=scope, **form.cleaned_data
        )
        if person is not None:
            messages.success(request, _("เพิ่มบุคลากรเรียบร้อยแล้ว"))
            return redirect("competencies:person-detail", pk=person.pk)
    return render(request, "competencies/person_form.html", {"form": form})


@never_cache
@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit names in place; a changed fact adds a version from its date (SPEC §3)."""
    scope = scope_of(request)
    person = get_object_or_404(people_selectors.person_for_page(scope=scope), pk=pk)
    require_write(scope, person.current_agency)
    version = people_selectors.person_current_version(person=person)
    form = PersonEditForm(
        request.POST or None, scope=scope, person=person, version=version
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            people_services.person_update,
            scope=scope,
            person=person,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(request, _("บันทึกการแก้ไขเรียบร้อยแล้ว"))
            return redirect("competencies:person-detail", pk=person.pk)
    ctx = {"form": form, "person": person}
    return render(request, "competencies/person_form.html", ctx)


@writer_required
@require_POST
def person_assign_groups(request: HttpRequest) -> HttpResponse:
    """Assign a target group, or each suggestion, to the ticked people (SPEC §4)."""
    scope = scope_of(request)
    form = TargetGroupAssignForm(request.POST, scope=scope)
    if form.is_valid():
        result = run_service(
            form,
            people_services.target_group_assign_bulk,
            scope=scope,
            **form.service_kwargs(),
        )
        if result is not None:
            messages.success(request, _assign_message(result))
            target = form.cleaned_data["next"]
            return redirect(local_next(request, target, "competencies:person-list"))
    people = list(form.cleaned_data.get("people") or []) if form.is_bound else []
    ctx = {"form": form, "rows": people_selectors.roster_rows(people=people)}
    return render(request, "competencies/person_assign_groups.html", ctx)


def _assign_message(result: people_services.GroupAssignment) -> str:
    parts = [_("กำหนดกลุ่มเป้าหมายแล้ว %(n)s คน") % {"n": result.assigned}]
    if result.unchanged:
        parts.append(_("อยู่ในกลุ่มนั้นอยู่แล้ว %(n)s คน") % {"n": result.unchanged})
    if result.no_suggestion:
        parts.append(
            _("ไม่มีกลุ่มที่แนะนำ %(n)s คน (ไม่ได้เปลี่ยน)") % {"n": result.no_suggestion}
        )
    if result.too_early:
        parts.append(
            _("มีข้อมูลที่ใหม่กว่าวันที่มีผล %(n)s คน (ไม่ได้เปลี่ยน)") % {"n": result.too_early}
        )
    if result.no_version:
        parts.append(
            _("ยังไม่มีข้อมูล ณ วันที่มีผล %(n)s คน (ไม่ได้เปลี่ยน)") % {"n": result.no_version}
        )
    return " · ".join(parts)
