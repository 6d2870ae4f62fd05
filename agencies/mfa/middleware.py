"""Hold users who must use MFA at the second step until they pass it (issue 9).

Pages redirect to the verify page (or enrolment, without a device); session
calls to `/api/` get 403 in the API's JSON error shape. Calls with an API key
(`Authorization: Bearer`) pass: the key is their only credential. Sign-in,
sign-out, the two MFA pages, the language switch and static files stay open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .rules import mfa_required
from .services import mfa_device_confirmed


class MfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def open_paths(self) -> tuple[str, ...]:
        names = ("login", "logout", "mfa:enrol", "mfa:verify")
        static = "/" + settings.STATIC_URL.lstrip("/")
        return (*(reverse(n) for n in names), "/i18n/", static)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self._hold(request) or self.get_response(request)

    def _hold(self, request: HttpRequest) -> HttpResponse | None:
        if not settings.MFA_REQUIRED or request.path_info.startswith(self.open_paths):
            return None
        is_api = request.path_info.startswith("/api/")
        if is_api and request.headers.get("Authorization", "").lower().startswith(
            "bearer "
        ):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]  # OTPMiddleware
            return None
        if not mfa_required(user, request.scope):  # type: ignore[attr-defined]
            return None
        if is_api:
            return _api_refusal()
        step = "mfa:verify" if mfa_device_confirmed(user=user) else "mfa:enrol"
        query = (
            "?" + urlencode({"next": request.get_full_path()})
            if request.method == "GET"
            else ""
        )
        return redirect(reverse(step) + query)


def _api_refusal() -> JsonResponse:
    error = {
        "code": "mfa_required",
        "message": _("ต้องยืนยันตัวตนสองขั้นตอนก่อนใช้งาน"),
        "message_en": "Two-step verification required",
        "detail": None,
    }
    return JsonResponse({"error": error}, status=403)
