"""Framework versions in the browser (SPEC §4): OCSC starts a version for a
fiscal year from the one in force, edits its target matrix and policy as a
grid, previews the effect on the figures, and publishes it (a recompute job
per year it governs). A published version is read-only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies.views import run_service, scope_of
from competencies import services as framework_services
from competencies.models import Framework

from .. import selectors
from ..forms import FrameworkStartForm, TargetGridForm
from . import ocsc_required


@never_cache
@ocsc_required
def framework_list(request: HttpRequest) -> HttpResponse:
    """Every version, drafts first; the form that starts a new one."""
    form = FrameworkStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        draft = run_service(
            form,
            framework_services.framework_draft_start,
            scope=scope_of(request),
            **form.cleaned_data,
        )
        if draft is not None:
            messages.success(request, _("สร้างกรอบสมรรถนะฉบับร่างแล้ว"))
            return redirect("reports:framework-detail", pk=draft.pk)
    versions = Framework.objects.order_by("-effective_from_fy")
    return render(
        request, "reports/framework_list.html", {"versions": versions, "form": form}
    )


@never_cache
@ocsc_required
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The target grid: editable while a draft; `?preview=1` adds its effect."""
    framework = get_object_or_404(Framework, pk=pk)
    form = TargetGridForm(request.POST or None, framework=framework)
    if request.method == "POST" and framework.is_draft and form.is_valid():
        saved = run_service(
            form,
            framework_services.framework_draft_update,
            scope=scope_of(request),
            framework=framework,
            targets=form.targets(),
            future_share_target=form.cleaned_data["future_share_target"],
            future_share_tolerance=form.cleaned_data["future_share_tolerance"],
        )
        if saved is not None:
            messages.success(request, _("บันทึกระดับเป้าหมายแล้ว"))
            return redirect(f"{request.path}?preview=1")
    preview = None
    if framework.is_draft and request.GET.get("preview"):
        preview = selectors.framework_preview(draft=framework)
    ctx = {"framework": framework, "form": form, "preview": preview}
    return render(request, "reports/framework_detail.html", ctx)


@ocsc_required
@require_POST
def framework_publish(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk)
    form = TargetGridForm(framework=framework)
    years = run_service(
        form,
        framework_services.framework_publish,
        scope=scope_of(request),
        framework=framework,
    )
    if years is None:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
        return redirect("reports:framework-detail", pk=framework.pk)
    messages.success(
        request,
        _("ประกาศใช้แล้ว กำลังคำนวณตัวเลขปีงบประมาณ %(years)s ใหม่")
        % {"years": ", ".join(map(str, years)) or "–"},
    )
    return redirect("reports:run-list")
