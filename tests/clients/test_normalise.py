"""What people type, as the client book stores and searches it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parure.clients.errors import ClientError
from parure.clients.normalise import (
    fold,
    maker_key,
    parse_client_number,
    phone_display,
    phone_e164,
    phone_search_variants,
    ring_size_from_mm,
    ring_size_to_mm,
)
from parure.clients.pieces import piece_number
from parure.core.numbering import check_digit
from parure.inventory.numbers import StockNumber


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Zoë O’Brien-Łukasz", "zoe obrien lukasz"),
        ("Béatrice CHÂTEAU-RENAUD", "beatrice chateau renaud"),
        ("Jürgen Straßburger", "jurgen strassburger"),
        ("Søren Kjær", "soren kjaer"),
        ("王小明", "王小明"),
        ("Анна Павлова", "анна павлова"),
        ("ada.lovelace@Example.com", "ada lovelace@example com"),
    ],
)
def test_fold_is_accent_case_and_punctuation_insensitive_in_any_script(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("typed", "region", "stored"),
    [
        ("+44 20 7946 0000", None, "+442079460000"),
        ("020 7946 0000", "GB", "+442079460000"),
        ("0044 20 7946 0000", None, "+442079460000"),
        ("(212) 555-0123", "US", "+12125550123"),
        ("+41 22 555 01 23", None, "+41225550123"),
    ],
)
def test_phones_are_stored_in_e164(typed: str, region: str | None, stored: str) -> None:
    assert phone_e164(typed, region=region) == stored


def test_a_phone_without_country_code_and_no_region_is_refused_with_an_example() -> None:
    with pytest.raises(ClientError) as refusal:
        phone_e164("020 7946 0000")
    assert refusal.value.message == (
        "This phone number cannot be read; write it with its country code, e.g. +44 20 7946 0000."
    )
    assert refusal.value.field == "phone"


def test_an_impossible_phone_number_is_refused() -> None:
    with pytest.raises(ClientError) as refusal:
        phone_e164("+44 20 12")
    assert refusal.value.message == (
        "This is not a valid phone number for its country; check the digits and the country code."
    )


def test_phone_display_groups_digits() -> None:
    assert phone_display("+442079460000") == "+44 20 7946 0000"


def test_phone_search_variants_cover_national_and_international_forms() -> None:
    assert "2079460000" in phone_search_variants("020 7946 0000", region="GB")
    assert "442079460000" in phone_search_variants("020 7946 0000", region="GB")
    assert phone_search_variants("Ada") == []
    assert phone_search_variants("12") == []


@pytest.mark.parametrize(
    ("size", "system", "mm"),
    [
        ("6", "us", Decimal("51.8")),
        ("6½", "us", Decimal("53.1")),
        ("L", "uk", Decimal("51.6")),
        ("L½", "uk", Decimal("52.2")),
        ("52", "iso", Decimal("52.0")),
        ("12", "ch", Decimal("52.0")),
        ("16.5", "diameter", Decimal("51.8")),
    ],
)
def test_ring_sizes_convert_to_circumference(size: str, system: str, mm: Decimal) -> None:
    assert ring_size_to_mm(size, system) == mm


def test_ring_sizes_convert_back_to_the_nearest_size() -> None:
    assert ring_size_from_mm(Decimal("51.8"), "us") == "6"
    assert ring_size_from_mm(Decimal("51.6"), "uk") == "L"
    assert ring_size_from_mm(Decimal("52.0"), "ch") == "12.0"


def test_a_ring_size_outside_what_rings_are_made_in_is_refused() -> None:
    with pytest.raises(ClientError) as refusal:
        ring_size_to_mm("40", "us")
    assert refusal.value.message == "Ring size ‘40’ (US and Canada) is outside the sizes rings are made in."
    with pytest.raises(ClientError) as refusal:
        ring_size_to_mm("Q7", "uk")
    assert refusal.value.message == "‘Q7’ is not a ring size in the UK and Australia (letters) system."


def test_stock_numbers_are_read_with_inventorys_parser_and_refused_as_the_client_books() -> None:
    printed = str(StockNumber("NY", 26, 123))
    assert piece_number(printed.lower().replace("-", "")) == printed
    with pytest.raises(ClientError) as refusal:
        piece_number("NY-26-123")
    assert refusal.value.message == (
        "‘NY-26-123’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, check digit)."
    )
    assert (refusal.value.field, refusal.value.code) == ("pieces", "invalid_stock_number")
    wrong = printed[:-1] + str((int(printed[-1]) + 1) % 10)
    with pytest.raises(ClientError) as refusal:
        piece_number(wrong, field="stock_number")
    assert refusal.value.message == (
        f"{wrong} has a wrong check digit, so it is not a stock number we issued; check the tag and type it again."
    )
    assert refusal.value.field == "stock_number"


def test_the_client_book_has_no_stock_number_parser_of_its_own() -> None:
    import parure.clients.normalise as normalise

    assert not hasattr(normalise, "stock_number")
    assert not hasattr(normalise, "make_stock_number")


def test_client_numbers_are_checked_for_their_check_digit() -> None:
    good = f"C-000412-{check_digit('C-000412')}"
    assert parse_client_number(good.replace("-", " ").lower()) == good
    assert parse_client_number(good.replace("-", "")) == good
    assert parse_client_number("Mrs") is None
    assert parse_client_number("NY-26-000123-7") is None
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ClientError) as refusal:
        parse_client_number(wrong)
    assert (
        refusal.value.message
        == f"{wrong} has a wrong check digit, so it is not a client number we issued; read it again."
    )
    assert (refusal.value.field, refusal.value.code) == ("client_number", "invalid_client_number")


def test_maker_keys_ignore_accents_case_and_ampersands() -> None:
    assert maker_key("Van Cleef & Arpels") == "van-cleef-arpels"
    assert maker_key("René Boivin") == "rene-boivin"
