"""The demonstration shipments: built through the real services after billing's invoices and shipping's
carriers and rules, from the saleroom holding the paid pieces, in every state a shipment passes through."""

from __future__ import annotations

from typing import Any

from parure.core import registry
from parure.inventory.choices import ItemStatus, LocationType
from parure.shipping.shipments import demo
from parure.shipping.shipments.models import Shipment


def test_the_demo_shipments_are_in_every_state_with_an_international_one_and_an_incident(cast: Any) -> None:
    from parure.auctions import demo as auctions_demo
    from parure.billing import demo as billing_demo
    from parure.clients.demo import build_client_book
    from parure.inventory import demo as inventory_demo
    from parure.shipping.carriers import demo as carriers_demo
    from parure.shipping.compliance import demo as compliance_demo

    for builder in (build_client_book, inventory_demo.build, auctions_demo.build, billing_demo.build,
                    carriers_demo.build, compliance_demo.build):  # fmt: skip
        builder(lambda line: None)
    said: list[str] = []
    demo.build(said.append)

    assert registry.demo_builders["shipping.shipments"].order == 80
    assert said == [
        "  shipping: 8 shipments from London (bench, cancelled, delivered, overseas, packed, pickup, returned, transfer)"
    ]
    rows = list(Shipment.objects.order_by("number"))
    assert rows[0].international and rows[0].office.code == "LN"
    assert [(s.status, s.destination_kind, s.consignee_country if s is not rows[0] else "abroad") for s in rows] == [
        ("in_transit", "client", "abroad"), ("delivered", "client", "GB"), ("checked", "client", "GB"),
        ("returned", "client", "GB"),
        ("draft", "office", "CH"), ("draft", "vendor", "GB"), ("packed", "vendor", "GB"), ("cancelled", "vendor", "GB"),
    ]  # fmt: skip
    overseas = rows[0]
    assert (overseas.tracking_number, overseas.incidents.get().kind) == ("MA-LN-7731-0042", "delay")
    assert overseas.pieces.get().value_basis == "invoice"
    assert rows[2].pickup is not None
    packed = rows[6].pieces.get().item
    packed.refresh_from_db()
    assert (packed.status, packed.location.type) == (ItemStatus.IN_HOUSE, LocationType.PACKED)
    demo.build(said.append)
    assert said[-1] == "  shipping already has shipments; left as they are"
