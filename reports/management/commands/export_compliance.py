import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency
from agencies.scoping import AgencyScope
from reports import exports, selectors


class Command(BaseCommand):
    help = "Export SPEC §9 compliance rows (agency × target group) of one FY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fy", type=int, required=True)
        parser.add_argument("--agency", help="agency code: it and its whole subtree")
        parser.add_argument("--format", choices=exports.FORMATS, default="csv")
        parser.add_argument("--output", help="file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"unknown agency code {options['agency']!r}")
        rows = selectors.compliance_rows(
            scope=AgencyScope.system(), fy=options["fy"], agency=agency
        )
        data = exports.render(rows, options["format"])
        if options["output"]:
            with open(options["output"], "wb") as out:
                out.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
