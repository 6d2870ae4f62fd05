"""`manage.py seed_demo`: a synthetic Thai public sector for demos and load tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from agencies.models import RoleAssignment
from demo import samples, seed, users
from demo.sink import TableStats


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today must be YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Seed a synthetic Thai public sector (agencies, people, versions, training, "
        "assessments) that is the same for the same --seed and --today."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, help="people to generate")
        parser.add_argument(
            "--training-per-person",
            type=int,
            default=10,
            help="mean training records per person (each has 0…2T; default 10)",
        )
        parser.add_argument(
            "--assessments-per-person",
            type=int,
            default=6,
            help="mean assessments per person (each has 0…2A; default 6)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument(
            "--today", help="the day the data ends (YYYY-MM-DD; default: today)"
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="first delete agencies, people, records, courses and roles",
        )
        parser.add_argument(
            "--figures",
            action="store_true",
            help="then compute the compliance figures (recompute_compliance)",
        )
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help=f"create admin, hr, viewer, outsider, staff ({users.DEMO_PASSWORD})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        self.figures = bool(options["figures"])
        persons: int | None = options["persons"]
        if persons is None and not options["demo_users"]:
            raise CommandError("Give --persons N (or --demo-users alone).")
        try:
            if persons is not None:
                self._seed(persons, options)
            if options["demo_users"]:
                self._print_logins(users.demo_users_create())
                today = _day(options["today"]) if options["today"] else None
                self._write_samples(today or timezone.localdate())
            if self.figures:
                self.stdout.write("computing the compliance figures …")
                call_command("recompute_compliance", stdout=self.stdout)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _seed(self, persons: int, options: dict[str, Any]) -> None:
        if persons < 1:
            raise CommandError("--persons must be at least 1.")
        if min(options["training_per_person"], options["assessments_per_person"]) < 0:
            raise CommandError("The averages per person cannot be negative.")
        seed_options = seed.SeedOptions(
            persons=persons,
            training_per_person=options["training_per_person"],
            assessments_per_person=options["assessments_per_person"],
            seed=options["seed"],
            today=_day(options["today"]) if options["today"] else None,
            flush=options["flush"],
        )
        report = seed.demo_seed(options=seed_options, progress=self._progress)
        self._print_report(report)

    def _progress(self, done: int, seconds: float) -> None:
        if self.verbosity >= 1 and done % 100_000 == 0:
            self.stderr.write(f"  {done:>10,} persons  {seconds:7.1f} s")

    def _print_report(self, report: seed.SeedReport) -> None:
        self.stdout.write(f"{'table':<42} {'rows':>12} {'seconds':>9} {'rows/s':>11}")
        for t in report.tables:
            self.stdout.write(self._row(t))
        total = TableStats("total (wall clock)", report.rows, report.seconds)
        self.stdout.write(self._row(total))
        if report.rebuild:
            self.stdout.write(
                f"of which {len(report.rebuild)} indexes and constraints rebuilt "
                f"after the load in {report.rebuild_seconds:.1f} s"
            )
        if self.verbosity >= 2:
            for name, seconds in sorted(report.rebuild, key=lambda r: -r[1]):
                self.stdout.write(f"  {name:<66} {seconds:7.1f} s")
        if report.database_size:
            self.stdout.write(f"database size: {report.database_size}")
        # Figures are derived data: computing them is the reports app's job.
        if not self.figures:
            self.stdout.write(
                "compliance figures: run `manage.py recompute_compliance`"
            )

    @staticmethod
    def _row(t: TableStats) -> str:
        return f"{t.table:<42} {t.rows:>12,} {t.seconds:>9.1f} {t.rate:>11,.0f}"

    def _write_samples(self, today: date) -> None:
        hr = RoleAssignment.objects.filter(user__username="hr").first()
        if hr is None or hr.agency is None:
            return
        folder = samples.demo_samples_create(ministry=hr.agency, today=today)
        self.stdout.write(f"sample import files for hr: {folder} (also on /imports/)")

    def _print_logins(self, logins: list[users.DemoLogin]) -> None:
        self.stdout.write(self.style.SUCCESS(f"password: {users.DEMO_PASSWORD}"))
        self.stdout.write(f"{'username':<10} {'role':<14} agency")
        for login in logins:
            self.stdout.write(f"{login.username:<10} {login.role:<14} {login.agency}")
