"""The vocabularies of consignor settlements, payment runs and private sales."""

from __future__ import annotations

from django.db import models


class SettlementStatus(models.TextChoices):
    """Stored: a draft's figures may be made again; an approved settlement never changes (the database refuses)."""

    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class SettlementStanding(models.TextChoices):
    """Where a settlement stands today, derived from its holds and payment runs (never stored)."""

    DRAFT = "draft", "Draft"
    HELD = "held", "Held"
    DUE = "due", "Due"
    IN_RUN = "in_run", "In a payment run"
    PAID = "paid", "Paid"


class SettlementLineKind(models.TextChoices):
    HAMMER = "hammer", "Hammer"
    PRICE = "price", "Agreed price"
    COMMISSION = "commission", "Seller's commission"
    INSURANCE = "insurance", "Insurance"
    PHOTOGRAPHY = "photography", "Photography"
    PERFORMANCE = "performance", "Performance fee"
    UNSOLD = "unsold", "Unsold fee"
    WITHDRAWAL = "withdrawal", "Withdrawal fee"
    TAX = "tax", "VAT on fees"
    ADVANCE = "advance", "Advance"


#: The charges a consignor pays on a lot (each may bear its tax).
FEE_LINE_KINDS = (
    SettlementLineKind.INSURANCE,
    SettlementLineKind.PHOTOGRAPHY,
    SettlementLineKind.PERFORMANCE,
    SettlementLineKind.UNSOLD,
    SettlementLineKind.WITHDRAWAL,
)


class PaymentRunStatus(models.TextChoices):
    PREPARED = "prepared", "Prepared"
    SENT = "sent", "Sent to the bank"


class HoldKind(models.TextChoices):
    """Why a settlement may not be paid yet; each maps to the refusal's code."""

    NOT_APPROVED = "not_approved", "Not approved"
    NOT_PAID = "not_paid", "Buyer not paid"
    NOT_DUE = "not_due", "Not due yet"
    KYC = "kyc", "KYC"
    TAX_FORM = "tax_form", "Tax form"
    PAYOUT = "payout", "Payout account"
    NOTHING = "nothing", "Nothing to pay"
