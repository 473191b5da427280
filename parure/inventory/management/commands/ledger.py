"""``parure ledger verify [--head SEQ:LINK]``, ``parure ledger head`` and ``parure ledger rotate-key``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parure.core.models import Staff
from parure.inventory import ledger, ledger_verify
from parure.inventory.errors import CustodyError


class Command(BaseCommand):
    help = "Verify the custody ledger's hash chain and the pieces' state, print its head, or rotate its key."
    # The system checks refuse to run anything while the key does not sign the head; this command
    # is how that is investigated (verify) and resolved (rotate-key), so it runs regardless.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,head,rotate-key}")
        verify = actions.add_parser("verify", help="Re-walk the chain; exit 1 naming the first bad event.")
        verify.add_argument(
            "--head",
            metavar="SEQ:LINK",
            help="A head recorded earlier outside the system (from the daily e-mail); proves nothing was cut off.",
        )
        verify.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help="Processes sharing the pieces (PostgreSQL; default: one per CPU from 100,000 events on).",
        )
        actions.add_parser("head", help="Print the current head (sequence:link) and its key, to record outside.")
        rotate = actions.add_parser(
            "rotate-key",
            help="Sign with PARURE_LEDGER_KEY from the next event on; the old key must be in PARURE_LEDGER_OLD_KEYS.",
        )
        rotate.add_argument("--by", required=True, metavar="USERNAME", help="The administrator rotating the key.")
        rotate.add_argument("--reason", required=True, help="Why, e.g. ‘Yearly rotation’.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "head":
            seq, link = ledger.head()
            self.stdout.write(f"{seq}:{link}")
            signed_by = ledger.head_key_id()
            if signed_by:  # on stderr, so that $(parure ledger head) is the head alone
                self.stderr.write(f"Signed with key {signed_by}.")
            return
        if action == "rotate-key":
            self._rotate(options["by"], options["reason"])
            return
        expected = None
        if options.get("head"):
            try:
                expected = ledger.parse_head(options["head"])
            except ValueError as error:
                raise CommandError(str(error)) from None
        workers = options.get("workers") or ledger_verify.workers_for(ledger.head()[0])
        result = ledger.verify(expected_head=expected, workers=workers)
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

    def _rotate(self, username: str, reason: str) -> None:
        by = Staff.objects.filter(username=username).first()
        if by is None:
            raise CommandError(f"No member of staff has the username ‘{username}’.")
        try:
            span = ledger.rotate_key(by=by, reason=reason)
        except CustodyError as refusal:
            raise CommandError(refusal.message) from None
        seq, link = ledger.head()
        self.stdout.write(
            self.style.SUCCESS(
                f"Key {span.key_id} signs the ledger from event {span.first_seq} on; key {span.previous_key_id} "
                f"signed it up to event {seq}."
            )
        )
        self.stdout.write(
            f"Record outside the system: head {seq}:{link}, new key {span.key_id}, old key {span.previous_key_id}. "
            "Keep the old key offline with PARURE_LEDGER_OLD_KEYS wherever the ledger is verified."
        )
