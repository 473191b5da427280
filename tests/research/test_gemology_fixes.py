"""Library bugs found while building the Gemology pages, each fixed in ``parure.gemology``.

Found by typing bad input into the pages: each raised a bare ``decimal`` exception (a server
error) or printed a wrong sentence.
"""

from __future__ import annotations

import pytest

from parure.gemology import grading, metals, periods, ring_sizes, weight
from parure.gemology.errors import GemologyError


@pytest.mark.parametrize(
    ("convert", "message"),
    [
        (lambda: weight.grams_to_carats("9e999999"), "Weight in grams: ‘9e999999’ is too large to be a measurement."),
        (
            lambda: weight.gia_reported_weight("1e30"),
            "Measured weight in carats: ‘1e30’ is too large to be a measurement.",
        ),
        (
            lambda: metals.fine_metal_content(gross_weight_g="9e999999", fineness="750"),
            "Gross weight in grams: ‘9e999999’ is too large to be a measurement.",
        ),
        (
            lambda: ring_sizes.convert_circumference("9e999999"),
            "Inner circumference in mm: ‘9e999999’ is too large to be a measurement.",
        ),
    ],
)
def test_a_number_too_large_to_be_a_measurement_is_refused_not_overflowed(convert: object, message: str) -> None:
    """Before: decimal.Overflow or decimal.InvalidOperation from the arithmetic."""
    with pytest.raises(GemologyError) as refused:
        convert()  # type: ignore[operator]
    assert str(refused.value) == message


def test_numbers_short_of_the_limit_still_convert() -> None:
    assert weight.grams_to_carats("99999999999999") == 499999999999995
    assert weight.gia_reported_weight("12345.6789") == weight.gia_reported_weight("12345.678")


@pytest.mark.parametrize("size", ["1-1/0", "1.2.3½", "²½"])
def test_a_malformed_fractional_ring_size_is_not_a_number(size: str) -> None:
    """Before: decimal.DivisionByZero / InvalidOperation while reading the fraction."""
    with pytest.raises(GemologyError) as refused:
        ring_sizes.convert_ring_size("US", size)
    assert str(refused.value) == f"US ring size: ‘{size}’ is not a number."
    assert ring_sizes.convert_ring_size("US", "7-1/2").sizes[ring_sizes.RingSizeSystem.US].label == "7.5"


def test_a_range_with_no_grade_says_so() -> None:
    """Before: ‘-’ "names more than two colour grades"."""
    with pytest.raises(GemologyError) as refused:
        grading.colour_range("-")
    assert str(refused.value) == (
        "‘-’ names no colour grade; valid grades are the letters D to Z (D is the best); deeper colour is graded "
        "as a fancy colour."
    )


def test_circa_reaching_only_a_contested_date_names_that_date() -> None:
    """Before: "c.1925 is within 5 years of Arts and Crafts (c.1880–1914)", which is 11 years away."""
    reasons = {match.period.key: match.reason for match in periods.periods_for("circa 1925").matches}
    assert reasons["arts-and-crafts"] == (
        "c.1925 is within 5 years of 1920, where some sources end Arts and Crafts (c.1880–1914): circa allows it"
    )
    assert reasons["edwardian"] == (
        "c.1925 is within 5 years of 1920, where some sources end Edwardian (Belle Époque) (1901–1915): circa allows it"
    )
    early = {match.period.key: match.reason for match in periods.periods_for("circa 1892").matches}
    assert early["edwardian"] == (
        "c.1892 is within 5 years of 1895, where some sources begin Edwardian (Belle Époque) (1901–1915): "
        "circa allows it"
    )
