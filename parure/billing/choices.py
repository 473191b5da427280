"""Billing's fixed vocabularies: jurisdictions, invoice kinds and lines, tax treatments, payment methods."""

from __future__ import annotations

from django.db import models

from parure.auctions.choices import LotTaxStatus


class Jurisdiction(models.TextChoices):
    """Whose tax and anti-money-laundering rules a saleroom follows."""

    UK = "uk", "United Kingdom"
    EU = "eu", "European Union"
    US = "us", "United States"
    CH = "ch", "Switzerland"
    HK = "hk", "Hong Kong"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"


class InvoiceSource(models.TextChoices):
    """What an invoice bills: a sale's results, a private sale, or charges on their own (interest, services)."""

    AUCTION = "auction", "Auction"
    PRIVATE_SALE = "private_sale", "Private sale"
    CHARGES = "charges", "Charges"


class InvoiceStatus(models.TextChoices):
    """Stored: a draft may change; an issued invoice never does (the database refuses)."""

    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"


class Standing(models.TextChoices):
    """Where an issued invoice stands, derived from its payments and credit notes (never stored)."""

    DRAFT = "draft", "Draft"
    UNPAID = "unpaid", "Unpaid"
    PART_PAID = "part_paid", "Part-paid"
    PAID = "paid", "Paid in full"
    OVERDUE = "overdue", "Overdue"
    CANCELLED = "cancelled", "Cancelled by credit note"


class LineKind(models.TextChoices):
    HAMMER = "hammer", "Hammer"
    PRICE = "price", "Agreed price"
    PREMIUM = "premium", "Buyer's premium"
    TAX = "tax", "Tax"
    CARD_SURCHARGE = "card_surcharge", "Card surcharge"
    SHIPPING = "shipping", "Shipping"
    CERTIFICATE = "certificate", "Certificate"
    PLATFORM_FEE = "platform_fee", "Online platform fee"
    SERVICE = "service", "Post-sale service"
    INTEREST = "interest", "Late-payment interest"


#: Lines a person adds to a draft (the others come from the results and the tax rules).
FEE_KINDS = (
    LineKind.CARD_SURCHARGE,
    LineKind.SHIPPING,
    LineKind.CERTIFICATE,
    LineKind.PLATFORM_FEE,
    LineKind.SERVICE,
)


#: How a lot is taxed, as the catalogue marks it: the auctions own the lot's mark, billing reads it.
TaxTreatment = LotTaxStatus


class TaxKind(models.TextChoices):
    """The rates a saleroom keeps (TaxRate rows), read by the tax rules."""

    VAT_STANDARD = "vat_standard", "VAT, standard rate"
    VAT_REDUCED = "vat_reduced", "VAT, reduced rate (import)"
    SALES_TAX = "sales_tax", "Sales tax"


class PaymentMethod(models.TextChoices):
    WIRE = "wire", "Wire transfer"
    CARD = "card", "Card"
    CHEQUE = "cheque", "Cheque"
    CASH = "cash", "Cash"
    PLATFORM = "platform", "Online platform payout"
    CREDIT = "credit", "Client credit"


class CashRule(models.TextChoices):
    """What happens to cash over a jurisdiction's threshold."""

    REFUSE = "refuse", "Refuse the payment"
    REPORT = "report", "Accept and flag it for the report"


class CashReportStatus(models.TextChoices):
    TO_FILE = "to_file", "To file"
    FILED = "filed", "Filed"


# --- Reconciliation and the books -------------------------------------------------------------------
class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", "CAMT.053 (ISO 20022 XML)"
    CSV = "csv", "CSV"


class Direction(models.TextChoices):
    """A statement line's side, as the bank books it: money in or out of the house's account."""

    CREDIT = "credit", "Credit (money in)"
    DEBIT = "debit", "Debit (money out)"


class LineDecisionKind(models.TextChoices):
    MATCHED = "matched", "Matched"
    IGNORED = "ignored", "Ignored"


class LineState(models.TextChoices):
    """Where a statement line stands (derived from its decision and the matcher's suggestions)."""

    UNMATCHED = "unmatched", "Unmatched"
    SUGGESTED = "suggested", "Suggested"
    MATCHED = "matched", "Matched"
    IGNORED = "ignored", "Ignored"


class MatchStrength(models.TextChoices):
    STRONG = "strong", "Strong"
    NUMBER = "number", "Number only"
    WEAK = "weak", "Weak"


class CashCloseStatus(models.TextChoices):
    CLOSED = "closed", "Closed, waiting for the check"
    CHECKED = "checked", "Checked"


class AccountKeyKind(models.TextChoices):
    """What a ledger account in the mapping is for."""

    LINE = "line", "Invoice line"
    TAX = "tax", "Tax"
    METHOD = "method", "Payment method"
    CONTROL = "control", "Receivable"


class PostingTax(models.TextChoices):
    """The tax kinds the accounting export posts (from a tax line's rule)."""

    VAT = "vat", "VAT"
    IMPORT_VAT = "import_vat", "Import VAT"
    SALES_TAX = "sales_tax", "Sales tax"


RECEIVABLE = "receivable"
