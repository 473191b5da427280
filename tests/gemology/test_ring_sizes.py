"""Ring sizes, through the inner circumference.

Sources: ISO 8653:2016 (size = inner circumference in mm, ring stick 41–76); the US relation
diameter = 11.63 + 0.8128 × size mm (0.458 in + 0.032 in per size); Japan Custom Size
diameter = (size + 38) / 3 mm (size 1 = 13.0 mm, +1/3 mm per size; JCS tables, e.g.
sizekensaku.com); Swiss size = circumference − 40; UK letters A = 37.8 mm, +1.25 mm a letter.
"""

from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import RingSizeError
from parure.gemology.ring_sizes import (
    PI,
    RingSizeSystem,
    circumference_for,
    convert_circumference,
    convert_diameter,
    convert_ring_size,
    uk_label,
)

MM = Decimal("0.01")


@pytest.mark.parametrize(("size", "diameter"), [("0", "11.63"), ("4", "14.8812"), ("7", "17.3196"), ("16", "24.6348")])
def test_us_sizes_follow_the_diameter_formula(size: str, diameter: str) -> None:
    assert circumference_for("US", size) == PI * Decimal(diameter)


@pytest.mark.parametrize("size", ["6 1/2", "6½", "6.5", "6-1/2"])
def test_us_half_sizes_are_read(size: str) -> None:
    assert circumference_for("US", size) == circumference_for("US", "6.5")


@pytest.mark.parametrize(
    ("size", "diameter", "circumference"),
    [("1", "13.0", "40.8"), ("9", "15.7", "49.2"), ("13", "17.0", "53.4"), ("20", "19.4", "60.7")],
)
def test_japanese_sizes_follow_the_jcs_table(size: str, diameter: str, circumference: str) -> None:
    conversion = convert_ring_size("Japan", size)
    exact_diameter = (Decimal(size) + 38) / 3
    # The JCS table prints the diameter's thirds rounded up (19.33 → 19.4) and the circumference from the exact value.
    assert exact_diameter.quantize(Decimal("0.1"), rounding=ROUND_UP) == Decimal(diameter)
    assert conversion.diameter_mm == exact_diameter.quantize(MM, rounding=ROUND_HALF_UP)
    assert conversion.circumference_mm.quantize(Decimal("0.1")) == Decimal(circumference)


def test_iso_and_swiss_sizes_are_circumference_based() -> None:
    assert circumference_for("EU", "52") == Decimal(52)
    assert circumference_for("ISO", 52) == Decimal(52)
    assert circumference_for("Swiss", "12") == Decimal(52)
    assert circumference_for("Swiss", "12 1/4") == Decimal("52.25")


@pytest.mark.parametrize(("letter", "mm"), [("A", "37.8"), ("N", "54.05"), ("N½", "54.675"), ("Z", "69.05"),
                                             ("Z+1", "70.3"), ("Z+6", "76.55")])  # fmt: skip
def test_uk_letters(letter: str, mm: str) -> None:
    assert circumference_for("UK", letter) == Decimal(mm)


def test_us_7_converts_to_every_system() -> None:
    conversion = convert_ring_size("US", "7")
    assert conversion.circumference_mm == Decimal("54.41")
    assert conversion.diameter_mm == Decimal("17.32")
    labels = {system: size.label for system, size in conversion.sizes.items()}
    assert labels == {
        RingSizeSystem.US: "7",
        RingSizeSystem.UK: "N½",  # the usual trade equivalence: US 7 = UK N½
        RingSizeSystem.EU: "54",
        RingSizeSystem.JAPAN: "14",
        RingSizeSystem.SWISS: "14.5",
    }
    assert conversion.sizes[RingSizeSystem.EU].difference_mm == Decimal("-0.41")
    assert conversion.outside == {}


def test_a_ring_outside_a_systems_table_gets_no_size_there() -> None:
    conversion = convert_ring_size("US", "0")
    assert set(conversion.sizes) == {RingSizeSystem.US}
    assert conversion.outside[RingSizeSystem.JAPAN] == "outside the Japan table (1 to 30)"


def test_conversion_from_a_measured_ring() -> None:
    assert convert_diameter("17.3196").sizes[RingSizeSystem.US].label == "7"
    assert convert_circumference("52").sizes[RingSizeSystem.SWISS].label == "12"


@pytest.mark.parametrize(
    ("system", "size", "message"),
    [
        ("US", "17", "US size 17 is outside the US table (0 to 16 in quarter sizes)."),
        ("US", "6.3", "US size 6.3 is not on the US scale (0 to 16 in quarter sizes)."),
        ("Japan", "31", "Japan size 31 is outside the Japan table (1 to 30)."),
        ("EU", "80", "EU size 80 is outside the EU table (41 to 76 mm of inner circumference)."),
        ("UK", "AA", "‘AA’ is not a UK ring size; UK sizes run A to Z then Z+1 to Z+6, with halves (N½)."),
        ("UK", "Z+7", "UK size Z+7 is outside the UK table (A to Z+6 in half sizes)."),
        ("Mars", "7", "‘Mars’ is not a ring-size system; systems are US, UK, EU, Japan, Swiss."),
    ],
)
def test_sizes_outside_the_tables_are_refused(system: str, size: str, message: str) -> None:
    with pytest.raises(RingSizeError) as refusal:
        convert_ring_size(system, size)
    assert str(refusal.value) == message


def test_a_circumference_outside_every_table_is_refused() -> None:
    with pytest.raises(RingSizeError) as refusal:
        convert_circumference("20")
    assert str(refusal.value) == (
        "An inner circumference of 20 mm is outside every ring-size table (they run from about 36.55 to 78 mm)."
    )


SIZES = {
    RingSizeSystem.US: [str(Decimal(n) / 4) for n in range(0, 65)],
    RingSizeSystem.UK: [uk_label(Decimal(n) / 2) for n in range(0, 63)],
    RingSizeSystem.EU: [str(n) for n in range(41, 77)],
    RingSizeSystem.JAPAN: [str(n) for n in range(1, 31)],
    RingSizeSystem.SWISS: [str(Decimal(n) / 4) for n in range(4, 145)],
}


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_size_converts_back_to_itself(data: st.DataObject) -> None:
    system = data.draw(st.sampled_from(list(RingSizeSystem)))
    size = data.draw(st.sampled_from(SIZES[system]))
    nearest = convert_ring_size(system, size).sizes[system]
    assert nearest.difference_mm == 0
    assert circumference_for(system, nearest.label) == circumference_for(system, size)
    for other in convert_ring_size(system, size).sizes.values():
        # The nearest size in any system is within half of that system's step.
        assert abs(other.difference_mm) <= Decimal("1.28")
