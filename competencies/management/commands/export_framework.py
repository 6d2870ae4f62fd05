"""`manage.py export_framework CODE [--format json|csv] [--output FILE]` (SPEC §9).

Writes what `load_framework FILE` reads back unchanged (a lossless round trip).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from competencies.framework_export import as_csv, as_json, framework_data
from competencies.models import Framework


class Command(BaseCommand):
    help = "Export a framework version and the rollout phases as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the framework version's code")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", help="file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        framework = Framework.objects.filter(code=options["code"]).first()
        if framework is None:
            known = ", ".join(Framework.objects.values_list("code", flat=True))
            raise CommandError(
                f"no framework {options['code']!r} (known: {known or 'none'})"
            )
        data = framework_data(framework)
        if options["format"] == "csv":
            content = as_csv(data)
        else:
            content = as_json(data).encode("utf-8")
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"{framework.code}: written to {options['output']}")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
