"""API output shapes for frameworks, courses and development records."""

from rest_framework import serializers

from .models import (
    Assessment,
    Course,
    Framework,
    ProficiencyLevel,
    SkillArea,
    TargetLevel,
    TrainingRecord,
)


class SkillAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = SkillArea
        fields = ["code", "name_th", "name_en", "description"]


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProficiencyLevel
        fields = ["level", "name_th", "name_en", "description"]


class TargetSerializer(serializers.ModelSerializer):
    skill_code = serializers.CharField(source="skill_area.code")

    class Meta:
        model = TargetLevel
        fields = ["target_group", "skill_code", "level"]


class FrameworkSerializer(serializers.ModelSerializer):
    skill_areas = SkillAreaSerializer(many=True, read_only=True)
    levels = LevelSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Framework
        fields = [
            "id",
            "code",
            "name_th",
            "name_en",
            "effective_from_fy",
            "future_share_target",
            "future_share_tolerance",
            "skill_areas",
            "levels",
            "targets",
        ]


class CourseSerializer(serializers.ModelSerializer):
    skill_areas = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "code",
            "title",
            "provider",
            "hours",
            "horizon",
            "skill_areas",
            "url",
        ]


class TrainingRecordSerializer(serializers.ModelSerializer):
    course = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    skill_areas = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "person",
            "title",
            "course",
            "provider",
            "started_on",
            "completed_on",
            "hours",
            "horizon",
            "skill_areas",
            "status",
        ]


class AssessmentSerializer(serializers.ModelSerializer):
    skill_code = serializers.CharField(source="skill_area.code", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "person",
            "skill_code",
            "level",
            "assessed_on",
            "method",
            "status",
        ]
