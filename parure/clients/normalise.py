"""Pure helpers that turn what people type into what the client book stores and searches.

- :func:`fold`: accent- and case-insensitive text for the search column (any script).
- :func:`phone_e164`: a phone number in any format to E.164 (``+442079460000``).
- :func:`phone_search_variants`: the digit strings a typed phone number may be found by.
- ring sizes between systems (:func:`ring_size_to_mm`, :func:`ring_size_from_mm`).
- :func:`parse_client_number`: a typed or scanned client number, its check digit checked.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import phonenumbers

from parure.clients.choices import RingSizeSystem
from parure.clients.errors import ClientError, ClientErrorCode
from parure.core.numbering import check_digit

# Letters NFKD does not split into a base letter and a mark.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ß": "ss",
        "’": "",
        "'": "",
        "`": "",
        "ʻ": "",
    }
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—_,;:/\\()\[\]{}\"“”«»|.·]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-light text: "Zoë O’Brien-Łukasz" → "zoe obrien lukasz".

    Marks are removed only from letters that have a base letter (Latin, Greek, Cyrillic); other
    scripts (Chinese, Japanese, Arabic...) are kept as written, case-folded. ``@`` and ``+``
    survive so e-mail addresses stay whole.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Recompose what had no base letter to fall back on (Hangul syllables, kana with marks).
    folded = unicodedata.normalize("NFKC", stripped).casefold().translate(_LETTERS)
    return " ".join(part for part in _SEPARATORS.split(folded) if part)


def fold_number(text: str) -> str:
    """A client or stock number reduced to its letters and digits: "C-000412-3" → "c0004123"."""
    return "".join(char for char in text.casefold() if char.isalnum())


def phone_e164(raw: str, *, region: str | None = None) -> str:
    """Validate a phone number and return it in E.164; refuse what cannot be a real number.

    ``region`` (ISO 3166 alpha-2) reads numbers written without their country code, as a person
    in that country would write them ("020 7946 0000" in GB).
    """
    text = raw.strip()
    if not text:
        raise ClientError("Enter a phone number.", field="phone", code=ClientErrorCode.INVALID_PHONE)
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        raise ClientError(
            "This phone number cannot be read; write it with its country code, e.g. +44 20 7946 0000.",
            field="phone",
            code=ClientErrorCode.INVALID_PHONE,
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ClientError(
            "This is not a valid phone number for its country; check the digits and the country code.",
            field="phone",
            code=ClientErrorCode.INVALID_PHONE,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    """An E.164 number as people read it: "+44 20 7946 0000"."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_search_variants(query: str, *, region: str | None = None) -> list[str]:
    """Digit strings under which a typed (possibly partial) phone number is stored.

    "(212) 555-0100", "+1 212 555 0100", "001 212 5550100" and, in a GB office, "020 7946 0000"
    all come back as digits that occur inside the stored E.164 digits. Empty when the query is
    not phone-like (fewer than four digits, or letters in it).
    """
    if re.search(r"[^\d\s+().\-/]", query):
        return []
    digits = re.sub(r"\D", "", query)
    if len(digits) < 4:
        return []
    variants = {digits.lstrip("0")} if len(digits.lstrip("0")) >= 4 else set()
    if region:
        try:
            number = phonenumbers.parse(query if not query.startswith("00") else "+" + query[2:], region.upper())
            if phonenumbers.is_possible_number(number):
                variants.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:])
        except phonenumbers.NumberParseException:
            pass
    return sorted(variants)


# --- Ring sizes ------------------------------------------------------------------------------
# Stored as the inner circumference in millimetres (ISO 8653). US: 36.5 mm at size 0, +2.5535 mm
# a size; UK/AU: letter A = 37.8 mm, +1.25 mm a letter (half letters "L½" or "L 1/2");
# Switzerland: circumference − 40; diameter: circumference / π.
_PI = Decimal("3.14159265358979")
_UK_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _quantise(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ring_size_to_mm(size: str, system: RingSizeSystem | str) -> Decimal:
    """A ring size written in ``system`` as the inner circumference in mm (one decimal)."""
    text = size.strip().upper().replace(",", ".")
    system = RingSizeSystem(system)
    try:
        if system == RingSizeSystem.UK:
            match = re.fullmatch(r"([A-Z])\s*(½|1/2|\.5)?", text)
            if not match:
                raise InvalidOperation
            steps = Decimal(_UK_LETTERS.index(match.group(1))) + (Decimal("0.5") if match.group(2) else 0)
            mm = Decimal("37.8") + steps * Decimal("1.25")
        else:
            for fraction, decimal in (("½", ".5"), ("¼", ".25"), ("¾", ".75"), (" 1/2", ".5"), (" 1/4", ".25"),
                                      (" 3/4", ".75")):  # fmt: skip
                text = text.replace(fraction, decimal)
            value = Decimal(text)
            if system == RingSizeSystem.US:
                mm = Decimal("36.5") + value * Decimal("2.5535")
            elif system == RingSizeSystem.ISO:
                mm = value
            elif system == RingSizeSystem.CH:
                mm = value + 40
            else:
                mm = value * _PI
    except (InvalidOperation, ValueError):
        raise ClientError(
            f"‘{size}’ is not a ring size in the {system.label} system.",
            field="ring_size",
            code=ClientErrorCode.INVALID_RING_SIZE,
        ) from None
    if not Decimal(38) <= mm <= Decimal(76):
        raise ClientError(
            f"Ring size ‘{size}’ ({system.label}) is outside the sizes rings are made in.",
            field="ring_size",
            code=ClientErrorCode.INVALID_RING_SIZE,
        )
    return _quantise(mm)


def ring_size_from_mm(mm: Decimal, system: RingSizeSystem | str) -> str:
    """The nearest size in ``system`` (US to the quarter, UK to the half letter)."""
    system = RingSizeSystem(system)
    if system == RingSizeSystem.US:
        quarters = ((mm - Decimal("36.5")) / Decimal("2.5535") * 4).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        value = quarters / 4
        return f"{value.normalize():f}"
    if system == RingSizeSystem.UK:
        halves = int(((mm - Decimal("37.8")) / Decimal("0.625")).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        halves = max(0, min(halves, 51))
        return _UK_LETTERS[halves // 2] + ("½" if halves % 2 else "")
    if system == RingSizeSystem.ISO:
        return f"{_quantise(mm):f}"
    if system == RingSizeSystem.CH:
        return f"{_quantise(mm - 40):f}"
    return f"{(mm / _PI).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}"


# --- Client numbers --------------------------------------------------------------------------
_CLIENT_NUMBER = re.compile(r"^C-?(\d{6})-?(\d)$")


def parse_client_number(text: str) -> str | None:
    """The printed form of a client number (``C-000412-3``), None when ``text`` is not shaped like one.

    A number of the right shape with a wrong check digit is refused, never looked up, so a
    mistyped number cannot open another client's file.
    """
    compact = re.sub(r"\s+", "", text).upper()
    match = _CLIENT_NUMBER.match(compact)
    if match is None:
        return None
    body = f"C-{match.group(1)}"
    number = f"{body}-{match.group(2)}"
    if check_digit(body) != match.group(2):
        raise ClientError(
            f"{number} has a wrong check digit, so it is not a client number we issued; read it again.",
            field="client_number",
            code=ClientErrorCode.INVALID_CLIENT_NUMBER,
        )
    return number


def maker_key(name: str) -> str:
    """A maker's name as a matching key: "Van Cleef & Arpels" → "van-cleef-arpels"."""
    return "-".join(fold(name.replace("&", " ")).split())
