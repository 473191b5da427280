"""The research area's refusals: a ``DomainError`` naming the input it concerns."""

from __future__ import annotations

from parure.core.errors import DomainError, ErrorCode, RefusalKind


class ResearchErrorCode(ErrorCode):
    """Every code the research area answers with."""

    # What was typed into a gemology tool cannot be used (a grade off its scale, a bad weight...).
    INVALID = "invalid", RefusalKind.INVALID


class GemologyRefusal(DomainError[ResearchErrorCode]):
    """A gemology tool could not use what was typed; ``message`` says why, ``field`` says where.

    ``missing`` is True when the refusal is only that a needed field is still empty: a page
    updating as someone types keeps quiet about it until they submit. ``others`` holds further
    (field, sentence) pairs for other empty fields, so a form can mark them all at once.
    """

    def __init__(
        self,
        message: str,
        *,
        code: ResearchErrorCode,
        field: str | None = None,
        missing: bool = False,
        others: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(message, field=field, code=code)
        self.missing = missing
        self.others = others
