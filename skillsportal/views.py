from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from agencies.models import Agency, Person
from competencies.models import Framework
from skillsportal.lib.fiscal_year import current_fiscal_year


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = request.scope  # type: ignore[attr-defined]
    fy = current_fiscal_year(timezone.localdate())
    ctx = {
        "fy": fy,
        "framework": Framework.objects.for_fiscal_year(fy),
        "agency_count": Agency.objects.visible_to(scope).count(),
        "person_count": Person.objects.visible_to(scope).count(),
        "person": Person.objects.filter(user=request.user).first(),
    }
    return render(request, "home.html", ctx)


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
