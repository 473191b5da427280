"""Private sales: a consigned piece sold by agreement outside an auction, at an agreed price, with its
own commission rate.

``private_sale_create`` records it with a gapless number (``NY-PS-26-00001-8``), makes the buyer's draft
invoice (source ``private_sale``: a ``price`` line naming the piece, and the taxes the saleroom's rules
put on it as on a lot with no premium), and marks the piece sold through the inventory's selling
service. Once the invoice is issued and paid in full, the consignor is settled through the same flow as
an auction's (``services.settlements.settlement_for_private_sale``); the piece leaves through custody's
release, which billing's guard lets through once that invoice is paid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.http import Http404

from parure.billing import tax
from parure.billing.choices import InvoiceKind, InvoiceSource, LineKind, TaxTreatment
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Invoice, InvoiceLine, PrivateSale
from parure.billing.services.invoices import (
    _amount,
    _delivery_region,
    _line,
    _tax_lines,
    office_today,
    settings_of,
    tax_context,
    totals,
)
from parure.billing.services.settlements import draw_number, parse_number
from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.core.models import Staff
from parure.core.money import Money
from parure.inventory import queries as inventory
from parure.inventory.choices import TERMINAL_STATUSES, SaleState
from parure.inventory.errors import InventoryError
from parure.inventory.services.selling import pieces_sale_state

SELLABLE = (SaleState.CONSIGNED, SaleState.UNSOLD)


def _rate(text: str | Decimal) -> Decimal:
    try:
        percent = Decimal(str(text).strip().rstrip("%").strip())
    except (InvalidOperation, ValueError):
        percent = Decimal(-1)
    if (
        not percent.is_finite()
        or not Decimal(0) <= percent <= Decimal(100)
        or percent != percent.quantize(Decimal("0.001"))
    ):
        raise BillingError(
            "The commission is a percent between 0 and 100, e.g. 12.5.",
            field="commission_rate",
            code=BillingErrorCode.INVALID,
        )
    return percent / 100


@transaction.atomic
def private_sale_create(
    *,
    stock_number: str,
    buyer_number: str,
    price: str | Decimal,
    commission_rate: str | Decimal,
    by: Staff,
    agreed_on: date | None = None,
    tax_status: str = TaxTreatment.MARGIN,
    arranged_by: Staff | None = None,
) -> PrivateSale:
    """Record a private sale, make the buyer's draft invoice and mark the piece sold (see the module)."""
    try:
        piece = inventory.item_by_stock_number(stock_number or "")
    except InventoryError as refusal:
        raise BillingError(refusal.message, field="stock_number", code=BillingErrorCode.INVALID_NUMBER) from None
    except Http404:
        raise BillingError(
            f"No piece has the stock number {(stock_number or '').strip()[:24]}.",
            field="stock_number",
            code=BillingErrorCode.UNKNOWN_PIECE,
        ) from None
    if piece.consignment is None:
        raise BillingError(
            f"{piece.stock_number} is not consigned; a private sale settles a consignor.",
            field="stock_number",
            code=BillingErrorCode.REFUSED,
        )
    if piece.status in TERMINAL_STATUSES:
        raise BillingError(
            f"{piece.stock_number} has left our custody; it cannot be sold.",
            field="stock_number",
            code=BillingErrorCode.REFUSED,
        )
    if piece.sale_state not in SELLABLE:
        raise BillingError(
            f"{piece.stock_number} is {piece.get_sale_state_display().lower()} "
            f"({piece.sale_reference or 'no reference'}); "
            "only a piece consigned or unsold may be sold privately.",
            field="stock_number",
            code=BillingErrorCode.REFUSED,
        )
    try:
        buyer_id = client_book.client_id_by_number(buyer_number or "")
    except ClientError as refusal:
        raise BillingError(refusal.message, field="buyer", code=BillingErrorCode.INVALID_NUMBER) from None
    if buyer_id is None:
        raise BillingError(
            f"No client file is numbered {(buyer_number or '').strip()[:20]}.",
            field="buyer",
            code=BillingErrorCode.UNKNOWN_CLIENT,
        )
    consignor_id = piece.consignment.consignor_id
    if buyer_id == consignor_id:
        raise BillingError(
            "The buyer is the piece's consignor; return it to them instead.",
            field="buyer",
            code=BillingErrorCode.REFUSED,
        )
    if tax_status not in TaxTreatment.values:
        raise BillingError("Choose how the sale is taxed.", field="tax_status", code=BillingErrorCode.INVALID)
    office = piece.consignment.office
    settings_of(office)
    money = _amount(price, office.currency, field="price")
    rate = _rate(commission_rate)
    today = office_today(office)
    agreed_on = agreed_on or today
    if agreed_on > today:
        raise BillingError("The sale cannot be agreed in the future.", field="agreed_on", code=BillingErrorCode.INVALID)
    number = draw_number(office_code=office.code, letters="PS", year=today.year)
    party = client_book.billing_party(buyer_id)
    region = _delivery_region(party)
    invoice = Invoice.objects.create(
        kind=InvoiceKind.INVOICE,
        source=InvoiceSource.PRIVATE_SALE,
        office=office,
        buyer_id=buyer_id,
        reference=number,
        currency=office.currency,
        locale=office.locale,
        delivery_region=region,
        created_by=by,
    )
    common = {"item": piece, "stock_numbers": piece.stock_number}
    lines = [
        _line(
            invoice,
            1,
            kind=LineKind.PRICE,
            description=f"{piece.title} (private sale {number})"[:300],
            amount=money.amount,
            tax_treatment=tax_status,
            **common,
        )
    ]
    ctx = tax_context(office, on=agreed_on, delivery_region=region)
    try:
        taxes = tax.taxes_on_lot(hammer=money, premium=Money.of(0, office.currency), treatment=tax_status, ctx=ctx)
    except tax.TaxRuleError as refusal:
        raise BillingError(str(refusal), code=BillingErrorCode.NO_RATE) from None
    # A margin scheme's VAT lives inside the premium, and a private sale has none: nothing to record.
    taxes = [line for line in taxes if line.amount.amount or not line.included]
    lines += _tax_lines(invoice, 2, taxes, **common)
    InvoiceLine.objects.bulk_create(lines)
    totals(invoice, lines)
    invoice.save(update_fields=["net_total", "tax_total", "included_tax", "total"])
    sale = PrivateSale.objects.create(
        number=number,
        office=office,
        item=piece,
        stock_number=piece.stock_number,
        title=piece.title[:300],
        consignment=piece.consignment,
        consignor_id=consignor_id,
        buyer_id=buyer_id,
        price=money.amount,
        currency=office.currency,
        commission_rate=rate,
        tax_status=tax_status,
        agreed_on=agreed_on,
        arranged_by=arranged_by or by,
        invoice=invoice,
        created_by=by,
    )
    try:
        pieces_sale_state(items=[piece], state=SaleState.SOLD, reference=number, by=by)
    except InventoryError as refusal:
        raise BillingError(refusal.message, field="stock_number", code=BillingErrorCode.REFUSED) from None
    return sale


def private_sale_by_number(text: str) -> PrivateSale:
    number = parse_number(text, letters="PS")
    found = PrivateSale.objects.select_related("office", "invoice", "arranged_by").filter(number=number).first()
    if found is None:
        raise BillingError(
            f"No private sale is numbered {number}.", field="number", code=BillingErrorCode.UNKNOWN_RECORD
        )
    return found
