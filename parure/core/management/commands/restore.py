"""``parure restore SRC``: verify a backup, then replace the database and files with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parure.core.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = "Restore a backup made by ‘parure backup’. Refuses a damaged or partial backup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--check", action="store_true", help="Only verify the backup; change nothing.")

    def handle(self, *args: Any, source: Path, yes: bool = False, check: bool = False, **options: Any) -> None:
        try:
            manifest = verify_backup(source)
            if check:
                self.stdout.write(self.style.SUCCESS(f"The backup of {manifest['created_at']} is complete and intact."))
                return
            if not yes:
                when = manifest["created_at"]
                answer = input(f"Replace this installation's database and files with the backup of {when}? [y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    raise CommandError("Restore cancelled; nothing was changed.")
            restore_backup(source)
        except BackupError as error:
            raise CommandError(f"Restore refused: {error} Nothing was changed.") from None
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}."))
