"""The invoice and credit note as printed (WeasyPrint, on the house letterhead): in the office's
currency and language, with the lots and their charges, the taxes, the totals, what was paid, the due
date and the payment instructions, and the World Diamond Council's System of Warranties statement
whenever a line contains diamonds. Also the collection receipt the buyer signs at the release desk.

What is printed comes from the invoice as issued (its buyer as printed, its lines, its totals), never
from the client book or the schedules as they are today, so a reprint reads the same forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from parure.billing.choices import InvoiceKind, LineKind
from parure.billing.models import Invoice, InvoiceLine
from parure.billing.queries import balance_of, line_groups
from parure.billing.services.invoices import settings_of
from parure.inventory.pdf import render

#: The World Diamond Council's System of Warranties statement (the wording of the revised guidelines),
#: printed on every invoice with a line that contains diamonds.
WDC_STATEMENT = (
    "The diamonds herein invoiced have been purchased from legitimate sources not involved in funding "
    "conflict, in compliance with United Nations Resolutions and corresponding national laws. The seller "
    "hereby guarantees that these diamonds are conflict free and confirms adherence to the WDC SoW Guidelines."
)

#: The invoice's words in each language an office prints in (``Office.locale``'s language).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "invoice": "Invoice",
        "credit_note": "Credit note",
        "draft": "Draft — not an invoice",
        "number": "Number",
        "date": "Date",
        "due": "Due by",
        "buyer": "Buyer",
        "client": "Client number",
        "sale": "Sale",
        "credits": "Credits invoice",
        "reason": "Reason",
        "lot": "Lot",
        "description": "Description",
        "amount": "Amount",
        "net": "Net",
        "tax": "Tax",
        "total": "Total",
        "paid": "Paid",
        "credited": "Credited",
        "balance": "Balance due",
        "instructions": "How to pay",
        "quote": "Please quote the invoice number with your payment.",
        "included": "Includes VAT on the premium under the margin scheme; not shown separately.",
        "export": "Proof of export",
        "delivery": "Delivery",
        "warranty": "System of Warranties",
        "page": "Page",
    },
    "fr": {
        "invoice": "Facture",
        "credit_note": "Note de crédit",
        "draft": "Projet — ce n'est pas une facture",
        "number": "Numéro",
        "date": "Date",
        "due": "Échéance",
        "buyer": "Acheteur",
        "client": "Numéro de client",
        "sale": "Vente",
        "credits": "Crédite la facture",
        "reason": "Motif",
        "lot": "Lot",
        "description": "Désignation",
        "amount": "Montant",
        "net": "Net",
        "tax": "Taxes",
        "total": "Total",
        "paid": "Payé",
        "credited": "Crédité",
        "balance": "Solde dû",
        "instructions": "Modalités de paiement",
        "quote": "Merci d'indiquer le numéro de facture avec votre paiement.",
        "included": "La TVA sur la commission est comprise (régime de la marge) et n'est pas indiquée séparément.",
        "export": "Preuve d'exportation",
        "delivery": "Livraison",
        "warranty": "Système de garanties",
        "page": "Page",
    },
}


def words_for(locale: str) -> dict[str, str]:
    return WORDS.get((locale or "en").split("_")[0].lower(), WORDS["en"])


@dataclass(frozen=True)
class PrintedLine:
    lot: str
    description: str
    stock_numbers: str
    amount: str
    is_tax: bool
    diamonds: bool


def _printed(invoice: Invoice, line: InvoiceLine) -> PrintedLine:
    return PrintedLine(
        lot=line.lot_label if line.kind in (LineKind.HAMMER, LineKind.PRICE) else "",
        description=line.description,
        stock_numbers=line.stock_numbers if line.kind in (LineKind.HAMMER, LineKind.PRICE) else "",
        amount=invoice.money(line.amount).format(invoice.locale),
        is_tax=line.kind == LineKind.TAX,
        diamonds=line.contains_diamonds,
    )


def invoice_context(invoice: Invoice) -> dict[str, Any]:
    """What the invoice PDF prints (also what its tests read back)."""
    lines = list(invoice.lines.order_by("position"))
    shown = [line for line in lines if not line.included]
    balance = balance_of(invoice)
    rules = settings_of(invoice.office)
    fmt = invoice.locale

    def money(amount: Any) -> str:
        return invoice.money(amount).format(fmt)

    issued_on: date | None = invoice.dated_on
    return {
        "invoice": invoice,
        "office": invoice.office,
        "words": words_for(invoice.locale),
        "is_credit_note": invoice.kind == InvoiceKind.CREDIT_NOTE,
        "groups": [
            [_printed(invoice, line) for line in group.lines if not line.included]
            for group in line_groups(invoice, shown)
        ],
        "net": money(invoice.net_total),
        "tax": money(invoice.tax_total),
        "total": money(invoice.total),
        "paid": money(balance.paid.amount),
        "credited": money(balance.credited.amount),
        "has_credited": balance.credited.amount != 0,
        "due": money(balance.due.amount),
        "included_tax": invoice.included_tax != 0,
        "diamonds": any(line.contains_diamonds for line in lines),
        "warranty": WDC_STATEMENT,
        "instructions": rules.payment_instructions,
        "issued_on": issued_on,
    }


def invoice_pdf(invoice: Invoice) -> bytes:
    return render("billing/pdf/invoice.html", invoice_context(invoice))


def collection_receipt_pdf(context: dict[str, Any]) -> bytes:
    """What the buyer (or their agent) signs when a piece is handed over at the release desk."""
    return render("billing/pdf/collection_receipt.html", context)
