"""My data (PDPA): the transcript by year and everything held about me."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies.models import Person, PersonVersion
from competencies.models import (
    Assessment,
    DevelopmentPlan,
    Framework,
    Notification,
    NotificationPreference,
    PlanComment,
    PlanItem,
    TrainingRecord,
)
from reports.models import PersonYearFigure
from skillsportal.lib.fiscal_year import (
    fiscal_year_of,
)


@dataclass(frozen=True)
class TranscriptYear:
    """One fiscal year of my verified training, with its 70/30 split."""

    fy: int
    records: list[TrainingRecord]

    @property
    def hours(self) -> Decimal:
        return sum((t.hours for t in self.records), Decimal(0))

    @property
    def future_hours(self) -> Decimal:
        return sum((t.hours for t in self.records if t.is_future), Decimal(0))


def transcript_years(*, person: Person) -> list[TranscriptYear]:
    """My verified training grouped by fiscal year, newest first (the transcript)."""
    years: dict[int, list[TrainingRecord]] = {}
    records = (
        person.training_records.verified()
        .select_related("course")
        .prefetch_related("skill_areas")
        .order_by("-completed_on", "-pk")
    )
    for record in records:
        years.setdefault(fiscal_year_of(record.completed_on), []).append(record)
    return [TranscriptYear(fy, rows) for fy, rows in years.items()]


def _iso(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows(queryset: Any, fields: list[str], skills: Any = None) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts; `skills` (id → codes) adds each row's skills."""
    rows = [{k: _iso(v) for k, v in r.items()} for r in queryset.values(*fields)]
    if skills is not None:
        codes: dict[int, list[str]] = {}
        for pk, code in skills:
            codes.setdefault(pk, []).append(code)
        for row in rows:
            row["skills"] = codes.get(row["id"], [])
    return rows


def _skill_figures(person: Person) -> list[dict[str, Any]]:
    """Each FY's required skills of my figures: code, target and level."""
    rows = []
    for figure in PersonYearFigure.objects.filter(person=person).order_by("fy"):
        framework = Framework.objects.for_fiscal_year(figure.fy)
        codes = list(framework.skill_codes()) if framework else []
        rows += [
            {"fy": figure.fy, "skill_code": code, "target": s.target, "level": s.level}
            for code, s in figure.required_skills(codes).items()
        ]
    return rows


def _count(rows: Any) -> Coalesce:
    """How many of `rows` (filtered by person=OuterRef("pk")), as a subquery."""
    counted = rows.order_by().values("person").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def my_data_counts(*, person: Person) -> dict[str, int]:
    """How many of each kind the portal holds about me, in one query (the page;
    the JSON download has the rows)."""
    me = OuterRef("pk")
    counts = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            n_versions=_count(PersonVersion.objects.filter(person=me)),
            n_training=_count(TrainingRecord.objects.filter(person=me)),
            n_assessments=_count(Assessment.objects.filter(person=me)),
            n_plans=_count(DevelopmentPlan.objects.filter(person=me)),
        )
        .values("n_versions", "n_training", "n_assessments", "n_plans")
        .get()
    )
    return {key.removeprefix("n_"): value for key, value in counts.items()}


def my_data(*, person: Person) -> dict[str, Any]:
    """Everything the portal holds about me, machine-readable (PDPA s.30–31).

    The national ID appears masked only (SPEC §3); other people appear only as
    the names shown to me on my pages (who commented on my plan).
    """
    trained = TrainingRecord.skill_areas.through.objects.filter(
        trainingrecord__person=person
    ).values_list("trainingrecord_id", "skillarea__code")
    planned = PlanItem.skill_areas.through.objects.filter(
        planitem__plan__person=person
    ).values_list("planitem_id", "skillarea__code")
    notes = Notification.objects.filter(user_id=person.user_id or 0)
    pref = NotificationPreference.objects.filter(user_id=person.user_id or 0).first()
    training = _rows(
        person.training_records.order_by("completed_on", "pk"),
        ["id", "title", "course__code", "provider", "started_on", "completed_on",
         "hours", "horizon", "evidence", "status", "rejection_reason", "created_at",
         "verified_at"],
        skills=trained,
    )  # fmt: skip
    for row in training:  # whether a file is attached, not where it is stored
        row["evidence"] = bool(row["evidence"])
    return {
        "generated_at": timezone.now().isoformat(),
        "person": {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            "national_id_masked": person.masked_national_id,
            "username": person.user.get_username() if person.user else None,
        },
        "versions": _rows(
            person.versions.order_by("effective_date"),
            ["effective_date", "agency__code", "agency__name_th", "category",
             "position_title", "position_type", "position_level", "target_group",
             "status"],
        ),
        "training": training,
        "assessments": _rows(
            person.assessments.order_by("assessed_on", "pk"),
            ["id", "skill_area__code", "level", "assessed_on", "method", "status",
             "rejection_reason", "created_at", "verified_at"],
        ),
        "plans": _rows(
            person.development_plans.order_by("fiscal_year"),
            ["id", "fiscal_year", "notes", "created_at"],
        ),
        "plan_items": _rows(
            PlanItem.objects.filter(plan__person=person).order_by("pk"),
            ["id", "plan_id", "title", "course__code", "horizon", "target_date",
             "status", "training_record_id"],
            skills=planned,
        ),
        "plan_comments": _rows(
            PlanComment.objects.filter(plan__person=person).order_by("pk"),
            ["plan_id", "author__first_name", "author__last_name", "body",
             "created_at"],
        ),
        "figures": _rows(
            PersonYearFigure.objects.filter(person=person).order_by("fy"),
            ["fy", "target_group", "assessed", "meets", "balanced", "gap",
             "hours_c", "future_c"],
        ),
        "skill_figures": _skill_figures(person),
        "notifications": _rows(
            notes.order_by("created_at", "pk"),
            ["kind", "title", "body", "link", "created_at", "read_at", "emailed_at"],
        ),
        "notification_preference": {
            "email_enabled": pref.email_enabled if pref else True,
            "reminders_enabled": pref.reminders_enabled if pref else True,
        },
    }  # fmt: skip
