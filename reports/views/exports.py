"""Export pages (SPEC §8, §9): request, progress, download; own exports only.

A short table downloads at once in any format; a long one or a whole report
becomes a job whose page shows a progress bar and then a download link.
Another user's job is 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.scoping import AgencyScope
from agencies.views import scope_of, staff_required

from .. import export_jobs
from ..export_tables import ExportParams
from ..exports import CONTENT_TYPES, attachment_header
from ..forms import ExportForm
from ..models import ExportJob


@staff_required
@require_POST
def export_create(request: HttpRequest) -> HttpResponse:
    """Download a short table now, or queue a long export and show its job."""
    scope = scope_of(request)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("คำขอส่งออกข้อมูลไม่ถูกต้อง"))
    table, fmt = form.cleaned_data["table"], form.cleaned_data["fmt"]
    kwargs = {"scope": scope, "user": request.user, "table": table, "fmt": fmt}
    if export_jobs.export_is_long(table=table):
        job = export_jobs.export_job_create(**kwargs, params=form.params())
        return redirect(job)
    rendered = export_jobs.export_now(**kwargs, params=form.params())
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = attachment_header(
        rendered.filename, rendered.ascii_name
    )
    return response


def _own_job(scope: AgencyScope, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob.objects.visible_to(scope), pk=pk)


@login_required
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    """The user's own exports, newest first."""
    jobs = ExportJob.objects.visible_to(scope_of(request))[:50]
    return render(request, "reports/export_list.html", {"jobs": jobs})


@login_required
@require_GET
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One export: a progress bar while it runs, then the download link."""
    job = _own_job(scope_of(request), pk)
    return render(request, "reports/export_detail.html", {"job": job})


@login_required
@require_GET
def export_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The small document the job page polls."""
    job = _own_job(scope_of(request), pk)
    ctx = {"status": job.status, "progress": job.progress, "running": job.is_running}
    return JsonResponse(ctx)


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, to its creator only, while their scope still covers it."""
    scope = scope_of(request)
    job = _own_job(scope, pk)
    if not job.downloadable:
        raise Http404
    params = ExportParams.from_json(job.params)
    export_jobs.export_target(scope=scope, table=job.table, params=params)
    response = FileResponse(job.file.open("rb"), content_type=CONTENT_TYPES[job.fmt])
    ascii_name = f"export-{job.pk}.{job.fmt}"
    response["Content-Disposition"] = attachment_header(job.filename, ascii_name)
    return response
