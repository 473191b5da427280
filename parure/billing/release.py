"""Billing's word on a release: a piece leaves for its buyer, or for a shipment, only when the invoice
billing it is paid in full — or when a senior specialist overrides with a reason, which custody writes
on the ledger event. Registered with custody's release guards (``inventory.guards``) from ``hooks``."""

from __future__ import annotations

from typing import Any

from parure.billing.choices import InvoiceKind, InvoiceStatus, Standing
from parure.billing.errors import BillingError
from parure.billing.models import Invoice
from parure.billing.numbers import parse_invoice_number
from parure.billing.queries import balance_of, invoice_for_piece, standing_of
from parure.billing.services.invoices import office_today
from parure.inventory.choices import SaleState
from parure.inventory.errors import CustodyError, InventoryErrorCode
from parure.inventory.guards import ReleaseOverride


def _refuse(message: str) -> CustodyError:
    return CustodyError(message, code=InventoryErrorCode.CUSTODY_REFUSED)


def _bills(invoice: Invoice, item_id: int) -> bool:
    return invoice.lines.filter(kind__in=("hammer", "price")).filter(item_id=item_id).exists() or (
        invoice.lines.filter(kind__in=("hammer", "price"), lot__pieces__item_id=item_id).exists()
    )


def why_not_released(item: Any, cause: str) -> str:
    """The sentence that keeps ``item`` from leaving against ``cause``, or "" when billing allows it."""
    kind, _, reference = cause.partition(":")
    if kind == "invoice":
        try:
            number = parse_invoice_number(reference, field="cause")
        except BillingError as refusal:
            return refusal.message
        invoice = Invoice.objects.select_related("office").filter(number=number).first()
        if invoice is None or invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.ISSUED:
            return f"No issued invoice is numbered {number}."
        if not _bills(invoice, item.pk):
            return f"Invoice {number} does not bill {item.stock_number}."
    else:
        found = invoice_for_piece(item.pk)
        if found is None:
            if item.sale_state == SaleState.SOLD or kind == "private_sale":
                return f"{item.stock_number} is sold but not yet invoiced; it leaves once its invoice is paid in full."
            return ""  # not sold: a shipment of a piece nobody bought is not billing's to hold
        invoice = found
    standing = standing_of(invoice, today=office_today(invoice.office))
    if standing == Standing.CANCELLED:
        return f"Invoice {invoice.number} was cancelled by a credit note; {item.stock_number} cannot leave against it."
    if standing != Standing.PAID:
        due = balance_of(invoice).due
        return (
            f"Invoice {invoice.number} is not paid in full ({due.format(invoice.locale)} due); "
            f"{item.stock_number} may not leave yet."
        )
    return ""


def release_guard(item: Any, cause: str, override: ReleaseOverride | None) -> None:
    """Refuse a release billing does not allow, unless a senior specialist overrides it."""
    sentence = why_not_released(item, cause)
    if sentence and override is None:
        raise _refuse(sentence + " A senior specialist may release it before payment, with a reason.")
