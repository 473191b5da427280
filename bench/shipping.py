"""Shipping benchmark: the rule check of a 50-piece shipment, and the shipments list at 100,000 shipments.

Run as ``.venv/bin/python bench/shipping.py`` (part of ``make bench``). It creates a throwaway database on
the PostgreSQL server named by ``DATABASE_URL`` (default: the local server) and migrates it; builds, through
the real services, New York's places and billing, the demonstration carriers, policies and export rules, a
buyer in London with verified identity checks, and one consignment of 50 pieces of which 20 are sold to her
privately and invoiced (10 paid in full). It then measures, in the same run, the median of ``--runs`` of:

- ``shipment_check`` of a shipment of the 50 pieces to the buyer in London by a secure carrier, in five
  parcels: every rule's word (the carrier's and the policy's limits, the release rules, the export rules,
  the HS proposals), reading custody, billing, the catalogue and the client book through their queries;
- against the same reads written as raw SQL through one cursor and the same checks in plain Python:
  aim ≤ 3×.

Then it adds ``--shipments`` shipments (100,000) and reads the first page of the shipments list as a
logistics user, counting its queries against the same page at 100 shipments (they must be equal) and
timing it against the page's main query as raw SQL.

Options: ``--runs`` (15), ``--shipments`` (100,000), ``--keep`` (leave the database), ``--check-only``.
"""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]

import argparse
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.database import median, throwaway  # noqa: E402

PIECES = 50
SOLD = 20
PARCELS = 5


def _world() -> Any:
    """Offices, places, billing, carriers and rules; 50 pieces, 20 sold to the London buyer (10 paid)."""
    from parure.billing.services import invoices as invoicing
    from parure.billing.services.private_sales import private_sale_create
    from parure.clients.services.compliance import kyc_record
    from parure.core.clock import office_today
    from parure.core.demo import build_offices_and_staff
    from parure.core.models import Office, Staff
    from parure.inventory.services import consignment_intake
    from parure.shipping.carriers import demo as carriers_demo
    from parure.shipping.compliance import demo as compliance_demo
    from tests.billing import world as billing_world
    from tests.conftest import Cast
    from tests.inventory import world as inventory_world
    from tests.services import aftercare_world as aw

    build_offices_and_staff(lambda line: None)
    cast = Cast({person.username: person for person in Staff.objects.all()})
    world = aw.new_york(cast)
    carriers_demo.build(lambda line: None)
    compliance_demo.build(lambda line: None)
    office = Office.objects.get(code="NY")
    today = office_today(office)
    billing_world.address(world.buyer, lines="12 Cheyne Walk", city="London", region="", postcode="SW3 5RA",
                          country="GB")  # fmt: skip
    kyc_record(client=world.buyer, by=cast.senior, status="verified", document="passport",
               document_expires_on=today + timedelta(days=365), verified_on=today,
               proof_of_address_on=today)  # fmt: skip
    consignor = inventory_world.consignor("Mrs Helena Ruiz")
    drafts = [
        inventory_world.piece(
            f"Sapphire and diamond ring {n}", value=str(9000 + 100 * n), gross_weight_g=Decimal("6.40")
        )
        for n in range(PIECES)
    ]
    consignment = consignment_intake(consignor=consignor, terms=inventory_world.TERMS, pieces=drafts, by=cast.senior)
    items = list(consignment.items.order_by("line"))
    for index, item in enumerate(items[:SOLD]):
        sale = private_sale_create(stock_number=item.stock_number, buyer_number=world.buyer.number,
                                   price=str(12000 + 50 * index), commission_rate="10", by=cast.senior)  # fmt: skip
        assert sale.invoice is not None
        invoice = invoicing.invoice_issue(invoice=sale.invoice, by=cast.finance)
        if index % 2 == 0:
            aw.pay(world, invoice)
    world.items = items
    world.today = today
    return world


def _input(world: Any) -> Any:
    from parure.shipping.carriers import queries as carrier_queries
    from parure.shipping.shipments.planning import PieceInput, ShipmentInput

    secure = next(
        c for c in carrier_queries.carriers(active_only=True) if c.level == "secure_carrier" and c.currency == "USD"
    )
    address = world.buyer.addresses.get(country="GB")
    return ShipmentInput(
        destination_kind="client",
        client_number=world.buyer.number,
        address_id=address.pk,
        carrier_id=secure.pk,
        ship_on=world.today.isoformat(),
        pieces=[
            PieceInput(stock_number=item.stock_number, parcel=1 + n % PARCELS) for n, item in enumerate(world.items)
        ],
    )


# --- The baseline: the same reads as raw SQL, the same checks in plain Python --------------------------------

ITEMS_SQL = (
    "SELECT i.id, i.stock_number, i.category, i.metal, i.insurance_value, i.currency, i.sale_state, i.status,"
    " i.gross_weight_g, l.office_id, l.type FROM inventory_item i JOIN inventory_location l ON l.id = i.location_id"
    " WHERE i.stock_number = ANY(%s)"
)
STONES_SQL = "SELECT item_id, species, count FROM inventory_stone WHERE item_id = ANY(%s)"
RECORDS_SQL = (
    "SELECT r.item_id, m.metal, s.species, s.variety, s.origin, s.weight_ct FROM catalogue_cataloguerecord r"
    " LEFT JOIN catalogue_recordmetal m ON m.record_id = r.id LEFT JOIN catalogue_recordstone s ON s.record_id = r.id"
    " WHERE r.item_id = ANY(%s)"
)
ELSEWHERE_SQL = (
    "SELECT p.item_id FROM shipping_shipmentpiece p JOIN shipping_shipment s ON s.id = p.shipment_id"
    " WHERE p.item_id = ANY(%s) AND s.status IN ('draft', 'packed', 'checked', 'in_transit')"
)
SOLD_SQL = (
    "SELECT l.item_id, l.invoice_id, i.buyer_id, i.total, i.due_on,"
    " (SELECT COALESCE(SUM(x.amount), 0) FROM billing_invoiceline x WHERE x.invoice_id = l.invoice_id"
    "   AND NOT x.included AND x.kind IN ('hammer', 'price', 'premium', 'tax')),"
    " (SELECT COALESCE(SUM(a.amount), 0) FROM billing_allocation a WHERE a.invoice_id = l.invoice_id),"
    " (SELECT COALESCE(SUM(c.total), 0) FROM billing_invoice c"
    "   WHERE c.credits_id = l.invoice_id AND c.status = 'issued')"
    " FROM billing_invoiceline l JOIN billing_invoice i ON i.id = l.invoice_id"
    " WHERE l.item_id = ANY(%s) AND l.kind IN ('hammer', 'price') AND i.kind = 'invoice' AND i.status = 'issued'"
    " AND l.id NOT IN (SELECT credits_line_id FROM billing_invoiceline WHERE credits_line_id IS NOT NULL)"
)
CLIENT_SQL = (
    "SELECT c.kyc_status, c.kyc_document_expires_on, a.id, a.country, a.lines FROM clients_client c"
    " JOIN clients_clientaddress a ON a.client_id = c.id WHERE c.number = %s"
)
CARRIER_SQL = (
    "SELECT id, max_per_parcel, currency, refuses_loose_stones, refused_materials, countries"
    " FROM shipping_carrier WHERE id = %s"
)
POLICY_SQL = (
    "SELECT id, per_parcel, per_day, per_address FROM shipping_insurancepolicy WHERE is_active AND currency = %s"
    " AND valid_from <= %s AND valid_to >= %s AND (office_id = %s OR office_id IS NULL)"
    " ORDER BY office_id NULLS LAST LIMIT 1"
)
DAY_SQL = (
    "SELECT COALESCE(SUM(p.insured_value), 0) FROM shipping_shipmentpiece p"
    " JOIN shipping_shipment s ON s.id = p.shipment_id"
    " WHERE s.office_id = %s AND s.policy_id = %s AND s.ship_on = %s"
    " AND s.status NOT IN ('draft', 'cancelled', 'returned')"
)
ADDRESS_SQL = (
    "SELECT s.consignee_address, s.consignee_country, SUM(p.insured_value) FROM shipping_shipmentpiece p"
    " JOIN shipping_shipment s ON s.id = p.shipment_id WHERE s.status IN ('packed', 'checked', 'in_transit')"
    " GROUP BY s.consignee_address, s.consignee_country"
)
RULES_SQL = (
    "SELECT code, effect, materials, species, varieties, origins FROM shipping_compliancerule"
    " WHERE is_active AND effective_from <= %s AND (effective_to IS NULL OR effective_to >= %s)"
)


def _raw(office_id: int, data: Any, today: date) -> int:
    import json

    from django.db import connection

    numbers = [piece.stock_number for piece in data.pieces]
    parcel_of = {piece.stock_number: piece.parcel for piece in data.pieces}
    with connection.cursor() as cursor:
        cursor.execute(ITEMS_SQL, [numbers])
        items = cursor.fetchall()
        ids = [row[0] for row in items]
        cursor.execute(STONES_SQL, [ids])
        words: dict[int, set[str]] = defaultdict(set)
        for item_id, species, _ in cursor.fetchall():
            words[item_id].add(species.lower())
        cursor.execute(RECORDS_SQL, [ids])
        cursor.fetchall()
        cursor.execute(ELSEWHERE_SQL, [ids])
        assert not cursor.fetchall()
        cursor.execute(SOLD_SQL, [ids])
        sold = {row[0]: row for row in cursor.fetchall()}
        cursor.execute(CLIENT_SQL, [data.client_number])
        client = cursor.fetchall()
        cursor.execute(CARRIER_SQL, [data.carrier_id])
        carrier = cursor.fetchone()
        cursor.execute(POLICY_SQL, ["USD", today, today, office_id])
        policy = cursor.fetchone()
        cursor.execute(DAY_SQL, [office_id, policy[0], today])
        on_day = cursor.fetchone()[0]
        cursor.execute(ADDRESS_SQL)
        cursor.fetchall()
        cursor.execute(RULES_SQL, [today, today])
        rules = cursor.fetchall()
    findings = []
    parcels: dict[int, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    for item_id, number, category, metal, insurance, _, _, status, _, office, _ in items:
        assert status == "in_house" and office == office_id
        row = sold.get(item_id)
        value = row[5] if row is not None else insurance
        if row is not None and row[3] - row[7] - row[6] > 0:
            findings.append(("release.unpaid", number))
        parcels[parcel_of[number]] += value
        total += value
        words[item_id] |= {(metal or "").lower(), category}
        hs = "7113.11" if "silver" in (metal or "") else "7113.19"
        assert hs
    for number, value in parcels.items():
        if carrier[1] is not None and value > carrier[1]:
            findings.append(("carrier.max_per_parcel", number))
        if policy[1] is not None and value > policy[1]:
            findings.append(("policy.per_parcel", number))
    if policy[2] is not None and on_day + total > policy[2]:
        findings.append(("policy.per_day", ""))
    if policy[3] is not None and total > policy[3]:
        findings.append(("policy.per_address", ""))
    for _, effect, materials, species, varieties, _origins in rules:
        wanted = (
            {*json.loads(materials), *json.loads(species), *json.loads(varieties)}
            if isinstance(materials, str)
            else {*materials, *species, *varieties}
        )
        for item_id, found in words.items():
            if wanted & found:
                findings.append((effect, str(item_id)))
    assert client
    return len(findings)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--shipments", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--check-only", action="store_true", help="measure the rule check only")
    options = parser.parse_args(argv)
    with throwaway("parure_bench_shipping", keep=options.keep):
        print(f"Building {PIECES} pieces ({SOLD} sold, half of them paid), carriers and export rules…", flush=True)
        world = _world()
        from django.db import connection

        from parure.shipping.shipments.services import shipment_check

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        data = _input(world)
        checked = shipment_check(world.office, data, by=world.cast.logistics)
        unpaid = [f for f in checked.findings if f.rule == "release.unpaid"]
        assert len(checked.pieces) == PIECES and len(unpaid) == 1, checked.findings
        assert _raw(world.office.pk, data, world.today) >= 1
        service_s = median(lambda: shipment_check(world.office, data, by=world.cast.logistics), options.runs)
        raw_s = median(lambda: _raw(world.office.pk, data, world.today), options.runs)
        ratio = service_s / raw_s
        print(
            f"The rule check of a {PIECES}-piece shipment in {PARCELS} parcels "
            "(carrier, policy, release, export rules):\n"
            f"    shipment_check: {service_s * 1000:.1f} ms (median of {options.runs})\n"
            f"    the same reads as raw SQL and the checks in plain Python: {raw_s * 1000:.1f} ms\n"
            f"    ratio {ratio:.1f}×; aim ≤ 3×: {'met' if ratio <= 3 else 'not met'}",
            flush=True,
        )
        results = {"check_ms": service_s * 1000, "check_raw_ms": raw_s * 1000, "check_ratio": ratio}
        if not options.check_only:
            results.update(_list(world, options))
        return results


def _list(world: Any, options: Any) -> dict[str, float]:
    """The shipments list's first page at 100 and at ``--shipments`` shipments: the same queries, timed."""
    from django.db import connection

    from parure.core.numbering import check_digit
    from parure.shipping.shipments.models import Shipment, ShipmentPiece
    from tests.conftest import signed_in

    item = world.items[-1]

    def add(count: int, start: int) -> None:
        rows = []
        for n in range(start, start + count):
            body = f"NY-SH-27-{n:05d}" if n < 100_000 else f"NY-SH-28-{n - 100_000:05d}"
            rows.append(Shipment(number=f"{body}-{check_digit(body)}", office=world.office, status="delivered",
                                 destination_kind="client", client=world.buyer, consignee_name="Mrs Ada Lovelace",
                                 consignee_address="12 Cheyne Walk\nSW3 5RA London", consignee_country="GB",
                                 level="secure_carrier", currency="USD", ship_on=world.today,
                                 created_by=world.cast.logistics, tracking_number=f"MA{n:08d}"))  # fmt: skip
        made = Shipment.objects.bulk_create(rows, batch_size=5000)
        ShipmentPiece.objects.bulk_create(
            [ShipmentPiece(shipment=s, item=item, position=1, value_basis="insurance", insured_value=Decimal("9000"),
                           description="Ring, platinum, set with sapphire and diamonds", hs_code="7113.19")
             for s in made], batch_size=5000)  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    browser = signed_in(world.cast.logistics)

    def page() -> int:
        response = browser.get("/shipping/shipments/")
        assert response.status_code == 200
        return len(response.content)

    def counted() -> int:
        """The page's queries, counted by a wrapper on the connection (a request resets its query log)."""
        seen = [0]

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            seen[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            page()
        return seen[0]

    add(100, 0)
    page()  # the first request of a session also writes the session
    small = counted()
    print(f"Adding {options.shipments:,} shipments…", flush=True)
    add(options.shipments - 100, 100)
    large = counted()
    assert small == large, (small, large)
    page_s = median(page, options.runs)
    sql = (
        "SELECT s.id, s.number, s.status, s.consignee_name, s.tracking_number, s.ship_on, c.name,"
        " (SELECT COUNT(*) FROM shipping_shipmentpiece p WHERE p.shipment_id = s.id),"
        " (SELECT SUM(p.insured_value) FROM shipping_shipmentpiece p WHERE p.shipment_id = s.id)"
        " FROM shipping_shipment s"
        " LEFT JOIN shipping_carrier c ON c.id = s.carrier_id ORDER BY s.created_at DESC, s.id DESC LIMIT 50"
    )

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()
            cursor.execute("SELECT COUNT(*) FROM shipping_shipment")
            cursor.fetchone()

    raw_s = median(raw, options.runs)
    print(
        f"The shipments list at {Shipment.objects.count():,} shipments (first page, as logistics):\n"
        f"    {large} queries at {Shipment.objects.count():,} shipments, {small} at 100: fixed\n"
        f"    the whole page: {page_s * 1000:.1f} ms (median of {options.runs}); its main query and count as raw SQL: "
        f"{raw_s * 1000:.1f} ms",
        flush=True,
    )
    return {"list_queries": float(large), "list_page_ms": page_s * 1000, "list_raw_ms": raw_s * 1000}


if __name__ == "__main__":
    main()
