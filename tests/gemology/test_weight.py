"""Weight units and GIA's reporting rule.

Sources: the metric carat is 0.2 g exactly (GIA, "Carat Weight"); a pearl grain is 0.25 ct;
GIA FAQ "How is diamond carat weight rounded?"
(https://www.gia.edu/gia-faq-analysis-grading-diamond-carat-weight-rounded).
"""

from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import WeightError
from parure.gemology.weight import (
    carats_to_grains,
    carats_to_grams,
    carats_to_points,
    gia_reported_weight,
    grains_to_carats,
    grains_to_grams,
    grams_to_carats,
    points_to_carats,
)


def test_metric_carat_is_a_fifth_of_a_gram() -> None:
    assert carats_to_grams("1") == Decimal("0.2")
    assert carats_to_grams("0.123") == Decimal("0.0246")
    assert grams_to_carats("1") == Decimal(5)


def test_points_are_hundredths_of_a_carat() -> None:
    assert carats_to_points("0.25") == Decimal(25)
    assert points_to_carats(50) == Decimal("0.5")


def test_pearl_grain_is_a_quarter_carat() -> None:
    assert grains_to_carats("1") == Decimal("0.25")
    assert carats_to_grains("1") == Decimal(4)
    assert grains_to_grams("1") == Decimal("0.05")


def test_conversions_refuse_floats_and_negatives() -> None:
    with pytest.raises(WeightError) as floating:
        carats_to_grams(0.1)  # type: ignore[arg-type]
    assert str(floating.value) == (
        "Weight in carats: 0.1 is not a number this library accepts; give text such as '0.25' or a Decimal "
        "(floats cannot hold most decimal fractions exactly)."
    )
    with pytest.raises(WeightError) as negative:
        carats_to_grams("-1")
    assert str(negative.value) == "Weight in carats cannot be negative; -1 was given."
    with pytest.raises(WeightError) as words:
        grams_to_carats("heavy")
    assert str(words.value) == "Weight in grams: ‘heavy’ is not a number."


def test_decimal_comma_is_read() -> None:
    assert carats_to_grams("0,25") == Decimal("0.05")


@pytest.mark.parametrize(
    ("measured", "reported"),
    [
        # The GIA FAQ's own examples.
        ("1.768", "1.76"),
        ("1.769", "1.77"),
        # Both sides of the rule, as in the brief.
        ("0.899", "0.90"),
        ("0.898", "0.89"),
        ("0.995", "0.99"),
        ("1.999", "2.00"),
        ("1.000", "1.00"),
        ("0.5", "0.50"),
    ],
)
def test_gia_reports_to_the_hundredth_rounding_up_only_on_a_nine(measured: str, reported: str) -> None:
    assert gia_reported_weight(measured) == Decimal(reported)


def test_a_reading_finer_than_the_thousandth_is_first_cut_to_it() -> None:
    assert gia_reported_weight("0.8995") == Decimal("0.90")
    assert gia_reported_weight("0.8989") == Decimal("0.89")


def test_reported_weight_refuses_nothing_to_weigh() -> None:
    with pytest.raises(WeightError) as refusal:
        gia_reported_weight("0")
    assert str(refusal.value) == "Measured weight in carats must be greater than zero; 0 was given."


@settings(max_examples=200, deadline=None)
@given(thousandths=st.integers(min_value=1, max_value=100_000))
def test_reported_weight_never_gives_more_than_a_nine_earns(thousandths: int) -> None:
    measured = Decimal(thousandths) / 1000
    reported = gia_reported_weight(measured)
    truncated = measured.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    if thousandths % 10 == 9:
        assert reported == truncated + Decimal("0.01")
        assert reported - measured == Decimal("0.001")
    else:
        assert reported == truncated
        assert reported <= measured


@settings(max_examples=100, deadline=None)
@given(carats=st.decimals(min_value=0, max_value=10_000, places=3))
def test_unit_conversions_round_trip_exactly(carats: Decimal) -> None:
    assert grams_to_carats(carats_to_grams(carats)) == carats
    assert points_to_carats(carats_to_points(carats)) == carats
    assert grains_to_carats(carats_to_grains(carats)) == carats
