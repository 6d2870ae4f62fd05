"""The course catalogue pages (SPEC §6): list and search; create and edit for
those who keep a catalogue (OCSC: national courses; HR: their agencies')."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from agencies.access import may_keep_courses
from agencies.views import (
    cursor,
    run_service,
    scope_of,
    staff_required,
    writer_required,
)
from skillsportal.lib.keyset import keyset_page

from .. import selectors, services
from ..forms import CourseForm
from ..models import Course

PAGE_SIZE = 50


@staff_required
def course_list(request: HttpRequest) -> HttpResponse:
    """The catalogue the caller sees, searched by code, title or provider."""
    scope = scope_of(request)
    text = request.GET.get("q", "").strip()[:100]
    owner = request.GET.get("owner", "")
    courses = selectors.course_search(scope=scope, text=text, owner=owner)
    page = keyset_page(
        courses,
        key=("code", "pk"),
        after=cursor(request, "after"),
        before=cursor(request, "before"),
        size=PAGE_SIZE,
    )
    editable = {c.pk for c in page.items if may_keep_courses(scope, c.owner)}
    ctx = {"page": page, "q": text, "owner": owner, "editable": editable}
    return render(request, "competencies/course_list.html", ctx)


@never_cache
@writer_required
def course_create(request: HttpRequest) -> HttpResponse:
    return _course_form(request, Course())


@never_cache
@writer_required
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """404 for a course the caller cannot see, 403 for one they do not keep."""
    scope = scope_of(request)
    course = get_object_or_404(Course.objects.visible_to(scope), pk=pk)
    if not may_keep_courses(scope, course.owner):
        raise PermissionDenied
    return _course_form(request, course)


def _course_form(request: HttpRequest, course: Course) -> HttpResponse:
    scope = scope_of(request)
    form = CourseForm(request.POST or None, instance=course, scope=scope)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.course_save,
            scope=scope,
            course=form.save(commit=False),
            skill_areas=form.cleaned_data["skill_areas"],
        )
        if saved is not None:
            messages.success(
                request, _("บันทึกหลักสูตร %(code)s แล้ว") % {"code": saved.code}
            )
            return redirect("competencies:course-list")
    return render(request, "competencies/course_form.html", {"form": form})
