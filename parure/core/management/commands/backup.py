"""``parure backup DEST``: a consistent copy of the database and stored files, with a manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parure.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and stored files into a new folder, with a manifest of checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", type=Path)

    def handle(self, *args: Any, destination: Path, **options: Any) -> None:
        try:
            summary = create_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {summary.engine} database and files to {summary.path} "
                f"({summary.files} files, {summary.bytes:,} bytes)."
            )
        )
