"""API shapes for frameworks, courses, development records and import jobs."""

from rest_framework import serializers

from .models import (
    Assessment,
    AssessmentMethod,
    Course,
    Framework,
    Horizon,
    ImportJob,
    ProficiencyLevel,
    SkillArea,
    TargetLevel,
    TrainingRecord,
)
from .services.items import API_MAX_ITEMS


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
    owner = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="the agency that keeps it; null: a national course (OCSC)",
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "code",
            "owner",
            "title",
            "provider",
            "hours",
            "horizon",
            "skill_areas",
            "url",
            "activity_id",
        ]


class TrainingRecordSerializer(serializers.ModelSerializer):
    course = serializers.SerializerMethodField(
        help_text="the course code as given (null: none); `in_catalogue` says if "
        "the catalogue knows it"
    )
    in_catalogue = serializers.SerializerMethodField()
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
            "in_catalogue",
            "provider",
            "started_on",
            "completed_on",
            "hours",
            "horizon",
            "skill_areas",
            "status",
        ]

    def get_course(self, record: TrainingRecord) -> str | None:
        return record.course_code or None

    def get_in_catalogue(self, record: TrainingRecord) -> bool:
        return record.course_id is not None


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


# --- writes: the body describes the SPEC §9 import columns ----------------------
# These serializers document the request for the schema. The items themselves are
# validated by the importers (`competencies.importers`), the one validation path
# shared with CSV/XLSX imports, so the API and a file can never disagree.

_DATE_HELP = "YYYY-MM-DD, or DD/MM/YYYY (a year ≥ 2400 is BE), as in imports"


class TrainingRecordCreateSerializer(serializers.Serializer):
    """One training record, named as the training import's columns (SPEC §9)."""

    national_id = serializers.CharField(
        help_text="13 digits; matched, never returned (SPEC §3)"
    )
    title = serializers.CharField(max_length=500)
    course_code = serializers.CharField(required=False, allow_null=True)
    provider = serializers.CharField(required=False, allow_null=True)
    started_on = serializers.DateField(
        required=False, allow_null=True, help_text=_DATE_HELP
    )
    completed_on = serializers.DateField(help_text=_DATE_HELP)
    hours = serializers.FloatField(
        help_text="> 0, at most 1,000 and 24 a day from the start date"
    )
    horizon = serializers.ChoiceField(choices=Horizon.choices)
    skills = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        allow_null=True,
        max_length=20,
        help_text="skill codes of the framework of the completion date's FY "
        '(a ";"-separated string is accepted too)',
    )


class AssessmentCreateSerializer(serializers.Serializer):
    """One assessment, named as the assessment import's columns (SPEC §9)."""

    national_id = serializers.CharField(
        help_text="13 digits; matched, never returned (SPEC §3)"
    )
    skill_code = serializers.CharField(max_length=16)
    level = serializers.IntegerField(min_value=0)
    assessed_on = serializers.DateField(help_text=_DATE_HELP)
    method = serializers.ChoiceField(
        choices=AssessmentMethod.choices,
        required=False,
        allow_null=True,
        help_text="default: supervisor",
    )


_BULK_HELP = (
    "At most {max:,} items; all are written or none. An item whose key exists "
    "(SPEC §9) updates that record; re-sending the same items changes nothing."
)


class TrainingRecordBulkSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=TrainingRecordCreateSerializer(),
        min_length=1,
        max_length=API_MAX_ITEMS,
        help_text=_BULK_HELP.format(max=API_MAX_ITEMS),
    )


class AssessmentBulkSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=AssessmentCreateSerializer(),
        min_length=1,
        max_length=API_MAX_ITEMS,
        help_text=_BULK_HELP.format(max=API_MAX_ITEMS),
    )


class ItemErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(
        allow_null=True, help_text="the item (from 0); null: the whole request"
    )
    field = serializers.CharField()
    value = serializers.CharField(help_text="national IDs masked (SPEC §3)")
    reason_th = serializers.CharField()
    reason_en = serializers.CharField()


class ItemsWrittenSerializer(serializers.Serializer):
    """201 when a record was created, else 200; `ids` follow the items' order."""

    new = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())
    warnings = ItemErrorSerializer(
        many=True,
        help_text="written anyway: e.g. a course code not in the catalogue (SPEC §6)",
    )


class ItemErrorsDetailSerializer(serializers.Serializer):
    errors = ItemErrorSerializer(many=True, required=False)


class ItemsErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    message_en = serializers.CharField()
    detail = ItemErrorsDetailSerializer(allow_null=True)


class ItemsErrorSerializer(serializers.Serializer):
    """400 of a write: every bad item; nothing was written (SPEC §9)."""

    error = ItemsErrorBodySerializer()


# --- import jobs -------------------------------------------------------------


class ImportCountsSerializer(serializers.Serializer):
    new = serializers.IntegerField(required=False)
    updated = serializers.IntegerField(required=False)
    unchanged = serializers.IntegerField(required=False)


class ImportJobSerializer(serializers.ModelSerializer):
    """An import job's state; the errors themselves are on its page (SPEC §9)."""

    agency = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    counts = ImportCountsSerializer(read_only=True)
    error_count = serializers.IntegerField(read_only=True)
    running = serializers.BooleanField(source="is_running", read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "status",
            "running",
            "progress",
            "counts",
            "error_count",
            "original_name",
            "agency",
            "created_by",
            "created_at",
            "finished_at",
        ]
