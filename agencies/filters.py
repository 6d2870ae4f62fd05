"""django-filter FilterSets for the API; they always start from a scoped queryset."""

from typing import Any

import django_filters
from django.db.models import QuerySet

from .models import Agency, Person, PersonStatus, PersonVersion
from .scoping import within


def _subtree(field: str):
    def apply(queryset: QuerySet, name: str, value: str) -> QuerySet:
        agency = Agency.objects.filter(code=value).first()
        if agency is None:
            return queryset.none()
        return queryset.filter(within(field, agency))

    return apply


class AgencyFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__code")
    within = django_filters.CharFilter(
        method=_subtree("parent"), label="subtree of code"
    )

    class Meta:
        model = Agency
        fields = ["code", "kind", "depth"]


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number a database key can hold, else a 400."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class PersonFilter(django_filters.FilterSet):
    agency = django_filters.CharFilter(
        method=_subtree("current_agency"), label="agency code (whole subtree)"
    )
    category = django_filters.CharFilter(field_name="current_category")
    target_group = django_filters.NumberFilter(
        field_name="current_target_group", min_value=1, max_value=6
    )
    status = django_filters.ChoiceFilter(
        field_name="current_status", choices=PersonStatus.choices
    )

    class Meta:
        model = Person
        fields: list[str] = []


class PersonVersionFilter(django_filters.FilterSet):
    # A number, not a model choice: "no such person" and "not yours" must look alike.
    person = IdFilter(field_name="person_id")

    class Meta:
        model = PersonVersion
        fields: list[str] = []
