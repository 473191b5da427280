"""Reads billing's pages, API and other apps share: an invoice's balance and standing, the invoices a
piece is on. Amounts are Money in the invoice's currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from parure.billing.choices import InvoiceKind, InvoiceStatus, Standing
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Allocation, Invoice, InvoiceLine
from parure.billing.numbers import parse_invoice_number
from parure.core.money import Money

ZERO = Decimal(0)


@dataclass(frozen=True)
class Balance:
    total: Money
    credited: Money  # issued credit notes against it
    paid: Money  # allocations, less what was refunded of them
    due: Money  # total − credited − paid; negative when overpaid

    @property
    def settled(self) -> bool:
        return self.due.amount <= 0


def _sum(rows: QuerySet[Allocation] | QuerySet[Invoice], column: str) -> Decimal:
    return rows.aggregate(total=Sum(column))["total"] or ZERO


def balance_of(invoice: Invoice) -> Balance:
    """What ``invoice`` comes to, what credit notes took off it, what was paid and what is still due."""
    credited = _sum(invoice.credit_notes.filter(status=InvoiceStatus.ISSUED), "total")
    paid = _sum(invoice.allocations.all(), "amount")
    total = invoice.money(invoice.total)
    return Balance(
        total=total,
        credited=invoice.money(credited),
        paid=invoice.money(paid),
        due=invoice.money(invoice.total - credited - paid),
    )


def standing_of(invoice: Invoice, *, today: date) -> Standing:
    """Where an invoice stands today (derived, never stored)."""
    if invoice.status == InvoiceStatus.DRAFT:
        return Standing.DRAFT
    balance = balance_of(invoice)
    if balance.credited.amount >= invoice.total and invoice.total > 0:
        return Standing.CANCELLED
    if balance.settled:
        return Standing.PAID
    if invoice.due_on is not None and today > invoice.due_on:
        return Standing.OVERDUE
    return Standing.PART_PAID if balance.paid.amount > 0 else Standing.UNPAID


def invoice_by_number(text: str) -> Invoice:
    """The issued invoice or credit note with this number; a mistyped number is refused, never matched."""
    number = parse_invoice_number(text)
    found = Invoice.objects.select_related("office", "sale").filter(number=number).first()
    if found is None:
        raise BillingError(f"No invoice is numbered {number}.", field="number", code=BillingErrorCode.UNKNOWN_INVOICE)
    return found


def invoiced_lot_ids(lot_ids: set[int]) -> set[int]:
    """The lots among ``lot_ids`` already on an invoice that no credit note cancelled (drafts included)."""
    if not lot_ids:
        return set()
    credited = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    return set(
        InvoiceLine.objects.filter(lot_id__in=lot_ids, invoice__kind=InvoiceKind.INVOICE)
        .filter(Q(kind="hammer") | Q(kind="price"))
        .exclude(pk__in=credited)
        .values_list("lot_id", flat=True)
    )


def invoice_for_piece(item_id: int) -> Invoice | None:
    """The latest issued invoice billing this piece whose line no credit note cancelled, or None."""
    credited = InvoiceLine.objects.filter(
        invoice__kind=InvoiceKind.CREDIT_NOTE, invoice__status=InvoiceStatus.ISSUED, credits_line__isnull=False
    ).values("credits_line_id")
    line = (
        InvoiceLine.objects.filter(
            invoice__kind=InvoiceKind.INVOICE,
            invoice__status=InvoiceStatus.ISSUED,
            kind__in=("hammer", "price"),
        )
        .filter(Q(item_id=item_id) | Q(lot__pieces__item_id=item_id))
        .exclude(pk__in=credited)
        .select_related("invoice", "invoice__office")
        .order_by("-invoice__issued_at", "-pk")
        .first()
    )
    return line.invoice if line is not None else None
