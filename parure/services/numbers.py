"""The services' record numbers: ``<office>-<letters>-<yy>-<five digits>-<check digit>`` (a repair
envelope ``NY-RJ-26-00042-3``, a post-sale order ``NY-AC-26-00012-4``, a lab submission
``NY-GL-26-00012-3``, a design project ``NY-D-26-00042-3``), one sequence per kind, office and year,
drawn inside the transaction that makes the record. A typed or scanned number is read whatever its
spacing, case or hyphens; one with a wrong check digit (``core.numbering``'s Damm digit) is refused,
never looked up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parure.core.numbering import check_digit, next_in_sequence
from parure.services.errors import ServicesError, ServicesErrorCode


@dataclass(frozen=True)
class Series:
    """One kind of number: its letters, the name its sequences go by, and how a refusal names it."""

    letters: str
    # The sequences' key, before ``:<office>:<yy>``.
    sequence: str
    # "a repair envelope number", for the refusal of something that is not one.
    called: str
    example: str
    code: ServicesErrorCode = ServicesErrorCode.INVALID

    @property
    def _pattern(self) -> re.Pattern[str]:
        return re.compile(rf"^([A-Z]{{2}})-?{self.letters}-?(\d{{2}})-?(\d{{5}})-?(\d)$")

    def issue(self, *, office_code: str, year: int) -> str:
        yy = year % 100
        body = (
            f"{office_code}-{self.letters}-{yy:02d}-{next_in_sequence(f'{self.sequence}:{office_code}:{yy:02d}'):05d}"
        )
        return f"{body}-{check_digit(body)}"

    def looks_like(self, text: str) -> bool:
        return self._pattern.match(re.sub(r"\s+", "", text or "").upper()[:40]) is not None

    def parse(self, text: str, *, field: str = "number") -> str:
        """The canonical form of a typed or scanned number, or a refusal saying what is wrong."""
        match = self._pattern.match(re.sub(r"\s+", "", text or "").upper()[:40])
        if match is None:
            raise ServicesError(
                f"‘{(text or '').strip()[:40]}’ is not {self.called}; they look like {self.example}.",
                field=field,
                code=self.code,
            )
        office, yy, sequence, given = match.groups()
        body = f"{office}-{self.letters}-{yy}-{sequence}"
        if check_digit(body) != given:
            raise ServicesError(
                f"{body}-{given} has a wrong check digit: check the number and type it again.",
                field=field,
                code=self.code,
            )
        return f"{body}-{given}"
