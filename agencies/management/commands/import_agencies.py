"""`manage.py import_agencies FILE [--user USERNAME] [--dry-run]` (SPEC §9)."""

from agencies import services

from .import_roster import ImportCommand


class Command(ImportCommand):
    help = "Import agencies (code, names, parent, kind) from CSV/XLSX (SPEC §9)."
    service = staticmethod(services.agencies_import)
