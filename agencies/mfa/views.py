"""The second sign-in step: enrol an authenticator app, then type its codes.

Both pages act on the signed-in user's own device only; they take no ids.
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.views import scope_of

from . import services
from .forms import CodeForm
from .rules import mfa_required


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _done_already(request: HttpRequest) -> bool:
    user = request.user
    return user.is_verified() or not mfa_required(user, scope_of(request))  # type: ignore[union-attr]


def _refuse(form: CodeForm, check: services.CodeCheck) -> None:
    if check.locked_until is not None:
        when = time_format(localtime(check.locked_until), "H:i:s")
        form.add_error(
            "code", _("ใส่รหัสผิดหลายครั้ง โปรดลองใหม่หลังเวลา %(when)s") % {"when": when}
        )
    else:
        form.add_error("code", _("รหัสไม่ถูกต้องหรือหมดอายุแล้ว"))


def _passed(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    request.session.cycle_key()  # a new session id once the second factor is in
    otp_login(request, device)
    return redirect(_next(request))


def _step(request: HttpRequest, name: str) -> HttpResponse:
    return redirect(reverse(name) + "?" + urlencode({"next": _next(request)}))


def qr_data_uri(text: str) -> str:
    """An inline SVG QR code (a data: URI: CSP allows img-src data:, no script)."""
    return segno.make(text, error="m").svg_data_uri(scale=5, dark="#000")


@never_cache
@login_required
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and secret, confirmed with one code."""
    if _done_already(request):
        return redirect(_next(request))
    user = request.user
    if services.mfa_device_confirmed(user=user) is not None:
        return _step(request, "mfa:verify")
    device = services.mfa_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.mfa_enrol_confirm(user=user, token=form.cleaned_data["code"])
        if check.ok:
            messages.success(request, _("ตั้งค่าการยืนยันตัวตนสองขั้นตอนเรียบร้อยแล้ว"))
            return _passed(request, check.device)
        _refuse(form, check)
    secret = b32encode(device.bin_key).decode()
    ctx = {
        "form": form,
        "next": _next(request),
        "qr": qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "registration/mfa_enrol.html", ctx)


@never_cache
@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second sign-in step: a 6-digit code from the enrolled app."""
    if _done_already(request):
        return redirect(_next(request))
    if services.mfa_device_confirmed(user=request.user) is None:
        return _step(request, "mfa:enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.mfa_verify(user=request.user, token=form.cleaned_data["code"])
        if check.ok:
            return _passed(request, check.device)
        _refuse(form, check)
    ctx = {"form": form, "next": _next(request)}
    return render(request, "registration/mfa_verify.html", ctx)
