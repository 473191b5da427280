"""``parure ledger verify [--head SEQ:LINK]`` and ``parure ledger head``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parure.inventory import ledger


class Command(BaseCommand):
    help = "Verify the custody ledger's hash chain and the pieces' state, or print its head."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,head}")
        verify = actions.add_parser("verify", help="Re-walk the chain; exit 1 naming the first bad event.")
        verify.add_argument(
            "--head",
            metavar="SEQ:LINK",
            help="A head recorded earlier outside the system (from the daily e-mail); proves nothing was cut off.",
        )
        actions.add_parser("head", help="Print the current head (sequence:link) to record outside the system.")

    def handle(self, *args: Any, action: str, head: str | None = None, **options: Any) -> None:
        if action == "head":
            seq, link = ledger.head()
            self.stdout.write(f"{seq}:{link}")
            return
        expected = None
        if head:
            try:
                expected = ledger.parse_head(head)
            except ValueError as error:
                raise CommandError(str(error)) from None
        result = ledger.verify(expected_head=expected)
        if not result.ok:
            raise CommandError(f"Custody ledger verification FAILED after {result.events:,} events: {result.problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Custody ledger verified: {result.events:,} events, {result.items:,} pieces, "
                f"head {result.head_text} ({result.rate:,.0f} events/s)."
            )
        )
        if expected is not None:
            self.stdout.write(f"The recorded head {expected[0]} is still in the chain.")
