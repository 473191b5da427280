"""The inventory's refusals. Each carries a sentence a person can act on and a code from
:class:`InventoryErrorCode`, whose kind decides the HTTP status (see ``parure.core.errors``)."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class InventoryErrorCode(ErrorCode):
    """Every code the inventory (custody, intake, places, counts) answers with."""

    # The piece, receipt, place or count is in a state that forbids the action.
    REFUSED = "refused", RefusalKind.REFUSED
    CUSTODY_REFUSED = "custody_refused", RefusalKind.REFUSED
    WITNESS_REQUIRED = "witness_required", RefusalKind.REFUSED
    COUNT_REFUSED = "count_refused", RefusalKind.REFUSED
    ALREADY_SCANNED = "already", RefusalKind.REFUSED
    # Another app's guard (parure.inventory.guards): the catalogue's rule that a piece leaves the
    # intake desk for anywhere but the vault only with a condition report.
    NO_CONDITION_REPORT = "no_condition_report", RefusalKind.REFUSED
    # Someone else recorded custody of the piece since the person looked at it.
    CONFLICT = "conflict", RefusalKind.CONFLICT
    # The input cannot be right (a missing due date, an unknown place, a wrong check digit...).
    INVALID = "invalid", RefusalKind.INVALID
    BAD_STOCK_NUMBER = "bad_stock_number", RefusalKind.INVALID
    WITNESS_REFUSED = "witness_refused", RefusalKind.INVALID
    WITNESS_THROTTLED = "witness_throttled", RefusalKind.THROTTLED
    BAD_LINES = "bad_lines", RefusalKind.INVALID
    NOT_A_STOCK_NUMBER = "malformed", RefusalKind.INVALID
    # The person's role or office may not do this, whatever they send.
    NOT_PERMITTED = "not_permitted", RefusalKind.FORBIDDEN
    # The ledger key this server holds is not the one that signed the chain, or a rotation cannot start.
    LEDGER_KEY_MISMATCH = "ledger_key_mismatch", RefusalKind.REFUSED
    ROTATION_REFUSED = "rotation_refused", RefusalKind.REFUSED


class InventoryError(DomainError[InventoryErrorCode]):
    """Base of every inventory refusal."""


class CustodyError(InventoryError):
    """A custody action refused because of where the piece is or who is acting."""


class CustodyConflict(CustodyError):
    """Someone else recorded custody of the piece since the person looked at it."""


class InvalidInput(InventoryError):
    """Input that cannot be right (a missing due date, an unknown place...)."""


class StockNumberError(InvalidInput):
    """A stock number that is malformed or carries a wrong check digit."""


class WitnessRefused(InvalidInput):
    """The second member of staff could not witness (wrong password, same person, wrong role)."""
