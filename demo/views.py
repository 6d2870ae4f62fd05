"""The demo's sample import files (issue 19): for who may write their ministry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from agencies.access import may_write, require_writer
from agencies.models import Agency
from agencies.views import scope_of

from . import samples


def may_use_samples(request: HttpRequest) -> bool:
    """There are samples, and the signed-in officer may write their ministry."""
    code = samples.sample_agency_code()
    if code is None:
        return False
    return may_write(scope_of(request), Agency.objects.filter(code=code).first())


@login_required
@require_GET
def demo_sample(request: HttpRequest, kind: str) -> FileResponse:
    """One sample CSV; 404 when there is none or it is not the officer's."""
    require_writer(scope_of(request))
    path = samples.sample_path(kind)
    if path is None or not may_use_samples(request):
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"demo-{kind}.csv",
        content_type="text/csv",
    )
