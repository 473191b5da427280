"""Check digits and money: the figures people read aloud and the sums they rely on."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parure.core.money import Money, MoneyError
from parure.core.numbering import check_digit, is_valid, next_in_sequence


def test_check_digit_of_a_known_stock_number_body() -> None:
    # Damm over "NY26000123" with N=23, Y=34 folded in: 2334 26000123.
    assert check_digit("NY-26-000123") == check_digit("2334260001 23") == "8"
    assert is_valid("NY-26-000123-8")
    assert not is_valid("NY-26-000123-7")


@given(st.text(alphabet="0123456789", min_size=1, max_size=14), st.data())
def test_every_single_digit_error_is_caught(body: str, data: st.DataObject) -> None:
    number = body + check_digit(body)
    position = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    assert not is_valid(number[:position] + wrong + number[position + 1 :])


@given(st.text(alphabet="0123456789", min_size=2, max_size=14), st.data())
def test_every_adjacent_swap_is_caught(body: str, data: st.DataObject) -> None:
    number = body + check_digit(body)
    i = data.draw(st.integers(0, len(number) - 2))
    if number[i] == number[i + 1]:
        return
    swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    assert not is_valid(swapped)


@pytest.mark.django_db
def test_sequences_count_up_independently() -> None:
    assert [next_in_sequence("stock:NY:26") for _ in range(3)] == [1, 2, 3]
    assert next_in_sequence("stock:LN:26") == 1
    assert next_in_sequence("stock:NY:26") == 4


def test_money_rounds_half_up_to_the_currency_minor_unit() -> None:
    assert Money.of("10.005", "USD").rounded() == Money.of("10.01", "USD")
    assert Money.of("10.004", "USD").rounded() == Money.of("10.00", "USD")
    assert Money.of("1500.5", "JPY").rounded() == Money.of("1501", "JPY")


def test_money_refuses_floats_mixed_currencies_and_unknown_codes() -> None:
    with pytest.raises(MoneyError, match="never floating-point"):
        Money.of(1.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(MoneyError, match=re.escape("Cannot combine USD with CHF without a stated exchange rate.")):
        Money.of(1, "USD") + Money.of(1, "CHF")
    with pytest.raises(MoneyError, match="‘XYZ’ is not an ISO 4217 currency code"):
        Money.of(1, "XYZ")
    with pytest.raises(MoneyError, match=re.escape("‘ten’ is not an amount of money.")):
        Money.of("ten", "USD")


def test_money_formats_in_the_office_locale() -> None:
    assert Money.of("12500", "CHF").format("fr_CH") == "12'500,00\xa0CHF"  # CLDR's Swiss French
    assert Money.of("12500", "USD").format("en_US") == "$12,500.00"
    assert Money.of("12500", "GBP").format("en_GB") == "£12,500.00"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
)
def test_money_addition_is_exact(a: Decimal, b: Decimal) -> None:
    assert (Money.of(a, "EUR") + Money.of(b, "EUR")).amount == a + b
    assert (Money.of(a, "EUR") + Money.of(b, "EUR") - Money.of(b, "EUR")).amount == a
