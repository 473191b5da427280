"""Post-sale test worlds, made through the real services: New York's places and billing rules, a ring
consigned and sold privately to a buyer on an issued invoice, paid or not."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from parure.billing.services import invoices as invoicing
from parure.billing.services import payments
from parure.billing.services.private_sales import private_sale_create
from parure.core.models import Office, Staff
from parure.inventory.services import StoneDraft
from parure.services.aftercare.services import OrderDraft, aftercare_order_create, office_today
from tests.billing import world as billing_world
from tests.inventory import world as inventory_world

D = Decimal


def new_york(cast: Any) -> SimpleNamespace:
    """New York's places and billing settings, and a buyer living in Manhattan (New York City's sales tax)."""
    office = Office.objects.get(code="NY")
    places = inventory_world.build_places(office, cast.administrator)
    billing_world.new_york_billing()
    buyer = inventory_world.consignor("Mrs Ada Lovelace")
    billing_world.address(buyer, lines="1 Fifth Avenue", city="New York", region="NY", postcode="10003")
    return SimpleNamespace(office=office, places=places, buyer=buyer, cast=cast)


def sold(world: SimpleNamespace, title: str = "Sapphire and diamond ring", *, paid: bool = True, price: str = "20000",
         **piece: Any) -> Any:  # fmt: skip
    """A ring consigned, sold privately to the buyer and invoiced (the invoice issued, and paid in full unless
    ``paid`` is False); returns the piece with ``.invoice`` set to the issued invoice."""
    senior: Staff = world.cast.senior
    consignor = inventory_world.consignor("Mrs Helena Ruiz")
    item = inventory_world.take_in(senior, consignor, inventory_world.piece(title, **piece))[0]
    sale = private_sale_create(stock_number=item.stock_number, buyer_number=world.buyer.number, price=price,
                               commission_rate="10", by=senior)  # fmt: skip
    assert sale.invoice is not None
    invoice = invoicing.invoice_issue(invoice=sale.invoice, by=world.cast.finance)
    if paid:
        pay(world, invoice)
    item.refresh_from_db()
    item.invoice = invoice
    return item


def pay(world: SimpleNamespace, invoice: Any) -> Any:
    return payments.payment_record(invoice=invoice, method="wire", amount=str(invoice.total), currency=invoice.currency,
                                   received_on=invoicing.office_today(invoice.office), by=world.cast.finance)  # fmt: skip


def due(days: int = 10) -> date:
    return office_today(Office.objects.get(code="NY")) + timedelta(days=days)


def resizing(item: Any, **overrides: Any) -> OrderDraft:
    fields: dict[str, Any] = {"kind": "resizing", "stock_number": item.stock_number, "due_on": due(), "charge": "150",
                              "size_system": "US", "current_size": "6", "target_size": "7", "setting": "solitaire"}  # fmt: skip
    fields.update(overrides)
    return OrderDraft(**fields)


def engraving(item: Any, **overrides: Any) -> OrderDraft:
    fields: dict[str, Any] = {"kind": "engraving", "stock_number": item.stock_number, "due_on": due(), "charge": "80",
                              "size_system": "US", "current_size": "6.5", "engraving_text": "A & J 12.VI.2026",
                              "font_style": "script", "engraving_side": "inside", "engraving_position": "centred",
                              "band_width_mm": "3"}  # fmt: skip
    fields.update(overrides)
    return OrderDraft(**fields)


def order(draft: OrderDraft, by: Staff) -> Any:
    return aftercare_order_create(draft=draft, by=by)


PLAIN_BAND = {"description": "A plain polished band.", "stones": ()}
STONES = (StoneDraft("diamond", "round", 1, D("1.02")),)
