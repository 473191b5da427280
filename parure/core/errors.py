"""The one error shape: every app's refusals are a :class:`DomainError` carrying a code from the
app's own :class:`ErrorCode` enum, and each code carries its :class:`RefusalKind`.

The kind alone decides the HTTP status (:func:`status_for`), for the API's error body and for a
page that shows a refusal, so the same kind of refusal answers the same status in every app:

==============  ======  =================================================================
kind            status  when
==============  ======  =================================================================
``INVALID``     422     what was sent cannot be right whatever the records say: a missing
                        or malformed value, a wrong check digit, a date in the past
``NOT_FOUND``   404     what was sent names no record the person may see
``CONFLICT``    409     someone changed the record since the person looked at it (a stale
                        ``expected_seq``, a concurrent change); reload and try again
``REFUSED``     409     what was sent is well-formed, but the present state of the records
                        forbids it (the piece is checked out, the file was merged, the slot
                        is booked); the same request may succeed once the state changes
``FORBIDDEN``   403     this person may not do this to this record, whatever they send
``THROTTLED``   429     too many attempts in a short time (wrong witness passwords, resets)
``MALFORMED``   400     the request cannot be read at all (a body that is not JSON)
``TOO_LARGE``   413     the request or the upload is larger than the limit
``MEDIA_TYPE``  415     the body is not in the media type the operation reads
==============  ======  =================================================================

The rule between 409 and 422: a refusal that depends on the state of stored records is 409
(``REFUSED``, ``CONFLICT``); a refusal that depends only on the input is 422 (``INVALID``).

An app declares its codes once, in its ``errors.py``::

    class CustodyErrorCode(ErrorCode):
        CHECKED_OUT = "checked_out", RefusalKind.REFUSED
        BAD_STOCK_NUMBER = "bad_stock_number", RefusalKind.INVALID

and every raise site passes one: ``raise CustodyError("…", code=CustodyErrorCode.CHECKED_OUT)``.
The code's value is what the API sends as ``code``; it never changes once published.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class RefusalKind(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    REFUSED = "refused"
    FORBIDDEN = "forbidden"
    THROTTLED = "throttled"
    MALFORMED = "malformed"
    TOO_LARGE = "too_large"
    MEDIA_TYPE = "media_type"


_STATUS = {
    RefusalKind.INVALID: 422,
    RefusalKind.NOT_FOUND: 404,
    RefusalKind.CONFLICT: 409,
    RefusalKind.REFUSED: 409,
    RefusalKind.FORBIDDEN: 403,
    RefusalKind.THROTTLED: 429,
    RefusalKind.MALFORMED: 400,
    RefusalKind.TOO_LARGE: 413,
    RefusalKind.MEDIA_TYPE: 415,
}


def status_for(kind: RefusalKind) -> int:
    """The HTTP status of a refusal of this kind (the table in this module's docstring)."""
    return _STATUS[kind]


class ErrorCode(StrEnum):
    """Base of each app's error-code enum; a member is declared as ``NAME = "value", kind``."""

    kind: RefusalKind

    def __new__(cls, value: str, kind: RefusalKind) -> Self:
        if not isinstance(kind, RefusalKind):
            raise TypeError(f"{cls.__name__} {value!r}: the second item must be a RefusalKind, not {kind!r}.")
        member = str.__new__(cls, value)
        member._value_ = value
        member.kind = kind
        return member


class DomainError[C: ErrorCode](Exception):
    """A refused action with a sentence a person can act on and a code from the app's enum.

    Each app subclasses it once per family of refusals, fixing the enum its codes come from
    (``class CustodyError(DomainError[CustodyErrorCode])``), so mypy refuses a code from
    another app. ``field`` names the input the refusal concerns, when there is one, so a form
    can show the sentence beside it and the API can put it under ``fields``.
    """

    def __init__(self, message: str, *, code: C, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._code = code
        self.field = field

    @property
    def code(self) -> C:
        # Read-only, so that DomainError[ErrorCode] accepts every app's refusals (covariance).
        return self._code

    @property
    def kind(self) -> RefusalKind:
        return self.code.kind

    @property
    def status(self) -> int:
        return status_for(self.code.kind)


class CoreErrorCode(ErrorCode):
    """The codes core itself answers with (the API's permission check, its input validation)."""

    INVALID = "invalid", RefusalKind.INVALID
    NOT_FOUND = "not_found", RefusalKind.NOT_FOUND
    FORBIDDEN = "forbidden", RefusalKind.FORBIDDEN
    TWO_FACTOR_REQUIRED = "two_factor_required", RefusalKind.FORBIDDEN
    CSRF_FAILED = "csrf_failed", RefusalKind.FORBIDDEN
    MALFORMED = "malformed", RefusalKind.MALFORMED
    TOO_LARGE = "too_large", RefusalKind.TOO_LARGE
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type", RefusalKind.MEDIA_TYPE
    UPLOAD_TOO_LARGE = "upload_too_large", RefusalKind.TOO_LARGE
    JOB_REFUSED = "job_refused", RefusalKind.INVALID
