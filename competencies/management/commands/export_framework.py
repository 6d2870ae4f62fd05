"""`manage.py export_framework CODE [--format json|csv] [--output FILE]` (SPEC §9).

Writes what `load_framework FILE` reads back unchanged (a lossless round trip).
Published versions only: loading a file puts its version in force, so a draft
OCSC is still editing in the browser is refused, not published elsewhere.
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
        published = Framework.objects.published()
        framework = published.filter(code=options["code"]).first()
        if framework is None:
            known = ", ".join(published.values_list("code", flat=True))
            draft = Framework.objects.filter(code=options["code"]).exists()
            reason = "is a draft: publish it first" if draft else "is unknown"
            raise CommandError(
                f"framework {options['code']!r} {reason} (published: {known or 'none'})"
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
