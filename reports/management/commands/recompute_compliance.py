import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reports import services


class Command(BaseCommand):
    help = (
        "Recompute SPEC §7 figures in full (every FY from 2561 when --fy is omitted)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fy", type=int, help="fiscal year (BE), e.g. 2570")

    def handle(self, *args: Any, fy: int | None = None, **options: Any) -> None:
        started = time.perf_counter()
        runs = services.compliance_recompute_years(
            [fy] if fy else services.fiscal_years()
        )
        for run in runs:
            self.stdout.write(
                f"FY {run.fy}: {run.persons} people in scope, {run.rows} figures "
                f"in {run.seconds:.2f} s"
            )
        self.stdout.write(
            f"{len(runs)} fiscal years in {time.perf_counter() - started:.2f} s"
        )
