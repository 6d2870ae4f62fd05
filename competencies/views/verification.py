"""The verification queue: HR accepts or rejects what people submitted (SPEC §6).

Only pending items of people in the HR officer's write subtrees are listed;
a rejection needs a reason. Out of scope → 404, read-only → 403 (STYLE C3.4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import require_write
from agencies.views import run_service, scope_of, writer_required

from .. import selectors, services
from ..forms import RejectForm
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


@writer_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    """Pending training and self-assessments, oldest first (SPEC §6)."""
    ctx = {"queue": selectors.verification_queue(scope=scope_of(request))}
    return render(request, "competencies/verification_queue.html", ctx)


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
