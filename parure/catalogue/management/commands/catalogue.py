"""``parure catalogue reindex``: rebuild every piece's search document from its record and copy."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Catalogue maintenance: reindex rebuilds the search documents of every catalogued piece."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{reindex}")
        reindex = actions.add_parser(
            "reindex", help="Rebuild every search document (after an import, a restore or a change to indexing)."
        )
        reindex.add_argument("--batch", type=int, default=500, metavar="N", help="Records per transaction.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        from parure.catalogue.services.search import rebuild_index

        batch = max(1, int(options["batch"]))
        written = rebuild_index(say=self.stdout.write, batch=batch)
        self.stdout.write(self.style.SUCCESS(f"Catalogue search rebuilt: {written:,} pieces indexed."))
