"""`manage.py import_roster FILE [--user USERNAME] [--dry-run]` (SPEC §9).

Also holds `ImportCommand`, the shared door of every `import_*` command: the
same services as the browser import, national scope unless `--user` is given,
exit status 1 with every error on any bad row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies import services
from agencies.scoping import AgencyScope, scope_for
from skillsportal.lib.bulk import ImportResult
from skillsportal.lib.importing import RowError


def format_error(error: RowError) -> str:
    """One error line: row, column, value (IDs masked), reason in Thai and English."""
    where = "file" if error.row is None else f"row {error.row}"
    column = f", {error.column}" if error.column else ""
    value = f" = {error.value!r}" if error.value else ""
    return f"{where}{column}{value}: {error.reason_th} / {error.reason_en}"


class ImportCommand(BaseCommand):
    """Read FILE, call the import service, print counts or every error."""

    service: Callable[..., ImportResult]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV or XLSX file (first sheet)")
        parser.add_argument(
            "--user", help="import as this user, within their scope (default: system)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and count; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor, scope = self._actor(options["user"])
        path = Path(options["file"])
        try:
            with path.open("rb") as handle:
                # One byte over the limit is enough for the size check to fail.
                data = handle.read(settings.IMPORT_MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            result = self.service(
                data=data,
                filename=path.name,
                scope=scope,
                actor=actor,
                commit=not options["dry_run"],
                source={"import_job": None, "file": path.name},
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        for error in result.errors:
            self.stderr.write(format_error(error))
        for warning in result.warnings:
            self.stderr.write("warning: " + format_error(warning))
        if result.errors:
            raise CommandError(f"{len(result.errors)} error(s); nothing was written")
        verb = "would import" if options["dry_run"] else "imported"
        counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
        if result.transfers:
            counts += f", transfer requests {len(result.transfers)}"
        self.stdout.write(f"{verb}: {counts}")

    def _actor(self, username: str | None) -> tuple[Any, AgencyScope]:
        if not username:
            return None, AgencyScope.system()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        return user, scope_for(user)


class Command(ImportCommand):
    help = "Import roster rows (person versions) from CSV/XLSX (SPEC §9)."
    service = staticmethod(services.roster_import)
