"""The HS 2022 heading proposed for a piece: by metal, pearls and stones, loose stones, antiques at their
boundaries (exactly 100 and 250 years), and imitation jewellery."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parure.shipping.compliance.hs import HS_EDITION, propose_hs
from parure.shipping.plan import HsProposal, PieceFact, StoneFact

ON = date(2026, 6, 15)


def piece(category: str = "ring", **values: Any) -> PieceFact:
    return PieceFact(stock_number="NY-1", category=category, description="A piece", **values)


def test_the_edition_is_the_harmonized_system_of_2022() -> None:
    assert HS_EDITION == "HS 2022"
    assert propose_hs(piece(metals=("gold",)), on=ON).edition == "HS 2022"


def test_gold_or_platinum_jewellery_is_7113_19_with_its_heading_and_reason() -> None:
    assert propose_hs(piece(metals=("platinum", "18ct gold")), on=ON) == HsProposal(
        code="7113.19",
        heading="Articles of jewellery and parts thereof, of other precious metal, whether or not plated or clad "
        "with precious metal",
        edition="HS 2022",
        reason="Jewellery of precious metal other than silver (18ct gold, platinum).",
    )


@pytest.mark.parametrize(
    ("values", "code", "reason"),
    [
        ({"metals": ("silver",)}, "7113.11", "Jewellery of silver."),
        ({"metals": ("silver", "gold")}, "7113.19", "Jewellery of precious metal other than silver (gold)."),
        ({"metals": ("palladium",)}, "7113.19", "Jewellery of precious metal other than silver (palladium)."),
        ({"metals": ("gold-filled",)}, "7113.20", "Jewellery of base metal clad with precious metal."),
        ({"metals": ("rolled gold",)}, "7113.20", "Jewellery of base metal clad with precious metal."),
        ({"metals": ("gold plated brass",)}, "7117", "No precious metal, pearls or precious stones: imitation jewellery."),
        ({"metals": ("gold-plated silver",)}, "7113.11", "Jewellery of silver."),
        ({"metals": ("vermeil",)}, "7113.11", "Jewellery of silver."),
        ({"metals": ("silver-plated brass",)}, "7117",
         "No precious metal, pearls or precious stones: imitation jewellery."),
        ({"metals": ("nickel silver",)}, "7117", "No precious metal, pearls or precious stones: imitation jewellery."),
        ({"stones": (StoneFact("pearl"),)}, "7116.10",
         "Pearls without precious metal beyond minor fittings: an article of pearls."),
        ({"stones": (StoneFact("beryl", "emerald"),), "metals": ("steel",)}, "7116.20",
         "Stones without precious metal beyond minor fittings: an article of stones."),
        ({"stones": (StoneFact("paste"),), "metals": ("brass",)}, "7117",
         "No precious metal, pearls or precious stones: imitation jewellery."),
        ({}, "7117", "No precious metal, pearls or precious stones: imitation jewellery."),
    ],
)  # fmt: skip
def test_jewellery_by_its_metal_and_stones(values: dict[str, Any], code: str, reason: str) -> None:
    found = propose_hs(piece(**values), on=ON)
    assert (found.code, found.reason) == (code, reason)


def test_loose_pearls_diamonds_and_other_stones_have_their_own_headings() -> None:
    pearl = propose_hs(piece("loose_stone", stones=(StoneFact("pearl"),)), on=ON)
    diamond = propose_hs(piece("loose_stone", stones=(StoneFact("diamond"),)), on=ON)
    sapphire = propose_hs(piece("loose_stone", stones=(StoneFact("corundum", "sapphire"),)), on=ON)
    assert [(p.code, p.reason) for p in (pearl, diamond, sapphire)] == [
        ("7101", "A loose pearl, neither strung, mounted nor set."),
        ("7102", "A loose diamond, neither mounted nor set."),
        ("7103", "A loose sapphire, neither mounted nor set."),
    ]
    assert diamond.heading == "Diamonds, whether or not worked, but not mounted or set"


def test_a_loose_stone_is_never_an_antique() -> None:
    old = propose_hs(piece("loose_stone", stones=(StoneFact("diamond"),), year_made=1700), on=ON)
    assert old.code == "7102"
    unknown = propose_hs(piece("loose_stone", year_made=1800), on=ON)
    assert (unknown.code, unknown.reason) == (
        "7103", "A loose stone whose species is not recorded: other precious or semi-precious stones."
    )  # fmt: skip


@pytest.mark.parametrize(
    ("year_made", "code", "reason"),
    [
        (1927, "7113.19", "Jewellery of precious metal other than silver (gold)."),
        (1926, "9706.90", "Made in 1926, 100 years before shipping: an antique over 100 years."),
        (1777, "9706.90", "Made in 1777, 249 years before shipping: an antique over 100 years."),
        (1776, "9706.10", "Made in 1776, 250 years before shipping: an antique over 250 years."),
    ],
)
def test_antiques_at_exactly_100_and_250_years(year_made: int, code: str, reason: str) -> None:
    found = propose_hs(piece(metals=("gold",), year_made=year_made), on=ON)
    assert (found.code, found.reason) == (code, reason)


def test_the_antique_headings_read_as_the_nomenclature_does() -> None:
    assert propose_hs(piece(year_made=1700), on=ON).heading == "Antiques of an age exceeding 250 years"
    assert propose_hs(piece(year_made=1900), on=ON).heading == (
        "Antiques of an age exceeding 100 years (other than those exceeding 250 years)"
    )


def test_the_age_is_reckoned_from_the_shipping_date() -> None:
    assert propose_hs(piece(metals=("gold",), year_made=1926), on=date(2025, 12, 31)).code == "7113.19"
    assert propose_hs(piece(metals=("gold",), year_made=1926), on=date(2026, 1, 1)).code == "9706.90"
