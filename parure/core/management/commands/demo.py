"""``parure demo``: build the demonstration department (deterministic; refuses real data)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from parure.core import registry
from parure.core.demo import demo_logins
from parure.core.models import Setting, Staff

MARKER = "demo.loaded"


class Command(BaseCommand):
    help = "Load the demonstration department: offices, staff in every role, and each app's records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing (but print the logins) if data exists.")
        parser.add_argument("--force", action="store_true", help="Load even into a database that holds real data.")

    def handle(self, *args: Any, if_empty: bool = False, force: bool = False, **options: Any) -> None:
        loaded = Setting.get(MARKER, False)
        has_data = Staff.objects.exists()
        if has_data and if_empty:
            self.stdout.write("The database already has data; demonstration data not loaded again.")
            if loaded:
                self._print_logins()
            return
        if has_data and not loaded and not force:
            raise CommandError(
                "This database holds records that are not demonstration data; refusing to add demo records. "
                "Use --force only on a database you are willing to mix with demo data."
            )
        self.stdout.write("Loading demonstration data…")
        with transaction.atomic():
            for builder in sorted(registry.demo_builders.values(), key=lambda b: b.order):
                self.stdout.write(f"- {builder.key}")
                builder.build(self.stdout.write)
            Setting.objects.update_or_create(key=MARKER, defaults={"value": True})
        self.stdout.write(self.style.SUCCESS("Demonstration data loaded."))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {settings.PARURE_DEMO_PASSWORD}):")
        for username, role, two_factor in demo_logins():
            note = "  (sets up two-factor at first sign-in)" if two_factor else ""
            self.stdout.write(f"  {username:<10} {role}{note}")
