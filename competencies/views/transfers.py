"""Transfers between agencies (SPEC §3): requests in, decisions, transfers out.

The requesting side sees what it typed (masked ID, date, position) and the
decision, never the person, until the request is accepted. The managing side
sees the person and decides. Out of scope → 404, read-only → 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies import selectors as people_selectors
from agencies.access import may_write
from agencies.models import Person, TransferRequest
from agencies.scoping import AgencyScope
from agencies.services import transfers
from agencies.transfer_forms import (
    TransferDeclineForm,
    TransferOutForm,
    TransferRequestForm,
)
from agencies.views import (
    person_for_write,
    run_service,
    scope_of,
    staff_required,
    writer_required,
)
from skillsportal.lib.i18n import local_name


@never_cache
@staff_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    """Requests to decide (about one's people) and one's own requests."""
    scope = scope_of(request)
    ctx = {
        "incoming": people_selectors.transfer_requests_incoming(scope=scope),
        "outgoing": people_selectors.transfer_requests_outgoing(scope=scope),
    }
    return render(request, "competencies/transfer_list.html", ctx)


@never_cache
@writer_required
def transfer_request_create(request: HttpRequest) -> HttpResponse:
    """Send a transfer request; `prefill` carries what the person form held."""
    scope = scope_of(request)
    prefill = request.method == "POST" and "prefill" in request.POST
    if prefill:
        form = TransferRequestForm(scope=scope, initial=request.POST.dict())
    else:
        form = TransferRequestForm(request.POST or None, scope=scope)
    if request.method == "POST" and not prefill and form.is_valid():
        sent = run_service(
            form,
            transfers.transfer_request_create,
            scope=scope,
            actor=request.user,
            **form.cleaned_data,
        )
        if sent is not None:
            messages.success(request, _("ส่งคำขอรับโอนแล้ว รอหน่วยงานต้นสังกัดพิจารณา"))
            return redirect("competencies:transfer-detail", pk=sent.pk)
    return render(request, "competencies/transfer_form.html", {"form": form})


def _sides(scope: AgencyScope, item: TransferRequest) -> dict[str, bool]:
    """Which side of the request the scope is on (it may be both: OCSC)."""
    return {
        "managing": may_write(scope, item.person.current_agency),
        "requesting": may_write(scope, item.agency),
        "sees_person": Person.objects.visible_to(scope)
        .filter(pk=item.person_id)
        .exists(),
    }


def _transfer(request: HttpRequest, pk: int) -> TransferRequest:
    scope = scope_of(request)
    return get_object_or_404(
        people_selectors.transfer_request_for_page(scope=scope), pk=pk
    )


@never_cache
@staff_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request; decisions for the managing side, cancel for the requester."""
    item = _transfer(request, pk)
    ctx = {
        "item": item,
        "decline_form": TransferDeclineForm(),
        **_sides(scope_of(request), item),
    }
    return render(request, "competencies/transfer_detail.html", ctx)


def _decide(request: HttpRequest, pk: int, service: Any, done: str) -> HttpResponse:
    """Run a decision; its refusal becomes page messages (no form to hold them)."""
    item = _transfer(request, pk)
    try:
        service(scope=scope_of(request), actor=request.user, request=item)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("competencies:transfer-detail", pk=item.pk)


@writer_required
@require_POST
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("รับโอนแล้ว บุคคลนี้ย้ายตามวันที่มีผล")
    return _decide(request, pk, transfers.transfer_request_accept, done)


@never_cache
@writer_required
def transfer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    item = _transfer(request, pk)
    scope = scope_of(request)
    form = TransferDeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            transfers.transfer_request_decline,
            scope=scope,
            actor=request.user,
            request=item,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, _("แจ้งไม่รับโอนแล้ว"))
            return redirect("competencies:transfer-detail", pk=item.pk)
    ctx = {"item": item, "decline_form": form, **_sides(scope, item)}
    return render(request, "competencies/transfer_detail.html", ctx)


@writer_required
@require_POST
def transfer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("ยกเลิกคำขอแล้ว")
    return _decide(request, pk, transfers.transfer_request_cancel, done)


@never_cache
@writer_required
def person_transfer_out(request: HttpRequest, pk: int) -> HttpResponse:
    """The managing agency moves a person to another agency (SPEC §3)."""
    scope = scope_of(request)
    person = person_for_write(scope, pk)
    form = TransferOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            transfers.person_transfer_out,
            scope=scope,
            person=person,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(
                request,
                _("บันทึกการย้ายไป %(agency)s แล้ว")
                % {"agency": local_name(form.cleaned_data["agency"])},
            )
            if Person.objects.visible_to(scope).filter(pk=person.pk).exists():
                return redirect("competencies:person-detail", pk=person.pk)
            return redirect("competencies:person-list")
    ctx = {"form": form, "person": person}
    return render(request, "competencies/transfer_out_form.html", ctx)
