"""Matching across the seam: a piece taken in shows on the pages of the clients whose wants it
meets, and those clients show on the piece's page as the client book lets each viewer see them.

Ada (Eleanor's) wants a sapphire ring; Béatrice (Eleanor's, confidential) wants any ring under
USD 20,000; Henri (Harriet's, London) wants rings too. Marcus, Eleanor's assistant, sees Ada by
name, Béatrice only by number, and not Henri at all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parure.clients.matching import WantCriteria, want_meets_piece
from parure.clients.services.wants import want_create
from parure.inventory.matching import clients_for_piece, describe, pieces_meeting
from parure.inventory.models import Item
from tests.clients.conftest import Book
from tests.inventory import world


@pytest.fixture
def ny(cast: Any) -> world.Places:
    return world.build_places(cast.senior.office, cast.administrator)


@pytest.fixture
def wants(book: Book, cast: Any) -> None:
    want_create(client=book.ada, by=cast.senior, categories=["ring"], stones=["sapphire"])
    want_create(client=book.beatrice, by=cast.senior, categories=["ring"], currency="USD", price_max="20000")
    want_create(client=book.henri, by=cast["harriet"], categories=["ring"])
    # Wants no piece in custody meets: an emerald, a brooch, a ring by a named maker.
    want_create(client=book.ada, by=cast.senior, stones=["emerald"])
    want_create(client=book.henri, by=cast["harriet"], categories=["brooch"])
    want_create(client=book.beatrice, by=cast.senior, categories=["ring"], makers=["Cartier"])


@pytest.fixture
def ring(cast: Any, ny: world.Places, wants: None) -> Item:
    """A sapphire and diamond ring, estimate USD 8,000–12,000, at New York's intake desk."""
    return world.take_in(cast.senior, world.consignor(), world.piece())[0]


def test_a_piece_is_described_for_matching_from_its_record(ring: Item) -> None:
    piece = describe(Item.objects.prefetch_related("stones").get(pk=ring.pk))
    assert (piece.category, piece.stones, [(m.amount, m.currency) for m in piece.prices], piece.stock_number) == (
        "ring",
        frozenset({"sapphire", "diamond"}),
        [(Decimal("8000.00"), "USD")],
        ring.stock_number,
    )


def test_the_piece_page_lists_the_clients_it_may_interest_as_the_senior_sees_them(
    book: Book, cast: Any, ring: Item
) -> None:
    labels = [(s.client_number, s.label) for s in clients_for_piece(ring, viewer=cast.senior)]
    assert sorted(labels) == sorted(
        [
            (book.ada.number, "Ada Lovelace"),
            (book.beatrice.number, "Béatrice Château-Renaud"),
            (book.henri.number, "Henri Dupont"),
        ]
    )


def test_an_assistant_sees_a_confidential_client_by_number_and_not_another_specialists_clients(
    book: Book, cast: Any, ring: Item, client_for: Any
) -> None:
    labels = sorted((s.client_number, s.label) for s in clients_for_piece(ring, viewer=cast.assistant))
    assert labels == sorted(
        [(book.ada.number, "Ada Lovelace"), (book.beatrice.number, f"Client {book.beatrice.number}")]
    )
    page = client_for(cast.assistant).get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert "Clients who want a piece like this" in page
    assert f'<a href="/clients/{book.ada.number}/">Ada Lovelace</a>' in page
    assert f"Client {book.beatrice.number}" in page
    assert "Château-Renaud" not in page and "Henri" not in page and book.henri.number not in page


def test_a_role_without_the_client_book_sees_no_clients_on_the_piece_page(
    cast: Any, ring: Item, client_for: Any
) -> None:
    administrator = cast.administrator
    assert not administrator.has_perm("clients.view_client")
    assert clients_for_piece(ring, viewer=administrator) == []
    page = client_for(administrator).get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert ring.title in page
    assert "Clients who want a piece like this" not in page and "Lovelace" not in page


def test_a_client_page_lists_the_pieces_in_custody_meeting_their_wants(
    book: Book, cast: Any, ring: Item, client_for: Any
) -> None:
    page = client_for(cast.senior).get(f"/clients/{book.ada.number}/").content.decode()
    assert "once the inventory is connected" not in page
    assert f'<a class="figure" href="/inventory/items/{ring.stock_number}/">{ring.stock_number}</a>' in page
    henri_page = client_for(cast["harriet"]).get(f"/clients/{book.henri.number}/").content.decode()
    assert ring.stock_number in henri_page  # Henri's ring want is met too


def test_pieces_that_left_custody_or_miss_a_criterion_are_not_offered(
    book: Book, cast: Any, ny: world.Places, wants: None
) -> None:
    emerald_brooch = world.take_in(
        cast.senior, world.consignor(), world.piece("Emerald brooch", category="brooch", stones=())
    )[0]
    ring = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    assert [o.stock_number for o in pieces_meeting([WantCriteria(categories=frozenset({"brooch"}))])] == [
        emerald_brooch.stock_number
    ]
    assert pieces_meeting([WantCriteria(categories=frozenset({"ring"}), makers=frozenset({"cartier"}))]) == []
    assert pieces_meeting([WantCriteria(currency="GBP", price_max=Decimal("20000"))]) == []
    assert [o.stock_number for o in pieces_meeting([WantCriteria(stones=frozenset({"sapphire"}))])] == [
        ring.stock_number
    ]


def test_the_client_page_with_matches_issues_a_fixed_number_of_queries(
    book: Book, cast: Any, ny: world.Places, wants: None, client_for: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = client_for(cast.senior)
    world.take_in(cast.senior, world.consignor(), world.piece())
    browser.get(f"/clients/{book.ada.number}/")  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        first = browser.get(f"/clients/{book.ada.number}/").content.decode()
    world.take_in(cast.senior, world.consignor(), *[world.piece(f"Sapphire ring {n}") for n in range(5)])
    with CaptureQueriesContext(connection) as six:
        many = browser.get(f"/clients/{book.ada.number}/").content.decode()
    assert first.count("/inventory/items/") == 2 and many.count("/inventory/items/") == 12
    assert len(six.captured_queries) == len(one.captured_queries)


# --- The piece source and the client book's rule agree --------------------------------------------

STOCK = [
    ("Sapphire ring", "ring", (("sapphire", 1), ("diamond", 2)), "8000"),
    ("Ruby brooch", "brooch", (("Ruby", 1),), "15000"),
    ("Pearl necklace", "necklace", (("pearl", 40),), "3000"),
    ("Diamond earrings", "earrings", (("diamond", 2),), None),
    ("Emerald ring", "ring", (("emerald", 1),), "120000"),
]
amounts = st.integers(min_value=0, max_value=200_000).map(Decimal)


@st.composite
def wants_pieces_can_meet(draw: Any) -> WantCriteria:
    """Wants over what pieces record (category, stones, price), now and then a maker or ring size."""
    low, high = draw(st.none() | amounts), draw(st.none() | amounts)
    if low is not None and high is not None and low > high:
        low, high = high, low
    priced = low is not None or high is not None
    return WantCriteria(
        categories=draw(st.frozensets(st.sampled_from(["ring", "brooch", "necklace", "earrings"]), max_size=2)),
        stones=draw(st.frozensets(st.sampled_from(["sapphire", "ruby", "pearl", "diamond", "emerald"]), max_size=2)),
        makers=draw(st.sampled_from([frozenset(), frozenset(), frozenset(), frozenset({"cartier"})])),
        currency=draw(st.sampled_from(["USD", "GBP"])) if priced else "",
        price_min=low,
        price_max=high,
        ring_size_mm=draw(st.sampled_from([None, None, None, Decimal("52.0")])),
    )


@pytest.fixture
def stock(cast: Any, ny: world.Places) -> list[Item]:
    from parure.inventory.services import StoneDraft

    drafts = [
        world.piece(
            title, category=category, estimate_low=Decimal(low) if low else None,
            estimate_high=Decimal(low) * 2 if low else None,
            stones=tuple(StoneDraft(species, "", count, None) for species, count in stones),
        )
        for title, category, stones, low in STOCK
    ]  # fmt: skip
    return world.take_in(cast.senior, world.consignor(), *drafts)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(criteria=st.lists(wants_pieces_can_meet(), min_size=1, max_size=3))
def test_the_pieces_offered_are_exactly_those_the_client_books_rule_accepts(
    stock: list[Item], criteria: list[WantCriteria]
) -> None:
    described = [describe(item) for item in Item.objects.prefetch_related("stones").order_by("-pk")]
    expected = [p.stock_number for p in described if any(want_meets_piece(w, p) for w in criteria)]
    assert [offer.stock_number for offer in pieces_meeting(criteria)] == expected
