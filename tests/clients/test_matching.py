"""Matching pieces to wants: a piece that meets a want is always suggested; one that misses any
criterion never is. The pure rule and its SQL twin are held to each other."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parure.clients.choices import Category, Colour, Period, Stone
from parure.clients.matching import (
    RING_SIZE_TOLERANCE_MM,
    PieceDescription,
    WantCriteria,
    want_meets_piece,
    wants_matching,
)
from parure.clients.models import Want
from parure.clients.queries import clients_wanting
from parure.clients.services.wants import want_create
from parure.core.money import Money
from tests.clients.conftest import Book
from tests.guards import unchanged

CATEGORIES = [Category.RING, Category.BROOCH, Category.NECKLACE, Category.EARRINGS]
STONES = [Stone.DIAMOND, Stone.RUBY, Stone.SAPPHIRE, Stone.EMERALD, Stone.PEARL]
COLOURS = [Colour.BLUE, Colour.RED, Colour.GREEN, Colour.WHITE]
MAKERS = ["cartier", "van-cleef-arpels", "jar"]
PERIODS = [Period.ART_DECO, Period.EDWARDIAN, Period.RETRO]
CURRENCIES = ["USD", "GBP"]

amounts = st.integers(min_value=0, max_value=5_000_000_00).map(lambda cents: Decimal(cents) / 100)
ring_sizes = st.integers(min_value=450, max_value=700).map(lambda tenths: Decimal(tenths) / 10)


def subset(values: list[str]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(values), max_size=len(values))


@st.composite
def wants(draw: Any) -> WantCriteria:
    low = draw(st.none() | amounts)
    high = draw(st.none() | amounts)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return WantCriteria(
        categories=draw(subset(CATEGORIES)),
        stones=draw(subset(STONES)),
        colours=draw(subset(COLOURS)),
        makers=draw(subset(MAKERS)),
        periods=draw(subset(PERIODS)),
        currency=draw(st.sampled_from(CURRENCIES)) if (low is not None or high is not None) else "",
        price_min=low,
        price_max=high,
        ring_size_mm=draw(st.none() | ring_sizes),
    )


@st.composite
def pieces(draw: Any) -> PieceDescription:
    return PieceDescription(
        category=draw(st.sampled_from(CATEGORIES)),
        stones=draw(subset(STONES)),
        colours=draw(subset(COLOURS)),
        maker=draw(st.sampled_from(["", *MAKERS])),
        period=draw(st.sampled_from(["", *PERIODS])),
        prices=tuple(Money.of(draw(amounts), c) for c in draw(st.lists(st.sampled_from(CURRENCIES), unique=True))),
        ring_size_mm=draw(st.none() | ring_sizes),
    )


@st.composite
def a_want_and_a_piece_meeting_it(draw: Any) -> tuple[WantCriteria, PieceDescription]:
    want = draw(wants())
    category = draw(st.sampled_from(sorted(want.categories) or CATEGORIES))
    stones = draw(subset(STONES)) | ({draw(st.sampled_from(sorted(want.stones)))} if want.stones else set())
    colours = draw(subset(COLOURS)) | ({draw(st.sampled_from(sorted(want.colours)))} if want.colours else set())
    maker = draw(st.sampled_from(sorted(want.makers))) if want.makers else draw(st.sampled_from(["", *MAKERS]))
    period = draw(st.sampled_from(sorted(want.periods))) if want.periods else draw(st.sampled_from(["", *PERIODS]))
    prices: tuple[Money, ...] = ()
    if want.has_price:
        low = want.price_min if want.price_min is not None else Decimal(0)
        high = want.price_max if want.price_max is not None else low + 1_000_000
        cents = draw(st.integers(min_value=int(low * 100), max_value=int(high * 100)))
        prices = (Money.of(Decimal(cents) / 100, want.currency),)
    ring = draw(st.none() | ring_sizes)
    if want.ring_size_mm is not None and category == Category.RING:
        offset = draw(st.integers(min_value=-13, max_value=13))
        ring = want.ring_size_mm + Decimal(offset) / 10
    piece = PieceDescription(
        category=category, stones=frozenset(stones), colours=frozenset(colours), maker=maker, period=period,
        prices=prices, ring_size_mm=ring,
    )  # fmt: skip
    return want, piece


def spoil(draw: Any, want: WantCriteria, piece: PieceDescription) -> PieceDescription:
    """The same piece, missing exactly one criterion the want states."""
    stated = [
        name
        for name, present in (
            ("categories", want.categories and set(CATEGORIES) - want.categories),
            ("stones", want.stones and set(STONES) - want.stones),
            ("colours", want.colours and set(COLOURS) - want.colours),
            ("makers", want.makers),
            ("periods", want.periods),
            ("price", want.has_price),
            ("ring", want.ring_size_mm is not None and piece.category == Category.RING),
        )
        if present
    ]
    assume(stated)
    what = draw(st.sampled_from(stated))
    if what == "categories":
        return replace(piece, category=draw(st.sampled_from(sorted(set(CATEGORIES) - want.categories))))
    if what == "stones":
        return replace(piece, stones=piece.stones - want.stones)
    if what == "colours":
        return replace(piece, colours=piece.colours - want.colours)
    if what == "makers":
        return replace(piece, maker=draw(st.sampled_from(sorted({"", *MAKERS} - want.makers))))
    if what == "periods":
        return replace(piece, period=draw(st.sampled_from(sorted({"", *PERIODS} - want.periods))))
    if what == "price":
        options = []
        if want.price_min is not None and want.price_min > 0:
            options.append((Money.of(want.price_min - Decimal("0.01"), want.currency),))
        if want.price_max is not None:
            options.append((Money.of(want.price_max + Decimal("0.01"), want.currency),))
        other = "GBP" if want.currency == "USD" else "USD"
        options.append((Money.of(piece.prices[0].amount, other),))  # priced only in another currency
        options.append(())  # not priced
        return replace(piece, prices=draw(st.sampled_from(options)))
    assert want.ring_size_mm is not None
    far = Decimal(draw(st.integers(min_value=14, max_value=60))) / 10
    return replace(piece, ring_size_mm=draw(st.sampled_from([None, want.ring_size_mm + far, want.ring_size_mm - far])))


@given(a_want_and_a_piece_meeting_it())
def test_a_piece_that_meets_a_want_meets_it(case: tuple[WantCriteria, PieceDescription]) -> None:
    want, piece = case
    assert want_meets_piece(want, piece)


@given(st.data())
def test_a_piece_that_misses_any_stated_criterion_does_not(data: Any) -> None:
    want, piece = data.draw(a_want_and_a_piece_meeting_it())
    assert not want_meets_piece(want, spoil(data.draw, want, piece))


def test_the_ring_tolerance_is_half_a_us_size_either_way() -> None:
    want = WantCriteria(ring_size_mm=Decimal("51.8"))
    ring = PieceDescription(category=Category.RING, ring_size_mm=Decimal("51.8") + RING_SIZE_TOLERANCE_MM)
    assert want_meets_piece(want, ring)
    assert not want_meets_piece(want, replace(ring, ring_size_mm=Decimal("53.2")))
    assert not want_meets_piece(want, replace(ring, ring_size_mm=None))
    # A ring size says nothing about brooches.
    assert want_meets_piece(want, PieceDescription(category=Category.BROOCH))


def _save(client: Any, want: WantCriteria) -> Want:
    return Want(
        client=client, categories=sorted(want.categories), stones=sorted(want.stones), colours=sorted(want.colours),
        makers=sorted(want.makers), periods=sorted(want.periods), currency=want.currency, price_min=want.price_min,
        price_max=want.price_max, ring_size_mm=want.ring_size_mm,
    )  # fmt: skip


DB_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@DB_SETTINGS
@given(data=st.data())
def test_the_query_finds_exactly_the_wants_the_rule_finds(book: Book, data: Any) -> None:
    Want.objects.all().delete()
    criteria = data.draw(st.lists(wants(), min_size=1, max_size=6))
    rows = Want.objects.bulk_create([_save(book.ada, c) for c in criteria])
    piece = data.draw(
        st.one_of(
            pieces(), st.sampled_from(criteria).flatmap(lambda w: a_want_and_a_piece_meeting_it().map(lambda c: c[1]))
        )
    )
    expected = {row.pk for row, c in zip(rows, criteria, strict=True) if want_meets_piece(c, piece)}
    assert set(Want.objects.filter(wants_matching(piece)).values_list("pk", flat=True)) == expected


@DB_SETTINGS
@given(data=st.data())
def test_a_client_whose_want_a_piece_meets_is_always_suggested_and_never_otherwise(book: Book, data: Any) -> None:
    Want.objects.all().delete()
    want, piece = data.draw(a_want_and_a_piece_meeting_it())
    _save(book.ada, want).save()
    assert [s.client_number for s in clients_wanting(piece)] == [book.ada.number]
    missed = spoil(data.draw, want, piece)
    assert clients_wanting(missed) == []


def test_closed_wants_and_erased_files_are_not_suggested(book: Book, cast: Any) -> None:
    from parure.clients.services.clients import client_erase
    from parure.clients.services.wants import want_close

    piece = PieceDescription(category=Category.BROOCH, stones=frozenset({Stone.SAPPHIRE}))
    ada = want_create(client=book.ada, by=cast.senior, categories=["brooch"])
    want_create(client=book.henri, by=cast.senior, stones=["sapphire"])
    want_create(client=book.beatrice, by=cast.senior, categories=["brooch"], stones=["sapphire"])
    assert {s.client_number for s in clients_wanting(piece)} == {
        book.ada.number,
        book.henri.number,
        book.beatrice.number,
    }
    want_close(want=ada, by=cast.senior)
    client_erase(client=book.henri, by=cast.senior, reason="DSR-1")
    assert [s.client_number for s in clients_wanting(piece)] == [book.beatrice.number]


def test_suggestions_follow_what_the_person_may_see(book: Book, cast: Any) -> None:
    piece = PieceDescription(category=Category.BROOCH)
    for client in (book.ada, book.beatrice, book.henri):
        want_create(client=client, by=cast.senior, categories=["brooch"])
    seen_by_marcus = {s.client_number: s.label for s in clients_wanting(piece, user=cast.assistant)}
    assert seen_by_marcus == {book.ada.number: "Ada Lovelace", book.beatrice.number: f"Client {book.beatrice.number}"}
    assert len(clients_wanting(piece, user=cast.senior)) == 3


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({}, "description",
         "Say what the client is looking for: a description, or at least one category, stone, colour, maker or period."),
        ({"categories": ["spaceship"]}, "categories", "‘spaceship’ is not a category we record."),
        ({"categories": ["ring"], "price_min": 10}, "currency", "Give the currency of the price range."),
        ({"categories": ["ring"], "price_min": 10, "price_max": 5, "currency": "USD"}, "price_min",
         "The lowest price is above the highest."),
        ({"categories": ["ring"], "ring_size": "ZZ", "ring_size_system": "uk"}, "ring_size",
         "‘ZZ’ is not a ring size in the UK and Australia (letters) system."),
    ],
)  # fmt: skip
def test_bad_wants_are_refused(book: Book, cast: Any, kwargs: dict[str, Any], field: str, message: str) -> None:
    from parure.clients.errors import ClientError

    with unchanged(), pytest.raises(ClientError) as refusal:
        want_create(client=book.ada, by=cast.senior, **kwargs)
    assert (refusal.value.field, refusal.value.message) == (field, message)
    assert Want.objects.count() == 0


def test_a_want_keeps_its_ring_size_in_mm_and_maker_keys(book: Book, cast: Any) -> None:
    want = want_create(
        client=book.ada, by=cast.senior, categories=["ring"], makers=["Van Cleef & Arpels"], ring_size="L",
        ring_size_system="uk", currency="gbp", price_min="20000", price_max=80000,
    )  # fmt: skip
    want.refresh_from_db()
    assert (want.ring_size_mm, want.makers, want.currency, want.price_min) == (
        Decimal("51.6"), ["van-cleef-arpels"], "GBP", Decimal("20000.00"),
    )  # fmt: skip
