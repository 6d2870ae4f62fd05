from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency, Role
from agencies.services.roles import role_grant


class Command(BaseCommand):
    help = "Grant a role over an agency subtree (creates the user if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("agency_code", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options["agency_code"]:
            agency = Agency.objects.filter(code=options["agency_code"]).first()
            if agency is None:
                raise CommandError(f"unknown agency code {options['agency_code']!r}")
        try:
            assignment, created = role_grant(
                username=options["username"], role=options["role"], agency=agency
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        note = (
            " (new user: set a password with manage.py changepassword)"
            if created
            else ""
        )
        where = f" on {agency.code}" if agency else ""
        self.stdout.write(f"{options['username']}: {options['role']}{where}{note}")
