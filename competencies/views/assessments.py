"""Record an assessed level for a person (SPEC §6)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies.views import person_for_write, run_service, scope_of

from .. import services
from ..forms import AssessmentForm
from ..models import RecordStatus


@login_required
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """HR records a level on the framework's scale; verified on entry (SPEC §6)."""
    scope = scope_of(request)
    person = person_for_write(scope, pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = run_service(
            form,
            services.assessment_create,
            scope=scope,
            actor=request.user,
            person=person,
            **form.cleaned_data,
        )
        if assessment is not None:
            pending = assessment.status == RecordStatus.PENDING
            messages.success(
                request,
                _("บันทึกผลการประเมินแล้ว รอเจ้าหน้าที่ตรวจสอบ")
                if pending
                else _("บันทึกผลการประเมินแล้ว (ตรวจสอบแล้ว)"),
            )
            return redirect("competencies:person-detail", pk=person.pk)
    ctx = {"form": form, "person": person}
    return render(request, "competencies/assessment_form.html", ctx)
