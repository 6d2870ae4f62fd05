"""django-filter FilterSets for the API; they always start from a scoped queryset."""

import django_filters
from django.db.models import QuerySet

from .models import Agency, Person, PersonStatus, PersonVersion


def _subtree(field: str):  # type: ignore[no-untyped-def]
    def apply(queryset: QuerySet, name: str, value: str) -> QuerySet:  # type: ignore[type-arg]
        agency = Agency.objects.filter(code=value).first()
        if agency is None:
            return queryset.none()
        return queryset.filter(**{f"{field}__path__startswith": agency.path})

    return apply


class AgencyFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__code")
    within = django_filters.CharFilter(
        method=_subtree("parent"), label="subtree of code"
    )

    class Meta:
        model = Agency
        fields = ["code", "kind", "depth"]


class PersonFilter(django_filters.FilterSet):
    agency = django_filters.CharFilter(
        method=_subtree("current_agency"), label="agency code (whole subtree)"
    )
    category = django_filters.CharFilter(field_name="current_category")
    target_group = django_filters.NumberFilter(field_name="current_target_group")
    status = django_filters.ChoiceFilter(
        field_name="current_status", choices=PersonStatus.choices
    )

    class Meta:
        model = Person
        fields: list[str] = []


class PersonVersionFilter(django_filters.FilterSet):
    # A number, not a model choice: "no such person" and "not yours" must look alike.
    person = django_filters.NumberFilter(field_name="person_id")

    class Meta:
        model = PersonVersion
        fields: list[str] = []
