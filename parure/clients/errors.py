"""The client book's refusals: a sentence a person can act on and a code from
:class:`ClientErrorCode`, whose kind decides the HTTP status (see ``parure.core.errors``)."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class ClientErrorCode(ErrorCode):
    """Every code the client book answers with. The values are published in the API; keep them."""

    # The input cannot be right, whatever the book holds (422).
    INVALID = "invalid", RefusalKind.INVALID
    REQUIRED = "required", RefusalKind.INVALID
    INVALID_FILE = "invalid_file", RefusalKind.INVALID
    INVALID_ADDRESS = "invalid_address", RefusalKind.INVALID
    INVALID_CHOICE = "invalid_choice", RefusalKind.INVALID
    INVALID_COUNTRY = "invalid_country", RefusalKind.INVALID
    INVALID_DATE = "invalid_date", RefusalKind.INVALID
    INVALID_EMAIL = "invalid_email", RefusalKind.INVALID
    INVALID_LANGUAGE = "invalid_language", RefusalKind.INVALID
    INVALID_PHONE = "invalid_phone", RefusalKind.INVALID
    INVALID_RING_SIZE = "invalid_ring_size", RefusalKind.INVALID
    INVALID_STOCK_NUMBER = "invalid_stock_number", RefusalKind.INVALID
    INVALID_CLIENT_NUMBER = "invalid_client_number", RefusalKind.INVALID
    NAME_REQUIRED = "name_required", RefusalKind.INVALID
    TITLE_REQUIRED = "title_required", RefusalKind.INVALID
    CURRENCY_REQUIRED = "currency_required", RefusalKind.INVALID
    CONSENT_SOURCE = "consent_source", RefusalKind.INVALID
    KYC_INCOMPLETE = "kyc_incomplete", RefusalKind.INVALID
    KYC_DOCUMENT_EXPIRED = "kyc_document_expired", RefusalKind.INVALID
    NOT_A_SPECIALIST = "not_a_specialist", RefusalKind.INVALID
    BAD_OWNER = "bad_owner", RefusalKind.INVALID
    NO_SPECIALIST = "no_specialist", RefusalKind.INVALID
    SELF_RELATIONSHIP = "self_relationship", RefusalKind.INVALID
    SAME_FILE = "same_file", RefusalKind.INVALID
    DUPLICATE_PIECE = "duplicate_piece", RefusalKind.INVALID
    EMPTY_INTERACTION = "empty_interaction", RefusalKind.INVALID
    WANT_EMPTY = "want_empty", RefusalKind.INVALID
    PRICE_RANGE_REVERSED = "price_range_reversed", RefusalKind.INVALID
    ENDS_BEFORE_START = "ends_before_start", RefusalKind.INVALID
    TOO_LONG = "too_long", RefusalKind.INVALID
    NO_STAFF = "no_staff", RefusalKind.INVALID
    NO_PLACE = "no_place", RefusalKind.INVALID
    TWO_PLACES = "two_places", RefusalKind.INVALID
    WRONG_ROOM = "wrong_room", RefusalKind.INVALID
    NOT_SHOWN = "not_shown", RefusalKind.INVALID
    IMPORT_HAS_ERRORS = "import_has_errors", RefusalKind.INVALID
    # Named records the person may not see, or that do not exist (404).
    UNKNOWN_CLIENT = "unknown_client", RefusalKind.NOT_FOUND
    # The input is well-formed but the present state of the book forbids it (409).
    CLIENT_ERASED = "client_erased", RefusalKind.REFUSED
    CLIENT_MERGED = "client_merged", RefusalKind.REFUSED
    DUPLICATE_RELATIONSHIP = "duplicate_relationship", RefusalKind.REFUSED
    POSSIBLE_DUPLICATES = "possible_duplicates", RefusalKind.REFUSED
    NOT_AN_ORGANISATION = "not_an_organisation", RefusalKind.REFUSED
    KYC_OWNERS_MISSING = "kyc_owners_missing", RefusalKind.REFUSED
    OWNERSHIP_EXCEEDED = "ownership_exceeded", RefusalKind.REFUSED
    NO_EMAIL = "no_email", RefusalKind.REFUSED
    NO_CONSENT = "no_consent", RefusalKind.REFUSED
    ALREADY_DONE = "already_done", RefusalKind.REFUSED
    ALREADY_LINKED = "already_linked", RefusalKind.REFUSED
    INQUIRY_CLOSED = "inquiry_closed", RefusalKind.REFUSED
    IMPORT_CLOSED = "import_closed", RefusalKind.REFUSED
    ROOM_EXISTS = "room_exists", RefusalKind.REFUSED
    NOT_BOOKED = "not_booked", RefusalKind.REFUSED
    NOT_YET = "not_yet", RefusalKind.REFUSED
    STAFF_BUSY = "staff_busy", RefusalKind.REFUSED
    ROOM_BUSY = "room_busy", RefusalKind.REFUSED
    # Checking pieces out for an appointment: the custody ledger refused, or the viewing cannot have them.
    CUSTODY_REFUSED = "custody_refused", RefusalKind.REFUSED
    OFF_SITE = "off_site", RefusalKind.REFUSED
    ENDED = "ended", RefusalKind.REFUSED
    NO_PIECES = "no_pieces", RefusalKind.REFUSED


class ClientError(DomainError[ClientErrorCode]):
    """A refused change to the client book, with a sentence a person can act on."""


class BookingError(ClientError):
    """An appointment that cannot be booked as asked (overlap, reserved piece, bad time)."""
