"""The research area's refusals: a ``DomainError`` naming the input it concerns (HTTP 422)."""

from __future__ import annotations

from parure.core.errors import DomainError


class GemologyRefusal(DomainError):
    """A gemology tool could not use what was typed; ``message`` says why, ``field`` says where.

    ``missing`` is True when the refusal is only that a needed field is still empty: a page
    updating as someone types keeps quiet about it until they submit. ``others`` holds further
    (field, sentence) pairs for other empty fields, so a form can mark them all at once.
    """

    code = "invalid"
    status = 422

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        missing: bool = False,
        others: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message, field=field, code="invalid")
        self.missing = missing
        self.others = others
