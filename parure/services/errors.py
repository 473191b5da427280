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
    AFTERCARE_NOT_SOLD = "aftercare_not_sold", RefusalKind.REFUSED
    AFTERCARE_NOT_IN_CUSTODY = "aftercare_not_in_custody", RefusalKind.REFUSED
    AFTERCARE_NOT_ELIGIBLE = "aftercare_not_eligible", RefusalKind.REFUSED
    AFTERCARE_WARNING = "aftercare_warning_unacknowledged", RefusalKind.INVALID
    AFTERCARE_ENGRAVING_TOO_LONG = "aftercare_engraving_too_long", RefusalKind.INVALID
    AFTERCARE_PROOF_NEEDED = "aftercare_proof_needed", RefusalKind.REFUSED
    AFTERCARE_WRONG_STEP = "aftercare_wrong_step", RefusalKind.CONFLICT
    AFTERCARE_UNPAID = "aftercare_unpaid", RefusalKind.REFUSED
    # --- gem-lab submissions ---
    LAB_PIECE_UNAVAILABLE = "lab_piece_unavailable", RefusalKind.REFUSED
    LAB_PIECE_IN_SUBMISSION = "lab_piece_in_submission", RefusalKind.REFUSED
    LAB_WRONG_STATUS = "lab_wrong_status", RefusalKind.REFUSED
    LAB_EMPTY_BATCH = "lab_empty_batch", RefusalKind.REFUSED
    LAB_NOT_RETURNED = "lab_not_returned", RefusalKind.REFUSED
    LAB_INVALID_NUMBER = "lab_invalid_number", RefusalKind.INVALID
    # --- design projects ---
    PROJECT_CLOSED = "project_closed", RefusalKind.REFUSED
    MILESTONE_OUT_OF_ORDER = "milestone_out_of_order", RefusalKind.REFUSED
    SIGN_OFF_REQUIRED = "sign_off_required", RefusalKind.INVALID
    QUOTE_EXPIRED = "quote_expired", RefusalKind.REFUSED
    QUOTE_REQUIRED = "quote_required", RefusalKind.REFUSED
    SCHEDULE_MISMATCH = "schedule_mismatch", RefusalKind.REFUSED
    STAGE_UNPAID = "stage_unpaid", RefusalKind.REFUSED
    PIECE_UNAVAILABLE = "piece_unavailable", RefusalKind.REFUSED


class ServicesError(DomainError[ServicesErrorCode]):
    """A refusal from the services app."""
