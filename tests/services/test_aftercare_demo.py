"""The demonstration post-sale orders: built through the real services after billing's invoices, on rings
sold on issued invoices, in the states a specialist meets (one resizing at the bench, one engraving awaiting
the client's proof approval)."""

from __future__ import annotations

from typing import Any

from parure.billing import queries as billing
from parure.core import registry
from parure.services.aftercare import demo
from parure.services.aftercare.models import AftercareOrder


def test_the_demo_orders_are_on_sold_rings_in_several_states(cast: Any) -> None:
    from parure.auctions import demo as auctions_demo
    from parure.billing import demo as billing_demo
    from parure.clients.demo import build_client_book
    from parure.inventory import demo as inventory_demo

    build_client_book(lambda line: None)
    inventory_demo.build(lambda line: None)
    auctions_demo.build(lambda line: None)
    billing_demo.build(lambda line: None)
    said: list[str] = []
    demo.build(said.append)

    assert registry.demo_builders["services.aftercare"].order == 72
    orders = list(AftercareOrder.objects.order_by("pk"))
    assert [(order.kind, order.status) for order in orders] == [
        ("resizing", "at_bench"), ("engraving", "proof_sent"), ("resizing", "ordered"), ("engraving", "done"),
        ("appraisal", "ordered"),
    ], said  # fmt: skip
    for order in orders:
        sale = billing.piece_invoice_summary(order.item_id)
        assert sale is not None and (sale.number, sale.buyer_id) == (order.sale_invoice_number, order.buyer_id)
    at_bench = orders[0]
    at_bench.item.refresh_from_db()
    assert (at_bench.item.status, at_bench.item.location_id) == ("checked_out", at_bench.bench_id)
    assert orders[3].charge_invoice_number.startswith(f"{orders[3].office.code}-I-")
    assert said[0].startswith("  post-sale: 5 orders on ")
    again: list[str] = []
    demo.build(again.append)
    assert again == ["  post-sale orders already exist; left as they are"] and AftercareOrder.objects.count() == 5
