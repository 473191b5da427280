"""Corrections: what changes an invoice after it is drafted, and what stands in for a change once it
is issued.

- A draft may be discarded, or have its delivery and proof of export changed, which recomputes every
  tax line by the saleroom's rules.
- An issued invoice never changes: a **credit note** (its own gapless number, ``NY-CN-26-00003-4``)
  credits whole lots or charges with their taxes, with the reason; crediting every line cancels the
  invoice, and its lots may be invoiced again. A proof of export recorded after issue is a credit
  note of the taxes export takes off (the margin scheme's VAT inside the premium included).
"""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from parure.billing import tax
from parure.billing.choices import InvoiceKind, InvoiceStatus, LineKind
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.models import Invoice, InvoiceLine
from parure.billing.numbers import issue_number
from parure.billing.queries import credited_line_ids, line_groups
from parure.billing.services.invoices import (
    _locked_draft,
    _refused_tax,
    _tax_lines,
    office_today,
    tax_context,
    totals,
)
from parure.core.models import Staff
from parure.core.money import Money

REASON_MAX = 500
PROOF_MAX = 200
REGION_MAX = 16


def _text(value: str, *, limit: int, field: str, label: str, required: bool) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise BillingError(f"Give the {label}.", field=field, code=BillingErrorCode.REASON_REQUIRED)
    if len(text) > limit:
        raise BillingError(f"The {label} is longer than {limit} characters.", field=field,
                           code=BillingErrorCode.TOO_LONG)  # fmt: skip
    return text


def _locked_issued(invoice: Invoice) -> Invoice:
    locked = Invoice.objects.select_for_update(of=("self",)).select_related("office").get(pk=invoice.pk)
    if locked.kind != InvoiceKind.INVOICE or locked.status != InvoiceStatus.ISSUED:
        raise BillingError(f"{locked.label} is not an issued invoice; a draft is corrected by editing it.",
                           code=BillingErrorCode.INVALID)  # fmt: skip
    return locked


def _issue_credit_note(original: Invoice, credited: list[InvoiceLine], *, reason: str, by: Staff,
                       as_added: bool = False) -> Invoice:  # fmt: skip
    """A credit note crediting ``credited`` (lines of ``original``), issued at once. ``as_added``
    credits included VAT as added (what export gives back of the VAT inside the premium)."""
    note = Invoice.objects.create(
        kind=InvoiceKind.CREDIT_NOTE,
        source=original.source,
        office=original.office,
        buyer_id=original.buyer_id,
        sale_id=original.sale_id,
        reference=original.number,
        credits=original,
        currency=original.currency,
        locale=original.locale,
        buyer_name=original.buyer_name,
        buyer_number=original.buyer_number,
        buyer_address=original.buyer_address,
        delivery_region=original.delivery_region,
        export_proof=original.export_proof,
        reason=reason,
        created_by=by,
    )
    lines = [
        InvoiceLine(
            invoice=note,
            position=position,
            kind=line.kind,
            lot_id=line.lot_id,
            lot_label=line.lot_label,
            item_id=line.item_id,
            stock_numbers=line.stock_numbers,
            description=line.description,
            amount=line.amount,
            tax_treatment=line.tax_treatment,
            rate=line.rate,
            basis=line.basis,
            included=line.included and not as_added,
            contains_diamonds=line.contains_diamonds,
            snapshot=line.snapshot,
            credits_line=line,
        )
        for position, line in enumerate(credited, start=1)
    ]
    InvoiceLine.objects.bulk_create(lines)
    totals(note, lines)
    today = office_today(original.office)
    note.number = issue_number(office_code=original.office.code, kind=InvoiceKind.CREDIT_NOTE, year=today.year)
    note.status = InvoiceStatus.ISSUED
    note.dated_on = today
    note.issued_at = timezone.now()
    note.issued_by = by
    note.save()
    return note


@transaction.atomic
def credit_note_issue(*, invoice: Invoice, groups: list[str], reason: str, by: Staff) -> Invoice:
    """Credit the lots and charges ``groups`` names (keys of ``queries.line_groups``: ``lot-12``,
    ``line-7``; ``all`` for everything not yet credited) of an issued invoice, with the reason."""
    invoice = _locked_issued(invoice)
    reason = _text(reason, limit=REASON_MAX, field="reason", label="reason for the credit note", required=True)
    chosen = {key.strip() for key in groups if key and key.strip()}
    if not chosen:
        raise BillingError("Choose the lots or charges the credit note credits.", field="groups",
                           code=BillingErrorCode.REQUIRED)  # fmt: skip
    offered = line_groups(invoice)
    by_key = {group.key: group for group in offered}
    if "all" in chosen:
        chosen = {group.key for group in offered if not group.credited}
        if not chosen:
            raise BillingError(f"Every line of {invoice.number} is credited already.", field="groups",
                               code=BillingErrorCode.REFUSED)  # fmt: skip
    unknown = sorted(chosen - set(by_key))
    if unknown:
        raise BillingError(f"{invoice.number} has no line ‘{unknown[0][:20]}’ to credit.", field="groups",
                           code=BillingErrorCode.INVALID)  # fmt: skip
    already = [by_key[key].label for key in sorted(chosen) if by_key[key].credited]
    if already:
        raise BillingError(f"{already[0]} is credited already on {invoice.number}.", field="groups",
                           code=BillingErrorCode.REFUSED)  # fmt: skip
    done = credited_line_ids(invoice)
    credited = [line for group in offered if group.key in chosen for line in group.lines if line.pk not in done]
    return _issue_credit_note(invoice, credited, reason=reason, by=by)


@transaction.atomic
def export_proof_record(*, invoice: Invoice, proof: str, by: Staff) -> Invoice:
    """Proof of export recorded on an issued invoice: a credit note of every tax the export takes off
    (added VAT and sales tax, and the VAT inside a margin-scheme premium). Refused when no tax is left
    to give back."""
    invoice = _locked_issued(invoice)
    proof = _text(proof, limit=PROOF_MAX, field="proof", label="proof of export (the export declaration's number)",
                  required=True)  # fmt: skip
    if invoice.export_proof:
        raise BillingError(f"{invoice.number} already records proof of export ({invoice.export_proof}).",
                           field="proof", code=BillingErrorCode.REFUSED)  # fmt: skip
    done = credited_line_ids(invoice)
    taxed = [
        line
        for line in invoice.lines.filter(kind=LineKind.TAX).order_by("position")
        if line.pk not in done and line.amount > 0
    ]
    if not taxed:
        raise BillingError(f"{invoice.number} bears no tax that export gives back.", field="proof",
                           code=BillingErrorCode.REFUSED)  # fmt: skip
    return _issue_credit_note(
        invoice, taxed, reason=f"Exported: {proof}. The taxes export zero-rates are credited.", by=by, as_added=True
    )


def _retaxed(invoice: Invoice, lines: list[InvoiceLine], ctx: tax.TaxContext) -> list[InvoiceLine]:
    """``lines`` with every tax line recomputed under ``ctx``, renumbered in order (new rows)."""
    kept = [line for line in lines if line.kind != LineKind.TAX]
    out: list[InvoiceLine] = []

    def add(line: InvoiceLine) -> None:
        line.pk = None
        line.position = len(out) + 1
        out.append(line)

    def add_taxes(taxes: list[tax.TaxLine], like: InvoiceLine) -> None:
        common = {"lot_id": like.lot_id, "lot_label": like.lot_label, "item_id": like.item_id,
                  "stock_numbers": like.stock_numbers}  # fmt: skip
        for made in _tax_lines(invoice, len(out) + 1, taxes, **common):
            add(made)

    try:
        for index, line in enumerate(kept):
            add(line)
            if line.kind in (LineKind.HAMMER, LineKind.PRICE):
                following = kept[index + 1] if index + 1 < len(kept) else None
                if following is not None and following.kind == LineKind.PREMIUM and following.lot_id == line.lot_id:
                    continue  # the taxes follow the premium
                add_taxes(tax.taxes_on_lot(hammer=invoice.money(line.amount), premium=Money.of(0, invoice.currency),
                                           treatment=line.tax_treatment, ctx=ctx), line)  # fmt: skip
            elif line.kind == LineKind.PREMIUM:
                base = next(
                    (
                        row
                        for row in kept[:index][::-1]
                        if row.kind in (LineKind.HAMMER, LineKind.PRICE) and row.lot_id == line.lot_id
                    ),
                    None,
                )
                hammer = invoice.money(base.amount if base is not None else Decimal(0))
                add_taxes(tax.taxes_on_lot(hammer=hammer, premium=invoice.money(line.amount),
                                           treatment=line.tax_treatment, ctx=ctx), line)  # fmt: skip
            else:
                description = "the platform fee" if line.kind == LineKind.PLATFORM_FEE else line.description
                add_taxes(tax.taxes_on_fee(amount=invoice.money(line.amount), description=description, ctx=ctx), line)
    except tax.TaxRuleError as refusal:
        raise _refused_tax(refusal) from None
    return out


@transaction.atomic
def draft_delivery(
    *, invoice: Invoice, delivery_region: str, export_proof: str, by: Staff, expected_version: int | None = None
) -> Invoice:
    """Change where a draft's lots go (``US-NJ``, ``GB``…) and its proof of export; every tax is
    recomputed by the saleroom's rules on the sale's day (or today for charges)."""
    del by
    invoice = _locked_draft(invoice, expected_version)
    region = (delivery_region or "").strip().upper()
    if len(region) > REGION_MAX or (region and not all(part.isalnum() for part in region.split("-"))):
        raise BillingError("Give the delivery region as a country or US state code: GB, US-NJ, US-NY-NYC.",
                           field="delivery_region", code=BillingErrorCode.INVALID)  # fmt: skip
    proof = _text(export_proof, limit=PROOF_MAX, field="export_proof", label="proof of export", required=False)
    day = office_today(invoice.office)
    if invoice.sale is not None:
        day = timezone.localdate(invoice.sale.starts_at, timezone=ZoneInfo(invoice.office.time_zone))
    ctx = tax_context(invoice.office, on=day, delivery_region=region, exported=bool(proof))
    lines = _retaxed(invoice, list(invoice.lines.order_by("position")), ctx)
    invoice.lines.all().delete()
    InvoiceLine.objects.bulk_create(lines)
    invoice.delivery_region, invoice.export_proof = region, proof
    totals(invoice, lines)
    invoice.version += 1
    invoice.save(update_fields=["delivery_region", "export_proof", "net_total", "tax_total", "included_tax",
                                "total", "version"])  # fmt: skip
    return invoice


@transaction.atomic
def draft_discard(*, invoice: Invoice, by: Staff, expected_version: int | None = None) -> str:
    """Throw a draft away (its lots may be invoiced again); an issued invoice is credited instead."""
    del by
    invoice = _locked_draft(invoice, expected_version)
    label = invoice.label
    invoice.lines.all().delete()
    invoice.delete()
    return label
