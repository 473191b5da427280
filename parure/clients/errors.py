"""The client book's refusals."""

from parure.core.errors import DomainError


class ClientError(DomainError):
    """A refused change to the client book, with a sentence a person can act on."""

    code = "client_refused"
    status = 400


class BookingError(ClientError):
    """An appointment that cannot be booked as asked (overlap, reserved piece, bad time)."""

    code = "booking_refused"
    status = 409
