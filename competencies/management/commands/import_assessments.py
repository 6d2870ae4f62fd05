"""`manage.py import_assessments FILE [--user USERNAME] [--dry-run]` (SPEC §9)."""

from agencies.management.commands.import_roster import ImportCommand
from competencies import services


class Command(ImportCommand):
    help = "Import assessments from CSV/XLSX; they are verified (SPEC §6, §9)."
    service = staticmethod(services.assessments_import)
