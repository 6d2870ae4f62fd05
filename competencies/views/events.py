"""Training events (SPEC §6): a class recorded once for all its attendees.

HR creates the event, adds attendees (pasted IDs, a list file, or people found
in the roster), sees the preview, confirms; editing the event changes every
attendee's record; an attendee added by mistake is taken off again. Events of
agencies outside the scope are 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies.access import may_write, require_write
from agencies.models import Person
from agencies.scoping import AgencyScope
from agencies.views import (
    cursor,
    run_service,
    scope_of,
    staff_required,
    writer_required,
)
from skillsportal.lib.keyset import Page, keyset_page

from .. import selectors, services
from ..forms import AttendeesForm, PersonRosterFilter, TrainingEventForm
from ..models import TrainingEvent, TrainingRecord

FOUND_SIZE = 50
ATTENDEES_SIZE = 50


def _event(scope: AgencyScope, pk: int) -> TrainingEvent:
    events = TrainingEvent.objects.visible_to(scope).select_related("agency", "course")
    return get_object_or_404(events, pk=pk)


@staff_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.events_for(scope=scope_of(request))[:200]
    return render(request, "competencies/event_list.html", {"events": events})


@never_cache
@writer_required
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form(request, TrainingEvent())


@never_cache
@writer_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_of(request)
    event = _event(scope, pk)
    require_write(scope, event.agency)
    return _event_form(request, event)


def _event_form(request: HttpRequest, event: TrainingEvent) -> HttpResponse:
    scope = scope_of(request)
    form = TrainingEventForm(request.POST or None, instance=event, scope=scope)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.event_save,
            scope=scope,
            actor=request.user,
            event=form.save(commit=False),
            skill_areas=form.cleaned_data["skill_areas"],
        )
        if saved is not None:
            messages.success(request, _("บันทึกการจัดอบรมแล้ว"))
            return redirect(saved)
    return render(request, "competencies/event_form.html", {"form": form})


@never_cache
@staff_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event, its attendees, and (for HR) the ways to add more."""
    scope = scope_of(request)
    event = _event(scope, pk)
    ctx = _attendees(request, scope, event)
    if may_write(scope, event.agency):
        ctx.update(_roster_search(request, scope), form=AttendeesForm())
    return render(request, "competencies/event_detail.html", ctx)


def _attendees(
    request: HttpRequest, scope: AgencyScope, event: TrainingEvent
) -> dict[str, object]:
    """A page of the attendees' records the officer may see, their number, how
    many moved away (counted, never named), and those the officer may take off
    (people they manage, on an event of theirs)."""
    records = selectors.event_records(scope=scope, event=event)
    page: Page[TrainingRecord] = keyset_page(
        records,
        key=("person__given_name", "person__family_name", "pk"),
        after=cursor(request, "after"),
        before=cursor(request, "before"),
        size=ATTENDEES_SIZE,
    )
    removable: set[int] = set()
    if may_write(scope, event.agency):
        removable = set(
            TrainingRecord.objects.editable_by(scope)
            .filter(pk__in=[r.pk for r in page.items])
            .values_list("pk", flat=True)
        )
    shown = records.count()
    return {
        "event": event,
        "page": page,
        "attendees": shown,
        "moved_away": event.records.count() - shown,
        "removable": removable,
    }


def _roster_search(request: HttpRequest, scope: AgencyScope) -> dict[str, object]:
    people = Person.objects.editable_by(scope).select_related("current_agency")
    found = PersonRosterFilter(request.GET or None, queryset=people, scope=scope)
    searched = found.is_bound and found.is_valid() and any(request.GET.values())
    rows = (
        list(found.qs.order_by("given_name", "family_name", "pk")[:FOUND_SIZE])
        if searched
        else []
    )
    return {"search": found, "found": rows, "searched": searched}


@never_cache
@writer_required
@require_POST
def event_attendees(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview the attendees (who is added, who has the record, the errors);
    the confirm button posts the same people back with `confirm`."""
    scope = scope_of(request)
    event = _event(scope, pk)
    require_write(scope, event.agency)
    form = AttendeesForm(request.POST, request.FILES)
    if not form.is_valid():
        ctx = {**_attendees(request, scope, event), "form": form}
        ctx.update(_roster_search(request, scope))
        return render(request, "competencies/event_detail.html", ctx, status=400)
    upload = form.cleaned_data.get("file")
    confirm = "confirm" in request.POST
    result = run_service(
        form,
        services.event_attendees,
        scope=scope,
        actor=request.user,
        event=event,
        text=form.cleaned_data.get("national_ids", ""),
        data=upload.read() if upload else b"",
        filename=upload.name if upload else "",
        person_ids=form.cleaned_data.get("people") or [],
        commit=confirm,
    )
    if result is not None and confirm and result.ok:
        n = len(result.added) if result.written else 0
        messages.success(
            request,
            ngettext(
                "บันทึกการฝึกอบรมของผู้เข้าอบรม %(n)s คนแล้ว",
                "บันทึกการฝึกอบรมของผู้เข้าอบรม %(n)s คนแล้ว",
                n,
            )
            % {"n": n},
        )
        return redirect(event)
    ctx = {"event": event, "result": result, "form": form}
    return render(request, "competencies/event_attendees.html", ctx)


@never_cache
@writer_required
def event_attendee_remove(
    request: HttpRequest, pk: int, record_pk: int
) -> HttpResponse:
    """Confirm, then take one attendee off the event (their record is deleted)."""
    scope = scope_of(request)
    event = _event(scope, pk)
    require_write(scope, event.agency)
    records = TrainingRecord.objects.editable_by(scope).select_related("person")
    record = get_object_or_404(records, pk=record_pk, event=event)
    if request.method == "POST":
        name = record.person.full_name
        try:
            services.event_attendee_remove(scope=scope, event=event, record=record)
        except ValidationError as error:  # moved away meanwhile
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("นำ %(name)s ออกจากผู้เข้าอบรมแล้ว") % {"name": name}
            )
        return redirect(event)
    ctx = {"event": event, "record": record}
    return render(request, "competencies/event_attendee_remove.html", ctx)
