"""The buyer's premium by marginal bands and the tax rules, against worked examples at and around every
band edge, to the cent; and the premium's shape (monotone, continuous) for every hammer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parure.billing import tax
from parure.billing.premium import premium_for
from parure.core.money import Money, MoneyError, convert, marginal

D = Decimal
# The house's 2026 schedule, as migration auctions/0002 ships it: 27% to 1,000,000, 22% to 6,000,000, 15% above.
HOUSE = [(D(0), D("0.27")), (D(1_000_000), D("0.22")), (D(6_000_000), D("0.15"))]


def usd(text: str) -> Money:
    return Money.of(text, "USD")


@pytest.mark.parametrize(
    ("hammer", "premium"),
    [
        ("0.01", "0.00"),  # 0.0027 rounds half-up to nothing
        ("1.85", "0.50"),  # 0.4995 → 0.50
        ("9000", "2430.00"),
        ("999999.99", "270000.00"),  # 269,999.9973 rounds up to the cent
        ("1000000", "270000.00"),  # the edge is the band below's
        ("1000000.01", "270000.00"),  # + 0.0022
        ("1000000.03", "270000.01"),  # + 0.0066
        ("1500000", "380000.00"),  # 270,000 + 110,000
        ("6000000", "1370000.00"),  # 270,000 + 1,100,000
        ("6000000.10", "1370000.02"),  # + 0.015 → .015 half-up .02
        ("10000000", "1970000.00"),  # + 600,000
    ],
)
def test_the_house_premium_at_and_around_every_band_edge(hammer: str, premium: str) -> None:
    assert marginal(usd(hammer), HOUSE) == usd(premium)


def test_currencies_with_no_or_three_decimals_round_to_their_own_unit() -> None:
    # 270,000 + 234,567 × 0.22 = 321,604.74, and the yen has no minor unit.
    assert marginal(Money.of("1234567", "JPY"), HOUSE) == Money.of("321605", "JPY")
    assert marginal(Money.of("1000.005", "KWD"), [(D(0), D("0.25"))]) == Money.of("250.001", "KWD")


def test_the_premium_snapshot_keeps_the_schedule_it_came_from() -> None:
    result = premium_for(usd("1500000"), HOUSE, schedule_code="house-2026", schedule_name="House 2026")
    assert result.amount == usd("380000.00")
    assert result.snapshot == {
        "schedule": "house-2026",
        "name": "House 2026",
        "currency": "USD",
        "bands": [["0", "0.27"], ["1000000", "0.22"], ["6000000", "0.15"]],
        "rounding": "per lot, half-up to the minor unit",
    }


hammers = st.decimals(min_value=D(0), max_value=D(20_000_000), places=2, allow_nan=False, allow_infinity=False)


@given(hammers, st.decimals(min_value=D("0.01"), max_value=D(500_000), places=2))
def test_the_premium_never_falls_as_the_hammer_rises(hammer: Decimal, more: Decimal) -> None:
    assert marginal(usd(str(hammer + more)), HOUSE) >= marginal(usd(str(hammer)), HOUSE)


@given(hammers)
def test_the_premium_is_continuous_one_cent_moves_it_by_at_most_a_cent(hammer: Decimal) -> None:
    step = marginal(usd(str(hammer + D("0.01"))), HOUSE) - marginal(usd(str(hammer)), HOUSE)
    assert D(0) <= step.amount <= D("0.01")


def test_a_conversion_names_its_rate_and_rounds_to_the_target_currency() -> None:
    assert convert(Money.of("1000.00", "GBP"), D("1.27345"), "USD") == usd("1273.45")
    with pytest.raises(MoneyError, match="positive exact decimal"):
        convert(usd("1"), D(0), "EUR")


UK = tax.TaxContext(jurisdiction="uk", vat_standard=D("0.20"), vat_reduced=D("0.05"))


def _lines(hammer: str, premium: str, treatment: str, ctx: tax.TaxContext) -> list[tuple[str, str, bool]]:
    found = tax.taxes_on_lot(hammer=Money.of(hammer, "GBP"), premium=Money.of(premium, "GBP"), treatment=treatment,
                             ctx=ctx)  # fmt: skip
    return [(line.description, str(line.amount.amount), line.included) for line in found]


def test_uk_margin_scheme_keeps_the_vat_inside_the_premium_and_adds_nothing() -> None:
    # 2,430 × 20/120 = 405.00, recorded for the VAT return, not added to what the buyer pays.
    assert _lines("9000", "2430", "margin", UK) == [("VAT 20% included in the premium (margin scheme)", "405.00", True)]


def test_uk_normal_vat_rules_add_vat_on_hammer_and_premium() -> None:
    assert _lines("9000", "2430", "standard", UK) == [
        ("VAT 20% on hammer", "1800.00", False),
        ("VAT 20% on premium", "486.00", False),
    ]


def test_temporary_admission_charges_import_vat_on_the_hammer_at_its_rate() -> None:
    assert _lines("9000", "2430", "import_reduced", UK) == [
        ("Import VAT 5% on hammer", "450.00", False),
        ("VAT 20% on premium", "486.00", False),
    ]
    assert _lines("9000", "2430", "import_standard", UK)[0] == ("Import VAT 20% on hammer", "1800.00", False)


def test_proof_of_export_zero_rates_and_gives_back_the_margin_vat() -> None:
    exported = tax.TaxContext(jurisdiction="uk", vat_standard=D("0.20"), exported=True)
    assert _lines("9000", "2430", "standard", exported) == [("VAT zero-rated: exported", "0.00", False)]
    assert _lines("9000", "2430", "margin", exported) == [
        ("VAT 20% included in the premium (margin scheme)", "405.00", True),
        ("VAT in the premium refunded: exported", "-405.00", False),
    ]


def test_us_sales_tax_by_delivery_region_with_new_york_citys_rate() -> None:
    rates = {"US-NY-NYC": D("0.08875"), "US-NJ": D("0.06625")}
    nyc = tax.TaxContext(jurisdiction="us", sales_tax=rates, delivery_region="US-NY-NYC")
    found = tax.taxes_on_lot(hammer=usd("9000"), premium=usd("2430"), treatment="margin", ctx=nyc)
    assert [(line.description, line.amount) for line in found] == [
        ("Sales tax 8.875% on hammer and premium (US-NY-NYC)", usd("1014.41"))  # 11,430 × 0.08875 = 1,014.4125
    ]
    elsewhere = tax.TaxContext(jurisdiction="us", sales_tax=rates, delivery_region="US-CA")
    assert tax.taxes_on_lot(hammer=usd("9000"), premium=usd("2430"), treatment="margin", ctx=elsewhere) == []


def test_a_missing_rate_is_refused_with_what_to_do() -> None:
    with pytest.raises(tax.TaxRuleError, match="no standard VAT rate in force"):
        tax.taxes_on_lot(hammer=usd("1"), premium=usd("1"), treatment="margin", ctx=tax.TaxContext(jurisdiction="eu"))
