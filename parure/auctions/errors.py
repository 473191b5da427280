"""The auctions' refusals: a sentence a person can act on and a code from :class:`AuctionErrorCode`,
whose kind decides the HTTP status (see ``parure.core.errors``)."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class AuctionErrorCode(ErrorCode):
    """Every code the auctions answer with. The values are published in the API; keep them."""

    # The input cannot be right, whatever the sale holds (422).
    INVALID = "invalid", RefusalKind.INVALID
    REQUIRED = "required", RefusalKind.INVALID
    TOO_LONG = "too_long", RefusalKind.INVALID
    INVALID_AMOUNT = "invalid_amount", RefusalKind.INVALID
    INVALID_LOT_NUMBER = "invalid_lot_number", RefusalKind.INVALID
    INVALID_PADDLE = "invalid_paddle", RefusalKind.INVALID
    INVALID_TABLE = "invalid_table", RefusalKind.INVALID
    INVALID_CURRENCY = "invalid_currency", RefusalKind.INVALID
    RESERVE_ABOVE_LOW = "reserve_above_low", RefusalKind.INVALID
    UNLIMITED_BID = "unlimited_bid", RefusalKind.INVALID
    REASON_REQUIRED = "reason_required", RefusalKind.INVALID
    INVALID_FILE = "invalid_file", RefusalKind.INVALID
    # Named records the person may not see, or that do not exist (404).
    UNKNOWN_SALE = "unknown_sale", RefusalKind.NOT_FOUND
    UNKNOWN_LOT = "unknown_lot", RefusalKind.NOT_FOUND
    UNKNOWN_PADDLE = "unknown_paddle", RefusalKind.NOT_FOUND
    UNKNOWN_PIECE = "unknown_piece", RefusalKind.NOT_FOUND
    UNKNOWN_CLIENT = "unknown_client", RefusalKind.NOT_FOUND
    UNKNOWN_BID = "unknown_bid", RefusalKind.NOT_FOUND
    UNKNOWN_TABLE = "unknown_table", RefusalKind.NOT_FOUND
    # Someone else changed the record since it was read (409).
    STALE = "stale", RefusalKind.CONFLICT
    # Well-formed, but the present state forbids it (409).
    SALE_CLOSED = "sale_closed", RefusalKind.REFUSED
    SALE_NOT_LIVE = "sale_not_live", RefusalKind.REFUSED
    SALE_STATUS = "sale_status", RefusalKind.REFUSED
    DUPLICATE_SALE = "duplicate_sale", RefusalKind.REFUSED
    DUPLICATE_LOT = "duplicate_lot", RefusalKind.REFUSED
    PIECE_IN_SALE = "piece_in_sale", RefusalKind.REFUSED
    PIECE_NOT_AVAILABLE = "piece_not_available", RefusalKind.REFUSED
    LOT_WITHDRAWN = "lot_withdrawn", RefusalKind.REFUSED
    LOT_CLOSED = "lot_closed", RefusalKind.REFUSED
    LOT_NOT_OPEN = "lot_not_open", RefusalKind.REFUSED
    ALREADY_REGISTERED = "already_registered", RefusalKind.REFUSED
    PADDLE_NOT_APPROVED = "paddle_not_approved", RefusalKind.REFUSED
    KYC_REQUIRED = "kyc_required", RefusalKind.REFUSED
    BID_REFUSED = "bid_refused", RefusalKind.REFUSED
    BELOW_ABSENTEE = "below_absentee", RefusalKind.REFUSED
    LINE_CLASH = "line_clash", RefusalKind.REFUSED
    FINDINGS_OPEN = "findings_open", RefusalKind.REFUSED
    ALREADY_RESOLVED = "already_resolved", RefusalKind.REFUSED
    ROUTE_REFUSED = "route_refused", RefusalKind.REFUSED
    IMPORT_REFUSED = "import_refused", RefusalKind.INVALID


class AuctionError(DomainError[AuctionErrorCode]):
    """A refused sale, lot, registration, bid or clerking step."""
