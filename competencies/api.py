"""API viewsets for frameworks, courses, training records and assessments."""

from __future__ import annotations

from typing import Any

import django_filters
from rest_framework import mixins

from skillsportal.api import ScopedViewSet

from .models import Assessment, Course, Framework, TrainingRecord
from .serializers import (
    AssessmentSerializer,
    CourseSerializer,
    FrameworkSerializer,
    TrainingRecordSerializer,
)


class RecordFilter(django_filters.FilterSet):
    # A number, not a model choice: "no such person" and "not yours" must look alike.
    person = django_filters.NumberFilter(field_name="person_id")
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
    queryset = Framework.objects.prefetch_related(
        "skill_areas", "levels", "targets__skill_area"
    )
    serializer_class = FrameworkSerializer
    filterset_fields = ["code", "effective_from_fy"]


class CourseViewSet(PublicCatalogueViewSet):
    queryset = Course.objects.filter(active=True).prefetch_related("skill_areas")
    serializer_class = CourseSerializer
    filterset_fields = ["code", "horizon"]


class TrainingRecordViewSet(ReadOnly):
    """Training records of the people the caller may read."""

    queryset = TrainingRecord.objects.select_related("course").prefetch_related(
        "skill_areas"
    )
    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingFilter


class AssessmentViewSet(ReadOnly):
    """Assessments of the people the caller may read."""

    queryset = Assessment.objects.select_related("skill_area")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
