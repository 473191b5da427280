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
    # --- design projects ---


class ServicesError(DomainError[ServicesErrorCode]):
    """A refusal from the services app."""
