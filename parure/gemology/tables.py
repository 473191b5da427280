"""Published factors for estimating a cut stone's carat weight from its measurements.

Each constant names the publication it is taken from; ``estimation`` uses them and the tests
check them against the same publications. Factors are for diamond (SG 3.52) and millimetres:
carats = length × width × depth × factor, or average diameter² × depth × factor.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

GEMGATE = (
    "Gemgate, 'Estimating Mounted Diamond Weight' (diamond course §11.07–11.14, gemgate.com); "
    "girdle table courtesy of Adamas Gemological Laboratory"
)
ESSLINGER = "Esslinger & Co., 'Stone Weight Estimation Formula' (2014, blog.esslinger.com)"
A1_DIAMOND = "a1-diamond.com, 'Formula for Calculating the Weight' (after Scharfenberg, 1931)"
OCTONUS = "OctoNus, 'Mounted diamonds weight determination: weight estimation formulas' (3dbook.octonus.com)"
MGC = "MGC Labs, 'Princess cut' and 'Emerald cut' weight calculation (mgc-labs.ru)"
WILLIAMS = "R. J. Williams, coloured-stone standard formulas, as published by Dendritics ('Standard Formula')"

DIAMOND_SG = Decimal("3.52")

# Round brilliant: average diameter² × depth × 0.0061 (Gemgate §11.11, a1-diamond, Esslinger, OctoNus agree).
ROUND_FACTOR = Decimal("0.0061")
# Oval: average of length and width, squared, × depth × 0.0062 (Gemgate oval page, a1-diamond, Esslinger).
OVAL_FACTOR = Decimal("0.0062")
# Heart 0.0059 and triangle 0.0057 on length × width × depth (Esslinger; OctoNus gives the same).
HEART_FACTOR = Decimal("0.0059")
TRIANGLE_FACTOR = Decimal("0.0057")
# Baguette 0.00915 on length × width × depth; a tapered baguette uses the mean of its parallel ends (OctoNus).
BAGUETTE_FACTOR = Decimal("0.00915")
# Square princess 0.0083 on length × width × depth (MGC Labs, "Princess cut").
PRINCESS_FACTOR = Decimal("0.0083")
# Asscher: a square emerald cut, 0.0080 (MGC Labs "isometric" emerald cut; the 1.00:1 row of the emerald table).
ASSCHER_FACTOR = Decimal("0.0080")
# Cushion: Williams's rectangular-cushion formula, average(L, W)² × depth × SG × 0.0022, taken at diamond's SG.
CUSHION_SG_FACTOR = Decimal("0.0022")
CUSHION_FACTOR = CUSHION_SG_FACTOR * DIAMOND_SG

# Square shapes: beyond this length-to-width ratio a stone is no longer "square".
SQUARE_RATIO_LIMIT = Decimal("1.10")


@dataclass(frozen=True)
class RatioRow:
    """One row of a length-to-width factor table."""

    ratio: Decimal
    factor: Decimal


def _rows(*pairs: tuple[str, str]) -> tuple[RatioRow, ...]:
    return tuple(RatioRow(Decimal(ratio), Decimal(factor)) for ratio, factor in pairs)


# Emerald cut by L:W (Esslinger; a1-diamond prints the same four rows).
EMERALD_TABLE = _rows(("1.00", "0.0080"), ("1.50", "0.0092"), ("2.00", "0.0100"), ("2.50", "0.0106"))
# Marquise by L:W ("LWA" table, Gemgate marquise page; a1-diamond agrees on 1.5, 2.0, 2.5 and 3.0).
MARQUISE_TABLE = _rows(
    ("1.50", "0.00565"),
    ("1.75", "0.00570"),
    ("2.00", "0.00580"),
    ("2.25", "0.00583"),
    ("2.50", "0.00585"),
    ("2.75", "0.00590"),
    ("3.00", "0.00595"),
)
# Pear by L:W (Esslinger; its 2.00 row is misprinted "1.00575", and a1-diamond prints 0.00575 for 2.00:1).
PEAR_TABLE = _rows(("1.25", "0.00615"), ("1.50", "0.00600"), ("1.66", "0.00590"), ("2.00", "0.00575"))
# How far beyond a table's first or last row its end factor is still used.
RATIO_TABLE_MARGIN = Decimal("0.25")


class Girdle(StrEnum):
    """GIA's girdle-thickness words, thinnest first."""

    EXTREMELY_THIN = "extremely thin"
    VERY_THIN = "very thin"
    THIN = "thin"
    MEDIUM = "medium"
    SLIGHTLY_THICK = "slightly thick"
    THICK = "thick"
    VERY_THICK = "very thick"
    EXTREMELY_THICK = "extremely thick"


GIRDLE_ABBREVIATIONS: dict[str, Girdle] = {
    "etn": Girdle.EXTREMELY_THIN,
    "xtn": Girdle.EXTREMELY_THIN,
    "vtn": Girdle.VERY_THIN,
    "tn": Girdle.THIN,
    "thn": Girdle.THIN,
    "m": Girdle.MEDIUM,
    "med": Girdle.MEDIUM,
    "stk": Girdle.SLIGHTLY_THICK,
    "tk": Girdle.THICK,
    "thk": Girdle.THICK,
    "vtk": Girdle.VERY_THICK,
    "etk": Girdle.EXTREMELY_THICK,
    "xtk": Girdle.EXTREMELY_THICK,
}

# The girdle-thickness adjustment (GTA) columns, by average diameter (rounds, ovals) or width (fancy shapes).
GIRDLE_BANDS = ("3.1–4.1 mm", "4.15–6.90 mm", "7.00 mm and over")
GIRDLE_BAND_UPPER_LIMITS = (Decimal("4.10"), Decimal("7.00"))


@dataclass(frozen=True)
class GirdleRow:
    """One row of the GTA table: a girdle range, the average it counts as, and a multiplier per band."""

    thinnest: Girdle
    thickest: Girdle
    average: str
    multipliers: tuple[Decimal, Decimal, Decimal]


def _girdle(thinnest: Girdle, thickest: Girdle, average: str, *multipliers: str) -> GirdleRow:
    first, second, third = (Decimal(value) for value in multipliers)
    return GirdleRow(thinnest, thickest, average, (first, second, third))


_G = Girdle
# Gemgate's girdle thickness adjustment (GTA) table, "Girdle Thickness Range = Girdle Thickness
# Average", courtesy of Adamas Gemological Laboratory (Gemgate §11.08–11.09). Only the rows we
# could read in full are held; other ranges are refused and the estimator may give the
# correction (``girdle_correction``). A single grade counts as its own average, as the table's
# "Thin" and "Medium" rows do and as its worked example does for Slightly Thick (1.02 at 6.08 mm).
GIRDLE_TABLE: tuple[GirdleRow, ...] = (
    _girdle(_G.EXTREMELY_THIN, _G.EXTREMELY_THIN, "Extremely Thin", "0.97", "0.96", "0.95"),
    _girdle(_G.EXTREMELY_THIN, _G.THIN, "Thin –", "0.98", "0.97", "0.965"),
    _girdle(_G.EXTREMELY_THIN, _G.MEDIUM, "Thin", "0.985", "0.98", "0.975"),
    _girdle(_G.EXTREMELY_THIN, _G.SLIGHTLY_THICK, "Medium –", "0.99", "0.985", "0.98"),
    _girdle(_G.EXTREMELY_THIN, _G.THICK, "Slightly Thick –", "1.025", "1.015", "1.005"),
    _girdle(_G.EXTREMELY_THIN, _G.VERY_THICK, "Thick", "1.04", "1.03", "1.02"),
    _girdle(_G.EXTREMELY_THIN, _G.EXTREMELY_THICK, "Thick +", "1.045", "1.035", "1.025"),
    _girdle(_G.THIN, _G.THIN, "Thin", "0.985", "0.98", "0.975"),
    _girdle(_G.THIN, _G.MEDIUM, "Medium –", "0.99", "0.985", "0.98"),
    _girdle(_G.THIN, _G.SLIGHTLY_THICK, "Medium", "1", "1", "1"),
    _girdle(_G.THIN, _G.THICK, "Slightly Thick", "1.03", "1.02", "1.01"),
    _girdle(_G.THIN, _G.VERY_THICK, "Thick –", "1.035", "1.025", "1.015"),
    _girdle(_G.THIN, _G.EXTREMELY_THICK, "Very Thick –", "1.07", "1.05", "1.035"),
    _girdle(_G.MEDIUM, _G.MEDIUM, "Medium", "1", "1", "1"),
    # The page prints 1.05 in the 7.00 mm column, a misprint: every other row falls with size,
    # and 1.05 would exceed the Very Thick – figure. 1.005 continues the row's pattern.
    _girdle(_G.MEDIUM, _G.SLIGHTLY_THICK, "Medium +", "1.015", "1.01", "1.005"),
    _girdle(_G.MEDIUM, _G.THICK, "Slightly Thick", "1.03", "1.02", "1.01"),
    _girdle(_G.SLIGHTLY_THICK, _G.SLIGHTLY_THICK, "Slightly Thick", "1.03", "1.02", "1.01"),
    _girdle(_G.THICK, _G.THICK, "Thick", "1.04", "1.03", "1.02"),
)
