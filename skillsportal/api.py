"""The API's shared doors: key authentication, the scoped base viewset, errors.

STYLE C3.5: every viewset inherits `ScopedViewSet`, which builds `self.scope`
after authentication and applies `visible_to(self.scope)` in `get_queryset()`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

from agencies.scoping import AgencyScope

from .api_auth import scope_of_request


class ScopedViewSet(viewsets.GenericViewSet):
    """Base of every API viewset: the scope is built once, applied to every read."""

    scope: AgencyScope

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.scope = scope_of_request(request)

    def get_queryset(self) -> Any:
        return super().get_queryset().visible_to(self.scope)  # type: ignore[attr-defined]


ERROR_CODES = {
    400: ("invalid", "ข้อมูลไม่ถูกต้อง", "Invalid input"),
    401: ("not_authenticated", "ต้องยืนยันตัวตน", "Authentication required"),
    403: ("permission_denied", "ไม่มีสิทธิ์", "Permission denied"),
    404: ("not_found", "ไม่พบข้อมูล", "Not found"),
    405: ("method_not_allowed", "ไม่รองรับวิธีนี้", "Method not allowed"),
    413: ("too_large", "ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด", "Request body too large"),
    429: ("throttled", "เรียกใช้บ่อยเกินไป", "Too many requests"),
}


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด (ไม่เกิน 10 MB) / Body over 10 MB"
    default_code = "too_large"


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """One JSON error shape: {"error": {code, message, message_en, detail}}.

    Services raise Django's ValidationError and PermissionDenied; they become
    400 and 403 here (HackSoft's handler). Out of scope is always 404.
    """
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RequestDataTooBig):  # Django's own check, the same limit
        exc = BodyTooLarge()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code, th, en = ERROR_CODES.get(
        response.status_code, ("error", "เกิดข้อผิดพลาด", "Error")
    )
    detail = response.data
    message = detail.get("detail", th) if isinstance(detail, dict) else th
    response.data = {
        "error": {
            "code": code,
            "message": str(message),
            "message_en": en,
            "detail": detail if code == "invalid" else None,
        }
    }
    return response
