"""The Statement resource of xAPI 1.0.3 at /xapi/statements (SPEC §9), and
the About resource at /xapi/about.

An agency API key with the xAPI right, as `Authorization: Bearer KEY` or the
password of HTTP Basic. Every request names `X-Experience-API-Version: 1.0.x`
and every answer carries the version the portal speaks.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.access import require_xapi, xapi_scope
from agencies.models import ApiKey
from competencies.api import BoundedJSONParser
from skillsportal.api_auth import (
    ApiKeyAuthentication,
    ApiKeyBasicAuthentication,
    XapiThrottle,
)

from . import selectors
from .identities import actor_identity
from .services import VERSION, Refused, statements_receive
from .validation import agent_problems, parse_timestamp, uuid_problems

_SINGLE = {"statementId", "voidedStatementId", "attachments", "format"}
_LIST = {"agent", "verb", "activity", "since", "until", "limit", "ascending", "cursor",
         "attachments", "format", "registration", "related_activities",
         "related_agents"}  # fmt: skip


def _error(status_code: int, reasons: list[str]) -> Response:
    return Response({"errors": reasons}, status=status_code)


def _flag(params: Any, name: str) -> bool:
    """A boolean parameter: "true" or "false" (the default)."""
    value = params.get(name, "false")
    if value not in ("true", "false"):
        raise ValueError(_("%(p)s ต้องเป็น true หรือ false") % {"p": name})
    return value == "true"


@extend_schema(exclude=True)  # xAPI's own specification documents it
class StatementsView(APIView):
    authentication_classes = [ApiKeyAuthentication, ApiKeyBasicAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [XapiThrottle]
    parser_classes = [BoundedJSONParser]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        require_xapi(request.auth if isinstance(request.auth, ApiKey) else None)

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["X-Experience-API-Version"] = VERSION
        return response

    def _version_problem(self, request: Request) -> Response | None:
        version = request.headers.get("X-Experience-API-Version", "")
        if not version.startswith("1.0"):
            return _error(
                status.HTTP_400_BAD_REQUEST,
                [_("ต้องส่งส่วนหัว X-Experience-API-Version: 1.0.3")],
            )
        return None

    @staticmethod
    def _key(request: Request) -> ApiKey:
        assert isinstance(request.auth, ApiKey)  # `initial` let only keys in
        return request.auth

    def _home_pages(self, request: Request) -> set[str]:
        return {
            settings.XAPI_HOME_PAGE.rstrip("/"),
            request.build_absolute_uri("/").rstrip("/"),
        }

    def post(self, request: Request) -> Response:
        if problem := self._version_problem(request):
            return problem
        try:
            ids = statements_receive(
                key=self._key(request),
                statements=request.data,
                home_pages=self._home_pages(request),
            )
        except Refused as refused:
            return _error(refused.status, refused.reasons)
        return Response(ids, status=status.HTTP_200_OK)

    def put(self, request: Request) -> Response:
        if problem := self._version_problem(request):
            return problem
        sid = request.query_params.get("statementId")
        if not sid:
            return _error(400, [_("PUT ต้องระบุ statementId")])
        if problems := uuid_problems(sid, "statementId"):
            return _error(400, problems)
        try:
            statements_receive(
                key=self._key(request),
                statements=request.data,
                home_pages=self._home_pages(request),
                statement_id=sid.lower(),
            )
        except Refused as refused:
            return _error(refused.status, refused.reasons)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get(self, request: Request) -> Response:
        if problem := self._version_problem(request):
            return problem
        params = request.query_params
        scope = xapi_scope(self._key(request))
        single = {"statementId", "voidedStatementId"} & params.keys()
        if single:
            return self._one(params, single, scope)
        if unknown := params.keys() - _LIST:
            return _error(
                400, [_("ไม่รู้จักพารามิเตอร์ %(p)s") % {"p": ", ".join(sorted(unknown))}]
            )
        try:
            filters = self._filters(request)
            rows, cursor = selectors.statements_page(
                scope, filters, params.get("cursor")
            )
        except ValueError as exc:
            return _error(400, [str(exc) or _("พารามิเตอร์ไม่ถูกต้อง")])
        more = ""
        if cursor:
            query = {k: v for k, v in params.items() if k != "cursor"}
            more = f"{request.path}?{urlencode({**query, 'cursor': cursor})}"
        response = Response({"statements": [s.document for s in rows], "more": more})
        response["X-Experience-API-Consistent-Through"] = timezone.now().isoformat()
        return response

    def _one(self, params: Any, single: set[str], scope: Any) -> Response:
        if len(single) > 1 or params.keys() - _SINGLE:
            return _error(400, [_("statementId ใช้ร่วมกับพารามิเตอร์อื่นไม่ได้")])
        name = single.pop()
        sid = params[name].lower()
        if problems := uuid_problems(sid, name):
            return _error(400, problems)
        statement = selectors.statement_get(
            scope, sid, voided=name == "voidedStatementId"
        )
        if statement is None:
            return _error(404, [_("ไม่พบคำสั่งนี้")])
        response = Response(statement.document)
        response["Last-Modified"] = statement.stored.strftime(
            "%a, %d %b %Y %H:%M:%S GMT"
        )
        return response

    def _filters(self, request: Request) -> selectors.StatementFilters:
        params = request.query_params
        actor = None
        if "agent" in params:
            try:
                agent = json.loads(params["agent"])
            except ValueError:
                raise ValueError(_("agent ต้องเป็น JSON ของ Agent")) from None
            if problems := agent_problems(agent, "agent"):
                raise ValueError(problems[0])
            actor = actor_identity(agent, self._home_pages(request))[0]
        times = {}
        for name in ("since", "until"):
            if name in params:
                times[name] = parse_timestamp(params[name])
                if times[name] is None:
                    raise ValueError(_("%(p)s ต้องเป็นวันเวลาแบบ ISO 8601") % {"p": name})
        try:
            limit = int(params.get("limit", 0)) or 100
        except ValueError:
            raise ValueError(_("limit ต้องเป็นจำนวนเต็ม")) from None
        registration = params.get("registration")
        if registration is not None:
            if problems := uuid_problems(registration, "registration"):
                raise ValueError(problems[0])
            registration = registration.lower()
        return selectors.StatementFilters(
            actor=actor,
            verb=params.get("verb"),
            activity=params.get("activity"),
            registration=registration,
            related_activities=_flag(params, "related_activities"),
            related_agents=_flag(params, "related_agents"),
            since=times.get("since"),
            until=times.get("until"),
            ascending=_flag(params, "ascending"),
            limit=max(1, min(limit, selectors.MAX_LIMIT)),
        )


@extend_schema(exclude=True)
class AboutView(APIView):
    """xAPI's About resource: the versions the portal speaks, open to anyone
    (xAPI Communication §2.8)."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    def get(self, request: Request) -> Response:
        response = Response({"version": [VERSION], "extensions": {}})
        response["X-Experience-API-Version"] = VERSION
        return response
