"""The inventory's refusals. Each carries a sentence a person can act on (see DomainError)."""

from __future__ import annotations

from parure.core.errors import DomainError


class InventoryError(DomainError):
    """Base of every inventory refusal."""

    code = "refused"
    status = 409


class CustodyError(InventoryError):
    """A custody action refused because of where the piece is or who is acting."""

    code = "custody_refused"


class CustodyConflict(CustodyError):
    """Someone else recorded custody of the piece since the person looked at it."""

    code = "conflict"


class InvalidInput(InventoryError):
    """Input that cannot be right (a missing due date, an unknown place...)."""

    code = "invalid"
    status = 422


class StockNumberError(InvalidInput):
    """A stock number that is malformed or carries a wrong check digit."""

    code = "bad_stock_number"


class WitnessRefused(InvalidInput):
    """The second member of staff could not witness (wrong password, same person, wrong role)."""

    code = "witness_refused"
