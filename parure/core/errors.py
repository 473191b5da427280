"""The base of every app's domain error: a refusal with a code and a sentence a person can act on."""

from __future__ import annotations


class DomainError(Exception):
    """A refused action. Subclasses (``CustodyError``, ``BiddingError``...) set ``code``.

    ``field`` names the input the refusal concerns, when there is one, so a form can show the
    sentence beside it and the API can put it under ``fields``.
    """

    code = "refused"
    status = 409

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code
