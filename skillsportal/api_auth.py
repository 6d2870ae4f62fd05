"""API doors that DRF settings import at start-up: keys, throttle, pagination.

Kept apart from `skillsportal.api` (which imports DRF views) to avoid an import
cycle with DRF's settings.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from agencies.models import ApiKey
from agencies.scoping import AgencyScope, cached_scope_for
from agencies.services.api_keys import api_key_authenticate


class ApiClient:
    """The `request.user` of a call made with an API key: authenticated, no person."""

    is_authenticated = True
    is_anonymous = False
    is_superuser = False
    is_staff = False
    pk = None

    def __init__(self, key: ApiKey) -> None:
        self.key = key

    def __str__(self) -> str:
        return f"api-key:{self.key.prefix}"


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer KEY` (SPEC §9)."""

    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[ApiClient, ApiKey] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("รูปแบบกุญแจ API ไม่ถูกต้อง"))
        key = api_key_authenticate(parts[1].decode(errors="replace"))
        if key is None:
            raise exceptions.AuthenticationFailed(
                _("กุญแจ API ไม่ถูกต้อง หมดอายุ หรือถูกเพิกถอน")
            )
        return ApiClient(key), key

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ApiKeyBasicAuthentication(BaseAuthentication):
    """The key as the password of HTTP Basic (SPEC §9, as learning systems
    send xAPI credentials); the user name is ignored."""

    def authenticate(self, request: Request) -> tuple[ApiClient, ApiKey] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"basic":
            return None
        try:
            decoded = base64.b64decode(parts[1], validate=True).decode()
            _user, _colon, raw = decoded.partition(":")
        except (IndexError, ValueError, binascii.Error):
            raise exceptions.AuthenticationFailed(_("รูปแบบกุญแจ API ไม่ถูกต้อง")) from None
        key = api_key_authenticate(raw)
        if key is None:
            raise exceptions.AuthenticationFailed(
                _("กุญแจ API ไม่ถูกต้อง หมดอายุ หรือถูกเพิกถอน")
            )
        return ApiClient(key), key

    def authenticate_header(self, request: Request) -> str:
        return 'Basic realm="xapi"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "skillsportal.api_auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}


def scope_of_request(request: Request) -> AgencyScope:
    """An API key reads its agency's subtree (writes it only with `can_write`)."""
    if isinstance(request.auth, ApiKey):
        path = request.auth.agency.path
        write = (path,) if request.auth.can_write else ()
        return AgencyScope(read_paths=(path,), write_paths=write)
    return cached_scope_for(request.user)


class KeyOrUserThrottle(SimpleRateThrottle):
    """Throttle per API key, or per signed-in user (SPEC §10: many callers at once)."""

    scope = "api"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiKey):
            ident = f"key-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class XapiThrottle(KeyOrUserThrottle):
    """Statements come in batches from a few systems: a rate of its own."""

    scope = "xapi"


class IdCursorPagination(CursorPagination):
    """Cursor pagination on the primary key: stable and fast at millions of rows."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def decode_cursor(self, request: Request) -> Cursor | None:
        """A cursor we did not write (or a doctored one) is bad input: 400."""
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            cursor = None
            valid = False
        else:
            position = cursor.position if cursor else None
            valid = position is None or str(position).lstrip("-").isdigit()
        if not valid:
            raise exceptions.ValidationError({self.cursor_query_param: "invalid"})
        return cursor


class SafeJSONParser(JSONParser):
    """JSON whose nesting exhausts Python's recursion is bad input: 400, not 500."""

    def parse(
        self, stream: Any, media_type: Any = None, parser_context: Any = None
    ) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(_("JSON ซ้อนกันลึกเกินไป")) from exc
