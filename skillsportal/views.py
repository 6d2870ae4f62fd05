import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from agencies.access import writes_anywhere
from agencies.models import Agency, Person
from agencies.selectors import COUNT_CAP, roster
from agencies.views import scope_of, user_of
from competencies.models import Framework
from competencies.selectors import pending_count
from skillsportal.lib.fiscal_year import current_fiscal_year

log = logging.getLogger(__name__)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask every site for /favicon.ico: the static icon, cached a year."""
    response = HttpResponsePermanentRedirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=31536000"
    return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Start page: counts of what the user may see and links to their work.

    Counts stop at COUNT_CAP so the page never counts 3 million rows (SPEC §10).
    """
    scope = scope_of(request)
    fy = current_fiscal_year(timezone.localdate())
    people = roster(scope=scope).order_by()
    ctx = {
        "fy": fy,
        "framework": Framework.objects.for_fiscal_year(fy),
        "agency_count": Agency.objects.visible_to(scope).count(),
        "person_count": people[: COUNT_CAP + 1].count(),
        "count_cap": COUNT_CAP,
        "person": Person.objects.filter(user=user_of(request)).first(),
        "is_staff_scope": scope.is_staff_scope,
        "can_write": writes_anywhere(scope),
        "pending_count": pending_count(scope=scope),
    }
    return render(request, "home.html", ctx)


def _pdpa_context() -> dict[str, Any]:
    return {
        "controller": settings.PDPA_CONTROLLER,
        "dpo_contact": settings.PDPA_DPO_CONTACT,
        "retention_years": settings.RETENTION_YEARS,
        "import_files_keep_days": settings.IMPORT_FILES_KEEP_DAYS,
    }


def privacy_notice(request: HttpRequest) -> HttpResponse:
    """ประกาศความเป็นส่วนตัว: the public privacy notice (PDPA sections 23 and 30–36)."""
    return render(request, "pdpa/privacy_notice.html", _pdpa_context())


@login_required
def processing_record(request: HttpRequest) -> HttpResponse:
    """บันทึกรายการกิจกรรมการประมวลผล (PDPA section 39), for signed-in users."""
    return render(request, "pdpa/processing_record.html", _pdpa_context())


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer: 200 when the database answers, else 503.

    A 503 (not an error page) lets the balancer take this server out of rotation
    while PostgreSQL is down; Django reconnects by itself once it is back.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        log.warning("healthz: the database does not answer")
        return JsonResponse({"status": "error", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})


# Password reset by e-mail (issue 15: 15 mails in seconds): per address, the usual
# "sent" page and no mail past the limit (nothing to learn, no inbox to flood);
# per client, a 429 page. Counted in the cache (Redis in production).
RESETS_PER_ADDRESS = "3/h"
RESETS_PER_CLIENT = "10/h"


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form: Any) -> HttpResponse:
        request = self.request
        if is_ratelimited(
            request,
            group="password-reset-client",
            key="ip",
            rate=RESETS_PER_CLIENT,
            increment=True,
        ):
            return render(
                request, "registration/password_reset_limited.html", status=429
            )
        address = form.cleaned_data["email"].strip().lower()
        if is_ratelimited(
            request,
            group="password-reset-address",
            key=lambda _group, _request: address,
            rate=RESETS_PER_ADDRESS,
            increment=True,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any]) -> str:
    """The account a sign-in attempt targets, for django-axes' failure counter.

    Sign-in accepts a username or any-case email (agencies.auth), so without this
    "HR@x", "hr@x" and "hr" would each get their own five attempts.
    """
    typed = str((credentials or {}).get("username") or "").strip()
    if "@" not in typed:
        return typed
    match = (
        get_user_model()
        .objects.filter(email__iexact=typed)
        .order_by("pk")
        .values_list("username", flat=True)
        .first()
    )
    return match or typed.lower()
