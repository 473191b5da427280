"""What may be done to a ring, decided at order time: the sizing rules and the engraving's character limit.

Sizes in every system go through the ring's inner circumference (``parure.gemology.ring_sizes``: US and
Canada by the 0.032 in step from 0.458 in, UK letters from A = 37.8 mm by 1.25 mm, EU as ISO 8653's inner
circumference in mm). A US size is π × 0.8128 ≈ 2.553 mm of circumference, so "2 sizes" is measured on
the circumference whatever system the order was written in. docs/services-aftercare.md states each rule
and its source.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from parure.gemology import ring_sizes
from parure.gemology.errors import RingSizeError
from parure.services.aftercare.choices import EngravingPosition, FontStyle, RingSetting, SizeSystem
from parure.services.errors import ServicesError, ServicesErrorCode

US_STEP_MM = ring_sizes.PI * ring_sizes.US_STEP_DIAMETER_MM
MM = Decimal("0.01")

# Metals that cannot be cut, soldered and planished at the bench: a ring in them is replaced, not sized.
REFUSED_METALS = ("titanium", "tungsten", "ceramic", "stainless steel", "cobalt", "carbon fibre", "carbon fiber")
# A ring set with stones may go this many US sizes up or down (beyond it the setting is strained:
# claws open, channel walls spread); a plain band goes further.
STONE_SET_LIMIT_US = Decimal(2)
PLAIN_LIMIT_US = Decimal(4)


@dataclass(frozen=True)
class RingSize:
    system: str
    label: str
    circumference_mm: Decimal


def ring_size(system: str, size: str, *, field: str) -> RingSize:
    """A size as typed in its system, with its inner circumference; a size off the system's table is refused."""
    if system not in SizeSystem.values:
        raise ServicesError(
            "Choose the size system: US, UK or EU.", field="size_system", code=ServicesErrorCode.INVALID
        )
    text = (size or "").strip()
    if not text:
        raise ServicesError("Give the ring's size.", field=field, code=ServicesErrorCode.REQUIRED)
    if len(text) > 8:
        raise ServicesError(f"‘{text[:12]}…’ is not a ring size.", field=field, code=ServicesErrorCode.INVALID)
    try:
        circumference = ring_sizes.circumference_for(system, text)
    except RingSizeError as refusal:
        raise ServicesError(str(refusal), field=field, code=ServicesErrorCode.INVALID) from None
    return RingSize(system, text, circumference.quantize(MM, rounding=ROUND_HALF_UP))


def us_sizes_between(current: RingSize, target: RingSize) -> Decimal:
    """How many US sizes the change is (signed; up is positive), to the quarter size."""
    steps = (target.circumference_mm - current.circumference_mm) / US_STEP_MM
    return (steps * 4).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 4


def size_conversions(size: RingSize) -> dict[str, str]:
    """The size in US, UK and EU, for the order page and the bench (nearest size in each)."""
    found = ring_sizes.convert_circumference(size.circumference_mm)
    wanted = (ring_sizes.RingSizeSystem.US, ring_sizes.RingSizeSystem.UK, ring_sizes.RingSizeSystem.EU)
    return {system.value: found.sizes[system].label if system in found.sizes else "—" for system in wanted}


# --- Sizing rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizingCase:
    """What the rules read: the piece as recorded, the setting the specialist reads off it, the change."""

    stock_number: str
    category: str
    words: str  # the piece's title and description, lower-case
    metal: str
    stone_count: int
    setting: str
    current: RingSize
    target: RingSize
    engraved: str  # what is engraved or signed on the band already, if anything

    @property
    def change(self) -> Decimal:
        return us_sizes_between(self.current, self.target)

    @property
    def refused_metal(self) -> str:
        metal = self.metal.lower()
        return next((name for name in REFUSED_METALS if name in metal), "")


def _sizes(amount: Decimal) -> str:
    shown = f"{abs(amount).normalize():f}"
    return f"{shown} US size" + ("" if abs(amount) == 1 else "s")


@dataclass(frozen=True)
class SizingRule:
    """One rule: when it applies, and its sentence. A refusal stops the order; a warning must be acknowledged."""

    code: str
    refuses: bool
    field: str
    applies: Callable[[SizingCase], bool]
    sentence: Callable[[SizingCase], str]


SIZING_RULES: tuple[SizingRule, ...] = (
    SizingRule(
        "not_a_ring",
        True,
        "stock_number",
        lambda case: case.category != "ring",
        lambda case: f"{case.stock_number} is not a ring; only rings are resized.",
    ),
    SizingRule(
        "same_size",
        True,
        "target_size",
        lambda case: case.change == 0,
        lambda case: f"The target size {case.target.label} is the ring's present size; give the size it should be.",
    ),
    SizingRule(
        "eternity",
        True,
        "setting",
        lambda case: case.setting == RingSetting.ETERNITY or "eternity" in case.words,
        lambda case: (
            f"{case.stock_number} is an eternity band: stones run all the way round, so there is no plain "
            "shank to cut or stretch; it cannot be resized."
        ),
    ),
    SizingRule(
        "tension",
        True,
        "setting",
        lambda case: case.setting == RingSetting.TENSION or "tension" in case.words,
        lambda case: (
            f"{case.stock_number} has a tension setting: the band's own spring holds the stone, and "
            "sizing would release it; it cannot be resized."
        ),
    ),
    SizingRule(
        "metal",
        True,
        "stock_number",
        lambda case: bool(case.refused_metal),
        lambda case: (
            f"{case.stock_number} is {case.metal}: {case.refused_metal} cannot be cut and soldered at the "
            "bench; it cannot be resized."
        ),
    ),
    SizingRule(
        "stone_set_limit",
        True,
        "target_size",
        lambda case: (
            case.stone_count > 0 and case.setting != RingSetting.PLAIN and abs(case.change) > STONE_SET_LIMIT_US
        ),
        lambda case: (
            f"{case.stock_number} is set with stones: it may go at most {_sizes(STONE_SET_LIMIT_US)} up or "
            f"down, and {case.current.label} to {case.target.label} is {_sizes(case.change)}."
        ),
    ),
    SizingRule(
        "plain_limit",
        True,
        "target_size",
        lambda case: abs(case.change) > PLAIN_LIMIT_US,
        lambda case: (
            f"A ring may go at most {_sizes(PLAIN_LIMIT_US)} up or down, and {case.current.label} to "
            f"{case.target.label} is {_sizes(case.change)}; beyond that a new shank is made."
        ),
    ),
    SizingRule(
        "engraving_redone",
        False,
        "acknowledge_warnings",
        lambda case: bool(case.engraved),
        lambda case: (
            f"{case.stock_number} is engraved ({case.engraved}): sizing cuts or stretches the band, so the "
            "engraving will have to be redone afterwards."
        ),
    ),
)


@dataclass(frozen=True)
class Verdict:
    code: str
    field: str
    sentence: str


@dataclass(frozen=True)
class Eligibility:
    refusals: list[Verdict]
    warnings: list[Verdict]
    change: Decimal

    @property
    def eligible(self) -> bool:
        return not self.refusals


def sizing_eligibility(case: SizingCase) -> Eligibility:
    """Every rule's verdict on ``case``, in the order of :data:`SIZING_RULES`."""
    verdicts = [
        (rule, Verdict(rule.code, rule.field, rule.sentence(case))) for rule in SIZING_RULES if rule.applies(case)
    ]
    return Eligibility(
        [verdict for rule, verdict in verdicts if rule.refuses],
        [verdict for rule, verdict in verdicts if not rule.refuses],
        case.change,
    )


# --- The engraving's character limit ------------------------------------------------------------------

MIN_BAND_MM = Decimal(2)
TWO_LINES_FROM_MM = Decimal(5)
# Millimetres of band per character (letter and its spacing) at the smallest letter the bench engraves
# legibly (about 1.2 mm high); spaces count as characters.
FONT_PITCH_MM = {
    FontStyle.BLOCK: Decimal("1.3"),
    FontStyle.ROMAN: Decimal("1.5"),
    FontStyle.SCRIPT: Decimal("1.6"),
    FontStyle.OLD_ENGLISH: Decimal("1.9"),
}
MONOGRAM_LETTERS = 3
# The part of the circumference an engraving may run along: the half of the shank away from the head,
# or all the way round less 6 mm left clear at the sizing seam.
ARC_SHARE = Decimal("0.5")
SEAM_CLEAR_MM = Decimal(6)


def character_limit(*, circumference_mm: Decimal, band_width_mm: Decimal, font_style: str, position: str) -> int:
    """The most characters (spaces included) an engraving may have on this band; see the module and the docs."""
    if band_width_mm < MIN_BAND_MM:
        raise ServicesError(
            f"A band {band_width_mm.normalize():f} mm wide is too narrow to engrave; the bench engraves bands of "
            f"{MIN_BAND_MM} mm and wider.",
            field="band_width_mm",
            code=ServicesErrorCode.AFTERCARE_NOT_ELIGIBLE,
        )
    if font_style == FontStyle.MONOGRAM:
        return MONOGRAM_LETTERS
    pitch = FONT_PITCH_MM[FontStyle(font_style)]
    if position == EngravingPosition.FULL_CIRCLE:
        arc = circumference_mm - SEAM_CLEAR_MM
    else:
        arc = circumference_mm * ARC_SHARE
    lines = 2 if band_width_mm >= TWO_LINES_FROM_MM else 1
    return lines * math.floor(arc / pitch)
