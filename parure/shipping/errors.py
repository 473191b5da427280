"""Shipping's refusals: a sentence a person can act on and a code from :class:`ShippingErrorCode`, whose
kind decides the HTTP status (see ``parure.core.errors``). Each area adds the codes it needs in its own
block."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class ShippingErrorCode(ErrorCode):
    """Every code shipping answers with. The values are published in the API; keep them."""

    INVALID = "invalid", RefusalKind.INVALID
    REQUIRED = "required", RefusalKind.INVALID
    TOO_LONG = "too_long", RefusalKind.INVALID
    INVALID_AMOUNT = "invalid_amount", RefusalKind.INVALID
    INVALID_DATE = "invalid_date", RefusalKind.INVALID
    INVALID_FILE = "invalid_file", RefusalKind.INVALID
    UNKNOWN_RECORD = "unknown_record", RefusalKind.NOT_FOUND
    UNKNOWN_PIECE = "unknown_piece", RefusalKind.NOT_FOUND
    STALE = "stale", RefusalKind.CONFLICT
    REFUSED = "refused", RefusalKind.REFUSED
    # --- carriers and insurance ---
    CARRIER_LIMIT = "carrier_limit", RefusalKind.REFUSED
    CARRIER_REFUSES = "carrier_refuses", RefusalKind.REFUSED
    POLICY_LIMIT = "policy_limit", RefusalKind.REFUSED
    # --- compliance ---
    COMPLIANCE_BLOCKED = "compliance_blocked", RefusalKind.REFUSED
    PERMIT_REQUIRED = "permit_required", RefusalKind.INVALID
    # --- documents ---
    LABEL_WORDS = "label_words", RefusalKind.INVALID
    CUSTOMS_TOTAL = "customs_total", RefusalKind.INVALID
    INVOICE_KIND = "invoice_kind", RefusalKind.INVALID
    CARNET_REQUIRED = "carnet_required", RefusalKind.INVALID
    # --- shipments ---
    NOT_RELEASABLE = "not_releasable", RefusalKind.REFUSED
    WRONG_STEP = "wrong_step", RefusalKind.CONFLICT
    FOUR_EYES = "four_eyes", RefusalKind.REFUSED
    VALUE_MISMATCH = "value_mismatch", RefusalKind.INVALID


class ShippingError(DomainError[ShippingErrorCode]):
    pass
