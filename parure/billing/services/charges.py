"""Charges for services on their own invoice: a repair, a resizing or an engraving, an appraisal, a
design project's stage. The services app asks for them here (it never writes billing's tables): one
issued charges invoice for the client, a line per charge with the tax the saleroom's rules put on it,
numbered like every other invoice and paid, credited and reconciled through billing as they are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from parure.billing import tax
from parure.billing.choices import InvoiceKind, InvoiceSource, LineKind
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Invoice, InvoiceLine
from parure.billing.services.invoices import (
    DESCRIPTION_MAX,
    _amount,
    _delivery_region,
    _line,
    _refused_tax,
    _tax_lines,
    invoice_issue,
    office_today,
    tax_context,
    totals,
)
from parure.clients import queries as client_book
from parure.core.models import Office, Staff

MAX_CHARGES = 50


@dataclass(frozen=True)
class ServiceCharge:
    """One charge: what it is for, as the invoice prints it, and its amount before tax."""

    description: str
    amount: Decimal | str
    # The piece the service was done on, when there is one (printed with the line).
    item_id: int | None = None
    stock_number: str = ""


@transaction.atomic
def service_invoice_issue(
    *,
    client_id: int,
    office: Office,
    currency: str,
    reference: str,
    charges: Sequence[ServiceCharge],
    by: Staff,
) -> Invoice:
    """Issue one invoice to ``client_id`` for ``charges`` (``reference`` is the job or order it bills, as the
    services app numbers it). Refused whole, with nothing saved, if any charge is wrong."""
    if not charges:
        raise BillingError("There is nothing to charge.", code=BillingErrorCode.NOTHING_TO_INVOICE)
    if len(charges) > MAX_CHARGES:
        raise BillingError(f"At most {MAX_CHARGES} charges go on one invoice.", code=BillingErrorCode.INVALID)
    party = client_book.billing_party(client_id)
    region = _delivery_region(party)
    invoice = Invoice.objects.create(
        kind=InvoiceKind.INVOICE,
        source=InvoiceSource.CHARGES,
        office=office,
        buyer_id=client_id,
        reference=reference.strip()[:40],
        currency=currency,
        locale=office.locale,
        delivery_region=region,
        created_by=by,
    )
    ctx = tax_context(office, on=office_today(office), delivery_region=region)
    lines: list[InvoiceLine] = []
    for index, charge in enumerate(charges):
        text = (charge.description or "").strip()
        if not text:
            raise BillingError(f"Charge {index + 1}: say what it is for.", field=f"charges.{index}.description",
                               code=BillingErrorCode.REQUIRED)  # fmt: skip
        if len(text) > DESCRIPTION_MAX:
            raise BillingError(f"Charge {index + 1}: the description is longer than {DESCRIPTION_MAX} characters.",
                               field=f"charges.{index}.description", code=BillingErrorCode.TOO_LONG)  # fmt: skip
        money = _amount(charge.amount, currency, field=f"charges.{index}.amount")
        line = _line(invoice, len(lines) + 1, kind=LineKind.SERVICE, description=text, amount=money.amount,
                     item_id=charge.item_id, stock_numbers=charge.stock_number[:200])  # fmt: skip
        try:
            taxes = tax.taxes_on_fee(amount=money, description=text, ctx=ctx)
        except tax.TaxRuleError as refusal:
            raise _refused_tax(refusal) from None
        lines += [line, *_tax_lines(invoice, len(lines) + 2, taxes, item_id=charge.item_id)]
    InvoiceLine.objects.bulk_create(lines)
    totals(invoice, lines)
    invoice.save(update_fields=["net_total", "tax_total", "included_tax", "total"])
    return invoice_issue(invoice=invoice, by=by)
