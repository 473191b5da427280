"""Ring sizes: US, UK/Australian letters, EU/ISO, Japanese and Swiss, through the inner circumference.

Every conversion goes through the ring's inner circumference in millimetres:

* EU/ISO (ISO 8653:2016): the size *is* the inner circumference in mm, designated by the
  nearest whole millimetre; the standard ring stick runs from 41 to 76.
* US and Canada: inner diameter mm = 11.63 + 0.8128 × size (size 0 is 0.458 in, each size
  adds 0.032 in), sizes 0 to 16 in quarters; circumference = π × diameter.
* UK, Ireland, Australia, New Zealand (letter scale of BS 6820:1987, aligned with ISO 8653):
  A is 37.8 mm, each letter adds 1.25 mm and a half letter 0.625 mm, A to Z then Z+1 to Z+6.
  BS 6820 itself could not be consulted; these are the figures UK trade charts print (A at
  37.8 mm in the conversion chart of Wikipedia's "Ring size"; "each step about 1.25 mm"), and
  charts that instead align letters with US half sizes differ by up to 0.7 mm near Z.
* Japan (Japan Custom Size, JCS): inner diameter mm = (size + 38) ÷ 3, i.e. size 1 is 13.0 mm
  and each size adds 1/3 mm of diameter; sizes 1 to 30.
* Switzerland (also Italy and Spain): size = circumference in mm − 40, in quarter sizes.

``convert_ring_size`` gives the nearest size in every system and how far off it is; a
system whose table the ring falls outside gets no size, with the reason.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from parure.gemology.errors import RingSizeError
from parure.gemology.quantities import DecimalInput, to_decimal

PI = Decimal("3.14159265358979323846264338")
US_BASE_DIAMETER_MM = Decimal("11.63")
US_STEP_DIAMETER_MM = Decimal("0.8128")
UK_A_CIRCUMFERENCE_MM = Decimal("37.8")
UK_LETTER_STEP_MM = Decimal("1.25")
SWISS_OFFSET_MM = Decimal(40)
_QUARTER = Decimal("0.25")
_HALF = Decimal("0.5")
_MM = Decimal("0.01")


class RingSizeSystem(StrEnum):
    """The sizing systems converted between."""

    US = "US"
    UK = "UK"
    EU = "EU"
    JAPAN = "Japan"
    SWISS = "Swiss"


@dataclass(frozen=True)
class _Scale:
    smallest: Decimal
    largest: Decimal
    step: Decimal
    description: str


# Size numbers (for UK: half-letter positions from A = 0) and their steps.
_SCALES: dict[RingSizeSystem, _Scale] = {
    RingSizeSystem.US: _Scale(Decimal(0), Decimal(16), _QUARTER, "0 to 16 in quarter sizes"),
    RingSizeSystem.UK: _Scale(Decimal(0), Decimal(31), _HALF, "A to Z+6 in half sizes"),
    RingSizeSystem.EU: _Scale(Decimal(41), Decimal(76), Decimal(1), "41 to 76 mm of inner circumference"),
    RingSizeSystem.JAPAN: _Scale(Decimal(1), Decimal(30), Decimal(1), "1 to 30"),
    RingSizeSystem.SWISS: _Scale(Decimal(1), Decimal(36), _QUARTER, "1 to 36 in quarter sizes"),
}
_UK_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _circumference(system: RingSizeSystem, number: Decimal) -> Decimal:
    match system:
        case RingSizeSystem.US:
            return PI * (US_BASE_DIAMETER_MM + US_STEP_DIAMETER_MM * number)
        case RingSizeSystem.UK:
            return UK_A_CIRCUMFERENCE_MM + UK_LETTER_STEP_MM * number
        case RingSizeSystem.EU:
            return number
        case RingSizeSystem.JAPAN:
            return PI * (number + 38) / 3
        case RingSizeSystem.SWISS:
            return number + SWISS_OFFSET_MM


def _size_number(system: RingSizeSystem, circumference_mm: Decimal) -> Decimal:
    match system:
        case RingSizeSystem.US:
            return (circumference_mm / PI - US_BASE_DIAMETER_MM) / US_STEP_DIAMETER_MM
        case RingSizeSystem.UK:
            return (circumference_mm - UK_A_CIRCUMFERENCE_MM) / UK_LETTER_STEP_MM
        case RingSizeSystem.EU:
            return circumference_mm
        case RingSizeSystem.JAPAN:
            return circumference_mm * 3 / PI - 38
        case RingSizeSystem.SWISS:
            return circumference_mm - SWISS_OFFSET_MM


_FRACTIONS = {"¼": ".25", "½": ".5", "¾": ".75", " 1/4": ".25", " 1/2": ".5", " 3/4": ".75"}


def _fractional_number(text: str) -> str:
    cleaned = " ".join(text.split())
    for fraction, decimal in _FRACTIONS.items():
        if cleaned.endswith(fraction):
            head = cleaned.removesuffix(fraction).strip() or "0"
            # ASCII digits only: "²".isdigit() is true, but Decimal cannot read it.
            return str(Decimal(head) + Decimal(decimal)) if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", head) else cleaned
    # A zero denominator is left for to_decimal to refuse as "not a number".
    return re.sub(
        r"^([0-9]+)-([0-9])/([1-9])$",
        lambda m: str(Decimal(m.group(1)) + Decimal(m.group(2)) / Decimal(m.group(3))),
        cleaned,
    )


def uk_label(position: Decimal) -> str:
    """The UK letter for a half-letter position from A = 0: 13.5 → "N½", 27 → "Z+2"."""
    whole = int(position)
    half = "½" if position != whole else ""
    if whole < len(_UK_LETTERS):
        return f"{_UK_LETTERS[whole]}{half}"
    return f"Z+{whole - len(_UK_LETTERS) + 1}{half}"


def _uk_position(text: str) -> Decimal:
    cleaned = text.strip().upper().replace(" ", "")
    match = re.fullmatch(r"([A-Z])(?:\+(\d))?(½|1/2|\.5)?", cleaned)
    if not match or (match.group(2) and match.group(1) != "Z"):
        raise RingSizeError(
            f"‘{text.strip()}’ is not a UK ring size; UK sizes run A to Z then Z+1 to Z+6, with halves (N½)."
        )
    position = Decimal(_UK_LETTERS.index(match.group(1)))
    if match.group(2):
        position += Decimal(match.group(2))
    if match.group(3):
        position += _HALF
    return position


def _parse(system: RingSizeSystem, size: DecimalInput) -> Decimal:
    if system is RingSizeSystem.UK:
        if not isinstance(size, str):
            raise RingSizeError("A UK ring size is a letter (N, N½, Z+2).")
        return _uk_position(size)
    text = size
    if isinstance(size, str):
        text = re.sub(r"^(?:no\.?|#)\s*", "", size.strip().lower()).removesuffix("号").strip()
        text = _fractional_number(text)
    return to_decimal(text, field=f"{system.value} ring size", error=RingSizeError)


def circumference_for(system: RingSizeSystem | str, size: DecimalInput) -> Decimal:
    """The inner circumference in mm of ``size`` in ``system``, refusing sizes outside its table."""
    scheme = ring_size_system(system)
    number = _parse(scheme, size)
    scale = _SCALES[scheme]
    shown = size.strip() if isinstance(size, str) else str(size)
    if not scale.smallest <= number <= scale.largest:
        raise RingSizeError(f"{scheme.value} size {shown} is outside the {scheme.value} table ({scale.description}).")
    if (number - scale.smallest) % scale.step != 0:
        raise RingSizeError(f"{scheme.value} size {shown} is not on the {scheme.value} scale ({scale.description}).")
    return _circumference(scheme, number)


def ring_size_system(text: RingSizeSystem | str) -> RingSizeSystem:
    """Read a system name ("US", "uk", "ISO", "Japan", "Swiss")."""
    if isinstance(text, RingSizeSystem):
        return text
    wanted = text.strip().lower()
    aliases = {
        "iso": RingSizeSystem.EU,
        "au": RingSizeSystem.UK,
        "jp": RingSizeSystem.JAPAN,
        "ch": RingSizeSystem.SWISS,
    }
    for item in RingSizeSystem:
        if item.value.lower() == wanted:
            return item
    if wanted in aliases:
        return aliases[wanted]
    raise RingSizeError(
        f"‘{text.strip()}’ is not a ring-size system; systems are {', '.join(s.value for s in RingSizeSystem)}."
    )


@dataclass(frozen=True)
class NearestSize:
    """The nearest size in one system and how far its circumference is from the ring's."""

    system: RingSizeSystem
    label: str
    circumference_mm: Decimal
    difference_mm: Decimal


@dataclass(frozen=True)
class RingSizeConversion:
    """A ring's inner circumference and diameter, and its nearest size in each system."""

    circumference_mm: Decimal
    diameter_mm: Decimal
    sizes: dict[RingSizeSystem, NearestSize]
    outside: dict[RingSizeSystem, str]


def _label(system: RingSizeSystem, number: Decimal) -> str:
    if system is RingSizeSystem.UK:
        return uk_label(number)
    return f"{number.normalize():f}"


def nearest_size(system: RingSizeSystem, circumference_mm: Decimal) -> NearestSize | None:
    """The nearest size to ``circumference_mm`` in ``system``; None beyond half a step outside its table."""
    scale = _SCALES[system]
    raw = _size_number(system, circumference_mm)
    steps = ((raw - scale.smallest) / scale.step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    number = scale.smallest + steps * scale.step
    if not scale.smallest <= number <= scale.largest:
        return None
    size_circumference = _circumference(system, number)
    # "+ 0" turns a rounded −0.00 into 0.00.
    difference = (size_circumference - circumference_mm).quantize(_MM, rounding=ROUND_HALF_UP) + 0
    return NearestSize(
        system, _label(system, number), size_circumference.quantize(_MM, rounding=ROUND_HALF_UP), difference
    )


def convert_circumference(circumference_mm: DecimalInput) -> RingSizeConversion:
    """The nearest size in every system for a ring of ``circumference_mm`` inner circumference."""
    circumference = to_decimal(circumference_mm, field="Inner circumference in mm", error=RingSizeError)
    if circumference <= 0:
        raise RingSizeError(f"An inner circumference must be greater than zero; {circumference} mm was given.")
    sizes: dict[RingSizeSystem, NearestSize] = {}
    outside: dict[RingSizeSystem, str] = {}
    for system in RingSizeSystem:
        found = nearest_size(system, circumference)
        if found is None:
            outside[system] = f"outside the {system.value} table ({_SCALES[system].description})"
        else:
            sizes[system] = found
    if not sizes:
        raise RingSizeError(
            f"An inner circumference of {circumference} mm is outside every ring-size table "
            f"(they run from about {UK_A_CIRCUMFERENCE_MM - UK_LETTER_STEP_MM} to 78 mm)."
        )
    return RingSizeConversion(
        circumference.quantize(_MM, rounding=ROUND_HALF_UP),
        (circumference / PI).quantize(_MM, rounding=ROUND_HALF_UP),
        sizes,
        outside,
    )


def convert_ring_size(system: RingSizeSystem | str, size: DecimalInput) -> RingSizeConversion:
    """Convert ``size`` in ``system`` ("US", "7 1/2") to the nearest size in every system."""
    return convert_circumference(circumference_for(system, size))


def convert_diameter(diameter_mm: DecimalInput) -> RingSizeConversion:
    """The nearest size in every system for a ring of ``diameter_mm`` inner diameter."""
    diameter = to_decimal(diameter_mm, field="Inner diameter in mm", error=RingSizeError)
    if diameter <= 0:
        raise RingSizeError(f"An inner diameter must be greater than zero; {diameter} mm was given.")
    return convert_circumference(diameter * PI)
