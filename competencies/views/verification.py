"""The verification queue: HR accepts or rejects what people submitted (SPEC §6).

Only pending items of people in the HR officer's write subtrees are listed;
a rejection needs a reason. Out of scope → 404, read-only → 403 (STYLE C3.4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies.access import require_write
from agencies.views import (
    cursor,
    local_next,
    run_service,
    scope_of,
    user_of,
    writer_required,
)
from skillsportal.lib import counts

from .. import selectors, services
from ..forms import QueueDecisionForm, RejectForm, VerificationFilter
from ..models import Assessment, TrainingRecord


@dataclass(frozen=True)
class Kind:
    """How one kind of verifiable record is fetched and decided."""

    model: type[TrainingRecord] | type[Assessment]
    verify: Callable[..., Any]
    reject: Callable[..., Any]
    arg: str


KINDS = {
    "training": Kind(
        TrainingRecord,
        services.training_record_verify,
        services.training_record_reject,
        "record",
    ),
    "assessment": Kind(
        Assessment, services.assessment_verify, services.assessment_reject, "assessment"
    ),
}


def _pending_item(request: HttpRequest, kind: Kind, pk: int) -> Any:
    scope = scope_of(request)
    visible = kind.model.objects.visible_to(scope)
    item = get_object_or_404(visible.select_related("person__current_agency"), pk=pk)
    require_write(scope, item.person.current_agency)
    return item


def _kind(value: str) -> str:
    return value if value in selectors.QUEUE_KINDS else "training"


QUEUE_FILTERS = ("agency", "person", "submitted_from", "submitted_to")


def _counts(request: HttpRequest, pending: dict[str, Any]) -> dict[str, int]:
    """The tabs' counts, kept a minute per officer and filters (paging does not
    change them); the officer's own decisions refresh them (`counts`)."""
    params = [(k, v) for k, v in request.GET.items() if k in QUEUE_FILTERS]
    return counts.kept(
        "queue",
        user_of(request).pk,
        params,
        lambda: selectors.verification_counts(pending),
    )


@never_cache
@writer_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    """Pending training and self-assessments, oldest first, filtered and paged
    by keyset; several may be decided together (SPEC §6, §10)."""
    scope = scope_of(request)
    kind = _kind(request.GET.get("kind", ""))
    filters = {
        k: VerificationFilter(
            request.GET,
            queryset=selectors.verification_pending(scope=scope, kind=k),
            scope=scope,
        )
        for k in selectors.QUEUE_KINDS
    }
    valid = filters[kind].is_valid()
    pending = {k: f.qs if valid else f.queryset.none() for k, f in filters.items()}
    ctx = {
        "filter": filters[kind],
        "queue": selectors.verification_page(
            pending,
            kind=kind,
            after=cursor(request, "after"),
            before=cursor(request, "before"),
            counts=_counts(request, pending),
        ),
    }
    return render(request, "competencies/verification_queue.html", ctx)


@never_cache
@writer_required
@require_POST
def verification_decide(request: HttpRequest) -> HttpResponse:
    """Approve or reject the chosen items: a confirmation page lists them (with
    the reason for a rejection), then one transaction decides them all."""
    scope = scope_of(request)
    form = QueueDecisionForm(request.POST)
    queue = reverse("competencies:verification-queue")
    back = local_next(request, request.POST.get("next", ""), queue)
    valid = form.is_valid()
    wrong = [
        str(m) for f in ("items", "kind", "decision") for m in form.errors.get(f, [])
    ]
    if wrong:  # nothing chosen (or a tampered form): back to the queue
        messages.error(request, " ".join(wrong))
        return redirect(back)
    kind, ids = form.cleaned_data["kind"], form.cleaned_data["items"]
    chosen = selectors.verification_chosen(scope=scope, kind=kind, ids=ids)
    if valid and "confirm" in request.POST:
        verify = form.cleaned_data["decision"] == "verify"
        done = services.records_decide(
            scope=scope,
            actor=request.user,
            model=selectors.QUEUE_KINDS[kind],
            ids=[item.pk for item in chosen],
            verify=verify,
            reason=form.cleaned_data["reason"],
        )
        text = (
            ngettext("อนุมัติ %(n)s รายการแล้ว", "อนุมัติ %(n)s รายการแล้ว", done)
            if verify
            else ngettext(
                "ไม่อนุมัติ %(n)s รายการแล้ว พร้อมเหตุผล",
                "ไม่อนุมัติ %(n)s รายการแล้ว พร้อมเหตุผล",
                done,
            )
        )
        messages.success(request, text % {"n": intcomma(done)})
        return redirect(back)
    if "confirm" not in request.POST:  # first showing: no "reason required" yet
        form = QueueDecisionForm(initial=form.cleaned_data)
    ctx = {
        "form": form,
        "kind": kind,
        "items": chosen,
        "gone": len(ids) - len(chosen),
        "back": back,
    }
    return render(request, "competencies/verification_confirm.html", ctx)


def _verify(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    item = _pending_item(request, kind, pk)
    try:
        kind.verify(scope=scope_of(request), actor=request.user, **{kind.arg: item})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("อนุมัติรายการแล้ว"))
    return redirect("competencies:verification-queue")


def _reject(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    item = _pending_item(request, kind, pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            kind.reject,
            scope=scope_of(request),
            actor=request.user,
            reason=form.cleaned_data["reason"],
            **{kind.arg: item},
        )
        if done is not None:
            messages.success(request, _("ไม่อนุมัติรายการแล้ว พร้อมเหตุผล"))
            return redirect("competencies:verification-queue")
    ctx = {"form": form, "item": item, "is_training": kind.model is TrainingRecord}
    return render(request, "competencies/record_reject.html", ctx)


@writer_required
@require_POST
def training_record_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a pending training record."""
    return _verify(request, KINDS["training"], pk)


@writer_required
def training_record_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject a pending training record, with a reason."""
    return _reject(request, KINDS["training"], pk)


@writer_required
@require_POST
def assessment_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a pending assessment."""
    return _verify(request, KINDS["assessment"], pk)


@writer_required
def assessment_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject a pending assessment, with a reason."""
    return _reject(request, KINDS["assessment"], pk)
