"""Stock numbers: issued with a Damm check digit, refused when mistyped, never matched to another piece."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parure.core.numbering import check_digit
from parure.inventory import queries
from parure.inventory.errors import StockNumberError
from parure.inventory.numbers import issue_stock_number, parse_consignment_number, parse_stock_number


@pytest.mark.django_db
def test_stock_numbers_run_per_office_and_year_with_a_check_digit() -> None:
    first = issue_stock_number("NY", date(2026, 3, 1))
    second = issue_stock_number("NY", date(2026, 3, 1))
    london = issue_stock_number("LN", date(2026, 3, 1))
    next_year = issue_stock_number("NY", date(2027, 1, 2))
    assert first == f"NY-26-000001-{check_digit('NY-26-000001')}"
    assert second.startswith("NY-26-000002-")
    assert london.startswith("LN-26-000001-")
    assert next_year.startswith("NY-27-000001-")


def test_a_typed_number_is_read_in_any_case_with_or_without_dashes() -> None:
    number = f"NY-26-000123-{check_digit('NY-26-000123')}"
    assert parse_stock_number(number.lower()) == number
    assert parse_stock_number(" " + number.replace("-", "") + " ") == number


def test_every_single_wrong_check_digit_is_refused_with_a_clear_sentence() -> None:
    right = check_digit("NY-26-000123")
    for wrong in "0123456789":
        if wrong == right:
            continue
        with pytest.raises(StockNumberError) as refusal:
            parse_stock_number(f"NY-26-000123-{wrong}")
        assert refusal.value.message == (
            f"NY-26-000123-{wrong} has a wrong check digit, so it is not a stock number we issued; "
            "check the tag and type it again."
        )


def test_swapped_neighbouring_digits_are_caught() -> None:
    number = f"NY-26-000123-{check_digit('NY-26-000123')}"
    swapped = number.replace("123", "213")
    with pytest.raises(StockNumberError):
        parse_stock_number(swapped)


def test_something_that_is_not_a_stock_number_says_what_one_looks_like() -> None:
    with pytest.raises(StockNumberError) as refusal:
        parse_stock_number("ring 12")
    assert refusal.value.message == (
        "‘ring 12’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, check digit)."
    )


def test_a_mistyped_number_never_finds_another_piece(ring: Any) -> None:
    body, check = ring.stock_number[:-1], ring.stock_number[-1]
    wrong = body + str((int(check) + 1) % 10)
    with pytest.raises(StockNumberError):
        queries.item_by_stock_number(wrong)
    assert list(queries.items(queries.ItemFilters(text=wrong))) == []


def test_consignment_numbers_carry_a_check_digit_too() -> None:
    body = "NY-C-26-00042"
    assert parse_consignment_number(f"{body}-{check_digit(body)}") == f"{body}-{check_digit(body)}"
    assert parse_consignment_number("not one") is None
    with pytest.raises(StockNumberError):
        parse_consignment_number(f"{body}-{(int(check_digit(body)) + 1) % 10}")
