from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from competencies.services.retention import leavers_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise people who left more than N years ago (PDPA retention); "
        "compliance figures are unchanged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help=f"retention period in years (default RETENTION_YEARS, now "
            f"{settings.RETENTION_YEARS})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count only, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = leavers_anonymise(
                years=options["years"], dry_run=options["dry_run"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        verb = "would anonymise" if result.dry_run else "anonymised"
        self.stdout.write(
            f"{verb} {result.persons} people who left before "
            f"{result.cutoff.isoformat()} ({result.files} evidence files)"
        )
