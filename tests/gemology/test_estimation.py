"""Carat-weight estimation, checked against the publications the factors come from.

* Gemgate, "Estimating Mounted Diamond Weight" (§11.07–11.14): round and oval formulas, the
  marquise L:W table, the girdle thickness adjustment (GTA) table and its worked examples.
* Esslinger & Co., "Stone Weight Estimation Formula" (2014): emerald and pear L:W tables,
  heart 0.0059, triangle 0.0057; a1-diamond.com prints the same emerald and pear rows.
* OctoNus 3D book: baguette 0.00915. MGC Labs: square princess 0.0083, square emerald 0.0080.
* R. J. Williams (Dendritics "Standard Formula"): rectangular cushion 0.0022 × SG.
"""

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parure.gemology import tables
from parure.gemology.errors import EstimationError
from parure.gemology.estimation import (
    Shape,
    WeightEstimate,
    estimate_carat_weight,
    girdle_band,
    girdle_row,
    ratio_factor,
    shape,
)


def _estimate(cut: str, length: str, width: str | None, depth: str, **options: object) -> WeightEstimate:
    return estimate_carat_weight(cut, length_mm=length, width_mm=width, depth_mm=depth, **options)  # type: ignore[arg-type]


# --- worked examples ------------------------------------------------------------------


def test_brief_example_round_6_5_mm_3_9_deep() -> None:
    estimate = _estimate("round", "6.5", None, "3.9")
    assert estimate.unrounded_carats == Decimal("1.0051275")  # 6.5² × 3.9 × 0.0061
    assert estimate.carats == Decimal("1.01")  # rounded half-up, as the module states
    assert estimate.factor == Decimal("0.0061")
    assert estimate.calculation == "6.5² × 3.9 × 0.0061 = 1.0051 ct → 1.01 ct (rounded half-up to 0.01 ct)"
    assert estimate.formula == "average diameter² × depth × factor"
    assert (estimate.precision_percent, estimate.low_carats, estimate.high_carats) == (
        Decimal(10),
        Decimal("0.90"),
        Decimal("1.11"),
    )


def test_gemgate_round_example_medium_girdle() -> None:
    """Gemgate §11.11 example 1: 6.05–6.11 × 3.63 mm, medium girdle, '.8185 rounded up to .82 carat'."""
    estimate = _estimate("round brilliant", "6.05", "6.11", "3.63")
    assert estimate.unrounded_carats == Decimal("0.8185469952")
    assert estimate.carats == Decimal("0.82")
    assert estimate.girdle_correction == 1


def test_gemgate_round_example_slightly_thick_girdle() -> None:
    """Gemgate §11.11 example 3: the same stone with a slightly thick girdle takes 1.02: '.8349 … .83 carat'."""
    estimate = _estimate("round", "6.05", "6.11", "3.63", girdle="slightly thick")
    assert estimate.girdle_correction == Decimal("1.02")
    assert estimate.unrounded_carats == Decimal("0.834917935104")
    assert estimate.carats == Decimal("0.83")


def test_gemgate_round_example_two() -> None:
    """Gemgate §11.11 example 2: 7.02–7.17 × 4.47 mm, medium: '1.374 rounded down to 1.37 carat'."""
    assert _estimate("round", "7.17", "7.02", "4.47").carats == Decimal("1.37")


def test_gemgate_oval_example_with_estimator_corrections() -> None:
    """Gemgate oval example 1: 8.06 × 5.89 × 3.98, GTA 1.07, squarish 1.03: '1.325 rounded to 1.32'.

    Its "Extremely Thick –" girdle is not a row we hold, so the estimator gives the 1.07.
    """
    estimate = _estimate("oval", "8.06", "5.89", "3.98", girdle_correction="1.07", shape_correction="1.03")
    assert estimate.unrounded_carats == Decimal("1.32307416067725")
    assert estimate.carats == Decimal("1.32")
    assert estimate.girdle_basis == "girdle correction given by the estimator"


def test_gemgate_oval_example_medium_plus_girdle() -> None:
    """Gemgate oval example 2: 4.82 × 3.02 × 1.92, Medium + (1.015 for 3.92 mm): 0.1857.

    Gemgate prints 0.18 (it cut the figure); this library rounds half-up and prints 0.19.
    """
    estimate = _estimate("oval", "4.82", "3.02", "1.92", girdle="medium to slightly thick")
    assert estimate.girdle_correction == Decimal("1.015")
    assert estimate.girdle_basis == "Gemgate/Adamas GTA table: girdle averages Medium +, 3.1–4.1 mm column"
    assert estimate.unrounded_carats.quantize(Decimal("0.0001")) == Decimal("0.1857")
    assert estimate.carats == Decimal("0.19")


def test_gemgate_marquise_example() -> None:
    """Gemgate marquise example 1: 10.24 × 6.11 × 4.75, L:W 1.68, Thick + (1.035): '1.753 rounded to 1.75'.

    Gemgate takes the nearest row (0.0057); interpolation gives 0.00568519 and the same 1.75.
    """
    estimate = _estimate("marquise", "10.24", "6.11", "4.75", girdle="extremely thin to extremely thick")
    assert estimate.girdle_correction == Decimal("1.035")
    assert estimate.length_to_width == Decimal("1.68")
    assert estimate.factor == Decimal("0.00568519")
    assert estimate.carats == Decimal("1.75")
    nearest_row = Decimal("10.24") * Decimal("6.11") * Decimal("4.75") * Decimal("0.0057") * Decimal("1.035")
    assert nearest_row.quantize(Decimal("0.01")) == estimate.carats


# --- published factors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "factor"),
    [("1.00", "0.0080"), ("1.50", "0.0092"), ("2.00", "0.0100"), ("2.50", "0.0106")],
)
def test_emerald_table_follows_esslinger(ratio: str, factor: str) -> None:
    width = Decimal(6)
    estimate = _estimate("emerald", str(width * Decimal(ratio)), str(width), "4")
    assert estimate.factor == Decimal(factor)
    assert (tables.RatioRow(Decimal(ratio), Decimal(factor))) in tables.EMERALD_TABLE


@pytest.mark.parametrize(
    ("ratio", "factor"),
    [
        ("1.50", "0.00565"),
        ("1.75", "0.00570"),
        ("2.00", "0.00580"),
        ("2.25", "0.00583"),
        ("2.50", "0.00585"),
        ("2.75", "0.00590"),
        ("3.00", "0.00595"),
    ],
)
def test_marquise_table_follows_gemgate(ratio: str, factor: str) -> None:
    width = Decimal(4)
    estimate = _estimate("marquise", str(width * Decimal(ratio)), str(width), "2.4")
    assert estimate.factor == Decimal(factor)


@pytest.mark.parametrize(
    ("ratio", "factor"),
    [("1.25", "0.00615"), ("1.50", "0.00600"), ("1.66", "0.00590"), ("2.00", "0.00575")],
)
def test_pear_table_follows_esslinger(ratio: str, factor: str) -> None:
    width = Decimal(5)
    estimate = _estimate("pear", str(width * Decimal(ratio)), str(width), "3")
    assert estimate.factor == Decimal(factor)


@pytest.mark.parametrize(
    ("cut", "length", "width", "factor"),
    [
        ("heart", "7", "7.5", "0.0059"),  # Esslinger; OctoNus
        ("triangle", "7", "7", "0.0057"),  # Esslinger; OctoNus
        ("baguette", "5", "2.5", "0.00915"),  # OctoNus
        ("princess", "5.5", "5.4", "0.0083"),  # MGC Labs, square princess
        ("asscher", "6", "6", "0.0080"),  # MGC Labs, square emerald cut
        ("oval", "8", "6", "0.0062"),  # Gemgate, a1-diamond, Esslinger
        ("cushion", "7", "6.5", "0.007744"),  # Williams: 0.0022 × SG 3.52
    ],
)
def test_single_factor_shapes(cut: str, length: str, width: str, factor: str) -> None:
    assert _estimate(cut, length, width, "2").factor == Decimal(factor)


def test_radiant_uses_the_emerald_table_and_says_so() -> None:
    estimate = _estimate("radiant", "7.5", "5", "3.5")
    assert estimate.factor == Decimal("0.0092")
    assert estimate.precision_percent == Decimal(15)
    assert "Radiant estimated with the emerald-cut table; no radiant-specific factor is published." in estimate.notes


def test_tapered_baguette_uses_the_mean_of_its_ends() -> None:
    estimate = _estimate("baguette", "5", "2.5", "1.8", tapered_width_mm="1.5")
    assert estimate.unrounded_carats == Decimal(5) * Decimal(2) * Decimal("1.8") * Decimal("0.00915")


def test_between_rows_the_factor_is_interpolated() -> None:
    assert ratio_factor(tables.EMERALD_TABLE, Decimal("1.25")) == Decimal("0.0086")
    assert ratio_factor(tables.EMERALD_TABLE, Decimal("2.60")) == Decimal("0.0106")  # just past the last row
    assert ratio_factor(tables.PEAR_TABLE, Decimal("1.20")) == Decimal("0.00615")  # just before the first


# --- the girdle table -------------------------------------------------------------------

# Gemgate/Adamas GTA table rows: girdle range, the average it counts as, 3.1–4.1 / 4.15–6.90 / 7.00+ mm.
GEMGATE_GIRDLE_ROWS = [
    ("extremely thin", "Extremely Thin", ("0.97", "0.96", "0.95")),
    ("extremely thin to thin", "Thin –", ("0.98", "0.97", "0.965")),
    ("extremely thin to medium", "Thin", ("0.985", "0.98", "0.975")),
    ("extremely thin to slightly thick", "Medium –", ("0.99", "0.985", "0.98")),
    ("extremely thin to thick", "Slightly Thick –", ("1.025", "1.015", "1.005")),
    ("extremely thin to very thick", "Thick", ("1.04", "1.03", "1.02")),
    ("extremely thin to extremely thick", "Thick +", ("1.045", "1.035", "1.025")),
    ("thin", "Thin", ("0.985", "0.98", "0.975")),
    ("thin to medium", "Medium –", ("0.99", "0.985", "0.98")),
    ("thin to slightly thick", "Medium", ("1", "1", "1")),
    ("thin to thick", "Slightly Thick", ("1.03", "1.02", "1.01")),
    ("thin to very thick", "Thick –", ("1.035", "1.025", "1.015")),
    ("thin to extremely thick", "Very Thick –", ("1.07", "1.05", "1.035")),
    ("medium", "Medium", ("1", "1", "1")),
    ("medium to slightly thick", "Medium +", ("1.015", "1.01", "1.005")),  # page misprints 1.05 in the last column
    ("medium to thick", "Slightly Thick", ("1.03", "1.02", "1.01")),
    ("slightly thick", "Slightly Thick", ("1.03", "1.02", "1.01")),
    ("thick", "Thick", ("1.04", "1.03", "1.02")),
]


@pytest.mark.parametrize(("girdle", "average", "multipliers"), GEMGATE_GIRDLE_ROWS)
def test_girdle_table_follows_gemgate(girdle: str, average: str, multipliers: tuple[str, str, str]) -> None:
    row = girdle_row(girdle)
    assert row.average == average
    assert row.multipliers == tuple(Decimal(value) for value in multipliers)
    for diameter, expected in zip(("3.5", "5.5", "8"), multipliers, strict=True):
        width = Decimal(diameter)
        estimate = _estimate("round", diameter, None, str(width * Decimal("0.6")), girdle=girdle)
        assert estimate.girdle_correction == Decimal(expected)


@pytest.mark.parametrize(
    ("diameter", "band"), [("3.0", 0), ("4.10", 0), ("4.11", 1), ("4.15", 1), ("6.90", 1), ("6.99", 1), ("7.00", 2)]
)
def test_girdle_bands_by_diameter(diameter: str, band: int) -> None:
    assert girdle_band(Decimal(diameter)) == band


@pytest.mark.parametrize("spelling", ["TN-M", "thin - medium", "Medium to Thin", "thin to medium (faceted)", "THN-MED"])
def test_girdle_spellings(spelling: str) -> None:
    assert girdle_row(spelling).average == "Medium –"


def test_girdle_range_written_with_hyphens() -> None:
    assert girdle_row("medium-to-thick").average == "Slightly Thick"


def test_fancy_shapes_take_the_girdle_column_from_their_width() -> None:
    # 10 × 4 mm marquise: the width (4 mm) puts it in the first column.
    assert _estimate("marquise", "10", "4", "2.4", girdle="thick").girdle_correction == Decimal("1.04")


def test_girdle_not_in_the_table_is_refused_with_the_way_out() -> None:
    with pytest.raises(EstimationError) as refusal:
        _estimate("round", "6.5", None, "3.9", girdle="thick to very thick")
    assert str(refusal.value) == (
        "A thick to very thick girdle is not in the girdle table this estimate follows (Gemgate/Adamas); "
        "judge the adjustment and give it as girdle_correction (e.g. 1.05 for +5%)."
    )
    assert _estimate("round", "6.5", None, "3.9", girdle_correction="1.05").girdle_correction == Decimal("1.05")


def test_unknown_girdle_word_is_refused() -> None:
    with pytest.raises(EstimationError) as refusal:
        girdle_row("chunky")
    assert str(refusal.value) == (
        "‘chunky’ is not a girdle description; girdle words are extremely thin, very thin, thin, medium, "
        "slightly thick, thick, very thick, extremely thick."
    )


# --- coloured stones and precision ------------------------------------------------------


def test_coloured_stone_is_scaled_by_specific_gravity_and_says_so() -> None:
    diamond = _estimate("round", "6.5", None, "3.9")
    ruby = _estimate("round", "6.5", None, "3.9", material_key="ruby")
    assert ruby.specific_gravity_ratio == Decimal("4.00") / Decimal("3.52")
    assert ruby.unrounded_carats == diamond.unrounded_carats * Decimal("4.00") / Decimal("3.52")
    assert ruby.carats == Decimal("1.14")
    assert ruby.notes[-1].startswith(
        "Diamond formula scaled by specific gravity: Ruby (corundum) SG 4.00 ÷ diamond 3.52 = 1.136"
    )
    # ±10% mounted, +5% for coloured-stone cutting, +1% for corundum's SG spread 3.95–4.05.
    assert ruby.precision_percent == Decimal(16)
    assert ruby.formula == "average diameter² × depth × factor × SG ÷ 3.52"


def test_loose_stone_is_more_precise_than_mounted() -> None:
    assert _estimate("round", "6.5", None, "3.9", mounted=False).precision_percent == Decimal(5)


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cut", "length", "width", "depth", "options", "message"),
    [
        (
            "round", "6.5", None, "7", {},
            "A round brilliant cannot be deeper (7 mm) than its diameter (6.5 mm); check the depth.",
        ),
        ("round", "0", None, "3", {}, "The length must be greater than zero; 0 was given."),
        ("round", "-6.5", None, "3", {}, "The length must be greater than zero; -6.5 was given."),
        ("round", "101", None, "3", {}, "The length of 101 mm is over 100 mm; check the measurement."),
        ("oval", "8", "6", "120", {}, "The depth of 120 mm is over 100 mm; check the measurement."),
        ("pear", "5", "6", "3", {}, "The length of a pear is its longer side: 5 mm is less than the width 6 mm."),
        (
            "emerald", "8", "6", "6.5", {},
            "An emerald cannot be deeper (6.5 mm) than it is wide (6 mm); check the depth.",
        ),
        ("pear", "8", None, "3", {}, "A pear needs its width as well as its length."),
        (
            "round", "6.5", "6.0", "3.9", {},
            "Diameters of 6.0 and 6.5 mm differ by more than 5%: that is not a round brilliant; "
            "measure again or estimate it as an oval.",
        ),
        (
            "princess", "7", "5", "3", {},
            "A princess is square; at a length-to-width ratio of 1.40 (over 1.10) estimate it as a radiant.",
        ),
        (
            "marquise", "16", "4", "2.4", {},
            "A length-to-width ratio of 4.00 is outside the marquise table (1.50 to 3.00); "
            "check the measurements or the shape.",
        ),
        (
            "round", "6.5", None, "3.9", {"girdle_correction": "2"},
            "The girdle correction must lie between 0.90 and 1.20 (a multiplier); 2 was given.",
        ),
        (
            "round", "6.5", None, "3.9", {"shape_correction": "0.8"},
            "The shape correction must lie between 1.00 and 1.10 (a multiplier); 0.8 was given.",
        ),
        (
            "baguette", "5", "2", "1.5", {"tapered_width_mm": "3"},
            "The narrow end (3 mm) of a tapered baguette cannot exceed its width.",
        ),
        (
            "emerald", "8", "6", "4", {"tapered_width_mm": "3"},
            "Only a baguette has a tapered width; leave tapered_width_mm out for an emerald.",
        ),
    ],
)  # fmt: skip
def test_impossible_measurements_are_refused(
    cut: str, length: str, width: str | None, depth: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(EstimationError) as refusal:
        _estimate(cut, length, width, depth, **options)
    assert str(refusal.value) == message


def test_unknown_shape_and_material_are_refused() -> None:
    with pytest.raises(EstimationError) as unknown:
        shape("rose cut")
    assert str(unknown.value) == (
        "‘rose cut’ is not a shape with a published estimation formula; shapes are round brilliant, oval, pear, "
        "marquise, heart, emerald, asscher, radiant, princess, cushion, baguette, triangle."
    )
    with pytest.raises(Exception, match="‘unobtainium’ is not a material in the table"):
        _estimate("round", "6.5", None, "3.9", material_key="unobtainium")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Round", Shape.ROUND_BRILLIANT),
        ("emerald cut", Shape.EMERALD),
        ("Trillion", Shape.TRIANGLE),
        ("navette", Shape.MARQUISE),
    ],
)
def test_shape_spellings(typed: str, expected: Shape) -> None:
    assert shape(typed) is expected


# --- properties (hypothesis) ------------------------------------------------------------

# For each shape, the length-to-width ratios its formula accepts.
RATIOS: dict[Shape, tuple[str, str]] = {
    Shape.ROUND_BRILLIANT: ("1", "1.05"),
    Shape.OVAL: ("1", "2"),
    Shape.CUSHION: ("1", "1.5"),
    Shape.PEAR: ("1.05", "2.2"),
    Shape.MARQUISE: ("1.3", "3.2"),
    Shape.EMERALD: ("1", "2.7"),
    Shape.RADIANT: ("1", "2.7"),
    Shape.ASSCHER: ("1", "1.1"),
    Shape.PRINCESS: ("1", "1.1"),
    Shape.HEART: ("0.8", "1.2"),
    Shape.TRIANGLE: ("0.8", "1.2"),
    Shape.BAGUETTE: ("1.2", "4"),
}
mm = st.decimals(min_value="1", max_value="40", places=2)


@st.composite
def stones(draw: st.DrawFn) -> tuple[Shape, Decimal, Decimal, Decimal]:
    cut = draw(st.sampled_from(list(Shape)))
    low, high = RATIOS[cut]
    width = draw(mm)
    ratio = draw(st.decimals(min_value=low, max_value=high, places=3))
    length = (width * ratio).quantize(Decimal("0.01"))
    depth = draw(st.decimals(min_value=Decimal("0.3"), max_value=Decimal("0.95"), places=2)) * min(length, width)
    return cut, length, width, depth.quantize(Decimal("0.01"))


def _weight(cut: Shape, length: Decimal, width: Decimal, depth: Decimal) -> Decimal | None:
    try:
        return estimate_carat_weight(cut, length_mm=length, width_mm=width, depth_mm=depth).unrounded_carats
    except EstimationError:
        return None


@settings(max_examples=300, deadline=None)
@given(stone=stones(), which=st.sampled_from(["length", "width", "depth"]), grow=st.decimals("0.01", "5", places=2))
def test_estimated_weight_grows_with_each_dimension(
    stone: tuple[Shape, Decimal, Decimal, Decimal], which: str, grow: Decimal
) -> None:
    cut, length, width, depth = stone
    before = _weight(cut, length, width, depth)
    assume(before is not None)
    larger = {
        "length": (length + grow, width, depth),
        "width": (length, width + grow, depth),
        "depth": (length, width, depth + grow),
    }[which]
    after = _weight(cut, *larger)
    assume(after is not None)  # growing one side may leave the shape's accepted proportions
    assert before is not None and after is not None
    assert after > before


@settings(max_examples=200, deadline=None)
@given(stone=stones())
def test_doubling_every_dimension_multiplies_the_weight_by_eight(
    stone: tuple[Shape, Decimal, Decimal, Decimal],
) -> None:
    cut, length, width, depth = stone
    assume(max(length, width, depth) <= 50)
    before = _weight(cut, length, width, depth)
    assume(before is not None)
    after = _weight(cut, 2 * length, 2 * width, 2 * depth)
    assert before is not None and after == 8 * before
