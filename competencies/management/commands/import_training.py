"""`manage.py import_training FILE [--user USERNAME] [--dry-run]` (SPEC §9)."""

from agencies.management.commands.import_roster import ImportCommand
from competencies import services


class Command(ImportCommand):
    help = "Import training records from CSV/XLSX; they are verified (SPEC §6, §9)."
    service = staticmethod(services.training_import)
