"""Pages of the browser import (SPEC §9): upload, progress, preview, confirm, done.

Only HR officers (a write scope) and OCSC administrators may import (403 for
everyone else); a job of someone else is 404 (SPEC §8, STYLE C3.4).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.access import require_writer
from agencies.importers import AGENCY_COLUMNS, ROSTER_COLUMNS
from agencies.scoping import AgencyScope
from agencies.selectors import agencies_for, unused_national_id
from skillsportal.lib.tabular import write_csv
from skillsportal.lib.thai_dates import format_be

from . import services
from .import_forms import ImportUploadForm
from .importers import ASSESSMENT_COLUMNS, COURSE_COLUMNS, TRAINING_COLUMNS
from .models import ImportJob, ImportKind

ERRORS_PER_PAGE = 200
TEMPLATES = {
    ImportKind.AGENCIES: AGENCY_COLUMNS,
    ImportKind.ROSTER: ROSTER_COLUMNS,
    ImportKind.TRAINING: TRAINING_COLUMNS,
    ImportKind.ASSESSMENTS: ASSESSMENT_COLUMNS,
    ImportKind.COURSES: COURSE_COLUMNS,
}


def _example(kind: ImportKind, scope: AgencyScope) -> list[str]:
    """One example row in the officer's terms: their own agency's code, the
    portal's level codes (K2), BE dates of this year, and a valid national ID
    that nobody holds (a real one would be a leak; SPEC §3)."""
    agency = agencies_for(scope=scope, write=True).order_by("depth", "path").first()
    code = agency.code if agency else "EX-D1"
    nid = unused_national_id()
    today = timezone.localdate()
    day, week_ago = format_be(today), format_be(today - timedelta(days=7))
    examples = {
        ImportKind.AGENCIES: ["EX-D1", "กรมตัวอย่าง", "Example Department", code]
        + ["department"],
        ImportKind.ROSTER: [nid, "สมชาย", "ใจดี", code, "civil_ordinary"]
        + ["นักวิชาการคอมพิวเตอร์", "academic", "K2", "3", "somchai@example.go.th"]
        + [day, "active"],
        ImportKind.TRAINING: [nid, "การวิเคราะห์ข้อมูลเบื้องต้น", "", "สำนักงาน ก.พ."]
        + [week_ago, week_ago, "6", "future", "DS;DT"],
        ImportKind.ASSESSMENTS: [nid, "DLIT", "2", week_ago, "supervisor"],
        ImportKind.COURSES: ["DS-101", "การวิเคราะห์ข้อมูลเบื้องต้น", "สำนักงาน ก.พ."]
        + ["6", "future", "DS;DT", "https://learn.example.go.th/ds-101"]
        + ["https://learn.example.go.th/xapi/activities/ds-101"],
    }
    return examples[kind]


def _importer_scope(request: HttpRequest) -> AgencyScope:
    scope: AgencyScope = request.scope  # type: ignore[attr-defined]
    require_writer(scope)
    return scope


def _job(request: HttpRequest, pk: int) -> tuple[AgencyScope, ImportJob]:
    scope = _importer_scope(request)
    jobs = ImportJob.objects.visible_to(scope).select_related("created_by")
    return scope, get_object_or_404(jobs, pk=pk)


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file (POST) or show the form, templates and one's recent jobs."""
    scope = _importer_scope(request)
    kind = request.GET.get("kind")  # "import from a file" links name the kind
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        scope=scope,
        initial={"kind": kind} if kind in ImportKind.values else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                scope=scope,
                user=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect(job)
    jobs = ImportJob.objects.visible_to(scope).select_related("created_by")[:20]
    kinds = [k for k in ImportKind if scope.national or k != ImportKind.AGENCIES]
    ctx = {"form": form, "jobs": jobs, "kinds": kinds, "columns": _columns(kinds)}
    return render(request, "imports/import_start.html", ctx)


def _columns(kinds: list[ImportKind]) -> list[tuple[ImportKind, list[str]]]:
    return [
        (k, [c.name + ("*" if c.required else "") for c in TEMPLATES[k]]) for k in kinds
    ]


@login_required
@require_GET
def import_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress, preview with counts and every error, or the result of a job."""
    _scope, job = _job(request, pk)
    errors = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"job": job, "errors": errors}
    return render(request, "imports/job_detail.html", ctx)


@login_required
@require_GET
def import_job_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The small status document the detail page polls while a job runs."""
    _scope, job = _job(request, pk)
    ctx = {"status": job.status, "progress": job.progress, "running": job.is_running}
    return JsonResponse(ctx)


@login_required
@require_POST
def import_job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a validated job: it is written in one transaction (SPEC §9)."""
    scope, job = _job(request, pk)
    if not services.import_job_confirm(job=job, scope=scope):
        messages.warning(request, _("งานนี้ไม่อยู่ในสถานะที่ยืนยันได้"))
    return redirect(job)


@login_required
@require_GET
def import_job_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """Every error of a job as CSV, formulas neutralised (SPEC §9)."""
    _scope, job = _job(request, pk)
    headers = ["row", "column", "value", "reason_th", "reason_en"]
    rows = ([e.get(h) for h in headers] for e in job.errors)
    response = HttpResponse(write_csv(headers, rows), content_type="text/csv")
    name = f"import-{job.pk}-errors.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """A template CSV for one kind: the header row and one example row."""
    scope = _importer_scope(request)
    if kind not in ImportKind.values:
        raise Http404
    columns, example = TEMPLATES[ImportKind(kind)], _example(ImportKind(kind), scope)
    data = write_csv([c.name for c in columns], [example])
    response = HttpResponse(data, content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response
