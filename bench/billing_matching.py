"""Billing benchmark: matching a bank statement's lines to the open invoices, on PostgreSQL.

Run as ``.venv/bin/python bench/billing_matching.py`` (part of ``make bench``). It creates a throwaway
database on the PostgreSQL server named by ``DATABASE_URL`` (default: the local server), migrates it,
builds 50,000 issued invoices (one in ten part-paid) and a 10,000-line CAMT.053 statement (six in ten
lines naming an invoice and paying its balance, two in ten paying a balance with only the buyer's name,
two in ten matching nothing), imports the statement through the service, and in the same run measures:

(a) the importer: reading the CAMT.053 file (defusedxml) and saving its lines, all or nothing;
(b) the matcher (``reconciliation.statement_lines``: the lines, their state and every suggestion with
    its reason) against a plain SQL join of the same lines to the invoices by the number in the
    reference and by the balance due. The join only pairs rows; the matcher also reads the lines, checks
    each number's check digit, compares the payer's name with the buyer's and writes each reason.

Options: ``--invoices`` (50,000), ``--lines`` (10,000), ``--repeat`` (3: the best of), ``--keep``.
"""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
import random
import secrets
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
SERVER_URL = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
DB_NAME = f"parure_bench_matching_{os.getpid()}"
SURNAMES = ["Lindqvist", "Ashcombe", "Okafor", "Moreau", "Tanaka", "Whitfield", "Castellane", "Brandt", "Rahman",
            "Delacroix", "Novak", "Ferreira", "Haddad", "Kowalski", "Lambert", "Oyelaran"]  # fmt: skip
GIVEN = ["Ada", "Julian", "Amara", "Claire", "Hiro", "Edward", "Sofia", "Lena", "Omar", "Marc", "Petra", "Rui"]

BASELINE_SQL = """
WITH lines AS (
    SELECT id, amount, substring(reference from '[A-Z]{2}-I-[0-9]{2}-[0-9]{5}-[0-9]') AS number
    FROM billing_statementline WHERE statement_id = %s AND direction = 'credit'
), due AS (
    SELECT i.id, i.number, i.currency, i.total - coalesce(sum(a.amount), 0) AS due
    FROM billing_invoice i LEFT JOIN billing_allocation a ON a.invoice_id = i.id
    WHERE i.status = 'issued' AND i.kind = 'invoice'
    GROUP BY i.id
)
SELECT l.id, d.id FROM lines l JOIN due d ON d.number = l.number
UNION ALL
SELECT l.id, d.id FROM lines l JOIN due d ON l.number IS NULL AND d.due = l.amount
"""


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")


def _admin(sql: str) -> None:
    import psycopg

    server = _with_database(SERVER_URL, "postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql)


def _configure(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ.setdefault("PARURE_LEDGER_KEY", "bench-" + secrets.token_hex(24))
    os.environ.setdefault("PARURE_VAR_DIR", tempfile.mkdtemp(prefix="parure-bench-"))
    import logging

    import django

    django.setup()
    logging.getLogger("parure.request").setLevel(logging.WARNING)


def _world(invoices: int, lines: int) -> dict[str, Any]:
    """Offices and staff, buyers, ``invoices`` issued invoices and a statement of ``lines`` lines."""
    from parure.billing.demo_reconciliation import Entry, camt053
    from parure.billing.models import Allocation, Invoice
    from parure.clients.models import Client
    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Office, Staff
    from parure.core.numbering import check_digit

    build_offices_and_staff(lambda line: None)
    office = Office.objects.get(code="NY")
    finance = Staff.objects.get(username="priya")
    rng = random.Random(2612)
    buyers = []
    for number in range(1, 2001):
        body = f"C-{number:06d}"
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}-{number}"
        buyers.append(Client(number=f"{body}-{check_digit(body)}", display_name=name, family_name=name.split()[-1]))
    buyers = Client.objects.bulk_create(buyers, batch_size=2000)
    now = datetime.now(UTC)
    rows = []
    for sequence in range(1, invoices + 1):
        body = f"NY-I-26-{sequence:05d}"
        buyer = buyers[sequence % len(buyers)]
        total = Decimal(rng.randrange(50_000, 5_000_000)) / 100
        rows.append(
            Invoice(
                number=f"{body}-{check_digit(body)}",
                status="issued",
                office=office,
                buyer=buyer,
                currency="USD",
                buyer_name=buyer.display_name,
                buyer_number=buyer.number,
                total=total,
                net_total=total,
                due_on=(now + timedelta(days=30)).date(),
                issued_at=now,
                issued_by=finance,
                created_by=finance,
            )
        )
    made = Invoice.objects.bulk_create(rows, batch_size=5000)
    part_paid = made[::10]
    Allocation.objects.bulk_create(
        [Allocation(invoice=invoice, amount=Decimal("100.00"), from_credit=True, by=finance) for invoice in part_paid],
        batch_size=5000,
    )
    paid = {invoice.pk for invoice in part_paid}
    today = now.date()
    entries = []
    picks = rng.sample(made, lines)
    for index, invoice in enumerate(picks):
        due = invoice.total - (Decimal("100.00") if invoice.pk in paid else 0)
        kind = index % 10
        if kind < 6:
            entries.append(Entry(due, today, f"BM-{index:06d}", text=f"Invoice {invoice.number} thank you",
                                 payer=invoice.buyer_name.upper()))  # fmt: skip
        elif kind < 8:
            entries.append(Entry(due, today, f"BM-{index:06d}", text="Auction purchase", payer=invoice.buyer_name))
        else:
            entries.append(Entry(Decimal(rng.randrange(100, 99_999)) / 100 + Decimal("0.01"), today,
                                 f"BM-{index:06d}", text="Nothing of ours", payer="Unknown Trading Ltd"))  # fmt: skip
    content = camt053(entries, statement_id="BENCH-1")
    return {"office": office, "finance": finance, "content": content}


def _best(repeat: int, run: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def bench(invoices: int, lines: int, repeat: int) -> None:
    from django.db import connection

    from parure.billing.choices import LineState, StatementFormat
    from parure.billing.services import reconciliation

    started = time.perf_counter()
    world = _world(invoices, lines)
    print(f"    built {invoices:,} invoices and a {lines:,}-line statement in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    result = reconciliation.statement_import(office=world["office"], content=world["content"], filename="bench.xml",
                                             by=world["finance"], format=StatementFormat.CAMT053)  # fmt: skip
    imported = time.perf_counter() - started
    size = len(world["content"]) / (1024 * 1024)
    print(f"(a) Import: {lines:,} entries ({size:.1f} MB of CAMT.053) read and saved in {imported:.2f} s", flush=True)
    statement = result.statement
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    matcher_s, rows = _best(repeat, lambda: reconciliation.statement_lines(statement))

    def baseline() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [statement.pk])
            return list(cursor.fetchall())

    baseline_s, pairs = _best(repeat, baseline)
    states: dict[str, int] = {}
    for row in rows:
        states[row.state] = states.get(row.state, 0) + 1
    strong = sum(1 for row in rows if row.suggestions and row.suggestions[0].strength == "strong")
    weak = sum(1 for row in rows if row.suggestions and row.suggestions[0].strength == "weak")
    ratio = matcher_s / baseline_s
    print(
        f"(b) Matching {lines:,} lines against {invoices:,} open invoices: {matcher_s * 1000:.0f} ms "
        f"(best of {repeat}); the plain SQL join {baseline_s * 1000:.0f} ms ({len(pairs):,} pairs)\n"
        f"    {states.get(LineState.SUGGESTED, 0):,} suggested ({strong:,} strong, {weak:,} weak), "
        f"{states.get(LineState.UNMATCHED, 0):,} unmatched\n"
        f"    ratio {ratio:.1f}× the join; {matcher_s * 1_000_000 / lines:.0f} µs a line",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--invoices", type=int, default=50_000)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    _admin(f'CREATE DATABASE "{DB_NAME}"')
    print(f"Billing matching benchmark on PostgreSQL, database {DB_NAME}", flush=True)
    try:
        _configure(_with_database(SERVER_URL, DB_NAME))
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        bench(args.invoices, min(args.lines, args.invoices), args.repeat)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
