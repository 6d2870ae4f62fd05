from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency
from agencies.services.api_keys import api_key_create


class Command(BaseCommand):
    help = "Issue an API key for an agency; the key is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--name", required=True, help="the system using the key")
        parser.add_argument("--days", type=int, help="expires after N days")
        parser.add_argument(
            "--write",
            action="store_true",
            help="allow writing training records and assessments (default: read only)",
        )
        parser.add_argument(
            "--can-search-national-id",
            action="store_true",
            help="allow POST /api/v1/persons/search/ by full national ID",
        )
        parser.add_argument(
            "--xapi",
            action="store_true",
            help="allow sending xAPI statements to /xapi/statements "
            "(records are verified only with --write)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"unknown agency code {options['agency']!r}")
        key, raw = api_key_create(
            agency=agency,
            name=options["name"],
            days=options["days"],
            can_write=options["write"],
            can_search_national_id=options["can_search_national_id"],
            can_xapi=options["xapi"],
        )
        self.stdout.write(raw)
        expiry = key.expires_at.isoformat() if key.expires_at else "never"
        rights = "read and write" if key.can_write else "read only"
        rights += ", xAPI" if key.can_xapi else ""
        self.stderr.write(
            f"key {key.prefix}… for {agency.code} ({rights}), expires {expiry}"
        )
