"""Gem weights: carats, grams, points and pearl grains, and GIA's reporting rule.

All arithmetic is in ``Decimal`` and every conversion factor is exact:

* 1 metric carat = 0.2 g exactly (the metric carat, adopted internationally from 1907;
  GIA, "Carat Weight");
* 1 carat = 100 points;
* 1 pearl grain = 0.25 carat (= 50 mg), the unit natural pearls are still sold in.

Conversions do not round: 0.123 ct is 0.0246 g. Only ``gia_reported_weight`` rounds, and it
says how.
"""

from decimal import ROUND_DOWN, Decimal

from parure.gemology.errors import WeightError
from parure.gemology.quantities import DecimalInput, to_non_negative_decimal, to_positive_decimal

GRAMS_PER_CARAT = Decimal("0.2")
POINTS_PER_CARAT = Decimal(100)
CARATS_PER_GRAIN = Decimal("0.25")

_THOUSANDTH = Decimal("0.001")
_HUNDREDTH = Decimal("0.01")


def _weight(value: DecimalInput, unit: str) -> Decimal:
    return to_non_negative_decimal(value, field=f"Weight in {unit}", error=WeightError)


def carats_to_grams(carats: DecimalInput) -> Decimal:
    """Grams in ``carats`` (× 0.2, exact)."""
    return _weight(carats, "carats") * GRAMS_PER_CARAT


def grams_to_carats(grams: DecimalInput) -> Decimal:
    """Carats in ``grams`` (× 5, exact)."""
    return _weight(grams, "grams") / GRAMS_PER_CARAT


def carats_to_points(carats: DecimalInput) -> Decimal:
    """Points in ``carats`` (× 100): 0.25 ct is 25 points."""
    return _weight(carats, "carats") * POINTS_PER_CARAT


def points_to_carats(points: DecimalInput) -> Decimal:
    """Carats in ``points`` (÷ 100)."""
    return _weight(points, "points") / POINTS_PER_CARAT


def grains_to_carats(grains: DecimalInput) -> Decimal:
    """Carats in pearl ``grains`` (× 0.25)."""
    return _weight(grains, "grains") * CARATS_PER_GRAIN


def carats_to_grains(carats: DecimalInput) -> Decimal:
    """Pearl grains in ``carats`` (× 4)."""
    return _weight(carats, "carats") / CARATS_PER_GRAIN


def grains_to_grams(grains: DecimalInput) -> Decimal:
    """Grams in pearl ``grains`` (× 0.05)."""
    return grains_to_carats(grains) * GRAMS_PER_CARAT


def gia_reported_weight(measured_carats: DecimalInput) -> Decimal:
    """The weight GIA would print for a stone weighed at ``measured_carats``.

    GIA weighs to the thousandth of a carat and reports to the hundredth, rounding up only
    when the thousandth digit is 9: 1.768 ct is reported 1.76 ct, 1.769 ct is 1.77 ct
    (GIA FAQ "How is diamond carat weight rounded?",
    https://www.gia.edu/gia-faq-analysis-grading-diamond-carat-weight-rounded; CIBJO and the
    diamond bourses apply the same convention, so the buyer always receives full measure).

    A reading finer than the thousandth is first cut to the thousandth, as GIA's balance
    reads no finer: 0.8995 ct counts as 0.899 ct and is reported 0.90 ct.
    """
    weight = to_positive_decimal(measured_carats, field="Measured weight in carats", error=WeightError)
    to_thousandth = weight.quantize(_THOUSANDTH, rounding=ROUND_DOWN)
    reported = to_thousandth.quantize(_HUNDREDTH, rounding=ROUND_DOWN)
    if (to_thousandth - reported) == Decimal("0.009"):
        reported += _HUNDREDTH
    return reported
