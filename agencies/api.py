"""API viewsets for agencies and people (SPEC §9); scoped by ScopedViewSet."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from skillsportal.api import ScopedViewSet

from .filters import AgencyFilter, PersonFilter, PersonVersionFilter
from .models import Agency, ApiKey, Person, PersonVersion
from .serializers import (
    AgencySerializer,
    NationalIdSearchSerializer,
    PersonSerializer,
    PersonVersionSerializer,
)
from .services.access_log import person_access_log


class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The agency tree the caller may read."""

    queryset = Agency.objects.select_related("parent")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """People the caller may read, with masked national IDs (SPEC §3)."""

    queryset = Person.objects.select_related("current_agency")
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One person; the read is logged as an ACCESS audit entry (PDPA)."""
        person = self.get_object()
        key = request.auth if isinstance(request.auth, ApiKey) else None
        person_access_log(person=person, actor=request.user, api_key=key)
        return Response(self.get_serializer(person).data)

    @extend_schema(
        request=NationalIdSearchSerializer, responses=PersonSerializer(many=True)
    )
    @action(detail=False, methods=["post"])
    def search(self, request: Request) -> Response:
        """Find a person by full national ID: POST only, keys with that right only."""
        if not (
            isinstance(request.auth, ApiKey) and request.auth.can_search_national_id
        ):
            raise PermissionDenied()
        body = NationalIdSearchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            found = self.get_queryset().with_national_id(
                body.validated_data["national_id"]
            )
        except ValueError as exc:
            raise ValidationError({"national_id": [str(exc)]}) from exc
        people = list(found[:1])
        for person in people:
            person_access_log(person=person, actor=request.user, api_key=request.auth)
        return Response(PersonSerializer(people, many=True).data)


class PersonVersionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Versions of the people the caller may read (transfers, promotions)."""

    queryset = PersonVersion.objects.select_related("agency")
    serializer_class = PersonVersionSerializer
    filterset_class = PersonVersionFilter
