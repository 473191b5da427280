"""Ranking the materials that could have given a set of gemmological readings.

Give any subset of readings (``Measurements``): refractive-index readings, birefringence,
specific gravity, optic character and sign, Mohs hardness, a colour word, or "over the
limit" on the refractometer. ``identify`` returns the materials of ``materials.MATERIALS``
consistent with all of them, best first, each with its reasons (what matched, what was only
near, within the stated measurement tolerance), and the one further test that best separates
the first two candidates: the property whose ranges overlap least.

It never decides natural against synthetic: where a synthetic shares the natural material's
constants, the candidate says so ("natural or synthetic: needs a laboratory").

Tolerances (a reading this far outside a published range is "near", not a miss):
RI ±0.005, birefringence ±0.003, SG ±0.03, hardness ±0.5. Colour ranks but never rules a
material out. Hardness is never proposed as the next test: a scratch test damages a cut stone.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from parure.gemology.errors import IdentificationError
from parure.gemology.materials import MATERIALS, Interval, Material, OpticCharacter, OpticSign
from parure.gemology.quantities import DecimalInput, to_decimal

RI_TOLERANCE = Decimal("0.005")
BIREFRINGENCE_TOLERANCE = Decimal("0.003")
SG_TOLERANCE = Decimal("0.03")
HARDNESS_TOLERANCE = Decimal("0.5")
# The contact liquid of a standard refractometer limits readings to about 1.79–1.81; above it
# no shadow edge is seen and the reading is recorded as "over the limit" (OTL).
REFRACTOMETER_LIMIT = Decimal("1.81")


class Property(StrEnum):
    """The properties a reading or a separating test concerns."""

    RI = "refractive index"
    OVER_THE_LIMIT = "over the refractometer limit"
    BIREFRINGENCE = "birefringence"
    SG = "specific gravity"
    OPTIC_CHARACTER = "optic character"
    OPTIC_SIGN = "optic sign"
    HARDNESS = "hardness"
    COLOUR = "colour"


@dataclass(frozen=True)
class Measurements:
    """What was measured on one stone; leave out what was not measured."""

    ri: tuple[Decimal, ...] = ()
    ri_over_limit: bool = False
    birefringence: Decimal | None = None
    sg: Decimal | None = None
    optic_character: OpticCharacter | None = None
    optic_sign: OpticSign | None = None
    hardness: Decimal | None = None
    colour: str | None = None

    @classmethod
    def of(
        cls,
        *,
        ri: Sequence[DecimalInput] = (),
        ri_over_limit: bool = False,
        birefringence: DecimalInput | None = None,
        sg: DecimalInput | None = None,
        optic_character: OpticCharacter | str | None = None,
        optic_sign: OpticSign | str | None = None,
        hardness: DecimalInput | None = None,
        colour: str | None = None,
    ) -> "Measurements":
        """Build measurements from typed text or numbers, refusing what cannot be a reading."""
        return cls(
            ri=tuple(to_decimal(value, field="RI reading", error=IdentificationError) for value in ri),
            ri_over_limit=ri_over_limit,
            birefringence=None
            if birefringence is None
            else to_decimal(birefringence, field="Birefringence", error=IdentificationError),
            sg=None if sg is None else to_decimal(sg, field="SG", error=IdentificationError),
            optic_character=None if optic_character is None else _enum(OpticCharacter, optic_character),
            optic_sign=None if optic_sign is None else _enum(OpticSign, optic_sign),
            hardness=None if hardness is None else to_decimal(hardness, field="Hardness", error=IdentificationError),
            colour=colour.strip().lower() or None if colour is not None else None,
        )

    @property
    def measured_birefringence(self) -> Decimal | None:
        """The birefringence given, or the spread of two or more RI readings."""
        if self.birefringence is not None:
            return self.birefringence
        if len(self.ri) >= 2:
            return max(self.ri) - min(self.ri)
        return None

    @property
    def is_empty(self) -> bool:
        """True when nothing was measured."""
        return not (
            self.ri
            or self.ri_over_limit
            or self.birefringence is not None
            or self.sg is not None
            or self.optic_character is not None
            or self.optic_sign is not None
            or self.hardness is not None
            or self.colour
        )


def _enum[E: StrEnum](kind: type[E], value: E | str) -> E:
    if isinstance(value, kind):
        return value
    text = str(value).strip().lower()
    for member in kind:
        if member.value == text:
            return member
    raise IdentificationError(f"‘{value}’ is not one of: {', '.join(member.value for member in kind)}.")


@dataclass(frozen=True)
class Candidate:
    """A material consistent with every reading, with the reasons."""

    material: Material
    score: int
    matched: tuple[str, ...]
    near: tuple[str, ...]
    remarks: tuple[str, ...]

    @property
    def laboratory(self) -> str | None:
        """The question only a laboratory answers for this material, if any."""
        return self.material.laboratory


@dataclass(frozen=True)
class NearMiss:
    """A material ruled out, with the readings that ruled it out; shown when nothing fits."""

    material: Material
    misses: tuple[str, ...]


@dataclass(frozen=True)
class SeparatingTest:
    """The further test that best separates the first two candidates."""

    property: Property | None
    advice: str
    overlap: Decimal


@dataclass(frozen=True)
class Identification:
    """The ranked candidates, the test to do next, and the tolerances used."""

    measurements: Measurements
    candidates: tuple[Candidate, ...]
    separating_test: SeparatingTest | None
    near_misses: tuple[NearMiss, ...] = ()
    tolerances: dict[Property, Decimal] = field(
        default_factory=lambda: {
            Property.RI: RI_TOLERANCE,
            Property.BIREFRINGENCE: BIREFRINGENCE_TOLERANCE,
            Property.SG: SG_TOLERANCE,
            Property.HARDNESS: HARDNESS_TOLERANCE,
        }
    )


@dataclass
class _Assessment:
    matched: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    specificity: Decimal = Decimal(0)
    # How far the misses lie outside, in multiples of the tolerance; ranks near misses.
    shortfall: Decimal = Decimal(0)


def _numeric(
    assessment: _Assessment, label: str, values: Sequence[Decimal], published: Interval, tolerance: Decimal
) -> None:
    shown = ", ".join(str(value) for value in values)
    worst = max(published.distance(value) for value in values)
    if worst == 0:
        assessment.matched.append(f"{label} {shown} within {published}")
    elif worst <= tolerance:
        assessment.near.append(f"{label} {shown} is {worst} outside {published}, within the ±{tolerance} tolerance")
    else:
        assessment.missed.append(f"{label} {shown} is {worst} outside {published}")
        assessment.shortfall += worst / tolerance
        return
    # A reading inside a narrow range says more than one inside a wide range: rank ties by the
    # share of the range (widened by the tolerance) that the reading's own uncertainty covers.
    assessment.specificity += len(values) * 2 * tolerance / (published.width + 2 * tolerance)


def _assess(stone: Material, readings: Measurements) -> _Assessment:
    assessment = _Assessment()
    if readings.ri:
        _numeric(assessment, "RI", readings.ri, stone.ri, RI_TOLERANCE)
    if readings.ri_over_limit:
        if stone.ri.high > REFRACTOMETER_LIMIT:
            assessment.matched.append(
                f"over the refractometer limit, as its RI {stone.ri} is above {REFRACTOMETER_LIMIT}"
            )
        else:
            assessment.missed.append(f"its RI {stone.ri} reads on a standard refractometer, not over the limit")
    _assess_birefringence(assessment, stone, readings)
    if readings.sg is not None:
        _numeric(assessment, "SG", (readings.sg,), stone.sg, SG_TOLERANCE)
    _assess_optics(assessment, stone, readings)
    if readings.hardness is not None:
        _numeric(assessment, "Hardness", (readings.hardness,), stone.hardness, HARDNESS_TOLERANCE)
    if readings.colour:
        # Colour is never diagnostic: it ranks but never rules out.
        words = readings.colour.replace("-", " ").replace("gray", "grey").split()
        hue = words[-1].removesuffix("ish") if words else ""
        if hue in stone.colours or readings.colour in stone.colours:
            assessment.matched.append(f"colour {readings.colour} is usual")
        else:
            assessment.remarks.append(f"colour {readings.colour} is unusual for {stone.name.lower()}")
    return assessment


def _assess_birefringence(assessment: _Assessment, stone: Material, readings: Measurements) -> None:
    measured = readings.measured_birefringence
    if measured is None:
        return
    if stone.birefringence is not None:
        _numeric(assessment, "Birefringence", (measured,), stone.birefringence, BIREFRINGENCE_TOLERANCE)
    elif stone.optic_character is OpticCharacter.AGGREGATE:
        assessment.remarks.append("birefringence is not diagnostic for an aggregate")
    elif measured <= BIREFRINGENCE_TOLERANCE:
        assessment.matched.append(f"no measurable birefringence ({measured}), as a singly refractive material")
    else:
        assessment.missed.append(f"birefringence {measured}, but {stone.name.lower()} is singly refractive")


def _assess_optics(assessment: _Assessment, stone: Material, readings: Measurements) -> None:
    seen = readings.optic_character
    if seen is not None:
        actual = stone.optic_character
        isotropic = {OpticCharacter.SINGLY_REFRACTIVE, OpticCharacter.AMORPHOUS}
        if seen is actual or (seen is OpticCharacter.DOUBLY_REFRACTIVE and stone.is_doubly_refractive):
            assessment.matched.append(f"optic character {seen.value}")
        elif seen in isotropic and actual in isotropic:
            # The polariscope shows both as singly refractive.
            assessment.near.append(f"{seen.value}, and {stone.name.lower()} is {actual.value}")
        else:
            assessment.missed.append(f"optic character {seen.value}, but {stone.name.lower()} is {actual.value}")
    sign = readings.optic_sign
    if sign is not None:
        if stone.optic_sign is None:
            assessment.missed.append(f"optic sign {sign.value}, but {stone.name.lower()} has no optic sign")
        elif sign is stone.optic_sign or stone.optic_sign is OpticSign.EITHER or sign is OpticSign.EITHER:
            assessment.matched.append(f"optic sign {sign.value}")
        else:
            assessment.missed.append(f"optic sign {sign.value}, but {stone.name.lower()} is {stone.optic_sign.value}")


def _check_plausible(readings: Measurements, materials: Sequence[Material]) -> None:
    if readings.is_empty:
        raise IdentificationError(
            "Give at least one reading (RI, birefringence, SG, optic character, hardness or colour)."
        )
    for value in readings.ri:
        if not any(row.ri.distance(value) <= RI_TOLERANCE for row in materials):
            below = [row for row in materials if row.ri.high < value]
            above = [row for row in materials if row.ri.low > value]
            nearest = []
            if below:
                low = max(below, key=lambda row: row.ri.high)
                nearest.append(f"{low.name.lower()} ({low.ri}) below")
            if above:
                high = min(above, key=lambda row: row.ri.low)
                nearest.append(f"{high.name.lower()} ({high.ri}) above")
            verb = "are" if len(nearest) > 1 else "is"
            raise IdentificationError(
                f"An RI of {value} matches no material in the table (±{RI_TOLERANCE}); the nearest {verb} "
                f"{' and '.join(nearest)}. Check the reading: a standard refractometer reads only up to about "
                f"{REFRACTOMETER_LIMIT}."
            )
    measured = readings.measured_birefringence
    if measured is not None and (measured < 0 or measured > max(_biref_high(row) for row in materials)):
        raise IdentificationError(f"A birefringence of {measured} is outside every material in the table.")
    if readings.sg is not None:
        lightest = min(materials, key=lambda row: row.sg.low)
        heaviest = max(materials, key=lambda row: row.sg.high)
        if readings.sg < lightest.sg.low - SG_TOLERANCE:
            raise IdentificationError(
                f"An SG of {readings.sg} is lighter than any material in the table "
                f"(lightest: {lightest.name.lower()}, {lightest.sg})."
            )
        if readings.sg > heaviest.sg.high + SG_TOLERANCE:
            raise IdentificationError(
                f"An SG of {readings.sg} is heavier than any material in the table "
                f"(heaviest: {heaviest.name.lower()}, {heaviest.sg})."
            )
    if readings.hardness is not None and not Decimal(1) <= readings.hardness <= Decimal(10):
        raise IdentificationError(f"Mohs hardness runs from 1 to 10; {readings.hardness} was given.")


def _biref_high(row: Material) -> Decimal:
    return row.birefringence.high if row.birefringence is not None else Decimal(0)


def identify(readings: Measurements, *, materials: Sequence[Material] = MATERIALS) -> Identification:
    """Rank the materials consistent with ``readings`` and name the test to do next."""
    _check_plausible(readings, materials)
    ranked: list[tuple[Candidate, Decimal]] = []
    ruled_out: list[tuple[NearMiss, Decimal]] = []
    for stone in materials:
        assessment = _assess(stone, readings)
        if assessment.missed:
            ruled_out.append((NearMiss(stone, tuple(assessment.missed)), assessment.shortfall))
            continue
        remarks = list(assessment.remarks)
        if stone.laboratory:
            remarks.append(stone.laboratory)
        score = 2 * len(assessment.matched) + len(assessment.near)
        candidate = Candidate(stone, score, tuple(assessment.matched), tuple(assessment.near), tuple(remarks))
        ranked.append((candidate, assessment.specificity))
    ranked.sort(key=lambda pair: (-pair[0].score, -pair[1], pair[0].material.name))
    candidates = tuple(candidate for candidate, _ in ranked)
    near_misses: tuple[NearMiss, ...] = ()
    if not candidates:
        ruled_out.sort(key=lambda pair: (len(pair[0].misses), pair[1], pair[0].material.name))
        near_misses = tuple(miss for miss, _ in ruled_out[:3])
    separating = (
        separating_test(candidates[0].material, candidates[1].material, readings) if len(candidates) > 1 else None
    )
    return Identification(readings, candidates, separating, near_misses)


def _overlap(first: Interval, second: Interval, tolerance: Decimal) -> Decimal:
    """Share of the narrower range (both widened by the tolerance) that the two have in common."""
    a, b = first.widened(tolerance), second.widened(tolerance)
    common = min(a.high, b.high) - max(a.low, b.low)
    if common <= 0:
        return Decimal(0)
    return min(Decimal(1), common / min(a.width, b.width))


def _sign_overlap(first: Material, second: Material) -> Decimal:
    signs = {first.optic_sign, second.optic_sign}
    if None in signs or OpticSign.EITHER in signs or len(signs) == 1:
        return Decimal(1)
    return Decimal(0)


def separating_test(first: Material, second: Material, readings: Measurements | None = None) -> SeparatingTest:
    """The unmeasured property whose ranges for ``first`` and ``second`` overlap least."""
    readings = readings or Measurements()
    options: list[tuple[Decimal, int, Property, str]] = []

    def offer(order: int, prop: Property, overlap: Decimal, detail: str) -> None:
        options.append((overlap, order, prop, detail))

    a, b = first.name.lower(), second.name.lower()
    if not readings.ri:
        offer(0, Property.RI, _overlap(first.ri, second.ri, RI_TOLERANCE), f"RI: {a} {first.ri}, {b} {second.ri}")
    if readings.sg is None:
        offer(1, Property.SG, _overlap(first.sg, second.sg, SG_TOLERANCE), f"SG: {a} {first.sg}, {b} {second.sg}")
    if readings.measured_birefringence is None and (first.is_doubly_refractive or second.is_doubly_refractive):
        zero = Interval(Decimal(0), Decimal(0))
        first_biref, second_biref = first.birefringence or zero, second.birefringence or zero
        offer(
            2,
            Property.BIREFRINGENCE,
            _overlap(first_biref, second_biref, BIREFRINGENCE_TOLERANCE),
            f"birefringence: {a} {first_biref}, {b} {second_biref}",
        )
    if readings.optic_character is None:
        isotropic = {OpticCharacter.SINGLY_REFRACTIVE, OpticCharacter.AMORPHOUS}
        same = (
            first.optic_character is second.optic_character
            or {
                first.optic_character,
                second.optic_character,
            }
            <= isotropic
        )
        offer(
            3,
            Property.OPTIC_CHARACTER,
            Decimal(1) if same else Decimal(0),
            f"polariscope: {a} {first.optic_character.value}, {b} {second.optic_character.value}",
        )
    if readings.optic_sign is None:
        sign_a = first.optic_sign.value if first.optic_sign else "none"
        sign_b = second.optic_sign.value if second.optic_sign else "none"
        offer(4, Property.OPTIC_SIGN, _sign_overlap(first, second), f"optic sign: {a} {sign_a}, {b} {sign_b}")
    best = min(options, default=None)
    if best is not None and best[0] < 1:
        overlap, _, prop, detail = best
        verdict = "the ranges do not overlap" if overlap == 0 else f"the ranges overlap by {overlap:.0%}"
        return SeparatingTest(
            prop, f"Measure the {prop.value}: {detail}; {verdict}.", overlap.quantize(Decimal("0.01"))
        )
    if first.species == second.species and first.origin != second.origin:
        question = first.laboratory or second.laboratory or "natural or synthetic: needs a laboratory"
        return SeparatingTest(None, f"No standard test separates {a} from {b} — {question}.", Decimal(1))
    if first.species == second.species:
        return SeparatingTest(
            Property.COLOUR,
            f"{first.name} and {second.name} are both {first.species}; the variety name follows the colour.",
            Decimal(1),
        )
    return SeparatingTest(
        None,
        f"The standard tests left do not separate {a} from {b}; spectroscopy, magnification or a laboratory must.",
        Decimal(1),
    )
