"""The demonstration billing: every saleroom's settings, and the closed London sale invoiced to the
penny — the invoices (and the draft) add up to the sale's hammer and premium, under the margin scheme
with the VAT inside the premium — in every standing a specialist meets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parure.auctions.models import Sale
from parure.billing import demo
from parure.billing.choices import InvoiceKind, InvoiceStatus, Standing
from parure.billing.models import BillingSettings, ClientCredit, Invoice, InvoiceLine
from parure.billing.queries import standing_of
from parure.billing.services.invoices import office_today

D = Decimal


def test_the_demo_invoices_the_closed_sale_in_every_standing(cast: Any) -> None:
    from parure.auctions import demo as auctions_demo
    from parure.clients.demo import build_client_book
    from parure.inventory import demo as inventory_demo

    build_client_book(lambda line: None)
    inventory_demo.build(lambda line: None)
    auctions_demo.build(lambda line: None)
    said: list[str] = []
    demo.build(said.append)

    assert sorted(BillingSettings.objects.values_list("office__code", "jurisdiction")) == [
        ("GE", "ch"), ("HK", "hk"), ("LN", "uk"), ("NY", "us"),
    ]  # fmt: skip
    closed = Sale.objects.get(status="closed")
    bills = Invoice.objects.filter(sale=closed, kind=InvoiceKind.INVOICE)
    hammer = sum(InvoiceLine.objects.filter(invoice__in=bills, kind="hammer").values_list("amount", flat=True))
    premium = sum(InvoiceLine.objects.filter(invoice__in=bills, kind="premium").values_list("amount", flat=True))
    assert (hammer, premium) == (D("3089800.00"), D("834246.00"))
    fees = InvoiceLine.objects.filter(invoice__in=bills, kind="platform_fee")
    assert sum(fees.values_list("amount", flat=True)) == D("3000.00")  # 5% of a £60,000 lot bought online
    # Nothing is added to the lots (the margin scheme's VAT is inside the premium); the fee bears 20% VAT.
    assert sum(bills.values_list("total", flat=True)) == D("3924046.00") + D("3000.00") + D("600.00")
    assert sum(bills.values_list("included_tax", flat=True)) > 0
    today = office_today(closed.office)
    standings = [standing_of(row, today=today) for row in bills]
    counts = {standing: standings.count(standing) for standing in set(standings)}
    # After the statement's first line paid one part-paid invoice by wire (the reconciliation demo).
    assert counts == {Standing.DRAFT: 1, Standing.PAID: 6, Standing.PART_PAID: 1, Standing.OVERDUE: 2}
    assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.ISSUED).count() == 1
    assert sum(ClientCredit.objects.values_list("amount", flat=True)) == D("250.00")
    issued = bills.filter(status=InvoiceStatus.ISSUED)
    assert {row.dated_on for row in issued} == {closed.starts_at.date(), today}
    assert said[0].startswith(f"  billing: settings for 4 salerooms; {issued.count()} invoices for {closed.code}")
    demo.build(said.append)
    assert said[-1] == "  billing already has settings; left as it is"
