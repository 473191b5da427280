"""The materials table and identification.

Constants are checked against the GIA Gem Reference Guide (1995), the reference each row
names; tolerances are the module's stated RI ±0.005, SG ±0.03, birefringence ±0.003.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import IdentificationError
from parure.gemology.identification import (
    RI_TOLERANCE,
    Measurements,
    Property,
    identify,
    separating_test,
)
from parure.gemology.materials import MATERIALS, Material, OpticCharacter, OpticSign, Origin, material

REQUIRED = [
    "diamond", "ruby", "sapphire", "emerald", "aquamarine", "morganite", "alexandrite", "chrysoberyl", "spinel",
    "topaz", "tourmaline", "pyrope", "almandine", "spessartine", "grossular", "andradite", "rhodolite", "zircon",
    "peridot", "tanzanite", "amethyst", "citrine", "rock-crystal", "chalcedony", "opal", "jadeite", "nephrite",
    "turquoise", "lapis-lazuli", "pearl", "coral", "amber", "moonstone", "iolite", "kunzite", "cubic-zirconia",
    "synthetic-moissanite", "yag", "ggg", "glass", "synthetic-rutile", "strontium-titanate", "synthetic-spinel",
    "synthetic-corundum",
]  # fmt: skip


def test_table_holds_at_least_forty_materials_including_every_one_required() -> None:
    keys = [row.key for row in MATERIALS]
    assert len(MATERIALS) >= 40
    assert len(set(keys)) == len(keys)
    assert set(REQUIRED) <= set(keys)


@pytest.mark.parametrize("row", MATERIALS, ids=lambda row: row.key)
def test_every_row_is_consistent_and_sourced(row: Material) -> None:
    assert any(book in row.source for book in ("GIA Gem Reference Guide", "Webster", "Read"))
    assert row.sg.low <= row.sg_typical <= row.sg.high
    assert Decimal(1) <= row.hardness.low <= row.hardness.high <= Decimal(10)
    if row.is_doubly_refractive:
        assert row.birefringence is not None and row.optic_sign is not None
        # Two readings a birefringence apart must fit inside the RI range.
        assert row.ri.width + RI_TOLERANCE >= row.birefringence.low
    else:
        assert row.birefringence is None and row.optic_sign is None
    if row.origin is Origin.SYNTHETIC and row.key != "synthetic-moissanite" and row.key != "synthetic-rutile":
        assert row.laboratory == "natural or synthetic: needs a laboratory"


@pytest.mark.parametrize(
    ("key", "ri_inside", "biref", "sg", "optic", "sign", "hardness", "dispersion"),
    [
        ("diamond", "2.417", None, "3.52", OpticCharacter.SINGLY_REFRACTIVE, None, "10", "0.044"),
        ("ruby", "1.762", ("0.008", "0.010"), "4.00", OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, "9", "0.018"),
        ("emerald", "1.577", ("0.005", "0.009"), "2.72", OpticCharacter.UNIAXIAL, OpticSign.NEGATIVE, "7.5", "0.014"),
        ("spinel", "1.718", None, "3.60", OpticCharacter.SINGLY_REFRACTIVE, None, "8", "0.020"),
        ("topaz", "1.619", ("0.008", "0.010"), "3.53", OpticCharacter.BIAXIAL, OpticSign.POSITIVE, "8", "0.014"),
        ("amethyst", "1.544", ("0.009", "0.009"), "2.66", OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, "7", "0.013"),
        ("peridot", "1.654", ("0.035", "0.038"), "3.34", OpticCharacter.BIAXIAL, OpticSign.EITHER, "6.5", "0.020"),
        ("cubic-zirconia", "2.15", None, "5.80", OpticCharacter.SINGLY_REFRACTIVE, None, "8", "0.060"),
        ("synthetic-moissanite", "2.648", ("0.043", "0.043"), "3.22", OpticCharacter.UNIAXIAL, OpticSign.POSITIVE,
         "9.25", "0.104"),
        ("strontium-titanate", "2.409", None, "5.13", OpticCharacter.SINGLY_REFRACTIVE, None, "5", "0.190"),
        ("synthetic-rutile", "2.616", ("0.287", "0.287"), "4.26", OpticCharacter.UNIAXIAL, OpticSign.POSITIVE, "6",
         "0.330"),
        ("opal", "1.45", None, "2.15", OpticCharacter.AMORPHOUS, None, "6", None),
        ("jadeite", "1.66", None, "3.34", OpticCharacter.AGGREGATE, None, "7", None),
    ],
)  # fmt: skip
def test_constants_match_the_gia_gem_reference_guide(
    key: str,
    ri_inside: str,
    biref: tuple[str, str] | None,
    sg: str,
    optic: OpticCharacter,
    sign: OpticSign | None,
    hardness: str,
    dispersion: str | None,
) -> None:
    row = material(key)
    assert row.ri.distance(Decimal(ri_inside)) == 0
    assert (None if row.birefringence is None else (row.birefringence.low, row.birefringence.high)) == (
        None if biref is None else (Decimal(biref[0]), Decimal(biref[1]))
    )
    assert row.sg_typical == Decimal(sg)
    assert (row.optic_character, row.optic_sign) == (optic, sign)
    assert row.hardness.distance(Decimal(hardness)) == 0
    assert row.dispersion == (None if dispersion is None else Decimal(dispersion))


def test_unknown_material_is_refused_with_the_keys() -> None:
    with pytest.raises(IdentificationError) as refusal:
        material("kryptonite")
    assert str(refusal.value).startswith("‘kryptonite’ is not a material in the table; known materials are diamond,")


# --- identification -------------------------------------------------------------------


def test_corundum_readings_rank_corundum_and_never_claim_natural() -> None:
    result = identify(Measurements.of(ri=["1.762", "1.770"], sg="4.00", colour="red"))
    keys = [candidate.material.key for candidate in result.candidates]
    assert keys[:2] == ["ruby", "synthetic-corundum"]
    ruby = result.candidates[0]
    assert ruby.matched == (
        "RI 1.762, 1.770 within 1.757–1.779",
        "Birefringence 0.008 within 0.008–0.010",
        "SG 4.00 within 3.95–4.05",
        "colour red is usual",
    )
    assert ruby.laboratory == "natural or synthetic: needs a laboratory"
    assert "natural or synthetic: needs a laboratory" in ruby.remarks
    assert result.separating_test is not None
    assert result.separating_test.property is None
    assert result.separating_test.advice == (
        "No standard test separates ruby (corundum) from synthetic corundum — natural or synthetic: needs a laboratory."
    )


def test_near_readings_are_reported_within_the_tolerance() -> None:
    result = identify(Measurements.of(ri=["1.718"], optic_character="singly refractive"))
    assert [c.material.key for c in result.candidates[:3]] == ["spinel", "synthetic-spinel", "pyrope"]
    synthetic = result.candidates[1]
    assert synthetic.near == ("RI 1.718 is 0.002 outside 1.720–1.740, within the ±0.005 tolerance",)


def test_separating_test_is_the_property_whose_ranges_overlap_least() -> None:
    # Red spinel against ruby: the RI ranges do not meet even with the tolerance.
    test = separating_test(material("ruby"), material("spinel"))
    assert test.property is Property.RI
    assert test.overlap == 0
    assert test.advice == (
        "Measure the refractive index: RI: ruby (corundum) 1.757–1.779, spinel 1.710–1.735; the ranges do not overlap."
    )
    # With the RI already read, the next best is SG.
    after_ri = separating_test(material("spinel"), material("pyrope"), Measurements.of(ri=["1.72"]))
    assert after_ri.property is Property.SG


def test_separating_varieties_of_one_species_by_colour() -> None:
    test = separating_test(material("ruby"), material("sapphire"), Measurements.of(ri=["1.762", "1.770"], sg="4"))
    assert test.property is Property.COLOUR


def test_colour_ranks_but_never_rules_out() -> None:
    result = identify(Measurements.of(ri=["1.544", "1.553"], colour="purple"))
    assert result.candidates[0].material.key == "amethyst"
    citrine = next(c for c in result.candidates if c.material.key == "citrine")
    assert "colour purple is unusual for citrine (quartz)" in citrine.remarks
    grey = identify(Measurements.of(sg="3.60", colour="Gray"))
    spinel = next(c for c in grey.candidates if c.material.key == "spinel")
    assert "colour gray is usual" in spinel.matched


def test_over_the_limit_with_diamond_sg_leaves_diamond() -> None:
    result = identify(Measurements.of(ri_over_limit=True, sg="3.52"))
    assert [candidate.material.key for candidate in result.candidates] == ["diamond"]


def test_birefringence_rules_out_singly_refractive_materials() -> None:
    result = identify(Measurements.of(ri=["1.624", "1.644"]))
    assert result.candidates[0].material.key == "tourmaline"
    assert "spinel" not in [candidate.material.key for candidate in result.candidates]


def test_when_nothing_fits_the_closest_are_shown() -> None:
    result = identify(Measurements.of(ri=["1.60"], sg="5.0"))
    assert result.candidates == ()
    assert result.separating_test is None
    assert result.near_misses[0].material.key == "glass"
    assert result.near_misses[0].misses == ("SG 5.0 is 0.50 outside 2.30–4.50",)


def test_refuses_an_ri_no_material_has() -> None:
    with pytest.raises(IdentificationError) as refusal:
        identify(Measurements.of(ri=["3.5"]))
    assert str(refusal.value) == (
        "An RI of 3.5 matches no material in the table (±0.005); the nearest is synthetic rutile (2.616–2.903) "
        "below. Check the reading: a standard refractometer reads only up to about 1.81."
    )
    with pytest.raises(IdentificationError) as gap:
        identify(Measurements.of(ri=["2.30"]))
    assert str(gap.value).startswith(
        "An RI of 2.30 matches no material in the table (±0.005); the nearest are cubic zirconia (2.150–2.180) "
        "below and strontium titanate (2.409) above."
    )


@pytest.mark.parametrize(
    ("readings", "message"),
    [
        (Measurements(), "Give at least one reading (RI, birefringence, SG, optic character, hardness or colour)."),
        (
            Measurements(sg=Decimal(9)),
            "An SG of 9 is heavier than any material in the table (heaviest: ggg (gadolinium gallium garnet), "
            "6.95–7.09).",
        ),
        (
            Measurements(sg=Decimal("0.5")),
            "An SG of 0.5 is lighter than any material in the table (lightest: amber, 1.05–1.10).",
        ),
        (Measurements(hardness=Decimal(11)), "Mohs hardness runs from 1 to 10; 11 was given."),
        (Measurements(birefringence=Decimal("0.5")), "A birefringence of 0.5 is outside every material in the table."),
    ],
)
def test_impossible_readings_are_refused(readings: Measurements, message: str) -> None:
    with pytest.raises(IdentificationError) as refusal:
        identify(readings)
    assert str(refusal.value) == message


def test_readings_refuse_floats_and_unknown_words() -> None:
    with pytest.raises(IdentificationError) as floating:
        Measurements.of(ri=[1.5])  # type: ignore[list-item]
    assert str(floating.value).startswith("RI reading: 1.5 is not a number this library accepts")
    with pytest.raises(IdentificationError) as word:
        Measurements.of(optic_character="wobbly")
    assert str(word.value) == (
        "‘wobbly’ is not one of: singly refractive, uniaxial, biaxial, aggregate, amorphous, doubly refractive."
    )


def test_tolerances_are_stated() -> None:
    assert identify(Measurements.of(sg="3.52")).tolerances == {
        Property.RI: Decimal("0.005"),
        Property.BIREFRINGENCE: Decimal("0.003"),
        Property.SG: Decimal("0.03"),
        Property.HARDNESS: Decimal("0.5"),
    }


# --- property: the true material is always among the candidates ------------------------


def _within(draw: st.DrawFn, low: Decimal, high: Decimal, places: int) -> Decimal:
    return draw(st.decimals(min_value=low, max_value=high, places=places))


@st.composite
def readings_of(draw: st.DrawFn) -> tuple[Material, Measurements]:
    row = draw(st.sampled_from(MATERIALS))
    ri: tuple[Decimal, ...] = ()
    if draw(st.booleans()):
        if row.birefringence is not None and draw(st.booleans()):
            biref = _within(draw, row.birefringence.low, min(row.birefringence.high, row.ri.width), 3)
            low = _within(draw, row.ri.low, row.ri.high - biref, 3)
            ri = (low, low + biref)
        else:
            ri = (_within(draw, row.ri.low, row.ri.high, 3),)
    optic = None
    if draw(st.booleans()):
        optic = row.optic_character
        if row.is_doubly_refractive and draw(st.booleans()):
            optic = OpticCharacter.DOUBLY_REFRACTIVE
    readings = Measurements(
        ri=ri,
        ri_over_limit=row.ri.low > Decimal("1.81") and draw(st.booleans()),
        sg=_within(draw, row.sg.low, row.sg.high, 2) if draw(st.booleans()) else None,
        optic_character=optic,
        optic_sign=row.optic_sign if row.optic_sign is not None and draw(st.booleans()) else None,
        hardness=_within(draw, row.hardness.low, row.hardness.high, 2) if draw(st.booleans()) else None,
        colour=draw(st.sampled_from(row.colours)) if draw(st.booleans()) else None,
    )
    if readings.is_empty:
        readings = Measurements(sg=row.sg_typical)
    return row, readings


@settings(max_examples=400, deadline=None)
@given(drawn=readings_of())
def test_identification_always_includes_the_true_material(drawn: tuple[Material, Measurements]) -> None:
    row, readings = drawn
    result = identify(readings)
    assert row in [candidate.material for candidate in result.candidates]
