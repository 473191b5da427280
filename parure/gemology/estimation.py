"""Estimating a stone's carat weight from its measurements, as for a stone that is mounted.

``estimate_carat_weight`` applies the published trade formula for the shape (factors and
their sources in ``tables``), the girdle-thickness adjustment of Gemgate's table, an optional
shape correction, and, for a coloured stone, the ratio of its specific gravity to diamond's
(3.52). The result carries the value, the formula in words and in numbers, the factor and its
source, and an honest precision.

Rules stated once:

* Length-to-width tables are read by linear interpolation between rows. Gemgate picks the
  nearest row; interpolation agrees with it at every row and avoids the jump (up to 8%) at
  the midpoint between rows that would let a wider stone estimate lighter. Beyond the first
  or last row the end factor is used for up to 0.25 of ratio; further out the stone is refused.
* The estimate is rounded half-up to 0.01 ct: 6.5 × 6.5 × 3.9 × 0.0061 = 1.0051 → 1.01 ct.
  GIA's reporting rule (truncate unless the thousandth is 9, see ``weight``) is for a stone
  weighed on a balance and does not apply to an estimate, which is ±5–15% anyway.
* Precision: ±10% for a mounted stone (measurements through the setting), ±5% for a loose
  one; +5% for shapes whose factor is an approximation (radiant, cushion); +5% and the
  half-spread of the species' SG for coloured stones, which are cut less uniformly than diamonds.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import pairwise

from parure.gemology.errors import EstimationError
from parure.gemology.materials import Material, material
from parure.gemology.quantities import DecimalInput, to_decimal, to_positive_decimal
from parure.gemology.tables import (
    A1_DIAMOND,
    ASSCHER_FACTOR,
    BAGUETTE_FACTOR,
    CUSHION_FACTOR,
    CUSHION_SG_FACTOR,
    DIAMOND_SG,
    EMERALD_TABLE,
    ESSLINGER,
    GEMGATE,
    GIRDLE_ABBREVIATIONS,
    GIRDLE_BAND_UPPER_LIMITS,
    GIRDLE_BANDS,
    GIRDLE_TABLE,
    HEART_FACTOR,
    MARQUISE_TABLE,
    MGC,
    OCTONUS,
    OVAL_FACTOR,
    PEAR_TABLE,
    PRINCESS_FACTOR,
    RATIO_TABLE_MARGIN,
    ROUND_FACTOR,
    SQUARE_RATIO_LIMIT,
    TRIANGLE_FACTOR,
    WILLIAMS,
    Girdle,
    GirdleRow,
    RatioRow,
)

MAX_DIMENSION_MM = Decimal(100)
# A round whose two diameters differ by more than this is an oval, not a round brilliant.
ROUND_OUT_OF_ROUND_LIMIT = Decimal("0.05")
GIRDLE_CORRECTION_LIMITS = (Decimal("0.90"), Decimal("1.20"))
# Esslinger: "add up to 10% for wide wings or high shoulders"; Gemgate §11.13 "additional adjustments".
SHAPE_CORRECTION_LIMITS = (Decimal("1.00"), Decimal("1.10"))
_CARAT = Decimal("0.01")
_INTERPOLATED_FACTOR_PLACES = Decimal("0.00000001")
_PERCENT = Decimal(100)


class Shape(StrEnum):
    """The shapes with a published estimation formula."""

    ROUND_BRILLIANT = "round brilliant"
    OVAL = "oval"
    PEAR = "pear"
    MARQUISE = "marquise"
    HEART = "heart"
    EMERALD = "emerald"
    ASSCHER = "asscher"
    RADIANT = "radiant"
    PRINCESS = "princess"
    CUSHION = "cushion"
    BAGUETTE = "baguette"
    TRIANGLE = "triangle"


_SHAPE_SPELLINGS = {
    "round": Shape.ROUND_BRILLIANT,
    "brilliant": Shape.ROUND_BRILLIANT,
    "rbc": Shape.ROUND_BRILLIANT,
    "round brilliant cut": Shape.ROUND_BRILLIANT,
    "step cut": Shape.EMERALD,
    "emerald cut": Shape.EMERALD,
    "navette": Shape.MARQUISE,
    "drop": Shape.PEAR,
    "pear shape": Shape.PEAR,
    "square": Shape.PRINCESS,
    "square emerald": Shape.ASSCHER,
    "trillion": Shape.TRIANGLE,
    "trilliant": Shape.TRIANGLE,
    "tapered baguette": Shape.BAGUETTE,
}
# Shapes measured across their diameter, or that are not elongated along a length.
_AVERAGE_DIAMETER_SHAPES = {Shape.ROUND_BRILLIANT, Shape.OVAL, Shape.CUSHION}
_WIDTH_MAY_EXCEED_LENGTH = {Shape.ROUND_BRILLIANT, Shape.HEART, Shape.TRIANGLE}
_SQUARE_SHAPES = {Shape.ASSCHER: ASSCHER_FACTOR, Shape.PRINCESS: PRINCESS_FACTOR}
_RATIO_TABLES: dict[Shape, tuple[tuple[RatioRow, ...], str]] = {
    Shape.EMERALD: (EMERALD_TABLE, f"{ESSLINGER}; {A1_DIAMOND}"),
    # No radiant-specific factor is published in the sources held; the radiant shares the emerald
    # cut's cut-cornered rectangular outline, and Williams's square (0.0023 × 3.52 = 0.0081) and
    # rectangular (0.0026 × 3.52 = 0.0092) factors agree with the table's 1.00 and 1.50 rows.
    Shape.RADIANT: (EMERALD_TABLE, f"{ESSLINGER} (emerald-cut table); {WILLIAMS}"),
    Shape.MARQUISE: (MARQUISE_TABLE, f"{GEMGATE}; {A1_DIAMOND}"),
    Shape.PEAR: (PEAR_TABLE, f"{ESSLINGER}; {A1_DIAMOND}"),
}
_APPROXIMATE_SHAPES = {Shape.RADIANT, Shape.CUSHION}


def shape(text: Shape | str) -> Shape:
    """Read a shape name ("round", "Emerald cut", "trillion"), or refuse listing the shapes."""
    if isinstance(text, Shape):
        return text
    squashed = " ".join(text.split()).lower().replace("-", " ")
    for item in Shape:
        if squashed in (item.value, f"{item.value} cut"):
            return item
    if squashed in _SHAPE_SPELLINGS:
        return _SHAPE_SPELLINGS[squashed]
    raise EstimationError(
        f"‘{text.strip()}’ is not a shape with a published estimation formula; shapes are "
        f"{', '.join(item.value for item in Shape)}."
    )


def girdle_row(text: str) -> GirdleRow:
    """The GTA-table row for a girdle description: "medium", "thin to medium", "TN-STK"."""
    words = " ".join(text.replace("–", "-").split()).lower()
    for suffix in ("(faceted)", "(polished)", "(bruted)", "faceted", "polished", "bruted"):
        words = words.removesuffix(suffix).strip()
    parts = [part.strip() for part in words.replace("-to-", "-").replace(" to ", "-").split("-") if part.strip()]
    if not 1 <= len(parts) <= 2:
        raise EstimationError(f"‘{text.strip()}’ is not a girdle description such as ‘medium’ or ‘thin to medium’.")
    grades = [_girdle_grade(part, text) for part in parts]
    order = list(Girdle)
    thinnest, thickest = sorted((grades[0], grades[-1]), key=order.index)
    for row in GIRDLE_TABLE:
        if (row.thinnest, row.thickest) == (thinnest, thickest):
            return row
    span = thinnest.value if thinnest is thickest else f"{thinnest.value} to {thickest.value}"
    raise EstimationError(
        f"A {span} girdle is not in the girdle table this estimate follows (Gemgate/Adamas); "
        "judge the adjustment and give it as girdle_correction (e.g. 1.05 for +5%)."
    )


def _girdle_grade(part: str, original: str) -> Girdle:
    if part in GIRDLE_ABBREVIATIONS:
        return GIRDLE_ABBREVIATIONS[part]
    for item in Girdle:
        if part == item.value:
            return item
    raise EstimationError(
        f"‘{original.strip()}’ is not a girdle description; girdle words are {', '.join(g.value for g in Girdle)}."
    )


def girdle_band(diameter_mm: Decimal) -> int:
    """The column of the GTA table for an average diameter (or a fancy shape's width)."""
    for index, limit in enumerate(GIRDLE_BAND_UPPER_LIMITS):
        if diameter_mm <= limit if index == 0 else diameter_mm < limit:
            return index
    return len(GIRDLE_BAND_UPPER_LIMITS)


def ratio_factor(table: tuple[RatioRow, ...], ratio: Decimal) -> Decimal:
    """The factor for ``ratio``: a table row, interpolated between rows, the end row just beyond."""
    if ratio <= table[0].ratio:
        return table[0].factor
    if ratio >= table[-1].ratio:
        return table[-1].factor
    for lower, upper in pairwise(table):
        if lower.ratio <= ratio <= upper.ratio:
            share = (ratio - lower.ratio) / (upper.ratio - lower.ratio)
            interpolated = lower.factor + share * (upper.factor - lower.factor)
            # Eight places keep the printed calculation exact at a negligible cost (under 0.0002%).
            return interpolated.quantize(_INTERPOLATED_FACTOR_PLACES, rounding=ROUND_HALF_UP).normalize()
    raise AssertionError("unreachable: the ratio lies between the first and last rows")


@dataclass(frozen=True)
class WeightEstimate:
    """An estimated carat weight and everything needed to check it."""

    shape: Shape
    carats: Decimal
    unrounded_carats: Decimal
    low_carats: Decimal
    high_carats: Decimal
    precision_percent: Decimal
    formula: str
    calculation: str
    factor: Decimal
    factor_source: str
    length_to_width: Decimal | None
    girdle_correction: Decimal
    girdle_basis: str
    shape_correction: Decimal
    material: Material
    specific_gravity_ratio: Decimal | None
    notes: tuple[str, ...]


def _article(cut: Shape) -> str:
    return "an" if cut.value[0] in "aeiou" else "a"


def _dimension(value: DecimalInput, name: str) -> Decimal:
    size = to_positive_decimal(value, field=f"The {name}", error=EstimationError)
    if size > MAX_DIMENSION_MM:
        raise EstimationError(f"The {name} of {size} mm is over {MAX_DIMENSION_MM} mm; check the measurement.")
    return size


def _correction(value: DecimalInput, name: str, limits: tuple[Decimal, Decimal]) -> Decimal:
    multiplier = to_decimal(value, field=f"The {name}", error=EstimationError)
    low, high = limits
    if not low <= multiplier <= high:
        raise EstimationError(f"The {name} must lie between {low} and {high} (a multiplier); {multiplier} was given.")
    return multiplier


def _round_carats(value: Decimal) -> Decimal:
    return value.quantize(_CARAT, rounding=ROUND_HALF_UP)


def estimate_carat_weight(
    shape_name: Shape | str,
    *,
    length_mm: DecimalInput,
    width_mm: DecimalInput | None = None,
    depth_mm: DecimalInput,
    girdle: str = "medium",
    girdle_correction: DecimalInput | None = None,
    shape_correction: DecimalInput = "1",
    material_key: str = "diamond",
    mounted: bool = True,
    tapered_width_mm: DecimalInput | None = None,
) -> WeightEstimate:
    """Estimate the carat weight of a stone from its measurements in millimetres.

    ``length_mm`` and ``width_mm`` are the longest and shortest face-up measurements (for a
    round brilliant, the largest and smallest diameters; ``width_mm`` may be left out);
    ``depth_mm`` is table to culet. ``girdle`` is looked up in the Gemgate table unless
    ``girdle_correction`` gives the multiplier directly. ``shape_correction`` (1.00–1.10) is
    the estimator's allowance for bulging wings or high shoulders. ``material_key`` names a
    row of the materials table; anything but diamond is scaled by its SG.
    """
    cut = shape(shape_name)
    length = _dimension(length_mm, "length")
    if width_mm is None and cut is not Shape.ROUND_BRILLIANT:
        raise EstimationError(f"{_article(cut).capitalize()} {cut.value} needs its width as well as its length.")
    width = length if width_mm is None else _dimension(width_mm, "width")
    depth = _dimension(depth_mm, "depth")
    if cut is Shape.ROUND_BRILLIANT:
        length, width = max(length, width), min(length, width)
        if (length - width) / width > ROUND_OUT_OF_ROUND_LIMIT:
            raise EstimationError(
                f"Diameters of {width} and {length} mm differ by more than 5%: that is not a round brilliant; "
                "measure again or estimate it as an oval."
            )
        if depth > width:
            raise EstimationError(
                f"A round brilliant cannot be deeper ({depth} mm) than its diameter ({width} mm); check the depth."
            )
    else:
        if length < width and cut not in _WIDTH_MAY_EXCEED_LENGTH:
            raise EstimationError(
                f"The length of {_article(cut)} {cut.value} is its longer side: "
                f"{length} mm is less than the width {width} mm."
            )
        if depth > min(length, width):
            raise EstimationError(
                f"{_article(cut).capitalize()} {cut.value} cannot be deeper ({depth} mm) "
                f"than it is wide ({min(length, width)} mm); check the depth."
            )
    ratio = length / width
    notes: list[str] = []
    factor, source, formula, base, figures = _base_weight(cut, length, width, depth, ratio, tapered_width_mm, notes)

    band_measure = (length + width) / 2 if cut in _AVERAGE_DIAMETER_SHAPES else width
    if girdle_correction is not None:
        girdle_multiplier = _correction(girdle_correction, "girdle correction", GIRDLE_CORRECTION_LIMITS)
        girdle_basis = "girdle correction given by the estimator"
    else:
        row = girdle_row(girdle)
        band = girdle_band(band_measure)
        girdle_multiplier = row.multipliers[band]
        girdle_basis = f"Gemgate/Adamas GTA table: girdle averages {row.average}, {GIRDLE_BANDS[band]} column"
        if band == 0 and band_measure < Decimal("3.1") and girdle_multiplier != 1:
            notes.append("The girdle table starts at 3.1 mm; its smallest column was used.")
    shape_multiplier = _correction(shape_correction, "shape correction", SHAPE_CORRECTION_LIMITS)

    stone = material(material_key)
    sg_ratio: Decimal | None = None
    precision = Decimal(10) if mounted else Decimal(5)
    if cut in _APPROXIMATE_SHAPES:
        precision += 5
    if stone.key != "diamond":
        sg_ratio = stone.sg_typical / DIAMOND_SG
        spread = (stone.sg.high - stone.sg.low) / 2 / stone.sg_typical * _PERCENT
        precision += 5 + spread.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        notes.append(
            f"Diamond formula scaled by specific gravity: {stone.name} SG {stone.sg_typical} ÷ diamond {DIAMOND_SG} "
            f"= {sg_ratio.quantize(Decimal('0.001'))} (SG from the materials table, {stone.source})."
        )

    unrounded = base * girdle_multiplier * shape_multiplier * (sg_ratio or 1)
    carats = _round_carats(unrounded)
    parts = [figures, str(factor)]
    words = [formula, "factor"]
    if girdle_multiplier != 1:
        parts.append(f"{girdle_multiplier} (girdle)")
        words.append("girdle adjustment")
    if shape_multiplier != 1:
        parts.append(f"{shape_multiplier} (shape)")
        words.append("shape correction")
    if sg_ratio is not None:
        parts.append(f"{stone.sg_typical} ÷ {DIAMOND_SG} (SG)")
        words.append("SG ÷ 3.52")
    calculation = (
        f"{' × '.join(parts)} = {unrounded.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP)} ct "
        f"→ {carats} ct (rounded half-up to 0.01 ct)"
    )
    if carats == 0:
        notes.append("Under 0.005 ct: quote it in points or as part of a total weight.")
    spread_factor = precision / _PERCENT
    return WeightEstimate(
        shape=cut,
        carats=carats,
        unrounded_carats=unrounded,
        low_carats=_round_carats(unrounded * (1 - spread_factor)),
        high_carats=_round_carats(unrounded * (1 + spread_factor)),
        precision_percent=precision,
        formula=" × ".join(words),
        calculation=calculation,
        factor=factor,
        factor_source=source,
        length_to_width=None if cut in _AVERAGE_DIAMETER_SHAPES else ratio.quantize(Decimal("0.01")),
        girdle_correction=girdle_multiplier,
        girdle_basis=girdle_basis,
        shape_correction=shape_multiplier,
        material=stone,
        specific_gravity_ratio=sg_ratio,
        notes=tuple(notes),
    )


def _base_weight(
    cut: Shape,
    length: Decimal,
    width: Decimal,
    depth: Decimal,
    ratio: Decimal,
    tapered_width_mm: DecimalInput | None,
    notes: list[str],
) -> tuple[Decimal, str, str, Decimal, str]:
    """Factor, source, formula words, length × width × depth × factor, and the figures as text."""
    if cut in _AVERAGE_DIAMETER_SHAPES:
        diameter = (length + width) / 2
        factor, source = {
            Shape.ROUND_BRILLIANT: (ROUND_FACTOR, f"{GEMGATE}; {A1_DIAMOND}; {ESSLINGER}"),
            Shape.OVAL: (OVAL_FACTOR, f"{GEMGATE}; {A1_DIAMOND}; {ESSLINGER}"),
            Shape.CUSHION: (CUSHION_FACTOR, f"{WILLIAMS} ({CUSHION_SG_FACTOR} × SG {DIAMOND_SG})"),
        }[cut]
        return (
            factor,
            source,
            "average diameter² × depth",
            diameter * diameter * depth * factor,
            f"{diameter}² × {depth}",
        )
    if tapered_width_mm is not None and cut is not Shape.BAGUETTE:
        raise EstimationError(
            f"Only a baguette has a tapered width; leave tapered_width_mm out for {_article(cut)} {cut.value}."
        )
    if cut in _SQUARE_SHAPES:
        if ratio > SQUARE_RATIO_LIMIT:
            advice = "an emerald cut" if cut is Shape.ASSCHER else "a radiant"
            raise EstimationError(
                f"{_article(cut).capitalize()} {cut.value} is square; "
                f"at a length-to-width ratio of {ratio.quantize(Decimal('0.01'))} "
                f"(over {SQUARE_RATIO_LIMIT}) estimate it as {advice}."
            )
        factor = _SQUARE_SHAPES[cut]
        return factor, MGC, "length × width × depth", length * width * depth * factor, f"{length} × {width} × {depth}"
    if cut in _RATIO_TABLES:
        table, source = _RATIO_TABLES[cut]
        first, last = table[0].ratio, table[-1].ratio
        if ratio < first - RATIO_TABLE_MARGIN or ratio > last + RATIO_TABLE_MARGIN:
            raise EstimationError(
                f"A length-to-width ratio of {ratio.quantize(Decimal('0.01'))} is outside the {cut.value} table "
                f"({first} to {last}); check the measurements or the shape."
            )
        factor = ratio_factor(table, ratio)
        if not any(row.ratio == ratio for row in table) and first < ratio < last:
            notes.append(f"Factor interpolated between the table's rows for L:W {ratio.quantize(Decimal('0.01'))}.")
        if cut is Shape.RADIANT:
            notes.append("Radiant estimated with the emerald-cut table; no radiant-specific factor is published.")
        return (
            factor,
            source,
            "length × width × depth",
            length * width * depth * factor,
            f"{length} × {width} × {depth}",
        )
    if cut is Shape.BAGUETTE:
        mean_width = width
        figures = f"{length} × {width} × {depth}"
        if tapered_width_mm is not None:
            narrow = _dimension(tapered_width_mm, "tapered width")
            if narrow > width:
                raise EstimationError(f"The narrow end ({narrow} mm) of a tapered baguette cannot exceed its width.")
            mean_width = (width + narrow) / 2
            figures = f"{length} × {mean_width} × {depth}"
        factor = BAGUETTE_FACTOR
        return factor, OCTONUS, "length × mean width × depth", length * mean_width * depth * factor, figures
    factor = HEART_FACTOR if cut is Shape.HEART else TRIANGLE_FACTOR
    return (
        factor,
        f"{ESSLINGER}; {OCTONUS}",
        "length × width × depth",
        length * width * depth * factor,
        (f"{length} × {width} × {depth}"),
    )
