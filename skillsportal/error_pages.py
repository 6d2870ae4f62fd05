"""Error pages in the user's language, inside the portal's frame (STYLE C3.4).

Under /api/ every error is the API's JSON shape; elsewhere a page with the menu
that says what happened and where to go. A PermissionDenied raised with a
message (the access module's, already in the user's language) shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

API = "/api/"


def _api_error(code: str, th: str, en: str, status: int) -> JsonResponse:
    error = {"code": code, "message": th, "message_en": en, "detail": None}
    return JsonResponse({"error": error}, status=status)


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """400: a request the portal cannot read (a damaged link or form)."""
    if request.path.startswith(API):
        return _api_error("bad_request", "คำขอไม่ถูกต้อง", "Bad request", 400)
    return render(request, "400.html", status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: signed in but not allowed; the reason when the code gave one."""
    if request.path.startswith(API):
        th, en = "ไม่มีสิทธิ์", "Permission denied"
        return _api_error("permission_denied", th, en, 403)
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 of a form whose security token expired (a page left open too long)."""
    message = _("แบบฟอร์มนี้หมดอายุ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง")
    return render(request, "403.html", {"reason": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the API's JSON error shape under /api/, a page elsewhere."""
    if request.path.startswith(API):
        return _api_error("not_found", "ไม่พบข้อมูล", "Not found", 404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: the API's JSON error shape under /api/, the plain error page elsewhere.

    The page (templates/500.html) stands alone: it must render when the
    database, the session or the user cannot be read.
    """
    if request.path.startswith(API):
        th = "เกิดข้อผิดพลาดในระบบ กรุณาลองใหม่ภายหลัง"
        return _api_error(
            "server_error", th, "Server error; please try again later", 500
        )
    return defaults.server_error(request)


class MethodNotAllowedPage:
    """405 (a link to a form action, a page reloaded after POST): a page, not a
    blank screen. Django's `require_POST` answers with an empty body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not request.path.startswith(API)
            and not getattr(response, "streaming", False)
            and not response.content
        ):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
