"""Numbers people read aloud and scan, with a check digit (Damm's algorithm).

Damm's check digit catches every single-digit error and every swap of two adjacent digits,
which are the mistakes people make reading a number aloud or typing it. Letters (an office
code) are folded into digits first, as A=10 … Z=35, the way IBAN does.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

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
