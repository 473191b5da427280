"""Legal standards per jurisdiction, and the standard a piece short of a standard may be marked at.

Sources: UK standards from the Convention's country profile and the Hallmarking Act 1973 (no
negative tolerance); France CGI art. 522 (no negative tolerance; no palladium title); Italy
D.Lgs. 251/1999 art. 3 (gold 690 is marked 585; platinum and palladium 5 parts of tolerance,
10 with solder); the Netherlands' Waarborgwet 1986; Sweden's SWEDAC (the mark states the
content above a minimum); Finland's Tukes (gold 588 → 585, 584 → 375); the United States'
Stamping Act §295 as amended in 1976 (3 parts below a karat mark, 7 with solder).
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parure.gemology.errors import MetalError
from parure.gemology.hallmarks import (
    RULES,
    STANDARDS,
    UK_STANDARDS,
    Jurisdiction,
    Metal,
    jurisdiction,
    legal_standard_for_assay,
    legal_standards,
    standard_for_assay,
)
from parure.gemology.hallmarks import sources as src


def mark(place: str, metal: str, assay: str, *, soldered: bool = False) -> str:
    return legal_standard_for_assay(jurisdiction=place, metal=metal, assayed_fineness=assay, soldered=soldered).sentence


def test_uk_standards_are_the_uk_row_of_the_table() -> None:
    assert UK_STANDARDS == {
        Metal.GOLD: (375, 585, 750, 916, 990, 999),
        Metal.SILVER: (800, 925, 958, 999),
        Metal.PLATINUM: (850, 900, 950, 999),
        Metal.PALLADIUM: (500, 950, 999),
    }
    assert RULES[Jurisdiction.UK].source.startswith(src.HMC_UK)


def test_standards_are_the_struck_row_and_standard_for_assay_reads_it() -> None:
    # standard_for_assay keeps its behaviour: it answers for no one jurisdiction, with the 10 karat
    # 417 among the marks. The United States reads 10 karat as 10/24 with 3 parts of tolerance, so a
    # 414 assay is 10K there but 375 in the struck row: the two answer different questions.
    assert STANDARDS[Metal.GOLD] == (375, 417, 585, 750, 916, 990, 999)
    assert STANDARDS[Metal.SILVER] == (800, 830, 900, 925, 958, 999)
    assert standard_for_assay("gold", "414").fineness == 375
    assert legal_standard_for_assay(jurisdiction="US", metal="gold", assayed_fineness="414").label == "10K"


@pytest.mark.parametrize(
    ("place", "metal", "assay", "sentence"),
    [
        ("UK", "gold", "749.9",
         "United Kingdom: gold assayed at 749.9 may be marked 585: it falls short of 750, and no negative tolerance "
         "is allowed."),
        ("UK", "gold", "990", "United Kingdom: gold assayed at 990 may be marked 990, which it meets exactly."),
        ("UK", "silver", "958", "United Kingdom: silver assayed at 958 may be marked 958, which it meets exactly."),
        ("UK", "silver", "799",
         "United Kingdom: silver assayed at 799 is below the lowest silver standard (800); it cannot be hallmarked, "
         "nor sold described as silver."),
        ("Convention", "silver", "850",
         "Hallmarking Convention: silver assayed at 850 may be marked 830: it falls short of 925, and no negative "
         "tolerance is allowed."),
        ("France", "gold", "700",
         "France: gold assayed at 700 may be marked 585: it falls short of 750, and no negative tolerance is "
         "allowed."),
        ("France", "silver", "950",
         "France: silver assayed at 950 may be marked 925: it falls short of 999, and no negative tolerance is "
         "allowed."),
        ("France", "gold", "370",
         "France: gold assayed at 370 is below the lowest gold standard (375); it cannot be sold as gold: a piece "
         "below the lowest title is assayed again on request and then broken."),
        ("France", "palladium", "950",
         "France has no legal palladium standard: CGI art. 522 gives titles for gold, silver and platinum only."),
        ("Italy", "gold", "690",
         "Italy: gold assayed at 690 may be marked 585: it falls short of 750, and no negative tolerance is allowed."),
        ("Italy", "platinum", "946",
         "Italy: platinum assayed at 946 may be marked 950, within the 5 parts per thousand the law allows below the "
         "mark."),
        ("Netherlands", "gold", "840",
         "Netherlands: gold assayed at 840 may be marked 833: it falls short of 916, and no negative tolerance is "
         "allowed."),
        ("Netherlands", "gold", "500",
         "Netherlands: gold assayed at 500 is below the lowest gold standard (585); it cannot be hallmarked as gold."),
        ("Sweden", "gold", "755.8",
         "Sweden: gold assayed at 755.8 may be marked 755, the content in whole parts per thousand (the minimum is "
         "375)."),
        ("Sweden", "platinum", "800",
         "Sweden: platinum assayed at 800 is below the minimum (850); it cannot be put on the market as platinum."),
        ("Finland", "gold", "588",
         "Finland: gold assayed at 588 may be marked 585: it falls short of 750, and no negative tolerance is "
         "allowed."),
        ("Finland", "gold", "584",
         "Finland: gold assayed at 584 may be marked 375: it falls short of 585, and no negative tolerance is "
         "allowed."),
        ("Finland", "platinum", "600",
         "Finland: platinum assayed at 600 is below the lowest platinum mark held here (850) but not below the legal "
         "minimum (500); it may be sold as platinum with a mark this table does not hold."),
        ("US", "gold", "580.4",
         "United States: gold assayed at 580.4 may be marked 14K, within the 3 parts per thousand the law allows "
         "below the mark."),
        ("US", "gold", "580.3",
         "United States: gold assayed at 580.3 may be marked 13K: it falls short of 14K even with the 3 parts of "
         "tolerance."),
        ("US", "gold", "412",
         "United States: gold assayed at 412 is below the lowest gold standard (10K) even with the 3 parts of "
         "tolerance; the Guides allow no karat gold mark below 10 karat."),
        ("US", "silver", "924",
         "United States: silver assayed at 924 may be marked coin (900): it falls short of sterling (925) (no "
         "tolerance is applied; the law's could not be read)."),
        ("Switzerland", "palladium", "949",
         "Switzerland: palladium assayed at 949 may be marked 500: it falls short of 950, and no negative tolerance "
         "is allowed."),
    ],
)  # fmt: skip
def test_the_standard_a_piece_may_be_marked_at(place: str, metal: str, assay: str, sentence: str) -> None:
    assert mark(place, metal, assay) == sentence


def test_us_solder_allows_seven_parts() -> None:
    assert mark("US", "gold", "577", soldered=True) == (
        "United States: gold assayed at 577 may be marked 14K, within the 7 parts per thousand the law allows below "
        "the mark with its solder."
    )
    assert mark("US", "gold", "577") == (
        "United States: gold assayed at 577 may be marked 13K: it falls short of 14K even with the 3 parts of "
        "tolerance."
    )
    marking = legal_standard_for_assay(jurisdiction="US", metal="gold", assayed_fineness="577", soldered=True)
    assert (marking.exact, marking.standard, marking.tolerance) == (Fraction(1750, 3), Decimal("583.3"), Decimal(7))


def test_italy_allows_ten_parts_on_soldered_platinum() -> None:
    assert mark("Italy", "platinum", "941", soldered=True) == (
        "Italy: platinum assayed at 941 may be marked 950, within the 10 parts per thousand the law allows below the "
        "mark with its solder."
    )


def test_every_rule_names_its_source() -> None:
    assert all(rule.source for rule in RULES.values())
    assert src.CGI_522 in RULES[Jurisdiction.FRANCE].source
    assert src.US_STAMPING_ACT in RULES[Jurisdiction.US].source


def test_a_marking_carries_the_notes_of_what_was_not_verified() -> None:
    marking = legal_standard_for_assay(jurisdiction="Netherlands", metal="platinum", assayed_fineness="950")
    assert marking.notes == (
        "No negative tolerance: every part of the piece must reach the mark.",
        "These are the standards of the Waarborgwet 1986; the Assay Act and Order of 2019 added platinum finenesses "
        "(850 among them), which are not held here.",
    )


def test_legal_standards_lists_a_jurisdictions_standards() -> None:
    assert legal_standards("France", "gold") == tuple(Fraction(value) for value in (375, 585, 750, 916, 999))
    assert legal_standards("France", "palladium") == ()
    assert legal_standards("US", "gold")[4] == Fraction(7000, 12)


@pytest.mark.parametrize(
    ("typed", "found"),
    [("uk", Jurisdiction.UK), ("Great Britain", Jurisdiction.UK), ("CCM", Jurisdiction.CONVENTION),
     ("Suisse", Jurisdiction.SWITZERLAND), ("Holland", Jurisdiction.NETHERLANDS), ("USA", Jurisdiction.US),
     ("United States", Jurisdiction.US)],
)  # fmt: skip
def test_jurisdictions_are_read_by_their_usual_names(typed: str, found: Jurisdiction) -> None:
    assert jurisdiction(typed) is found


def test_unknown_jurisdictions_are_refused() -> None:
    with pytest.raises(MetalError) as nordic:
        jurisdiction("Nordic countries")
    assert str(nordic.value) == "Name one Nordic country: Sweden or Finland (the others' standards are not held)."
    with pytest.raises(MetalError) as spain:
        jurisdiction("Spain")
    assert str(spain.value) == (
        "‘Spain’ is not a jurisdiction this library holds; it holds United Kingdom, Hallmarking Convention, France, "
        "Switzerland, Italy, Netherlands, Sweden, Finland, United States."
    )


def test_fineness_out_of_range_is_refused() -> None:
    with pytest.raises(MetalError) as refusal:
        legal_standard_for_assay(jurisdiction="UK", metal="gold", assayed_fineness="1001")
    assert str(refusal.value) == "Fineness is in parts per thousand, above 0 and at most 1000; 1001 was given."


@settings(max_examples=400, deadline=None)
@given(
    place=st.sampled_from(list(Jurisdiction)),
    metal=st.sampled_from(list(Metal)),
    assay=st.decimals(min_value="0.1", max_value="1000", places=1),
    soldered=st.booleans(),
)
def test_the_mark_is_never_above_the_assay_and_always_a_legal_standard(
    place: Jurisdiction, metal: Metal, assay: Decimal, soldered: bool
) -> None:
    marking = legal_standard_for_assay(jurisdiction=place, metal=metal, assayed_fineness=assay, soldered=soldered)
    rule = RULES[place].metals.get(metal)
    if rule is None:
        assert not marking.can_be_marked
        return
    reach = Fraction(assay + rule.allowed_shortfall(soldered=soldered))
    if rule.free_fineness:
        assert rule.minimum is not None
        if marking.exact is None:
            assert assay < rule.minimum + 1
        else:
            assert rule.minimum <= marking.exact <= assay
        return
    fitting = [standard for standard in rule.standards if standard <= reach]
    if not fitting:
        assert not marking.can_be_marked
        return
    assert marking.exact == max(fitting)
    assert marking.exact in rule.standards
    assert marking.exact <= reach
