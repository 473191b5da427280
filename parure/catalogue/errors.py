"""The catalogue's refusals: a sentence a person can act on and a code from
:class:`CatalogueErrorCode`, whose kind decides the HTTP status (see ``parure.core.errors``)."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class CatalogueErrorCode(ErrorCode):
    """Every code the catalogue answers with. The values are published in the API; keep them."""

    # The input cannot be right, whatever the catalogue holds (422).
    INVALID = "invalid", RefusalKind.INVALID
    REQUIRED = "required", RefusalKind.INVALID
    INVALID_GRADE = "invalid_grade", RefusalKind.INVALID
    INVALID_MEASUREMENT = "invalid_measurement", RefusalKind.INVALID
    INVALID_MARK = "invalid_mark", RefusalKind.INVALID
    INVALID_DATE = "invalid_date", RefusalKind.INVALID
    INVALID_RING_SIZE = "invalid_ring_size", RefusalKind.INVALID
    INVALID_FILE = "invalid_file", RefusalKind.INVALID
    NOT_AN_IMAGE = "not_an_image", RefusalKind.INVALID
    NOT_A_PDF = "not_a_pdf", RefusalKind.INVALID
    FILE_TOO_LARGE = "file_too_large", RefusalKind.INVALID
    REASON_REQUIRED = "reason_required", RefusalKind.INVALID
    TOO_LONG = "too_long", RefusalKind.INVALID
    # Named records the person may not see, or that do not exist (404).
    UNKNOWN_PIECE = "unknown_piece", RefusalKind.NOT_FOUND
    UNKNOWN_RECORD = "unknown_record", RefusalKind.NOT_FOUND
    UNKNOWN_CERTIFICATE = "unknown_certificate", RefusalKind.NOT_FOUND
    # Someone else changed the record since it was read (409).
    STALE = "stale", RefusalKind.CONFLICT
    # Well-formed, but the present state forbids it (409).
    DUPLICATE_CERTIFICATE = "duplicate_certificate", RefusalKind.REFUSED
    CERTIFICATE_DETACHED = "certificate_detached", RefusalKind.REFUSED
    LABORATORY_INACTIVE = "laboratory_inactive", RefusalKind.REFUSED
    DUPLICATE_LABORATORY = "duplicate_laboratory", RefusalKind.REFUSED
    COPY_LOCKED = "copy_locked", RefusalKind.REFUSED
    COPY_NOT_SUBMITTED = "copy_not_submitted", RefusalKind.REFUSED
    COPY_NOT_DRAFT = "copy_not_draft", RefusalKind.REFUSED
    COPY_NOT_APPROVED = "copy_not_approved", RefusalKind.REFUSED
    NO_COPY = "no_copy", RefusalKind.NOT_FOUND
    OWN_COPY = "own_copy", RefusalKind.REFUSED
    FLAGS_OPEN = "flags_open", RefusalKind.REFUSED
    NO_CONDITION_REPORT = "no_condition_report", RefusalKind.REFUSED
    RECORD_EXISTS = "record_exists", RefusalKind.REFUSED
    FLAG_NOT_RAISED = "flag_not_raised", RefusalKind.REFUSED
    # Photography: a piece listed twice, a step the board does not allow, custody not as expected.
    ALREADY_LISTED = "already_listed", RefusalKind.REFUSED
    PHOTO_STEP = "photo_step", RefusalKind.REFUSED
    SHOT_LIST_CLOSED = "shot_list_closed", RefusalKind.REFUSED
    NO_STUDIO = "no_studio", RefusalKind.REFUSED
    UNKNOWN_IMAGE = "unknown_image", RefusalKind.NOT_FOUND
    UNKNOWN_SHOT_LIST = "unknown_shot_list", RefusalKind.NOT_FOUND
    # The role may not do this (403).
    NOT_ALLOWED = "not_allowed", RefusalKind.FORBIDDEN


class CatalogueError(DomainError[CatalogueErrorCode]):
    """A catalogue action refused, with a message a specialist can act on."""
