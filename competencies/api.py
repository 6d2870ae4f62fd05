"""API viewsets for frameworks, courses, training records, assessments, import jobs.

Training records and assessments are written through the import services
(SPEC §9): one item or a bulk of items, all or none, the same validation as files.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import Any

import django_filters
from django.conf import settings
from django.db.models import Func, IntegerField
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agencies.access import require_writer
from agencies.filters import IdFilter
from agencies.models import ApiKey
from skillsportal.api import BodyTooLarge, ScopedViewSet
from skillsportal.api_auth import IdCursorPagination, SafeJSONParser

from .models import Assessment, Course, Framework, ImportJob, TrainingRecord
from .serializers import (
    AssessmentBulkSerializer,
    AssessmentCreateSerializer,
    AssessmentSerializer,
    CourseSerializer,
    FrameworkSerializer,
    ImportJobSerializer,
    ItemsErrorSerializer,
    ItemsWrittenSerializer,
    TrainingRecordBulkSerializer,
    TrainingRecordCreateSerializer,
    TrainingRecordSerializer,
)
from .services.items import (
    ItemError,
    ItemsResult,
    assessment_bulk_create,
    training_record_bulk_create,
)

WRITE_MAX_BYTES = settings.API_MAX_BODY_BYTES  # 5,000 items of long Thai titles fit


class RecordFilter(django_filters.FilterSet):
    # A number, not a model choice: "no such person" and "not yours" must look alike.
    person = IdFilter(field_name="person_id")
    status = django_filters.CharFilter()


class TrainingFilter(RecordFilter):
    horizon = django_filters.CharFilter()


class AssessmentFilter(RecordFilter):
    method = django_filters.CharFilter()


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


class PublicCatalogueViewSet(ReadOnly):
    """Framework and catalogue data hold no personal data: every caller reads it."""

    def get_queryset(self) -> Any:
        return self.queryset.all()  # type: ignore[union-attr]


class FrameworkViewSet(PublicCatalogueViewSet):
    queryset = Framework.objects.published().prefetch_related(
        "skill_areas", "levels", "targets__skill_area"
    )
    serializer_class = FrameworkSerializer
    filterset_fields = ["code", "effective_from_fy"]


class CourseViewSet(ReadOnly):
    """The catalogue as the caller sees it: national courses and their agencies'."""

    queryset = Course.objects.filter(active=True)
    serializer_class = CourseSerializer
    filterset_fields = ["code", "horizon", "activity_id"]

    def get_queryset(self) -> Any:
        courses = Course.objects.visible_to(self.scope).filter(active=True)
        return courses.select_related("owner").prefetch_related("skill_areas")


# --- writes -------------------------------------------------------------------


class BoundedJSONParser(SafeJSONParser):
    """JSON, refused past WRITE_MAX_BYTES before it is parsed (chunked bodies too)."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        data = stream.read(WRITE_MAX_BYTES + 1)
        if len(data) > WRITE_MAX_BYTES:
            raise BodyTooLarge()
        return super().parse(io.BytesIO(data), media_type, parser_context)


class ItemsInvalid(exceptions.ValidationError):
    """400 listing every bad item (index, field, value, reasons); nothing written."""

    def __init__(self, errors: list[ItemError]) -> None:
        super().__init__()
        # Set after init: DRF would turn the indexes into strings.
        self.detail = {"errors": [asdict(e) for e in errors]}


def _write_schema(body: Any, description: str) -> Callable[[Any], Any]:
    return extend_schema(
        request=body,
        responses={
            201: ItemsWrittenSerializer,
            200: ItemsWrittenSerializer,
            400: ItemsErrorSerializer,
            413: OpenApiResponse(description="body over 10 MB"),
        },
        description=description,
    )


_ONE = (
    "Record one item (fields as the import columns of SPEC §9), verified on entry "
    "(SPEC §6). HR officers, OCSC administrators and keys with `can_write` only "
    "(403 otherwise); a person outside the caller's write scope is reported as not "
    "found. 201 when a record was created, 200 when its key existed (updated or "
    "unchanged)."
)
_BULK = (
    'Body `{"items": [...]}`, at most 5,000 items: all are written or none, and '
    "the 400 lists every bad item by index. Otherwise as the single POST."
)


class RecordWrites(ScopedViewSet):
    """POST one item or `bulk/` through one write service of the import path."""

    parser_classes = [BoundedJSONParser]
    write_service: Callable[..., ItemsResult]

    def _write(self, request: Request, *, bulk: bool) -> Response:
        require_writer(self.scope)  # 403 before the body is read
        if bulk:
            body = request.data
            items = body.get("items") if isinstance(body, dict) else None
        else:
            items = [request.data]
        key = request.auth if isinstance(request.auth, ApiKey) else None
        result = type(self).write_service(
            items=items,
            scope=self.scope,
            actor=None if key else request.user,
            source={"api": request.path, **({"api_key": key.prefix} if key else {})},
        )
        if not result.ok:
            raise ItemsInvalid(result.errors)
        written = {**result.counts, "ids": result.ids, "warnings": result.warnings}
        data = ItemsWrittenSerializer(written).data
        created = (
            status.HTTP_201_CREATED if result.counts["new"] else status.HTTP_200_OK
        )
        return Response(data, status=created)


class TrainingRecordViewSet(ReadOnly, RecordWrites):
    """Training records of the people the caller may read; HR and keys write."""

    queryset = TrainingRecord.objects.prefetch_related("skill_areas")
    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingFilter
    write_service = staticmethod(training_record_bulk_create)

    @_write_schema(TrainingRecordCreateSerializer, _ONE)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._write(request, bulk=False)

    @_write_schema(TrainingRecordBulkSerializer, _BULK)
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        return self._write(request, bulk=True)


class AssessmentViewSet(ReadOnly, RecordWrites):
    """Assessments of the people the caller may read; HR and keys write."""

    queryset = Assessment.objects.select_related("skill_area")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    write_service = staticmethod(assessment_bulk_create)

    @_write_schema(AssessmentCreateSerializer, _ONE)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._write(request, bulk=False)

    @_write_schema(AssessmentBulkSerializer, _BULK)
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        return self._write(request, bulk=True)


# --- import jobs --------------------------------------------------------------


class _JsonArrayLength(Func):
    function = "jsonb_array_length"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="json_array_length", **extra)


class NewestFirst(IdCursorPagination):
    ordering = "-pk"


class ImportJobViewSet(ReadOnly):
    """Import jobs the caller may see, as on the import pages: own; OCSC all.

    As there, only importers (HR officers, OCSC administrators, keys that may
    write) get an answer, 403 for everyone else. Keys own no jobs: they write
    through the API.
    """

    queryset = (
        ImportJob.objects.select_related("agency", "created_by")
        .defer("errors", "file")
        .annotate(error_count=_JsonArrayLength("errors"))
    )
    serializer_class = ImportJobSerializer
    filterset_fields = ["kind", "status"]
    pagination_class = NewestFirst

    def get_queryset(self) -> Any:
        require_writer(self.scope)
        return super().get_queryset()
