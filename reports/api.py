"""API of the compliance figures (SPEC §9 `reports/compliance/`) and the job table."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from agencies.models import Agency
from skillsportal.api import ScopedViewSet
from skillsportal.lib.fiscal_year import current_fiscal_year

from .board_cache import cached_board
from .models import ComplianceFigure, ComplianceRun, SkillFigure
from .selectors import rollout_by_year
from .serializers import (
    ComplianceDetailSerializer,
    ComplianceFigureSerializer,
    ComplianceQuerySerializer,
    ComplianceRunSerializer,
    RolloutYearSerializer,
)


def _conditional(
    request: Request, response: Response, stamp: datetime | None
) -> Response:
    """ETag and Last-Modified from the figures' computed_at; 304 when unchanged."""
    if stamp is None:
        return response
    etag = quote_etag(
        hashlib.sha256(f"{request.get_full_path()}|{stamp}".encode()).hexdigest()[:32]
    )
    if request.headers.get("If-None-Match") == etag:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stamp.timestamp())
    return response


class ComplianceViewSet(ScopedViewSet):
    """SPEC §7 figures: one agency's (with `agency`) or every agency in scope."""

    queryset = ComplianceFigure.objects.select_related("agency").order_by("pk")
    serializer_class = ComplianceFigureSerializer

    @extend_schema(
        parameters=[ComplianceQuerySerializer],
        responses={200: ComplianceFigureSerializer(many=True)},
        description="With `agency`: a one-row page of that agency's figures "
        "with its skill areas.",
    )
    def list(self, request: Request) -> Response:
        query = ComplianceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fy = query.validated_data.get("fy") or current_fiscal_year(timezone.localdate())
        rows = self.get_queryset().filter(
            fy=fy, target_group=query.validated_data["target_group"]
        )
        if "agency" in query.validated_data:
            return self._one(request, rows, query.validated_data["agency"])
        # The page is the same for every key that reads the same agencies, until
        # the figures change (issue 17): built once per figures version, keyed by
        # what decides it (other query parameters make no new entry).
        reads = repr((self.scope.national, self.scope.read_paths)).encode()
        page_of = [request.query_params.get(p) for p in ("cursor", "page_size")]
        data, stamp = cached_board(
            "api-compliance",
            (
                hashlib.sha256(reads).hexdigest()[:32],
                request.get_host(),
                fy,
                query.validated_data["target_group"],
                *page_of,
            ),
            lambda: self._page(request, rows),
        )
        return _conditional(request, Response(data), stamp)

    def _page(self, request: Request, rows: Any) -> tuple[Any, datetime | None]:
        page = self.paginate_queryset(rows)
        stamp = max((f.computed_at for f in page), default=None) if page else None
        data = self.get_serializer(page, many=True).data
        return self.get_paginated_response(data).data, stamp

    def _one(self, request: Request, rows: Any, code: str) -> Response:
        agency = Agency.objects.visible_to(self.scope).filter(code=code).first()
        figure = rows.filter(agency=agency).first() if agency else None
        if figure is None:
            raise Http404
        figure.skills = SkillFigure.objects.filter(
            fy=figure.fy, agency=agency, target_group=figure.target_group
        ).order_by("skill_code")
        data = {
            "next": None,
            "previous": None,
            "results": [ComplianceDetailSerializer(figure).data],
        }
        return _conditional(request, Response(data), figure.computed_at)


class ComplianceRunViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """The job table of figure computations (OCSC administrators)."""

    queryset = ComplianceRun.objects.all()
    serializer_class = ComplianceRunSerializer
    filterset_fields = ["kind", "outcome", "fy"]

    def get_queryset(self) -> Any:
        if not self.scope.national:
            raise PermissionDenied()
        return self.queryset.order_by("pk")


class RolloutViewSet(ScopedViewSet):
    """The rollout by phase and fiscal year over the caller's top agencies."""

    queryset = ComplianceFigure.objects.none()
    serializer_class = RolloutYearSerializer
    pagination_class = None

    @extend_schema(responses=RolloutYearSerializer(many=True))
    def list(self, request: Request) -> Response:
        rows = rollout_by_year(scope=self.scope)
        return Response(RolloutYearSerializer(rows, many=True).data)
