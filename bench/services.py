"""Services benchmark: the repairs board at 20,000 open jobs on PostgreSQL.

Run as ``.venv/bin/python bench/services.py`` (part of ``make bench``). It creates a throwaway database on
the PostgreSQL server named by ``DATABASE_URL`` (default: the local server), migrates it, takes one repair
in through the real services (client, piece, custody, condition report, tasks) and copies it to
``--jobs`` open jobs in New York spread over the stages and four vendors, an eighth of those at the bench
overdue. It then measures, in the same run, the median of ``--runs`` reads of:

- ``repairs.queries.board``: open jobs counted by stage, overdue per vendor, the first 200 jobs oldest due
  first with their vendor and stock number, and their clients' labels (the page's four queries);
- against the same four reads written as raw SQL through one cursor: aim ≤ 3×.

Options: ``--jobs`` (20,000), ``--runs`` (15), ``--keep`` (leave the database).
"""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
import secrets
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
SERVER_URL = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
DB_NAME = f"parure_bench_services_{os.getpid()}"
OPEN = ("taken_in", "estimated", "approved", "at_bench", "returned", "quality_checked", "ready")


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


def _jobs(count: int) -> tuple[Any, date]:
    """One repair taken in through the services, copied to ``count`` open jobs (pieces and envelopes)."""
    from django.db import transaction

    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Staff
    from parure.core.numbering import check_digit
    from parure.inventory.models import Item
    from parure.services.repairs import services
    from parure.services.repairs.choices import VendorKind
    from parure.services.repairs.models import RepairJob
    from parure.services.repairs.services import VendorDraft
    from tests.conftest import Cast
    from tests.services import repairs_world as rw

    build_offices_and_staff(lambda line: None)
    cast = Cast({person.username: person for person in Staff.objects.all()})
    world = rw.build(cast)
    vendors = [world.vendor, world.in_house]
    for name in ("Midtown Pearl Stringers", "Gravure Nord"):
        vendors.append(services.vendor_create(office=world.office, by=cast.senior, draft=VendorDraft(
            kind=VendorKind.WORKSHOP, name=name, insurer="Hiscox", policy_number="B-1", cover_limit="90000",
            cover_currency="USD", insurance_expires_on=date.today() + timedelta(days=300))))  # fmt: skip
    first = rw.take_in(world)
    item = Item.objects.get(pk=first.item_id)
    today = services.office_today(world.office)
    with transaction.atomic():
        items = []
        for n in range(1, count):
            copy = Item.objects.get(pk=item.pk)
            copy.pk = None
            body = f"NY-27-{n:06d}"
            copy.stock_number = f"{body}-{check_digit(body)}"
            items.append(copy)
        made = Item.objects.bulk_create(items, batch_size=2000)
        jobs = []
        for n, piece in enumerate(made, start=1):
            stage = OPEN[n % len(OPEN)]
            body = f"NY-RJ-27-{n:05d}"
            overdue = stage == "at_bench" and n % 8 == 0
            jobs.append(RepairJob(
                number=f"{body}-{check_digit(body)}", office=world.office, client_id=first.client_id, item=piece,
                description=first.description, client_states=first.client_states, condition_notes=first.condition_notes,
                declared_value=first.declared_value, currency="USD", stage=stage,
                due_on=today - timedelta(days=3) if overdue else today + timedelta(days=n % 60),
                vendor=vendors[n % len(vendors)], intake_signature_kind=first.intake_signature_kind,
                intake_attested_by_id=first.intake_attested_by_id, created_by_id=first.created_by_id,
                stage_since=first.stage_since,
            ))  # fmt: skip
        RepairJob.objects.bulk_create(jobs, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return cast, today


BOARD_SQL = (
    "SELECT stage, COUNT(id) FROM services_repairjob WHERE stage = ANY(%s) AND office_id = %s GROUP BY stage",
    "SELECT j.vendor_id, v.name, COUNT(j.id) AS n FROM services_repairjob j LEFT JOIN services_vendor v"
    " ON v.id = j.vendor_id WHERE j.stage = ANY(%s) AND j.office_id = %s AND j.stage = 'at_bench' AND j.due_on < %s"
    " GROUP BY j.vendor_id, v.name ORDER BY n DESC, v.name",
    "SELECT j.id, j.number, j.stage, j.due_on, j.description, j.client_id, j.estimate_only, j.office_id, v.id,"
    " v.name, i.id, i.stock_number FROM services_repairjob j LEFT JOIN services_vendor v ON v.id = j.vendor_id"
    " JOIN inventory_item i ON i.id = j.item_id WHERE j.stage = ANY(%s) AND j.office_id = %s"
    " ORDER BY j.due_on, j.id LIMIT 200",
    "SELECT id, number, display_name, title, confidentiality FROM clients_client WHERE id = ANY(%s)",
)


def _raw(office_id: int, today: date) -> int:
    from django.db import connection

    stages = list(OPEN)
    with connection.cursor() as cursor:
        cursor.execute(BOARD_SQL[0], [stages, office_id])
        counts = dict(cursor.fetchall())
        cursor.execute(BOARD_SQL[1], [stages, office_id, today])
        cursor.fetchall()
        cursor.execute(BOARD_SQL[2], [stages, office_id])
        rows = cursor.fetchall()
        cursor.execute(BOARD_SQL[3], [list({row[5] for row in rows})])
        cursor.fetchall()
    return sum(counts.values())


def _median(call: Any, runs: int) -> float:
    call()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args(argv)
    _admin(f'CREATE DATABASE "{DB_NAME}"')
    try:
        _configure(_with_database(SERVER_URL, DB_NAME))
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        print(f"Building {options.jobs} open repair jobs…", flush=True)
        cast, today = _jobs(options.jobs)
        from parure.services.repairs import queries

        viewer = cast.assistant
        filters = queries.BoardFilters(office=viewer.office)
        board = queries.board(viewer, filters, today=today)
        assert board.total == options.jobs == _raw(viewer.office.pk, today), (board.total, options.jobs)
        service_s = _median(lambda: queries.board(viewer, filters, today=today), options.runs)
        raw_s = _median(lambda: _raw(viewer.office.pk, today), options.runs)
        ratio = service_s / raw_s
        print(
            f"The repairs board at {options.jobs} open jobs (counts by stage, overdue per vendor, 200 rows, labels):\n"
            f"    repairs.queries.board: {service_s * 1000:.1f} ms (median of {options.runs})\n"
            f"    the same four reads as raw SQL: {raw_s * 1000:.1f} ms\n"
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
