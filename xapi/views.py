"""HR and OCSC pages about what learning systems sent (SPEC §9): statements
received per system, learners not matched yet (and matching them), recent
statements with what each became."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from agencies.views import run_service, scope_of, staff_required, writer_required

from . import selectors, services
from .forms import ActorMatchForm
from .models import Outcome


@never_cache
@staff_required
def statement_overview(request: HttpRequest) -> HttpResponse:
    return _overview(request, ActorMatchForm())


@never_cache
@writer_required
def actor_match(request: HttpRequest) -> HttpResponse:
    """POST: the person a learner is; their waiting statements become records."""
    form = ActorMatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = run_service(
            form,
            services.actor_match,
            scope=scope_of(request),
            actor=request.user,
            actor_key=form.cleaned_data["actor"],
            raw_national_id=form.cleaned_data["national_id"],
        )
        if made is not None:
            messages.success(
                request,
                ngettext(
                    "จับคู่แล้ว บันทึกการอบรม %(n)d รายการ",
                    "จับคู่แล้ว บันทึกการอบรม %(n)d รายการ",
                    made,
                )
                % {"n": made},
            )
            return redirect("xapi:overview")
    return _overview(request, form, status=400 if form.errors else 200)


def _overview(
    request: HttpRequest, form: ActorMatchForm, status: int = 200
) -> HttpResponse:
    scope = scope_of(request)
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in Outcome.values else ""
    ctx = {
        "systems": selectors.systems_summary(scope),
        "unmatched": selectors.unmatched_actors(scope),
        "recent": selectors.recent_statements(scope, outcome=outcome or None),
        "outcome": outcome,
        "outcomes": Outcome.choices,
        "match_form": form,
    }
    return render(request, "xapi/overview.html", ctx, status=status)
