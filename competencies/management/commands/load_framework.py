from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from competencies import services
from competencies.framework_loader import read_framework_file


class Command(BaseCommand):
    help = "Load a framework version and rollout phases (default: OCSC 2017)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            help="framework JSON file, or the .csv that export_framework writes",
        )

    def handle(self, *args: Any, file: str | None = None, **options: Any) -> None:
        try:
            framework = services.framework_load(source=read_framework_file(file))
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{framework.code}: {framework.skill_areas.count()} skill areas, "
                f"levels 0–{framework.levels.count() - 1}, "
                f"{framework.targets.count()} targets, "
                f"from FY {framework.effective_from_fy}"
            )
        )
