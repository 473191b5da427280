"""Numbers people read aloud and scan, with a check digit (Damm's algorithm).

Damm's check digit catches every single-digit error and every swap of two adjacent digits,
which are the mistakes people make reading a number aloud or typing it. Letters (an office
code) are folded into digits first, as A=10 … Z=35, the way IBAN does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from parure.core.errors import DomainError

_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def _digits(text: str) -> str:
    out = []
    for char in text.upper():
        if char.isdigit():
            out.append(char)
        elif "A" <= char <= "Z":
            out.append(str(ord(char) - ord("A") + 10))
    return "".join(out)


def check_digit(text: str) -> str:
    """The Damm check digit of the letters and digits in ``text`` (other characters ignored)."""
    interim = 0
    for digit in _digits(text):
        interim = _DAMM[interim][int(digit)]
    return str(interim)


def is_valid(text_with_check: str) -> bool:
    """True when the last digit of ``text_with_check`` is the check digit of what precedes it."""
    body, check = text_with_check[:-1], text_with_check[-1:]
    return check.isdigit() and check_digit(body) == check


def next_in_sequence(key: str) -> int:
    """Issue the next number of a named sequence; safe under concurrent callers."""
    from parure.core.models import NumberSequence

    with transaction.atomic():
        NumberSequence.objects.get_or_create(key=key)
        NumberSequence.objects.filter(key=key).update(last=F("last") + 1)
        return NumberSequence.objects.select_for_update().values_list("last", flat=True).get(key=key)


@dataclass(frozen=True)
class Series:
    """One kind of record number, ``<office>-<letters>-<yy>-<five digits>-<check digit>`` (a repair envelope
    ``NY-RJ-26-00042-3``, a shipment ``NY-SH-26-00012-4``), one sequence per kind, office and year, drawn
    inside the transaction that makes the record. A typed or scanned number is read whatever its spacing,
    case or hyphens; one with a wrong check digit is refused, never looked up. An app subclasses it to say
    how it refuses (:meth:`refusal`)."""

    letters: str
    # The sequences' key, before ``:<office>:<yy>``.
    sequence: str
    # "a repair envelope number", for the refusal of something that is not one.
    called: str
    example: str

    def refusal(self, message: str, *, field: str) -> DomainError:  # type: ignore[type-arg]
        raise NotImplementedError

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
            raise self.refusal(
                f"‘{(text or '').strip()[:40]}’ is not {self.called}; they look like {self.example}.", field=field
            )
        office, yy, sequence, given = match.groups()
        body = f"{office}-{self.letters}-{yy}-{sequence}"
        if check_digit(body) != given:
            raise self.refusal(
                f"{body}-{given} has a wrong check digit: check the number and type it again.", field=field
            )
        return f"{body}-{given}"
