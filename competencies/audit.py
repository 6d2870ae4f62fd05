"""Audit trail registrations (django-auditlog) for framework data and records."""

from auditlog.registry import auditlog

from .models import (
    Assessment,
    Course,
    DevelopmentPlan,
    Framework,
    NotificationPreference,
    PlanComment,
    PlanItem,
    RolloutPhase,
    SkillArea,
    TargetLevel,
    TrainingEvent,
    TrainingRecord,
)

auditlog.register(Framework)
auditlog.register(SkillArea)
auditlog.register(TargetLevel)
auditlog.register(RolloutPhase)
auditlog.register(Course, m2m_fields={"skill_areas"})
auditlog.register(
    TrainingRecord, exclude_fields=["updated_at"], m2m_fields={"skill_areas"}
)
auditlog.register(
    TrainingEvent, exclude_fields=["updated_at"], m2m_fields={"skill_areas"}
)
auditlog.register(Assessment, exclude_fields=["updated_at"])
auditlog.register(DevelopmentPlan, exclude_fields=["updated_at"])
auditlog.register(PlanItem)
auditlog.register(PlanComment)
auditlog.register(NotificationPreference)
