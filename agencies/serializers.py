"""API output and input shapes for agencies and people. No full national IDs."""

from rest_framework import serializers

from .models import Agency, Person, PersonVersion


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Agency
        fields = ["id", "code", "name_th", "name_en", "kind", "parent", "depth"]


class PersonSerializer(serializers.ModelSerializer):
    masked_national_id = serializers.CharField(read_only=True)
    current_agency = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "masked_national_id",
            "given_name",
            "family_name",
            "email",
            "current_agency",
            "current_category",
            "current_target_group",
            "current_status",
        ]


class PersonVersionSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PersonVersion
        fields = [
            "id",
            "person",
            "effective_date",
            "agency",
            "category",
            "position_title",
            "position_type",
            "position_level",
            "target_group",
            "status",
        ]


class NationalIdSearchSerializer(serializers.Serializer):
    """POST body of the search by full national ID (never in a URL)."""

    national_id = serializers.CharField(max_length=32, write_only=True)
