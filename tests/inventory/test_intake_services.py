"""Consignment intake: stock numbers, intake events at the desk, receipt versions, amendments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parure.core.models import NumberSequence
from parure.inventory import ledger, services
from parure.inventory.choices import EventKind, ItemStatus
from parure.inventory.errors import InvalidInput
from parure.inventory.models import Consignment, ConsignmentReceipt, CustodyEvent, Item
from parure.inventory.numbers import parse_stock_number
from parure.inventory.services import PieceDraft, StoneDraft, Terms
from tests.conftest import Cast
from tests.guards import unchanged
from tests.inventory import world


def _nothing_written() -> None:
    assert Item.objects.count() == 0
    assert CustodyEvent.objects.count() == 0
    assert Consignment.objects.count() == 0
    assert ConsignmentReceipt.objects.count() == 0


def test_intake_issues_stock_numbers_and_one_intake_event_per_piece_at_the_desk(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    earrings = world.piece(
        "Pair of emerald and diamond ear pendants",
        category="earrings",
        components=("left ear pendant", "right ear pendant"),
    )
    consignment = services.consignment_intake(
        consignor=client_file,
        terms=world.TERMS,
        pieces=[world.piece(), earrings, world.piece("Opal pendant", None)],
        by=cast.senior,
    )
    pieces = list(consignment.items.order_by("line"))
    assert [p.line for p in pieces] == [1, 2, 3]
    assert consignment.number.startswith("NY-C-") and consignment.currency == "USD"
    for piece in pieces:
        assert parse_stock_number(piece.stock_number) == piece.stock_number
        assert piece.stock_number.startswith("NY-")
        assert piece.location == ny.desk and piece.status == ItemStatus.IN_HOUSE
        assert piece.holder == "" and piece.holder_client is None and piece.custody_by == cast.senior
        event = piece.custody_events.get()
        assert (event.kind, event.from_location, event.to_location, event.staff) == (
            EventKind.INTAKE,
            None,
            ny.desk,
            cast.senior,
        )
        assert event.counterpart_client == client_file
        assert piece.custody_seq == event.seq and piece.custody_since == event.at
    assert [c.description for c in pieces[1].components.all()] == ["left ear pendant", "right ear pendant"]
    assert [str(s) for s in pieces[0].stones.all()] == [
        "1 × cushion sapphire, approx. 4.12 ct",
        "2 × pear diamond, approx. 0.80 ct",
    ]
    receipt = consignment.receipts.get()
    assert receipt.version == 1 and receipt.reason == "Receipt at intake"
    assert [line["stock_number"] for line in receipt.snapshot["pieces"]] == [p.stock_number for p in pieces]
    assert receipt.snapshot["consignor"]["name"] == "Mrs Catherine Vandermeer"
    assert receipt.snapshot["total_stated_value"] == "24000.00"
    assert ledger.verify().ok


@pytest.mark.parametrize(
    ("terms", "pieces", "message", "field"),
    [
        (world.TERMS, [], "Add at least one piece.", "pieces"),
        (
            world.TERMS,
            [world.piece(), world.piece(" ")],
            "Piece 2: give it a title, e.g. ‘Sapphire and diamond ring’.",
            "pieces.1.title",
        ),
        (
            world.TERMS,
            [world.piece(estimate_low=Decimal("9000"), estimate_high=Decimal("5000"))],
            "Piece 1: the low estimate (9,000) is above the high estimate (5,000).",
            "pieces.0.estimate_low",
        ),
        (
            world.TERMS,
            [world.piece(stated_value=Decimal("-1"))],
            "Piece 1: the stated value cannot be negative.",
            "pieces.0.stated_value",
        ),
        (
            world.TERMS,
            [world.piece(category="hat")],
            "Piece 1: choose a category (ring, necklace, brooch…).",
            "pieces.0.category",
        ),
        (
            world.TERMS,
            [world.piece(stones=(StoneDraft("", "round"),))],
            "Piece 1: name each stone's species, e.g. diamond.",
            "pieces.0.stones",
        ),
        (
            Terms(commission_rate=Decimal("120")),
            [world.piece()],
            "The seller's commission must be a rate between 0 and 100 percent.",
            "commission_rate",
        ),
        (
            Terms(commission_rate=Decimal("10"), reserve_policy="whatever"),
            [world.piece()],
            "Choose a reserve policy.",
            "reserve_policy",
        ),
    ],
)
def test_intake_refuses_bad_input_naming_the_row_and_writes_nothing(
    cast: Cast, ny: world.Places, client_file: Any, terms: Terms, pieces: list[PieceDraft], message: str, field: str
) -> None:
    numbers_before = list(NumberSequence.objects.values_list("key", "last"))
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        services.consignment_intake(consignor=client_file, terms=terms, pieces=pieces, by=cast.senior)
    assert (refusal.value.message, refusal.value.field) == (message, field)
    _nothing_written()
    assert list(NumberSequence.objects.values_list("key", "last")) == numbers_before


def test_intake_needs_an_intake_desk_in_the_office(cast: Cast, client_file: Any) -> None:
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        services.consignment_intake(consignor=client_file, terms=world.TERMS, pieces=[world.piece()], by=cast["grace"])
    assert refusal.value.message == "Hong Kong has no intake desk among its places; an administrator must add one."
    _nothing_written()


def test_adding_pieces_continues_the_lines_and_prints_a_new_receipt_version(
    cast: Cast, ny: world.Places, ring: Item
) -> None:
    consignment = ring.consignment
    assert consignment is not None
    added = services.consignment_add_pieces(
        consignment=consignment, pieces=[world.piece("Diamond clip brooch", category="brooch")], by=cast.assistant
    )
    assert [p.line for p in added] == [2]
    receipts = list(consignment.receipts.order_by("version"))
    assert [(r.version, r.reason) for r in receipts] == [(1, "Receipt at intake"), (2, "Amended: 1 piece added")]
    assert len(receipts[0].snapshot["pieces"]) == 1 and len(receipts[1].snapshot["pieces"]) == 2


def test_adding_pieces_is_refused_at_another_office(cast: Cast, places: Any, ring: Item) -> None:
    assert ring.consignment is not None
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        services.consignment_add_pieces(consignment=ring.consignment, pieces=[world.piece()], by=cast["harriet"])
    assert refusal.value.message == f"{ring.consignment.number} belongs to New York; take its pieces in there."
    assert Item.objects.count() == 1


def test_amending_terms_keeps_every_earlier_version(cast: Cast, ring: Item) -> None:
    consignment = ring.consignment
    assert consignment is not None
    new_terms = Terms(commission_rate=Decimal("10.00"), photography_fee=Decimal("150.00"))
    receipt = services.consignment_amend_terms(
        consignment=consignment, terms=new_terms, by=cast.senior, reason="Agreed by telephone"
    )
    assert (receipt.version, receipt.reason) == (2, "Amended terms: Agreed by telephone")
    assert receipt.snapshot["terms"]["commission_rate"] == "10.00"
    assert consignment.receipts.get(version=1).snapshot["terms"]["commission_rate"] == "12.50"
    with unchanged(), pytest.raises(InvalidInput) as same_terms:
        services.consignment_amend_terms(consignment=consignment, terms=new_terms, by=cast.senior, reason="Again")
    assert same_terms.value.message == "Nothing in the terms has changed."
    with unchanged(), pytest.raises(InvalidInput) as no_reason:
        services.consignment_amend_terms(consignment=consignment, terms=world.TERMS, by=cast.senior, reason=" ")
    assert no_reason.value.message == "Say why the terms change; it is printed on the new receipt."
    assert consignment.receipts.count() == 2


def test_changing_what_the_receipt_shows_amends_it_and_nothing_else_does(cast: Cast, ring: Item) -> None:
    draft = PieceDraft.of(ring)
    services.item_update(item=ring, piece=draft, by=cast.senior)  # nothing changed: no new version
    assert ring.consignment is not None and ring.consignment.receipts.count() == 1
    from dataclasses import replace

    services.item_update(
        item=ring, piece=replace(draft, stated_value=Decimal("15000")), by=cast.senior, reason="Consignor revised"
    )
    latest = ring.consignment.receipts.order_by("-version").first()
    assert latest is not None and latest.version == 2
    assert latest.reason == f"Amended {ring.stock_number}: Consignor revised"
    assert latest.snapshot["pieces"][0]["stated_value"] == "15000.00"
    services.item_update(item=ring, piece=replace(draft, stated_value=Decimal("15000"), stones=()), by=cast.senior)
    ring.refresh_from_db()
    assert ring.stones.count() == 0


def test_an_assistant_takes_in_a_consignment_in_a_stated_currency_with_the_intake_sheets_details(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    sheet = world.piece(maker="Van Cleef & Arpels", signature=" VCA 1938 ", serial_number="41562", date_or_circa="1938")
    consignment = services.consignment_intake(
        consignor=client_file, terms=world.TERMS, pieces=[sheet], by=cast.assistant, currency="eur"
    )
    piece = consignment.items.get()
    assert (consignment.currency, piece.currency, consignment.received_by) == ("EUR", "EUR", cast.assistant)
    assert (piece.maker, piece.signature, piece.serial_number, piece.date_or_circa, piece.stone_measurements) == (
        "Van Cleef & Arpels", "VCA 1938", "41562", "1938", ""
    )  # fmt: skip
    assert services.PieceDraft.of(piece).maker == "Van Cleef & Arpels"


def test_intake_refuses_an_unknown_currency_and_an_overlong_sheet_detail_and_writes_nothing(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        services.consignment_intake(
            consignor=client_file, terms=world.TERMS, pieces=[world.piece()], by=cast.assistant, currency="XYZ"
        )
    assert (refusal.value.message, refusal.value.field) == (
        "‘XYZ’ is not an ISO 4217 currency code such as USD or CHF.",
        "currency",
    )
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        services.consignment_intake(
            consignor=client_file, terms=world.TERMS, pieces=[world.piece(serial_number="9" * 61)], by=cast.assistant
        )
    assert (refusal.value.message, refusal.value.field) == (
        "Piece 1: the serial number is 61 characters long; at most 60 are kept, shorten it.",
        "pieces.0.serial_number",
    )
    _nothing_written()
