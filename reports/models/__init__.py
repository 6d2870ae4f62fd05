"""The reports app's models, by subject: figures, runs, exports.

Import from here (`from reports.models import ComplianceFigure`).
"""

from .exports import (
    ExportFormat,
    ExportJob,
    ExportJobQuerySet,
    ExportStatus,
    ScheduledReport,
    _private_storage,  # named in migration 0002
)
from .figures import (
    ALL_GROUPS,
    MAX_LEVEL,
    MAX_SKILLS,
    ComplianceFigure,
    FigureQuerySet,
    PersonYearFigure,
    SkillFigure,
    SkillLevel,
    derived_key,
    skill_digit,
)
from .runs import ComplianceMark, ComplianceRun, RunKind, RunOutcome

__all__ = [
    "ALL_GROUPS",
    "MAX_LEVEL",
    "MAX_SKILLS",
    "ComplianceFigure",
    "ComplianceMark",
    "ComplianceRun",
    "ExportFormat",
    "ExportJob",
    "ExportJobQuerySet",
    "ExportStatus",
    "FigureQuerySet",
    "PersonYearFigure",
    "RunKind",
    "RunOutcome",
    "ScheduledReport",
    "SkillFigure",
    "SkillLevel",
    "_private_storage",
    "derived_key",
    "skill_digit",
]
