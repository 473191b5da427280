"""Precious-metal standards, hallmarks and fine-metal content.

Sources: the struck fineness marks (9k 375 … 24k 999); UK Hallmarking Act 1973 as amended
(compulsory sponsor's, fineness and assay office marks since 1 January 1999; no negative
tolerance, so a piece short of a standard takes the next lower one); the French eagle's head
(18 carat gold) and Minerva head (silver), both since 1838; US FTC Guides for "PLAT".
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import MetalError
from parure.gemology.metals import (
    STANDARDS,
    MarkKind,
    Metal,
    Standard,
    check_uk_hallmark,
    decode_mark,
    fine_metal_content,
    fineness_to_karat,
    karat_to_fineness,
    standard_for_assay,
)

STRUCK_MARKS = [(9, 375), (10, 417), (14, 585), (18, 750), (22, 916), (24, 999)]


@pytest.mark.parametrize(("karat", "fineness"), STRUCK_MARKS)
def test_karat_and_struck_fineness(karat: int, fineness: int) -> None:
    assert karat_to_fineness(karat) == fineness
    assert fineness_to_karat(fineness) == karat


def test_standards_as_struck() -> None:
    assert STANDARDS[Metal.PLATINUM][:3] == (850, 900, 950)
    assert STANDARDS[Metal.PALLADIUM][:2] == (500, 950)
    assert STANDARDS[Metal.SILVER] == (800, 830, 900, 925, 958, 999)


def test_karat_refusals() -> None:
    with pytest.raises(MetalError) as karat:
        karat_to_fineness(15)
    assert str(karat.value) == "15 karat is not a gold standard; standards are 9k, 10k, 14k, 18k, 22k, 24k."
    with pytest.raises(MetalError) as fineness:
        fineness_to_karat(583)
    assert str(fineness.value) == (
        "583 is not a gold fineness mark; marks are 375, 417, 585, 750, 916, 999. For an assay result use "
        "standard_for_assay()."
    )


@pytest.mark.parametrize(
    ("metal", "assay", "mark"),
    [
        ("gold", "750", 750),
        ("gold", "749.9", 585),  # a whisker short of 18 carat is 14 carat
        ("gold", "583.3", 417),  # exactly 14/24 is short of the 585 mark
        ("silver", "924", 900),
        ("silver", "958", 958),
        ("platinum", "949", 900),
        ("palladium", "600", 500),
    ],
)
def test_a_piece_short_of_a_standard_takes_the_next_lower(metal: str, assay: str, mark: int) -> None:
    assert standard_for_assay(metal, assay).fineness == mark


def test_below_the_lowest_standard_is_refused() -> None:
    with pytest.raises(MetalError) as refusal:
        standard_for_assay("palladium", "499")
    assert str(refusal.value) == (
        "Palladium assayed at 499 is below the lowest standard (500); it cannot be sold as palladium."
    )
    with pytest.raises(MetalError) as unknown:
        standard_for_assay("brass", "700")
    assert str(unknown.value) == "‘brass’ is not a precious metal; metals are gold, silver, platinum, palladium."


def test_standards_print_their_names() -> None:
    assert str(Standard(Metal.GOLD, 750)) == "18 carat gold (750)"
    assert str(Standard(Metal.SILVER, 925)) == "sterling silver (925)"
    assert str(Standard(Metal.SILVER, 958)) == "Britannia silver (958)"
    assert str(Standard(Metal.PLATINUM, 950)) == "platinum 950"


@settings(max_examples=200, deadline=None)
@given(metal=st.sampled_from(list(Metal)), assay=st.decimals(min_value="0.1", max_value="1000", places=1))
def test_assay_mark_is_the_highest_standard_not_above_the_assay(metal: Metal, assay: Decimal) -> None:
    qualifying = [fineness for fineness in STANDARDS[metal] if fineness <= assay]
    if not qualifying:
        with pytest.raises(MetalError):
            standard_for_assay(metal, assay)
        return
    assert standard_for_assay(metal, assay).fineness == max(qualifying)


def test_fine_metal_content_less_the_stones() -> None:
    content = fine_metal_content(gross_weight_g="10.50", fineness=750, stone_weight_ct="2.5")
    assert content.stone_weight_g == Decimal("0.50")
    assert content.metal_weight_g == Decimal("10.00")
    assert content.fine_metal_g == Decimal("7.5")


def test_fine_metal_refusals() -> None:
    with pytest.raises(MetalError) as heavy:
        fine_metal_content(gross_weight_g="1", fineness=750, stone_weight_ct="5")
    assert str(heavy.value) == (
        "The stones (1.0 g) weigh as much as or more than the whole piece (1 g); check both weights."
    )
    with pytest.raises(MetalError) as purity:
        fine_metal_content(gross_weight_g="5", fineness=1200)
    assert str(purity.value) == "Fineness is in parts per thousand, above 0 and at most 1000; 1200 was given."


@pytest.mark.parametrize(
    ("stamp", "kind", "metals", "fineness"),
    [
        ("750", MarkKind.FINENESS, (Metal.GOLD,), 750),
        ("585", MarkKind.FINENESS, (Metal.GOLD,), 585),
        ("10K", MarkKind.FINENESS, (Metal.GOLD,), 417),
        ("14K", MarkKind.FINENESS, (Metal.GOLD,), 585),
        ("18KT", MarkKind.FINENESS, (Metal.GOLD,), 750),
        ("9ct", MarkKind.FINENESS, (Metal.GOLD,), 375),
        ("18k gold", MarkKind.FINENESS, (Metal.GOLD,), 750),
        ("PLAT", MarkKind.FINENESS, (Metal.PLATINUM,), 950),
        ("PT950", MarkKind.FINENESS, (Metal.PLATINUM,), 950),
        ("PT900", MarkKind.FINENESS, (Metal.PLATINUM,), 900),
        ("900 Plat", MarkKind.FINENESS, (Metal.PLATINUM,), 900),
        ("PD500", MarkKind.FINENESS, (Metal.PALLADIUM,), 500),
        ("STERLING", MarkKind.FINENESS, (Metal.SILVER,), 925),
        ("925", MarkKind.FINENESS, (Metal.SILVER,), 925),
        ("950", MarkKind.FINENESS, (Metal.PLATINUM, Metal.PALLADIUM), 950),
        ("lion passant", MarkKind.TRADITIONAL, (Metal.SILVER,), 925),
        ("Britannia", MarkKind.TRADITIONAL, (Metal.SILVER,), 958),
        ("eagle's head", MarkKind.NATIONAL, (Metal.GOLD,), 750),
        ("Minerva head", MarkKind.NATIONAL, (Metal.SILVER,), None),
    ],
)
def test_stamps(stamp: str, kind: MarkKind, metals: tuple[Metal, ...], fineness: int | None) -> None:
    reading = decode_mark(stamp)
    assert (reading.kind, reading.metals, reading.fineness) == (kind, metals, fineness)


@pytest.mark.parametrize(
    ("mark", "office"),
    [("leopard's head", "London"), ("Leopard’s head", "London"), ("anchor", "Birmingham"), ("rose", "Sheffield"),
     ("crown", "Sheffield"), ("castle", "Edinburgh")],
)  # fmt: skip
def test_uk_assay_offices(mark: str, office: str) -> None:
    reading = decode_mark(mark)
    assert reading.kind is MarkKind.ASSAY_OFFICE
    assert reading.assay_office == office


def test_french_marks_date_from_1838() -> None:
    assert decode_mark("tête d'aigle").meaning == "18 carat gold (750), France, since 1838"
    assert decode_mark("Minerva").meaning.startswith("silver, France, since 1838")


def test_sponsor_date_and_plated_marks() -> None:
    assert decode_mark("sponsor's mark AB").meaning == "sponsor's mark AB: the maker or the firm that sent it"
    assert decode_mark("date letter a").kind is MarkKind.DATE_LETTER
    assert decode_mark("1/20 12K GF").kind is MarkKind.NOT_PRECIOUS
    assert decode_mark("EPNS").meaning == "electroplated nickel silver: base metal, not silver"


def test_unknown_and_non_standard_marks_are_refused() -> None:
    with pytest.raises(MetalError) as unknown:
        decode_mark("unicorn")
    assert str(unknown.value).startswith("‘unicorn’ is not a mark this decoder knows. It reads fineness numbers")
    with pytest.raises(MetalError) as platinum:
        decode_mark("PT800")
    assert str(platinum.value) == "‘PT800’: 800 is not a platinum standard; standards are 850, 900, 950, 999."


def test_complete_uk_hallmark_without_date_letter() -> None:
    check = check_uk_hallmark(["sponsor JB", "750", "leopard's head"])
    assert check.is_complete
    assert (check.metal, check.fineness, check.assay_office) == (Metal.GOLD, 750, "London")
    assert check.notes == ("No date letter: optional since 1 January 1999.",)


def test_crown_beside_gold_is_the_standard_mark_not_sheffield() -> None:
    check = check_uk_hallmark(["sponsor JB", "750", "crown", "anchor", "date letter z"])
    assert check.assay_office == "Birmingham"
    assert check.notes == ("The crown on gold is the traditional gold standard mark, not an assay office.",)


def test_incomplete_uk_hallmark_says_what_is_missing() -> None:
    check = check_uk_hallmark(["417"])
    assert not check.is_complete
    assert check.problems == (
        "417 is not a UK standard for gold; UK standards are 375, 585, 750, 916, 990, 999.",
        "No sponsor's mark: a UK hallmark must show the sponsor's (maker's) mark.",
        "No assay office mark: a UK hallmark must show the office that tested it.",
    )
    assert check_uk_hallmark(["sponsor AB", "anchor"]).problems == (
        "No fineness mark: a UK hallmark must show the fineness in parts per thousand.",
    )


def test_traditional_mark_settles_an_ambiguous_fineness() -> None:
    check = check_uk_hallmark(["sponsor AB", "950", "orb", "castle"])
    assert check.metal is Metal.PLATINUM
    assert check.is_complete
