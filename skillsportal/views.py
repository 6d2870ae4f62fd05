from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from agencies.models import Agency, Person
from agencies.selectors import COUNT_CAP, roster
from agencies.views import can_write_any, scope_of
from competencies.models import Framework
from competencies.selectors import pending_count
from skillsportal.lib.fiscal_year import current_fiscal_year


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
        "person": Person.objects.filter(user=request.user).first(),
        "is_staff_scope": scope.is_staff_scope,
        "can_write": can_write_any(scope),
        "pending_count": pending_count(scope=scope),
    }
    return render(request, "home.html", ctx)


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


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


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the API's JSON error shape under /api/, a Thai page elsewhere."""
    if request.path.startswith("/api/"):
        error = {"code": "not_found", "message": "ไม่พบข้อมูล", "message_en": "Not found"}
        return JsonResponse({"error": {**error, "detail": None}}, status=404)
    return render(request, "404.html", status=404)
