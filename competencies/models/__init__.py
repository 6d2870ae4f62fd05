"""Frameworks, target levels, rollout phases, courses, training, assessments, plans.

SPEC §4 (framework), §5 (rollout phases) and §6 (development records).
"""

# Migration 0002 names the storage here.
from skillsportal.lib.storage import PrivateStorage  # noqa: F401

from .events import TrainingEvent, TrainingEventQuerySet
from .framework import (
    Framework,
    FrameworkQuerySet,
    ProficiencyLevel,
    RolloutPhase,
    RolloutPhaseQuerySet,
    SkillArea,
    TargetLevel,
)
from .imports import ImportJob, ImportJobQuerySet, ImportKind, ImportStatus
from .notifications import (
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationQuerySet,
)
from .plans import DevelopmentPlan, PlanComment, PlanItem, PlanItemStatus
from .records import (
    METHOD_PRECEDENCE,
    Assessment,
    AssessmentMethod,
    Course,
    Horizon,
    PersonRecordQuerySet,
    RecordStatus,
    TrainingRecord,
    TrainingRecordQuerySet,
    VerifiableRecord,
)

__all__ = [
    "Assessment",
    "AssessmentMethod",
    "TrainingEvent",
    "TrainingEventQuerySet",
    "Course",
    "DevelopmentPlan",
    "Framework",
    "FrameworkQuerySet",
    "Horizon",
    "ImportJob",
    "ImportJobQuerySet",
    "ImportKind",
    "ImportStatus",
    "METHOD_PRECEDENCE",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "NotificationQuerySet",
    "PersonRecordQuerySet",
    "PlanComment",
    "PlanItem",
    "PlanItemStatus",
    "ProficiencyLevel",
    "RecordStatus",
    "RolloutPhase",
    "RolloutPhaseQuerySet",
    "SkillArea",
    "TargetLevel",
    "TrainingRecord",
    "TrainingRecordQuerySet",
    "VerifiableRecord",
]
