"""Individual development plans (SPEC §6): mine, and my team's for HR (SPEC §8).

The person writes their own plan; HR officers read the plans of the people
they may read and comment when they may write. Another person's plan item is
404 to me; a plan outside an officer's subtree is 404 to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from agencies.access import may_write, require_write
from agencies.models import Person
from agencies.selectors import person_for_page
from agencies.views import run_service, scope_of, staff_required
from competencies import services
from competencies.models import (
    Course,
    DevelopmentPlan,
    PlanItem,
)
from competencies.services.plans import default_target_date, plan_years

from .. import selectors
from ..forms import CommentForm, PlanItemDoneForm, PlanItemForm
from .me import call_service, fy_param, person_required


def _plan_url(fy: int) -> str:
    return f"{reverse('me:plan')}?fy={fy}"


def _own_item(request: HttpRequest, pk: int) -> PlanItem:
    """One of my plan items, else 404 (never someone else's)."""
    person_id = scope_of(request).person_id
    if person_id is None:
        raise Http404
    mine = PlanItem.objects.filter(plan__person_id=person_id)
    return get_object_or_404(mine.select_related("plan", "course"), pk=pk)


@never_cache
@person_required
@require_GET
def my_plan(request: HttpRequest, me: Person) -> HttpResponse:
    """แผนพัฒนาของฉัน: activities, gaps still open, recommended courses."""
    fy = fy_param(request, selectors.plan_fiscal_years(person=me))
    ctx = {"view": selectors.plan_view(person=me, fy=fy)}
    return render(request, "me/plan.html", ctx)


@never_cache
@person_required
def plan_item_add(request: HttpRequest, me: Person) -> HttpResponse:
    """Add an activity of my own to this year's or next year's plan."""
    fy = fy_param(request, list(plan_years()))
    initial = {"target_date": default_target_date(fy)}
    form = PlanItemForm(request.POST or None, fy=fy, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = run_service(
            form,
            services.plan_item_add,
            scope=scope_of(request),
            person=me,
            fy=fy,
            **form.cleaned_data,
        )
        if item is not None:
            messages.success(request, _("เพิ่มกิจกรรมในแผนแล้ว"))
            return redirect(_plan_url(fy))
    return render(request, "me/plan_item_form.html", {"form": form, "fy": fy})


@person_required
@require_POST
def plan_course_add(request: HttpRequest, me: Person, pk: int) -> HttpResponse:
    """One click: put a recommended course in my plan, due in about 90 days."""
    course = get_object_or_404(Course.objects.filter(active=True), pk=pk)
    fy = fy_param(request, list(plan_years()))
    item = call_service(
        request,
        services.plan_item_add,
        scope=scope_of(request),
        person=me,
        fy=fy,
        course=course,
        target_date=default_target_date(fy),
    )
    if item is not None:
        messages.success(request, _("เพิ่ม “%(title)s” ในแผนแล้ว") % {"title": item.title})
    return redirect(_plan_url(fy))


@never_cache
@person_required
def plan_item_done(request: HttpRequest, me: Person, pk: int) -> HttpResponse:
    """Mark my activity done: a pending training record goes to HR (SPEC §6)."""
    item = _own_item(request, pk)
    hours = item.course.hours if item.course else None
    initial = {"completed_on": min(timezone.localdate(), item.target_date)}
    form = PlanItemDoneForm(
        request.POST or None, request.FILES or None, initial=initial | {"hours": hours}
    )
    if request.method == "POST" and form.is_valid():
        record = run_service(
            form,
            services.plan_item_done,
            scope=scope_of(request),
            actor=request.user,
            item=item,
            **form.cleaned_data,
        )
        if record is not None:
            messages.success(request, _("ส่งบันทึกการฝึกอบรมแล้ว รอเจ้าหน้าที่ตรวจสอบ"))
            return redirect(_plan_url(item.plan.fiscal_year))
    return render(request, "me/plan_item_done.html", {"form": form, "item": item})


@person_required
@require_POST
def plan_item_cancel(request: HttpRequest, me: Person, pk: int) -> HttpResponse:
    """Cancel my planned activity (it stays listed as cancelled)."""
    item = _own_item(request, pk)
    scope = scope_of(request)
    if call_service(request, services.plan_item_cancel, scope=scope, item=item):
        messages.success(request, _("ยกเลิกกิจกรรมแล้ว"))
    return redirect(_plan_url(item.plan.fiscal_year))


@never_cache
@staff_required
@require_GET
def team_plan_list(request: HttpRequest) -> HttpResponse:
    """Plans of the people I read, for one FY, keyset-paged (SPEC §8, §10)."""
    years = selectors.my_years() + [max(selectors.my_years()) + 1]
    fy = fy_param(request, years)
    after = request.GET.get("after", "")
    plans = selectors.team_plans(
        scope=scope_of(request), fy=fy, after=int(after) if after.isdigit() else None
    )
    ctx = {"plans": plans, "fy": fy, "years": sorted(years, reverse=True)}
    return render(request, "me/team_plans.html", ctx)


@never_cache
@login_required
@require_GET
def person_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's plan as HR sees it, with comments; out of scope → 404."""
    scope = scope_of(request)
    person = get_object_or_404(person_for_page(scope=scope), pk=pk)
    years = selectors.plan_fiscal_years(person=person)
    view = selectors.plan_view(
        person=person, fy=fy_param(request, years), recommend=False
    )
    may_comment = scope.person_id != person.pk and may_write(
        scope, person.current_agency
    )
    form = CommentForm(initial={"fy": view.fy}) if may_comment and view.plan else None
    ctx = {"view": view, "form": form}
    return render(request, "me/person_plan.html", ctx)


@login_required
@require_POST
def plan_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """HR comments on a person's plan; the person is notified (SPEC §8)."""
    scope = scope_of(request)
    person = get_object_or_404(person_for_page(scope=scope), pk=pk)
    require_write(scope, person.current_agency)
    form = CommentForm(request.POST)
    raw = request.POST.get("fy", "")
    fy = int(raw) if raw.isdigit() else 0
    plan = get_object_or_404(DevelopmentPlan, person=person, fiscal_year=fy)
    done = form.is_valid() and run_service(
        form,
        services.plan_comment,
        scope=scope,
        actor=request.user,
        plan=plan,
        body=form.cleaned_data["body"],
    )
    if done:
        messages.success(request, _("บันทึกความเห็นแล้ว และแจ้งบุคลากรแล้ว"))
    else:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, " ".join(errors) or _("บันทึกความเห็นไม่สำเร็จ"))
    return redirect(f"{reverse('me:person-plan', args=[pk])}?fy={fy}")
