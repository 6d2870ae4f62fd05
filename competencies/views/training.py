"""Log a training record for a person; serve its evidence (SPEC §6)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.views import person_for_write, run_service, scope_of

from .. import services
from ..forms import TrainingRecordForm
from ..models import RecordStatus, TrainingRecord


@login_required
def training_record_create(request: HttpRequest, pk: int) -> HttpResponse:
    """HR logs a training record; entered by HR it is verified (SPEC §6)."""
    scope = scope_of(request)
    person = person_for_write(scope, pk)
    form = TrainingRecordForm(
        request.POST or None, request.FILES or None, person=person
    )
    if request.method == "POST" and form.is_valid():
        record = run_service(
            form,
            services.training_record_create,
            scope=scope,
            actor=request.user,
            person=person,
            **form.cleaned_data,
        )
        if record is not None:
            messages.success(request, _saved_message(record))
            return redirect("competencies:person-detail", pk=person.pk)
    ctx = {"form": form, "person": person}
    return render(request, "competencies/training_record_form.html", ctx)


def _saved_message(record: TrainingRecord) -> str:
    if record.status == RecordStatus.PENDING:
        return _("บันทึกการฝึกอบรมแล้ว รอเจ้าหน้าที่ตรวจสอบ")
    return _("บันทึกการฝึกอบรมแล้ว (ตรวจสอบแล้ว)")


@login_required
def training_record_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """Download a record's evidence, after the same scope check as its page."""
    scope = scope_of(request)
    record = get_object_or_404(TrainingRecord.objects.visible_to(scope), pk=pk)
    if not record.evidence:
        raise Http404
    ext = record.evidence.name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        record.evidence.open("rb"),
        as_attachment=True,
        filename=f"evidence-{record.pk}.{ext}",
    )
