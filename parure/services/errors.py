"""The services' refusals: a sentence a person can act on and a code from :class:`ServicesErrorCode`, whose
kind decides the HTTP status (see ``parure.core.errors``). Each area adds the codes it needs here, in its
own block."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class ServicesErrorCode(ErrorCode):
    """Every code the services answer with. The values are published in the API; keep them."""

    INVALID = "invalid", RefusalKind.INVALID
    REQUIRED = "required", RefusalKind.INVALID
    TOO_LONG = "too_long", RefusalKind.INVALID
    INVALID_AMOUNT = "invalid_amount", RefusalKind.INVALID
    INVALID_DATE = "invalid_date", RefusalKind.INVALID
    INVALID_FILE = "invalid_file", RefusalKind.INVALID
    UNKNOWN_RECORD = "unknown_record", RefusalKind.NOT_FOUND
    UNKNOWN_PIECE = "unknown_piece", RefusalKind.NOT_FOUND
    UNKNOWN_CLIENT = "unknown_client", RefusalKind.NOT_FOUND
    STALE = "stale", RefusalKind.CONFLICT
    REFUSED = "refused", RefusalKind.REFUSED
    # --- repairs ---
    REPAIR_STAGE_ORDER = "repair_stage_order", RefusalKind.REFUSED
    REPAIR_NOT_APPROVED = "repair_not_approved", RefusalKind.REFUSED
    REPAIR_NOT_PAID = "repair_not_paid", RefusalKind.REFUSED
    REPAIR_NO_SIGNATURE = "repair_no_signature", RefusalKind.INVALID
    REPAIR_VENDOR_INSURANCE = "repair_vendor_insurance", RefusalKind.REFUSED
    REPAIR_CHARGES_ISSUED = "repair_charges_issued", RefusalKind.REFUSED
    # --- post-sale services ---
    # --- gem-lab submissions ---
    # --- design projects ---


class ServicesError(DomainError[ServicesErrorCode]):
    """A refusal from the services app."""
