"""Self-service pages (SPEC §1, §6, §7): my skills, my submissions, my data.

"Me" is always the signed-in user's own Person (`request.scope.person_id`),
never an id from the URL. A user without a Person gets a page saying so (403).
Notifications belong to the user; another user's id is 404 (SPEC §8).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from agencies.models import Person
from agencies.views import run_service, scope_of, user_of
from competencies import services
from competencies.forms import TrainingRecordForm
from competencies.models import AssessmentMethod, Notification, NotificationPreference
from reports.exports import attachment_header, font_uris
from skillsportal.lib.fiscal_year import current_fiscal_year
from skillsportal.lib.pdf import html_to_pdf
from skillsportal.lib.thai_dates import file_date

from .. import selectors
from ..forms import PreferenceForm, SelfAssessmentForm

View = TypeVar("View", bound=Callable[..., HttpResponse])


def person_required(view: View) -> View:
    """Sign-in, then a Person behind the account; the view gets it as `me`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person_id = scope_of(request).person_id
        if person_id is None:
            return render(request, "me/no_person.html", status=403)
        me = Person.objects.select_related("current_agency", "user").get(pk=person_id)
        return view(request, me, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]


def fy_param(request: HttpRequest, years: list[int]) -> int:
    """The `fy` query parameter when offered, else the current fiscal year."""
    raw = request.GET.get("fy", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return current_fiscal_year(timezone.localdate())


def call_service(
    request: HttpRequest, service: Callable[..., Any], **kwargs: Any
) -> Any:
    """Call a service for a one-click action; a broken rule becomes a message."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None


def skills_chart(skills: selectors.MySkills) -> dict[str, Any]:
    """Chart.js payload (json_script): my level and the target per required skill."""
    rows = [r for r in skills.rows if r.required]
    return {
        "labels": [r.code for r in rows],
        "titles": [r.name for r in rows],
        "max": skills.max_level,
        "series": [
            {"key": "level", "label": _("ระดับปัจจุบัน"), "data": [r.level for r in rows]},
            {
                "key": "target",
                "label": _("ระดับเป้าหมาย"),
                "data": [r.target for r in rows],
            },
        ],
        "none_label": _("ยังไม่มีผลประเมิน"),
        "axis": _("ระดับ"),
    }


@never_cache
@person_required
@require_GET
def my_skills(request: HttpRequest, me: Person) -> HttpResponse:
    """ทักษะของฉัน: group, targets, levels, gaps, hours and 70/30 (SPEC §7)."""
    years = selectors.my_years()
    skills = selectors.my_skills(person=me, fy=fy_param(request, years))
    ctx = {"skills": skills, "chart": skills_chart(skills) if skills.in_scope else None}
    return render(request, "me/skills.html", ctx)


@never_cache
@person_required
def training_create(request: HttpRequest, me: Person) -> HttpResponse:
    """Submit my own training record; it waits for HR (SPEC §6)."""
    form = TrainingRecordForm(request.POST or None, request.FILES or None, person=me)
    if request.method == "POST" and form.is_valid():
        record = run_service(
            form,
            services.training_record_create,
            scope=scope_of(request),
            actor=request.user,
            person=me,
            **form.cleaned_data,
        )
        if record is not None:
            messages.success(request, _("ส่งบันทึกการฝึกอบรมแล้ว รอเจ้าหน้าที่ตรวจสอบ"))
            return redirect("me:skills")
    return render(request, "me/training_form.html", {"form": form})


@never_cache
@person_required
def assessment_create(request: HttpRequest, me: Person) -> HttpResponse:
    """Submit a self-assessment; it counts once HR verifies it (SPEC §6, §7)."""
    form = SelfAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.assessment_create,
            scope=scope_of(request),
            actor=request.user,
            person=me,
            **(form.cleaned_data | {"method": AssessmentMethod.SELF}),
        )
        if done is not None:
            messages.success(request, _("ส่งผลการประเมินตนเองแล้ว รอเจ้าหน้าที่ตรวจสอบ"))
            return redirect("me:skills")
    return render(request, "me/assessment_form.html", {"form": form})


@never_cache
@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """My notifications, newest first, 20 a page."""
    notes = Notification.objects.visible_to(scope_of(request))
    page = Paginator(notes, 20).get_page(request.GET.get("page"))
    ctx = {"page": page, "unread": notes.unread().count()}
    return render(request, "me/notification_list.html", ctx)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of my notifications read, then open what it is about."""
    scope = scope_of(request)
    note = get_object_or_404(Notification.objects.visible_to(scope), pk=pk)
    services.notification_mark_read(scope=scope, notification=note)
    if note.link and url_has_allowed_host_and_scheme(
        note.link, allowed_hosts={request.get_host()}
    ):
        return redirect(note.link)
    return redirect("me:notification-list")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    """Mark every notification of mine read."""
    count = services.notifications_mark_all_read(scope=scope_of(request))
    messages.success(request, _("ทำเครื่องหมายว่าอ่านแล้ว %(n)s รายการ") % {"n": count})
    return redirect("me:notification-list")


@never_cache
@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """การแจ้งเตือน: opt out of e-mail copies or reminders (kept per user)."""
    pref = NotificationPreference.objects.filter(user=user_of(request)).first()
    initial = {
        "email_enabled": pref.email_enabled if pref else True,
        "reminders_enabled": pref.reminders_enabled if pref else True,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_update(
            scope=scope_of(request), **form.cleaned_data
        )
        messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
        return redirect("me:notification-settings")
    ctx = {"form": form, "email": request.user.email}  # type: ignore[union-attr]
    return render(request, "me/notification_settings.html", ctx)


@never_cache
@person_required
@require_GET
def my_data(request: HttpRequest, me: Person) -> HttpResponse:
    """ข้อมูลของฉัน: what the portal holds about me and how to get a copy (PDPA)."""
    ctx = {"me": me, "counts": selectors.my_data_counts(person=me)}
    return render(request, "me/data.html", ctx)


@never_cache
@person_required
@require_GET
def my_data_json(request: HttpRequest, me: Person) -> HttpResponse:
    """Everything about me as JSON (PDPA s.30–31: access and portability)."""
    body = json.dumps(selectors.my_data(person=me), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"my-data-{file_date(timezone.localdate())}.json"
    response["Content-Disposition"] = attachment_header(name, name)
    return response


@never_cache
@person_required
@require_GET
def my_transcript_pdf(request: HttpRequest, me: Person) -> HttpResponse:
    """My transcript as PDF through chromium: a correct Thai text layer (§3.1).

    One at a time per person: a browser starts for each PDF, so a second
    request while one renders is turned away rather than queued.
    """
    busy = f"me:transcript:{me.pk}"
    if not cache.add(busy, 1, timeout=60):
        messages.info(request, _("กำลังจัดทำเอกสารฉบับก่อนหน้า กรุณาลองใหม่อีกครั้ง"))
        return redirect("me:data")
    try:
        pdf = html_to_pdf(render_to_string("me/transcript_pdf.html", _transcript(me)))
    finally:
        cache.delete(busy)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"transcript-{file_date(timezone.localdate())}.pdf"
    response["Content-Disposition"] = attachment_header(name, name)
    return response


def _transcript(me: Person) -> dict[str, Any]:
    return {
        "me": me,
        "skills": selectors.my_skills(
            person=me, fy=current_fiscal_year(timezone.localdate())
        ),
        "years": selectors.transcript_years(person=me),
        "generated_at": timezone.now(),
        **font_uris(),
    }
