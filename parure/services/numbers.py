"""The services' record numbers: ``<office>-<letters>-<yy>-<five digits>-<check digit>`` (a repair
envelope ``NY-RJ-26-00042-3``, a post-sale order ``NY-AC-26-00012-4``, a lab submission
``NY-GL-26-00012-3``, a design project ``NY-D-26-00042-3``), one sequence per kind, office and year
(``core.numbering.Series``); a number with a wrong check digit is refused as a services refusal."""

from __future__ import annotations

from dataclasses import dataclass

from parure.core import numbering
from parure.services.errors import ServicesError, ServicesErrorCode


@dataclass(frozen=True)
class Series(numbering.Series):
    code: ServicesErrorCode = ServicesErrorCode.INVALID

    def refusal(self, message: str, *, field: str) -> ServicesError:
        return ServicesError(message, field=field, code=self.code)
