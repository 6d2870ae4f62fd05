"""API shapes of the SPEC §7 figures (numbers as numbers)."""

from rest_framework import serializers

from .exports import FIELDS
from .models import ComplianceFigure, ComplianceRun, SkillFigure
from .selectors import group_label

GROUP_CHOICES = ["all", "1", "2", "3", "4", "5", "6"]


class ComplianceQuerySerializer(serializers.Serializer):
    fy = serializers.IntegerField(required=False, min_value=2500, max_value=2700)
    agency = serializers.CharField(required=False, max_length=32)
    target_group = serializers.ChoiceField(choices=GROUP_CHOICES, default="all")

    def validate_target_group(self, value: str) -> int:
        return 0 if value == "all" else int(value)


class SkillFigureSerializer(serializers.ModelSerializer):
    mean_level = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = SkillFigure
        fields = ["skill_code", "required", "assessed", "meeting", "mean_level"]


class ComplianceFigureSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code")
    agency_name_th = serializers.CharField(source="agency.name_th")
    target_group = serializers.SerializerMethodField()
    hours_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False
    )
    hours_future = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False
    )
    mean_gap = serializers.DecimalField(
        max_digits=8, decimal_places=4, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = ComplianceFigure
        fields = ["agency_code", "agency_name_th", *FIELDS[1:]]  # SPEC §9

    def get_target_group(self, figure: ComplianceFigure) -> str:
        return group_label(figure.target_group)


class ComplianceDetailSerializer(ComplianceFigureSerializer):
    skills = SkillFigureSerializer(many=True, read_only=True)

    class Meta(ComplianceFigureSerializer.Meta):
        fields = ComplianceFigureSerializer.Meta.fields + ["skills"]


class ComplianceRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = ComplianceRun
        fields = [
            "id",
            "kind",
            "fy",
            "scope",
            "started_at",
            "finished_at",
            "persons",
            "rows",
            "outcome",
            "error",
        ]


class RolloutYearSerializer(serializers.Serializer):
    fy = serializers.IntegerField()
    phase = serializers.CharField(allow_null=True)
    as_of = serializers.DateField()
    headcount = serializers.IntegerField()
    assessed = serializers.IntegerField()
    meeting_targets = serializers.IntegerField()
    balanced = serializers.IntegerField()
    unassigned_group = serializers.IntegerField()
    hours_total = serializers.SerializerMethodField()
    hours_future = serializers.SerializerMethodField()
    computed_at = serializers.DateTimeField()

    def get_hours_total(self, row: dict) -> float:
        return row["hours_c"] / 100

    def get_hours_future(self, row: dict) -> float:
        return row["future_c"] / 100
