"""The client's address, the one rule for sign-in lock-outs and the audit trail.

Behind the documented nginx every request comes from the proxy's address, and
X-Forwarded-For is whatever the client wrote followed by what each proxy added.
Only the last TRUSTED_PROXY_COUNT entries were written by our own proxies: the
client is the entry just before them. Anything further left is the client's word.
With no trusted proxy the header is ignored.

The middleware runs first and leaves REMOTE_ADDR as the client and no
X-Forwarded-For: django-axes (through AXES_CLIENT_IP_CALLABLE) and
django-auditlog then read the same, unforgeable address (issue 15).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FORWARDED = "HTTP_X_FORWARDED_FOR"


def client_address(meta: dict[str, str], trusted: int) -> str:
    """REMOTE_ADDR, or the address our `trusted` proxies say they served."""
    remote = meta.get("REMOTE_ADDR", "")
    hops = [h.strip() for h in meta.get(FORWARDED, "").split(",") if h.strip()]
    if trusted < 1 or not hops:
        return remote
    return hops[-trusted] if len(hops) >= trusted else hops[0]


def client_ip(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: the address the middleware settled on."""
    return request.META.get("REMOTE_ADDR", "")


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        meta["REMOTE_ADDR"] = client_address(meta, settings.TRUSTED_PROXY_COUNT)
        meta.pop(FORWARDED, None)
        meta.pop("HTTP_X_REAL_IP", None)
        return self.get_response(request)
