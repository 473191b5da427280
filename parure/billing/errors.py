"""Billing's refusals: a sentence a person can act on and a code from :class:`BillingErrorCode`, whose kind
decides the HTTP status (see ``parure.core.errors``)."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class BillingErrorCode(ErrorCode):
    """Every code billing answers with. The values are published in the API; keep them."""

    INVALID = "invalid", RefusalKind.INVALID
    REQUIRED = "required", RefusalKind.INVALID
    TOO_LONG = "too_long", RefusalKind.INVALID
    INVALID_AMOUNT = "invalid_amount", RefusalKind.INVALID
    INVALID_CURRENCY = "invalid_currency", RefusalKind.INVALID
    INVALID_NUMBER = "invalid_number", RefusalKind.INVALID
    INVALID_FILE = "invalid_file", RefusalKind.INVALID
    REASON_REQUIRED = "reason_required", RefusalKind.INVALID
    UNKNOWN_INVOICE = "unknown_invoice", RefusalKind.NOT_FOUND
    UNKNOWN_PAYMENT = "unknown_payment", RefusalKind.NOT_FOUND
    UNKNOWN_SETTLEMENT = "unknown_settlement", RefusalKind.NOT_FOUND
    UNKNOWN_CLIENT = "unknown_client", RefusalKind.NOT_FOUND
    UNKNOWN_PIECE = "unknown_piece", RefusalKind.NOT_FOUND
    UNKNOWN_RECORD = "unknown_record", RefusalKind.NOT_FOUND
    STALE = "stale", RefusalKind.CONFLICT
    INVOICE_ISSUED = "invoice_issued", RefusalKind.REFUSED
    INVOICE_CANCELLED = "invoice_cancelled", RefusalKind.REFUSED
    NOTHING_TO_INVOICE = "nothing_to_invoice", RefusalKind.REFUSED
    ALREADY_INVOICED = "already_invoiced", RefusalKind.REFUSED
    NO_SETTINGS = "no_settings", RefusalKind.REFUSED
    NO_RATE = "no_rate", RefusalKind.REFUSED
    OVERPAID = "overpaid", RefusalKind.REFUSED
    REFUND_TOO_LARGE = "refund_too_large", RefusalKind.REFUSED
    THIRD_PARTY = "third_party", RefusalKind.REFUSED
    CASH_LIMIT = "cash_limit", RefusalKind.REFUSED
    NOT_PAID = "not_paid", RefusalKind.REFUSED
    HELD = "held", RefusalKind.REFUSED
    NOT_DUE = "not_due", RefusalKind.REFUSED
    SENIOR_ONLY = "senior_only", RefusalKind.REFUSED
    FOUR_EYES = "four_eyes", RefusalKind.REFUSED
    REFUSED = "refused", RefusalKind.REFUSED
    ALREADY_IMPORTED = "already_imported", RefusalKind.REFUSED
    ALREADY_DECIDED = "already_decided", RefusalKind.CONFLICT
    ALREADY_CLOSED = "already_closed", RefusalKind.CONFLICT
    NO_ACCOUNT = "no_account", RefusalKind.REFUSED


class BillingError(DomainError[BillingErrorCode]):
    """A refused billing action, with the sentence to show and the field it concerns."""
