"""Catalogue benchmark on PostgreSQL: full-text and faceted search at 200,000 records.

Run as ``.venv/bin/python bench/catalogue.py`` (``make bench``). It creates a throwaway database on
the server named by ``DATABASE_URL`` (default: the local server), writes 200,000 pieces and their
catalogue records with COPY (stones, makers, provenance, periods and estimates drawn from the
department's vocabulary), builds their search documents with the application's own
``rebuild_index`` (timed), then measures in the same run, interleaved, each search through
``parure.catalogue.search.search`` (the page's and the API's one call: a page of 25 hits, their
total and the seven facets' counts) against the equivalent raw SQL: the same nine statements
written by hand and run on one cursor, rows fetched. Aim ≤ 3×.

Options: ``--records`` (default 200,000; ``--quick`` 20,000), ``--runs`` (default 30 per
measure), ``--keep`` (keep the database), ``--write`` (update the "Catalogue search" section of
docs/performance.md).
"""

from __future__ import annotations

import os
import sys

# Run as a script, this folder stands first on the path, and this file's name would shadow other
# modules named ``catalogue``: take it off, as bench/platform.py does.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
import json
import random
import re
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DB_NAME = f"parure_bench_catalogue_{os.getpid()}"
SERVER_URL = os.environ.get("DATABASE_URL", DEFAULT_SERVER)

STONES = [
    ("diamond", ""), ("corundum", "sapphire"), ("corundum", "ruby"), ("beryl", "emerald"), ("pearl", ""),
    ("beryl", "aquamarine"), ("spinel", ""), ("tourmaline", ""), ("quartz", "amethyst"), ("chrysoberyl", "alexandrite"),
    ("garnet", "demantoid"), ("opal", ""), ("jadeite", ""), ("topaz", ""), ("zircon", ""),
]  # fmt: skip
MAKERS = [
    "Cartier", "Van Cleef & Arpels", "Tiffany & Co.", "Boucheron", "Bulgari", "Harry Winston", "Chaumet",
    "Mauboussin", "Lacloche Frères", "René Boivin", "Suzanne Belperron", "JAR", "David Webb", "Buccellati",
    "Fabergé", "Lalique", "Oscar Heyman", "Raymond Yard", "Seaman Schepps", "Verdura", "Graff", "Chopard",
]  # fmt: skip
CATEGORIES = ["ring", "necklace", "brooch", "earrings", "bracelet", "pendant", "cufflinks", "tiara"]
CUTS = ["brilliant", "cushion", "step", "oval", "pear", "marquise", "rose", "old European", "cabochon", "baguette"]
ORIGINS = ["Kashmir", "Burma", "Ceylon", "Colombia", "Madagascar", "Mozambique", "Brazil", ""]
WORDS = [
    "set",
    "with",
    "pavé",
    "millegrain",
    "openwork",
    "scroll",
    "foliate",
    "geometric",
    "plaque",
    "bombé",
    "cluster",
    "halo",
    "three-stone",
    "rivière",
    "sautoir",
    "tassel",
    "fringe",
    "bow",
    "garland",
    "lattice",
    "pierced",
    "collet",
    "claw",
    "calibré",
    "mystery",
    "invisible",
    "setting",
    "mounted",
    "shank",
    "gallery",
    "engraved",
    "enamel",
    "plique-à-jour",
    "guilloché",
    "textured",
    "florentined",
    "polished",
    "platinum",
    "yellow",
    "white",
    "rose",
    "gold",
    "silver-topped",
    "accented",
    "flanked",
    "shoulders",
    "centre",
    "surround",
    "border",
    "terminal",
    "clasp",
    "hinged",
    "detachable",
    "convertible",
    "brooch-pendant",
    "ear",
    "clips",
    "fittings",
]
PUBLIC_OWNERS = [
    "Mrs Harrison Williams", "The Duchess of Windsor", "Barbara Hutton", "Princess Salimah Aga Khan",
    "Christie's Geneva, 17 May 1987, lot 412", "Sotheby's New York, 19 October 1994, lot 230",
    "A European royal family", "The Estate of Elizabeth Taylor",
]  # fmt: skip


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(sql)


def _configure(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ.setdefault("PARURE_LEDGER_KEY", "bench-" + secrets.token_hex(24))
    os.environ.setdefault("PARURE_VAR_DIR", tempfile.mkdtemp(prefix="parure-bench-"))
    import django

    django.setup()


# --- Building --------------------------------------------------------------------------------------


def _row(model: Any, values: dict[str, Any]) -> tuple[list[str], tuple[Any, ...]]:
    """Every concrete column of ``model`` with ``values`` or the field's Python default."""
    fields = [f for f in model._meta.concrete_fields]
    columns = [f.column for f in fields]
    row = tuple(values[f.attname] if f.attname in values else f.get_default() for f in fields)
    return columns, tuple(json.dumps(value) if isinstance(value, dict | list) else value for value in row)


def build(records: int, say: Callable[[str], None]) -> dict[str, Any]:
    """Pieces (COPY), their records with stones, makers and provenance (COPY), then the search
    documents through the application's ``rebuild_index`` (timed)."""
    from django.db import connection, transaction

    from parure.catalogue.models import CatalogueRecord, ProvenanceEntry, RecordMaker, RecordMetal, RecordStone
    from parure.catalogue.services.search import rebuild_index
    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Office, Staff
    from parure.core.numbering import check_digit
    from parure.gemology.periods import PERIODS
    from parure.inventory.choices import LocationType
    from parure.inventory.models import Item
    from parure.inventory.services import location_create

    build_offices_and_staff(lambda line: None)
    admin = Staff.objects.get(username="simon")
    offices = list(Office.objects.order_by("code"))
    desks = {
        office.pk: location_create(
            office=office, name="Intake desk", code="DESK", type=LocationType.INTAKE_DESK, by=admin
        )
        for office in offices
    }
    rng = random.Random(20261202)
    t0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
    periods = [p.key for p in PERIODS]
    started = time.perf_counter()

    def items() -> Any:
        for i in range(records):
            office = offices[i % len(offices)]
            species, variety = rng.choice(STONES)
            stone = variety or species
            category = rng.choice(CATEGORIES)
            body = f"{office.code}-26-{i // len(offices) + 1:06d}"
            low = Decimal(int(rng.lognormvariate(9.6, 1.2)) // 100 * 100 + 500)
            yield (
                _row(
                    Item,
                    {
                        "id": i + 1,
                        "stock_number": f"{body}-{check_digit(body)}",
                        "office_id": office.pk,
                        "consignment_id": None,
                        "line": 1,
                        "category": category,
                        "title": f"{stone.capitalize()} and diamond {category}",
                        "currency": office.currency,
                        "estimate_low": low,
                        "estimate_high": low * Decimal("1.5"),
                        "created_at": t0,
                        "location_id": desks[office.pk].pk,
                        "custody_since": t0,
                        "custody_seq": 0,
                        "custody_by_id": admin.pk,
                    },
                )[1],
                (species, variety),
            )

    stones_of: list[tuple[str, str]] = []
    with transaction.atomic():
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor:
            item_columns = _row(Item, {"id": 0})[0]
            with cursor.copy(f"COPY inventory_item ({', '.join(item_columns)}) FROM STDIN") as copy:
                for row, stone in items():
                    copy.write_row(row)
                    stones_of.append(stone)
            say(f"  {records:,} pieces written ({time.perf_counter() - started:.0f} s)")
            record_columns = _row(CatalogueRecord, {})[0]
            with cursor.copy(f"COPY catalogue_cataloguerecord ({', '.join(record_columns)}) FROM STDIN") as copy:
                for i in range(records):
                    year = rng.randrange(1850, 2020)
                    copy.write_row(
                        _row(
                            CatalogueRecord,
                            {
                                "id": i + 1,
                                "item_id": i + 1,
                                "object_type": "ring",
                                "date_text": f"circa {year}",
                                "year_from": year - 5,
                                "year_to": year + 5,
                                "circa": True,
                                "period": rng.choice(periods),
                                "signature": rng.choice(["", "", "Signed"]),
                                "serial_number": str(rng.randrange(1000, 99999)),
                                "design_notes": " ".join(rng.choices(WORDS, k=rng.randrange(8, 30))),
                                "created_at": t0,
                                "created_by_id": admin.pk,
                                "updated_at": t0,
                                "updated_by_id": admin.pk,
                            },
                        )[1]
                    )
            stone_columns = _row(RecordStone, {})[0]
            stone_id = 0
            with cursor.copy(f"COPY catalogue_recordstone ({', '.join(stone_columns)}) FROM STDIN") as copy:
                for i in range(records):
                    species, variety = stones_of[i]
                    groups = [("principal", species, variety), ("secondary", "diamond", "")]
                    for position, (role, s, v) in enumerate(groups, start=1):
                        stone_id += 1
                        copy.write_row(
                            _row(
                                RecordStone,
                                {
                                    "id": stone_id,
                                    "record_id": i + 1,
                                    "position": position,
                                    "role": role,
                                    "species": s,
                                    "variety": v,
                                    "cut": rng.choice(CUTS),
                                    "count": 1 if role == "principal" else rng.randrange(2, 60),
                                    "weight_ct": Decimal(rng.randrange(30, 1500)) / 100,
                                    "weight_basis": "estimated",
                                    "origin": rng.choice(ORIGINS) if v else "",
                                },
                            )[1]
                        )
            metal_columns = _row(RecordMetal, {})[0]
            with cursor.copy(f"COPY catalogue_recordmetal ({', '.join(metal_columns)}) FROM STDIN") as copy:
                for i in range(records):
                    copy.write_row(
                        _row(
                            RecordMetal,
                            {
                                "id": i + 1,
                                "record_id": i + 1,
                                "metal": rng.choice(["platinum", "gold"]),
                                "fineness": 950,
                            },
                        )[1]
                    )
            maker_columns = _row(RecordMaker, {})[0]
            with cursor.copy(f"COPY catalogue_recordmaker ({', '.join(maker_columns)}) FROM STDIN") as copy:
                maker_id = 0
                for i in range(records):
                    if rng.random() < 0.6:
                        maker_id += 1
                        copy.write_row(
                            _row(
                                RecordMaker,
                                {
                                    "id": maker_id,
                                    "record_id": i + 1,
                                    "name": rng.choice(MAKERS),
                                    "attribution": rng.choice(["by", "by", "attributed"]),
                                },
                            )[1]
                        )
            provenance_columns = _row(ProvenanceEntry, {})[0]
            with cursor.copy(f"COPY catalogue_provenanceentry ({', '.join(provenance_columns)}) FROM STDIN") as copy:
                entry_id = 0
                for i in range(records):
                    if rng.random() < 0.25:
                        entry_id += 1
                        copy.write_row(
                            _row(
                                ProvenanceEntry,
                                {"id": entry_id, "record_id": i + 1, "owner": rng.choice(PUBLIC_OWNERS)},
                            )[1]
                        )
            for table in ("inventory_item", "catalogue_cataloguerecord", "catalogue_recordstone",
                          "catalogue_recordmetal", "catalogue_recordmaker", "catalogue_provenanceentry"):  # fmt: skip
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"GREATEST((SELECT max(id) FROM {table}), 1))"
                )
    say(f"  {records:,} records written ({time.perf_counter() - started:.0f} s)")
    indexing = time.perf_counter()
    written = rebuild_index(batch=2_000)
    index_seconds = time.perf_counter() - indexing
    with connection.cursor() as cursor:
        # Some copy at each stage of the workflow, as the copy area's reader will give it.
        cursor.execute(
            "UPDATE catalogue_searchdocument SET status = (ARRAY['recorded','draft','submitted','approved','locked'])"
            "[1 + (id % 5)]"
        )
    say(f"  {written:,} search documents built by rebuild_index in {index_seconds:.0f} s "
        f"({written / index_seconds:,.0f} a second)")  # fmt: skip
    return {"records": records, "index_seconds": index_seconds}


# --- The raw SQL equivalent --------------------------------------------------------------------------


def raw_search(text: str, facets: dict[str, list[str]], page_size: int = 25) -> tuple[list[Any], int, list[Any]]:
    """The same nine statements ``search()`` runs, written by hand: hits, total, seven facets."""
    from django.db import connection

    from parure.catalogue.search.backends import tsquery_literal
    from parure.catalogue.search.text import question

    words = question(text)
    columns = {"category": "d.category", "stone": "d.stone", "maker": "d.maker", "period": "d.period",
               "price_band": "d.price_band", "office": "o.code", "status": "d.status"}  # fmt: skip

    def where(leave_out: str = "") -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []
        if words:
            clauses.append("d.search_vector @@ %s::tsquery")
            params.append(tsquery_literal(words))
        for key, values in facets.items():
            if key != leave_out:
                clauses.append(f"{columns[key]} = ANY(%s)")
                params.append(values)
        return " AND ".join(clauses), params

    base = "FROM catalogue_searchdocument d JOIN core_office o ON o.id = d.office_id"
    with connection.cursor() as cursor:
        condition, params = where()
        if words:
            order = (
                "CASE WHEN d.search_vector @@ %s::tsquery THEN 0 "
                "WHEN d.search_vector @@ %s::tsquery THEN 1 ELSE 2 END, d.stock_number"
            )
            order_params = [tsquery_literal(words, "A"), tsquery_literal(words, "AB")]
        else:
            order, order_params = "d.stock_number", []
        cursor.execute(
            "SELECT d.stock_number, d.title, d.category, d.stone, d.maker, d.period, d.price_band, d.status, "
            f"o.code, o.name {base} WHERE {condition} ORDER BY {order} LIMIT %s",
            [*params, *order_params, page_size],
        )
        hits = cursor.fetchall()
        cursor.execute(f"SELECT count(*) {base} WHERE {condition}", params)
        total = cursor.fetchone()[0]
        counted = []
        for key, column in columns.items():
            condition, params = where(leave_out=key)
            empty = "" if key == "office" else f" AND {column} <> ''"
            cursor.execute(f"SELECT {column}, count(*) {base} WHERE {condition}{empty} GROUP BY {column}", params)
            counted.append(cursor.fetchall())
    return hits, total, counted


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Case:
    label: str
    text: str
    facets: dict[str, list[str]]
    parure: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    total: int = 0
    queries: int = 0


CASES = [
    Case("one word", "sapphire", {}),
    Case("two words, the last a prefix", "cartier sapph", {}),
    Case("a phrase and a word", "art-deco diamond", {}),
    Case("words and facets", "diamond", {"stone": ["sapphire", "emerald"], "office": ["NY"]}),
    Case("facets only", "", {"category": ["ring"], "period": ["art-deco"], "price_band": ["USD:20000-100000"]}),
    Case("everything (no words, no facets)", "", {}),
]


def measure(runs: int, say: Callable[[str], None]) -> list[Case]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parure.catalogue.search.queries import search
    from parure.core.models import Staff

    viewer = Staff.objects.get(username="eleanor")
    for case in CASES:  # warm plans and caches; check both give the same answer
        results = search(viewer=viewer, text=case.text, facets=case.facets)
        hits, total, _ = raw_search(case.text, case.facets)
        assert [h.stock_number for h in results.hits] == [row[0] for row in hits], case.label
        assert results.total == total, case.label
        case.total = total
        with CaptureQueriesContext(connection) as captured:
            search(viewer=viewer, text=case.text, facets=case.facets)
        case.queries = len(captured)
    for _ in range(runs):
        for case in CASES:
            started = time.perf_counter()
            search(viewer=viewer, text=case.text, facets=case.facets)
            case.parure.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw_search(case.text, case.facets)
            case.raw.append(time.perf_counter() - started)
    for case in CASES:
        ours, raw = statistics.median(case.parure) * 1000, statistics.median(case.raw) * 1000
        say(f"  {case.label:<36} {case.total:>8,} hits  search() {ours:7.1f} ms  raw SQL {raw:7.1f} ms  "
            f"{ours / raw:4.2f}×  ({case.queries} queries)")  # fmt: skip
    return CASES


def report(built: dict[str, Any], cases: list[Case], runs: int) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    day = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Catalogue search",
        "",
        f"Measured {day} by `bench/catalogue.py`: {built['records']:,} catalogued pieces on PostgreSQL {version}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; median of {runs} runs per measure, "
        "interleaved. `search()` is the page's and the API's one call (25 hits, their total, seven facet counts); "
        "the raw SQL is the same nine statements written by hand on one cursor. Aim ≤ 3×.",
        "",
        "| search | hits | `search()` | raw SQL | ratio | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in cases:
        ours, raw = statistics.median(case.parure) * 1000, statistics.median(case.raw) * 1000
        lines.append(
            f"| {case.label} | {case.total:,} | {ours:.1f} ms | {raw:.1f} ms | {ours / raw:.2f}× | {case.queries} |"
        )
    lines += [
        "",
        f"Building the {built['records']:,} documents with `parure catalogue reindex`'s `rebuild_index`: "
        f"{built['index_seconds']:.0f} s ({built['records'] / built['index_seconds']:,.0f} a second).",
    ]
    return "\n".join(lines) + "\n"


def _update_performance_doc(section: str) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text()
    pattern = re.compile(r"^## Catalogue search\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip() + "\n\n", text)
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text.rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=None, help="catalogued pieces (default 200,000)")
    parser.add_argument("--quick", action="store_true", help="20,000 pieces")
    parser.add_argument("--runs", type=int, default=30, help="runs per measure (default 30)")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    records = args.records or (20_000 if args.quick else 200_000)

    def say(line: str) -> None:
        print(line, flush=True)

    _admin(f'CREATE DATABASE "{DB_NAME}"')
    say(f"Catalogue search benchmark: {records:,} records, database {DB_NAME}")
    try:
        _configure(_with_database(SERVER_URL, DB_NAME))
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        built = build(records, say)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        say("Search (median per measure):")
        cases = measure(args.runs, say)
        section = report(built, cases, args.runs)
        print()
        print(section)
        if args.write:
            _update_performance_doc(section)
            say("Written to docs/performance.md (section Catalogue search).")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
