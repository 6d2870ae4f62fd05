"""`manage.py import_courses FILE [--agency CODE] [--user USERNAME] [--dry-run]`.

The course catalogue (SPEC §6, §9): national courses by default; with
`--agency`, that agency's own; as `--user`, within their scope (an HR
officer's own agency when `--agency` is not given).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.management.base import CommandError, CommandParser

from agencies.management.commands.import_roster import ImportCommand
from agencies.models import Agency
from competencies.services.courses import courses_import, owner_of


class Command(ImportCommand):
    help = "Import catalogue courses from CSV/XLSX (SPEC §6, §9)."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--agency", help="the owning agency's code (default: national courses)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["agency"]
        agency = Agency.objects.filter(code=code).first() if code else None
        if code and agency is None:
            raise CommandError(f"no agency {code!r}")
        _actor, scope = self._actor(options["user"])
        self.service = partial(courses_import, owner=owner_of(scope, agency))
        super().handle(*args, **options)
