"""Sales and lots through their services: insertion numbering, the reserve's ceiling, duplicate
numbers, the one-open-sale rule, withdrawal freeing the pieces, reordering, status steps, stale
versions, and a closed sale refusing every change with nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from parure.auctions.choices import LotStatus, SaleStatus
from parure.auctions.errors import AuctionError
from parure.auctions.models import IncrementTable, Lot, LotPiece, PremiumSchedule, Sale
from parure.auctions.services import clerking, tables
from parure.auctions.services import sales as services
from parure.core.models import Office
from parure.inventory.choices import SaleState
from parure.inventory.services import client_piece_intake, consignment_add_pieces
from tests.auctions import world
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db


def _order(sale: Sale) -> list[tuple[str, int]]:
    return [(lot.label, lot.position) for lot in sale.lots.order_by("position")]


def _refused(run: Any) -> AuctionError:
    with pytest.raises(AuctionError) as refusal:
        run()
    return refusal.value


def _snapshot(sale: Sale) -> tuple[Any, ...]:
    lots = tuple(Lot.objects.filter(sale=sale).order_by("pk").values_list())
    pieces = tuple(LotPiece.objects.filter(lot__sale=sale).order_by("pk").values_list())
    return (tuple(Sale.objects.filter(pk=sale.pk).values_list()), lots, pieces)


def test_inserted_lots_take_their_place_12_12a_12b_13(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    for number in ("11", "12", "13"):
        world.lot(sale, cast.senior, number=number)
    world.lot(sale, cast.senior, number="12B")
    world.lot(sale, cast.senior, number="12a")
    world.lot(sale, cast.senior)  # no number: one after the highest
    assert _order(sale) == [("11", 1), ("12", 2), ("12A", 3), ("12B", 4), ("13", 5), ("14", 6)]


def test_a_reserve_above_the_low_estimate_is_refused_and_nothing_is_saved(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    items = world.pieces(cast.senior, "An emerald brooch")
    refusal = _refused(lambda: world.lot(sale, cast.senior, items=items, low="8000", reserve="8500"))
    assert (
        refusal.message
        == "The reserve 8,500.00 is above the low estimate 8,000.00; a reserve may be at most the low estimate."
    )
    assert refusal.field == "reserve" and refusal.status == 422
    items[0].refresh_from_db()
    assert (Lot.objects.count(), items[0].sale_state) == (0, SaleState.CONSIGNED)


def test_setting_and_lowering_against_the_reserve(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior, reserve=None)
    lot = services.lot_set_reserve(lot=lot, reserve="7000", by=cast.senior, expected_version=1)
    assert (lot.reserve, lot.version) == (Decimal("7000.00"), 2)
    refusal = _refused(lambda: services.lot_update(lot=lot, by=cast.senior, expected_version=2, low_estimate="6500"))
    assert (
        refusal.message
        == "The reserve 7,000.00 is above the low estimate 6,500.00; a reserve may be at most the low estimate."
    )
    lot.refresh_from_db()
    assert (lot.low_estimate, lot.version) == (Decimal("8000.00"), 2)
    lot = services.lot_set_reserve(lot=lot, reserve="", by=cast.senior, expected_version=2)
    assert lot.reserve is None


def test_a_duplicate_lot_number_is_refused(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    world.lot(sale, cast.senior, number="12A")
    before = _snapshot(sale)
    refusal = _refused(lambda: world.lot(sale, cast.senior, number="12a"))
    assert refusal.message == "Sale NY-J-2703 has a lot 12A already; give another number."
    assert refusal.field == "number" and refusal.status == 409
    assert _snapshot(sale)[1:] == before[1:]


def test_a_piece_in_another_open_sale_is_refused_until_its_lot_is_withdrawn(cast: Any, places: Any) -> None:
    spring = world.sale(cast.senior)
    autumn = world.sale(cast.senior, code="NY-J-2710", title="Jewels")
    lot = world.lot(spring, cast.senior)
    piece = lot.pieces.get().item
    refusal = _refused(lambda: world.lot(autumn, cast.senior, items=[piece]))
    assert refusal.message == (
        f"{piece.stock_number} is already lot 1 in sale NY-J-2703; a piece is in one open sale at a time."
    )
    assert autumn.lots.count() == 0
    withdrawn = services.lot_withdraw(lot=lot, reason="The consignor asked for it back", by=cast.senior)
    piece.refresh_from_db()
    assert (withdrawn.status, withdrawn.label, withdrawn.position, withdrawn.withdrawn_by) == (
        LotStatus.WITHDRAWN, "1", 1, cast.senior,
    )  # fmt: skip
    assert (piece.sale_state, piece.sale_reference) == (SaleState.CONSIGNED, "")
    again = world.lot(autumn, cast.senior, items=[piece])
    piece.refresh_from_db()
    assert (piece.sale_state, piece.sale_reference) == (SaleState.IN_SALE, f"NY-J-2710 lot {again.label}")


def test_withdrawing_needs_a_reason(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior)
    refusal = _refused(lambda: services.lot_withdraw(lot=lot, reason="  ", by=cast.assistant))
    assert (refusal.message, refusal.field) == ("The reason for withdrawing is required.", "reason")
    assert Lot.objects.get(pk=lot.pk).status == LotStatus.OFFERED


def test_moving_lots_keeps_positions_unique(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    lots = [world.lot(sale, cast.senior) for _ in range(4)]
    services.lot_move(lot=lots[3], position=1, by=cast.assistant)
    assert _order(sale) == [("4", 1), ("1", 2), ("2", 3), ("3", 4)]
    services.lot_step(lot=Lot.objects.get(pk=lots[0].pk), up=False, by=cast.assistant)
    assert _order(sale) == [("4", 1), ("2", 2), ("1", 3), ("3", 4)]
    services.lot_step(lot=Lot.objects.get(pk=lots[3].pk), up=True, by=cast.assistant)  # first stays first
    assert _order(sale) == [("4", 1), ("2", 2), ("1", 3), ("3", 4)]
    for bad in ("0", "5", "-1", "two", "9" * 40, ""):
        refusal = _refused(lambda: services.lot_move(lot=lots[0], position=bad, by=cast.assistant))  # noqa: B023
        assert refusal.message == "The position must be a whole number from 1 to 4."
    assert _order(sale) == [("4", 1), ("2", 2), ("1", 3), ("3", 4)]


def test_pieces_come_and_go_while_the_sale_is_not_live(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior)
    (first,) = [entry.item for entry in lot.pieces.all()]
    (other,) = world.pieces(cast.senior, "A sapphire ring from another consignor")
    refusal = _refused(lambda: services.lot_add_piece(lot=lot, item=other, by=cast.assistant))
    numbers = sorted([first.consignment.number, other.consignment.number])
    assert refusal.message == (
        f"The pieces are on 2 consignments ({', '.join(numbers)}); a lot is sold for one consignment, under its"
        " terms: lot them separately."
    )
    (second,) = consignment_add_pieces(consignment=first.consignment, pieces=[inventory_world.piece("A matching sapphire ring")],
                                       by=cast.senior)  # fmt: skip
    inventory_world.intake_condition_report(second, by=cast.senior)
    services.lot_add_piece(lot=lot, item=second, by=cast.assistant)
    second.refresh_from_db()
    assert [e.item.stock_number for e in lot.pieces.order_by("position")] == [first.stock_number, second.stock_number]
    assert second.sale_state == SaleState.IN_SALE
    services.lot_remove_piece(lot=lot, item=first, by=cast.assistant)
    first.refresh_from_db()
    assert (first.sale_state, [e.item_id for e in lot.pieces.all()]) == (SaleState.CONSIGNED, [second.pk])
    refusal = _refused(lambda: services.lot_remove_piece(lot=lot, item=second, by=cast.assistant))
    assert refusal.message == f"{second.stock_number} is the only piece of lot 1; withdraw the lot instead."


def test_a_sale_moves_forward_one_step_and_publishing_needs_lots(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    sale = services.sale_advance(sale=sale, by=cast.senior, expected_version=1)
    assert (sale.status, sale.version) == (SaleStatus.CATALOGUING, 2)
    refusal = _refused(lambda: services.sale_advance(sale=sale, by=cast.senior, expected_version=2))
    assert refusal.message == "Sale NY-J-2703 has no lots offered; add at least one before publishing."
    assert Sale.objects.get(pk=sale.pk).status == SaleStatus.CATALOGUING
    lot = world.lot(sale, cast.senior)
    for status in (SaleStatus.PUBLISHED, SaleStatus.LIVE):
        sale = services.sale_advance(sale=sale, by=cast.senior)
        assert sale.status == status
    refusal = _refused(lambda: services.sale_advance(sale=sale, by=cast.senior))
    assert refusal.message == "Lot 1 has no result yet; clerk it (hammer, pass or withdraw) before closing the sale."
    clerking.clerk_pass(lot=lot, by=cast.assistant)
    assert services.sale_advance(sale=sale, by=cast.senior).status == SaleStatus.CLOSED


def test_a_stale_edit_is_refused(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    services.sale_update(sale=sale, by=cast.senior, expected_version=1, title="Magnificent Jewels and Watches")
    refusal = _refused(lambda: services.sale_update(sale=sale, by=cast.senior, expected_version=1, title="Jewels"))
    assert refusal.message == "Someone changed this sale since you opened it; reload to see their change."
    assert refusal.status == 409
    assert Sale.objects.get(pk=sale.pk).title == "Magnificent Jewels and Watches"
    lot = world.lot(sale, cast.senior)
    services.lot_update(lot=lot, by=cast.assistant, expected_version=1, heading="A SAPPHIRE RING")
    refusal = _refused(lambda: services.lot_update(lot=lot, by=cast.assistant, expected_version=1, heading="X"))
    assert refusal.message == "Someone changed this lot since you opened it; reload to see their change."


def test_an_edit_checks_each_field(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    cases = {
        "opening_fraction": (
            "2",
            "The opening fraction ‘2’ must be a number from 0.05 to 1, to three places (0.5 opens at half the low estimate).",
        ),
        "phone_spacing": ("-3", "The telephone spacing must be a whole number of lots from 0 to 500."),
        "kyc_threshold": ("lots", "The KYC threshold ‘lots’ is not an amount; give a number such as 12500."),
        "currency": ("DOLLARS", "The currency is 7 characters long; keep it within 3."),
        "title": ("x" * 201, "The title is 201 characters long; keep it within 200."),
    }
    for field, (value, message) in cases.items():
        refusal = _refused(
            lambda f=field, v=value: services.sale_update(sale=sale, by=cast.senior, expected_version=1, **{f: v})
        )
        assert (refusal.field, refusal.message) == (field, message)
    assert Sale.objects.get(pk=sale.pk).version == 1
    saved = services.sale_update(
        sale=sale, by=cast.senior, expected_version=1, opening_fraction="0.4", phone_spacing="3",
        seller_bids=False, starts_at=datetime(2027, 3, 11, 16, 0, tzinfo=UTC),
    )  # fmt: skip
    assert (saved.opening_fraction, saved.phone_spacing, saved.seller_bids, saved.version) == (
        Decimal("0.4"), 3, False, 2,
    )  # fmt: skip


def test_tables_must_be_in_force_on_the_sale_day(cast: Any, places: Any) -> None:
    old = tables.premium_schedule_save(
        by=cast.senior, code="house-2025", name="Buyer's premium 2025", effective_from=date(2025, 1, 1),
        effective_to=date(2025, 12, 31), bands=[tables.PremiumRow("0", "25")],
        office=Office.objects.get(code="NY"), currency="USD",
    )  # fmt: skip
    refusal = _refused(lambda: world.sale(cast.senior, premium_schedule=old))
    assert refusal.message == (
        "The premium schedule ‘Buyer's premium 2025’ is in force from 01 January 2025 to 31 December 2025,"
        " not on the sale's day (10 March 2027); choose one in force then."
    )
    assert refusal.field == "premium_schedule"
    assert not Sale.objects.exists()


def test_a_closed_sale_refuses_every_change(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    lot = world.lot(sale, cast.senior)
    (spare,) = world.pieces(cast.senior, "A diamond bracelet")
    for _ in range(3):
        sale = services.sale_advance(sale=sale, by=cast.senior)
    clerking.clerk_pass(lot=lot, by=cast.assistant)  # bought in: the sale may close
    sale = services.sale_advance(sale=sale, by=cast.senior)
    lot.refresh_from_db()
    before = _snapshot(sale)
    message = "Sale NY-J-2703 is closed; {} is no longer possible. A result is corrected from the results page."
    attempts = {
        "changing the sale": lambda: services.sale_update(sale=sale, by=cast.senior, expected_version=None, title="X"),
        "changing the sale's status": lambda: services.sale_advance(sale=sale, by=cast.senior),
        "adding a lot": lambda: world.lot(sale, cast.senior, items=[spare]),
        "changing a lot": lambda: services.lot_update(lot=lot, by=cast.senior, expected_version=None, heading="X"),
        "setting a reserve": lambda: services.lot_set_reserve(
            lot=lot, reserve="1", by=cast.senior, expected_version=None
        ),
        "withdrawing a lot": lambda: services.lot_withdraw(lot=lot, reason="late", by=cast.senior),
        "reordering the lots": lambda: services.lot_move(lot=lot, position=1, by=cast.senior),
        "changing a lot's pieces": lambda: services.lot_add_piece(lot=lot, item=spare, by=cast.senior),
    }
    for action, attempt in attempts.items():
        refusal = _refused(attempt)
        assert (refusal.message, refusal.status) == (message.format(action), 409), action
    assert _snapshot(sale) == before


def test_a_table_is_checked_by_the_engine_and_fixed_once_used_live(cast: Any, places: Any) -> None:
    refusal = _refused(
        lambda: tables.increment_table_save(
            by=cast.senior, code="tens", name="Tens", effective_from=date(2026, 1, 1),
            bands=[tables.BandRow("100", "10"), tables.BandRow("50", "5")],
        )
    )  # fmt: skip
    assert refusal.message == (
        "Row 2 of the Tens starts at 50, not above the previous row's 100; list the bands in rising order."
    )
    assert not IncrementTable.objects.filter(code="tens").exists()
    refusal = _refused(
        lambda: tables.increment_table_save(
            by=cast.senior, code="tens", name="Tens", effective_from=date(2026, 1, 1),
            bands=[tables.BandRow("100", pattern="2,x")],
        )
    )  # fmt: skip
    assert refusal.message == "Row 1's pattern ‘2,x’ is not a list of endings from 1 to 9, such as 2,5,8."
    table = tables.increment_table_save(
        by=cast.senior, code="Tens", name="Tens", effective_from=date(2026, 1, 1),
        bands=[tables.BandRow("100", "10"), tables.BandRow("1000", pattern="2,5,8")],
    )  # fmt: skip
    stamp = table.updated_at
    assert (table.code, [(b.start, b.step, b.pattern) for b in table.bands.all()]) == (
        "tens", [(Decimal("100.00"), Decimal("10.00"), ""), (Decimal("1000.00"), None, "2,5,8")],
    )  # fmt: skip
    table = tables.increment_table_save(
        by=cast.senior, table=table, name="Tens and patterns", effective_from=date(2026, 1, 1),
        bands=[tables.BandRow("100", "20")],
    )  # fmt: skip
    assert table.updated_at > stamp and [b.step for b in table.bands.all()] == [Decimal("20.00")]
    sale = world.sale(cast.senior, increment_table=table)
    world.lot(sale, cast.senior, reserve=None)
    for _ in range(3):
        services.sale_advance(sale=sale, by=cast.senior)
    refusal = _refused(
        lambda: tables.increment_table_save(
            by=cast.senior,
            table=table,
            name="Changed",
            effective_from=date(2026, 1, 1),
            bands=[tables.BandRow("100", "5")],
        )
    )
    assert refusal.message == (
        "Sale NY-J-2703 (live) uses this increment table; it can no longer change. Make a new increment table instead."
    )
    standard = IncrementTable.objects.get(code="standard")
    refusal = _refused(
        lambda: tables.increment_table_save(
            by=cast.senior, table=standard, name="S", effective_from=date(2000, 1, 1), bands=[]
        )
    )
    assert refusal.message == "The standard increments are made by code and cannot be edited; make a new table instead."


def test_a_premium_schedule_is_validated_and_worked_through(cast: Any) -> None:
    house = PremiumSchedule.objects.get(code="house-2026")
    assert tables.premium_example(house, Decimal("1500000")) == "On a hammer of 1,500,000: 270,000 + 110,000 = 380,000"
    assert tables.premium_example(house, Decimal("7000000")) == (
        "On a hammer of 7,000,000: 270,000 + 1,100,000 + 150,000 = 1,520,000"
    )
    cases = [
        ([tables.PremiumRow("100", "25")], "The first band starts at 100.00; it must start at 0 so every hammer has a rate."),
        ([tables.PremiumRow("0", "25"), tables.PremiumRow("0", "20")], "Row 2's threshold 0.00 is not above the previous row's 0.00; list the bands in rising order."),
        ([tables.PremiumRow("0", "125")], "Row 1's rate 125.00% is above 100%; give a percentage such as 27."),
        ([tables.PremiumRow("0", "-5")], "Row 1's rate cannot be negative."),
        ([], "A premium schedule needs at least one band, from 0."),
    ]  # fmt: skip
    for bands, message in cases:
        refusal = _refused(
            lambda rows=bands: tables.premium_schedule_save(
                by=cast.senior,
                code="p",
                name="P",
                effective_from=date(2026, 1, 1),
                bands=rows,
                office=Office.objects.get(code="NY"),
                currency="USD",
            )
        )
        assert refusal.message == message
    assert not PremiumSchedule.objects.filter(code="p").exists()
    made = tables.premium_schedule_save(
        by=cast.senior, code="p", name="P", effective_from=date(2026, 1, 1),
        bands=[tables.PremiumRow("0", "27"), tables.PremiumRow("1000000", "22.5")],
        office=Office.objects.get(code="NY"), currency="USD",
    )  # fmt: skip
    assert [(b.threshold, b.rate) for b in made.bands.all()] == [
        (Decimal("0.00"), Decimal("0.2700")), (Decimal("1000000.00"), Decimal("0.2250")),
    ]  # fmt: skip


def test_a_clients_own_piece_in_for_service_is_never_lotted(cast: Any, places: Any) -> None:
    sale = world.sale(cast.senior)
    owner = inventory_world.consignor("Mrs Helena Marchetti")
    own = client_piece_intake(client=owner, piece=inventory_world.piece("White metal ring set with a white stone"),
                              by=cast.assistant, reason="Repair job")  # fmt: skip
    before = Lot.objects.count()
    refusal = _refused(lambda: world.lot(sale, cast.senior, items=[own]))
    assert refusal.message == f"{own.stock_number} is a client's own piece, in for a service; it cannot be lotted."
    lot = world.lot(sale, cast.senior)
    refusal = _refused(lambda: services.lot_add_piece(lot=lot, item=own, by=cast.assistant))
    assert (refusal.field, refusal.code) == ("pieces", "piece_not_available")
    assert Lot.objects.count() == before + 1 and LotPiece.objects.filter(item=own).count() == 0
