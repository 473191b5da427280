"""Billing benchmark: invoicing a 500-lot sale with 300 buyers on PostgreSQL.

Run as ``.venv/bin/python bench/billing.py`` (part of ``make bench``). It creates a throwaway database
on the PostgreSQL server named by ``DATABASE_URL`` (default: the local server), migrates it, builds a
closed New York sale of ``--lots`` lots sold to ``--buyers`` buyers (half of them delivering to
New York City, so their lots bear the sales tax), and in the same run measures:

- ``invoices_from_sale``: a draft per buyer, each lot's hammer, premium by the marginal schedule and
  tax by the saleroom's rules, from the results to the saved rows, in one transaction;
- against the same invoice and line rows inserted raw (``executemany`` of the values the service
  wrote, in one transaction): aim ≤ 3×.

The matching of a bank statement against open invoices is bench/billing_matching.py.
Options: ``--lots`` (500), ``--buyers`` (300), ``--keep`` (leave the database).
"""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
import secrets
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
SERVER_URL = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
DB_NAME = f"parure_bench_billing_{os.getpid()}"


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


def _sale(lots: int, buyers: int) -> Any:
    """A closed New York sale: ``lots`` lots, each sold to one of ``buyers`` registered bidders."""
    from parure.auctions.choices import BidSource, Outcome
    from parure.auctions.models import LotResult
    from parure.auctions.services.sales import lot_create
    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Staff
    from tests.auctions import results_day, world
    from tests.billing import world as billing
    from tests.conftest import Cast
    from tests.inventory import world as inventory_world

    build_offices_and_staff(lambda line: None)
    cast = Cast({person.username: person for person in Staff.objects.all()})
    inventory_world.build_all_places(cast)
    billing.new_york_billing()
    sale = world.sale(cast.senior, code="NY-J-2750")
    items = world.pieces(cast.senior, *(f"Bench ring {n}" for n in range(1, lots + 1)))
    made = [
        lot_create(sale=sale, items=[item], heading=f"A bench ring {n}", low_estimate="2000", high_estimate="3000",
                   reserve=None, by=cast.senior)
        for n, item in enumerate(items, start=1)
    ]  # fmt: skip
    bidders = [world.bidder(sale, name=f"Bench Buyer {n:03d}") for n in range(buyers)]
    for n, registration in enumerate(bidders):
        if n % 2 == 0:
            billing.address(registration.client, lines=f"{n} Fifth Avenue", city="New York", region="NY",
                            postcode="10003")  # fmt: skip
    world.live(sale)
    now = datetime.now(UTC)
    LotResult.objects.bulk_create(
        LotResult(lot=lot, outcome=Outcome.SOLD, hammer=Decimal(2000 + 50 * (n % 40)),
                  registration=bidders[n % buyers], paddle=bidders[n % buyers].paddle, source=BidSource.ROOM,
                  reserve_met=True, premium=Decimal(0), recorded_at=now, recorded_by=cast.assistant)
        for n, lot in enumerate(made)
    )  # fmt: skip
    results_day.close_sale(sale)
    sale.refresh_from_db()
    return cast, sale


INVOICE_COLUMNS = (
    "number", "kind", "source", "status", "office_id", "buyer_id", "sale_id", "reference", "credits_id",
    "currency", "locale", "buyer_name", "buyer_number", "buyer_address", "delivery_region", "export_proof",
    "net_total", "tax_total", "included_tax", "total", "reason", "dated_on", "due_on", "issued_at", "issued_by_id",
    "created_at", "created_by_id", "version",
)  # fmt: skip
LINE_COLUMNS = (
    "invoice_id", "position", "kind", "lot_id", "lot_label", "item_id", "stock_numbers", "description", "amount",
    "tax_treatment", "rate", "basis", "included", "contains_diamonds", "snapshot", "credits_line_id",
)  # fmt: skip


def _raw_insert(invoices: list[Any]) -> tuple[float, int]:
    """The same invoices and lines inserted raw in one transaction; returns (seconds, lines)."""
    import json

    from django.db import connection, transaction

    from parure.billing.models import InvoiceLine

    lines_of: dict[int, list[InvoiceLine]] = {}
    for line in InvoiceLine.objects.filter(invoice__in=invoices).order_by("invoice_id", "position"):
        lines_of.setdefault(line.invoice_id, []).append(line)
    marks = ", ".join(["%s"] * len(INVOICE_COLUMNS))
    invoice_sql = f"INSERT INTO billing_invoice ({', '.join(INVOICE_COLUMNS)}) VALUES ({marks}) RETURNING id"
    line_sql = (
        f"INSERT INTO billing_invoiceline ({', '.join(LINE_COLUMNS)}) VALUES ({', '.join(['%s'] * len(LINE_COLUMNS))})"
    )
    count = 0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for invoice in invoices:
            cursor.execute(invoice_sql, [getattr(invoice, column) for column in INVOICE_COLUMNS])
            new_id = cursor.fetchone()[0]
            rows = [
                [new_id if column == "invoice_id" else json.dumps(line.snapshot) if column == "snapshot"
                 else getattr(line, column) for column in LINE_COLUMNS]
                for line in lines_of.get(invoice.pk, [])
            ]  # fmt: skip
            cursor.executemany(line_sql, rows)
            count += len(rows)
    return time.perf_counter() - started, count


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=500)
    parser.add_argument("--buyers", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args(argv)
    _admin(f'CREATE DATABASE "{DB_NAME}"')
    try:
        _configure(_with_database(SERVER_URL, DB_NAME))
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)

        print(f"Building a closed sale of {options.lots} lots sold to {options.buyers} buyers…", flush=True)
        cast, sale = _sale(options.lots, options.buyers)
        from parure.billing.services import invoices

        started = time.perf_counter()
        made = invoices.invoices_from_sale(sale=sale, by=cast.finance)
        service_s = time.perf_counter() - started
        raw_s, lines = _raw_insert(made)
        ratio = service_s / raw_s
        print(
            f"Invoicing {options.lots} lots for {len(made)} buyers ({lines} lines: hammer, premium, sales tax):\n"
            f"    invoices_from_sale, results to saved drafts in one transaction: {service_s * 1000:.0f} ms\n"
            f"    the same {len(made)} invoices and {lines} lines inserted raw in one transaction:"
            f" {raw_s * 1000:.0f} ms\n"
            f"    ratio {ratio:.1f}×; aim ≤ 3×: {'met' if ratio <= 3 else 'not met'}",
            flush=True,
        )
        return {"service_ms": service_s * 1000, "raw_ms": raw_s * 1000, "ratio": ratio}
    finally:
        from django.db import connections

        connections.close_all()
        if not options.keep:
            _admin(f'DROP DATABASE IF EXISTS "{DB_NAME}"')


if __name__ == "__main__":
    main()
