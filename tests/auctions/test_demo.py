"""The demonstration sales: an upcoming New York sale of about 150 lots with its bidders and book, and a
closed sale clerked through the services, whose results add up to the cent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parure.auctions import demo
from parure.auctions.choices import LotStatus, Outcome, RegistrationStatus, SaleStatus
from parure.auctions.execution import premium_on
from parure.auctions.models import AbsenteeBid, ExchangeRate, LotResult, Sale, TelephoneBid
from parure.auctions.premiums import schedule_for_lot
from parure.core import registry
from parure.inventory.choices import SaleState


def test_the_demo_builds_an_upcoming_sale_and_a_closed_one_with_exact_results(cast: Any) -> None:
    from parure.clients.demo import build_client_book
    from parure.inventory import demo as inventory_demo

    build_client_book(lambda line: None)
    inventory_demo.build(lambda line: None)
    said: list[str] = []
    demo.build(said.append)

    closed, upcoming = Sale.objects.order_by("starts_at")
    assert (closed.status, closed.office.code, closed.currency) == (SaleStatus.CLOSED, "LN", "GBP")
    assert (upcoming.status, upcoming.office.code, upcoming.currency) == (SaleStatus.PUBLISHED, "NY", "USD")
    assert said == [
        f"  sales {closed.code} (closed, {demo.CLOSED_LOTS} lots clerked) and {upcoming.code} (published,"
        f" {upcoming.lots.count()} lots, 40 registrations, {AbsenteeBid.objects.filter(lot__sale=upcoming).count()}"
        " absentee bids)"
    ]

    # The upcoming sale: as many lots as New York's free demo pieces make (up to 150), three inserted after
    # 12, 47 and 88, two withdrawn with the reason.
    lots = list(upcoming.lots.order_by("position"))
    assert len(lots) == 130
    # Lots of two pieces are of one consignment.
    assert all(len({entry.item.consignment_id for entry in lot.pieces.all()}) == 1 for lot in lots)
    labels = [lot.label for lot in lots]
    assert labels[11:13] == ["12", "12A"] and "47A" in labels and "88A" in labels
    assert labels.index("47A") == labels.index("47") + 1
    withdrawn = {lot.label: lot.withdrawn_reason for lot in lots if lot.status == LotStatus.WITHDRAWN}
    assert withdrawn == {str(number): reason for number, reason in demo.WITHDRAWN.items()}
    assert all(lot.reserve is None or lot.reserve <= lot.low_estimate for lot in lots)
    assert 5 <= sum(lot.reserve is None for lot in lots) <= 40
    offered_pieces = [entry.item for lot in lots if lot.status == LotStatus.OFFERED for entry in lot.pieces.all()]
    assert {piece.sale_state for piece in offered_pieces} == {SaleState.IN_SALE}

    statuses = list(upcoming.registrations.values_list("status", flat=True))
    assert (statuses.count(RegistrationStatus.PENDING), statuses.count(RegistrationStatus.REFUSED)) == (6, 1)
    assert statuses.count(RegistrationStatus.APPROVED) == 33
    assert upcoming.registrations.get(status=RegistrationStatus.REFUSED).decision_reason == demo.REFUSAL

    bids = AbsenteeBid.objects.filter(lot__sale=upcoming)
    assert bids.count() == demo.ABSENTEE_BIDS
    assert bids.exclude(or_group="").values("registration").distinct().count() == 5
    assert bids.filter(below_half_low=True).exists()
    assert bids.exclude(given=models_f("maximum")).exists()  # rounded down to the ladder
    assert not bids.filter(lot__status=LotStatus.WITHDRAWN).exists()
    assert TelephoneBid.objects.filter(lot__sale=upcoming).count() == 6

    # The closed sale: every lot has a result, sold, bought in and withdrawn among them, totals exact.
    results = {result.lot_id: result for result in LotResult.objects.filter(lot__sale=closed).order_by("recorded_at")}
    assert len(results) == demo.CLOSED_LOTS
    outcomes = [result.outcome for result in results.values()]
    assert outcomes.count(Outcome.WITHDRAWN) == 1
    assert (outcomes.count(Outcome.SOLD), outcomes.count(Outcome.BOUGHT_IN)) == (20, 9)
    sold = [result for result in results.values() if result.outcome == Outcome.SOLD]
    # Each lot by the schedule it is charged by: London's, or its watches' flat 20% for a lot of watches.
    bands = {
        result.lot_id: schedule_for_lot(closed, result.lot.pieces.values_list("item_id", flat=True)).bands
        for result in sold
    }
    assert closed.premium_schedule.code == "house-2026-ln" and closed.premium_schedule.currency == "GBP"
    for result in sold:
        assert result.hammer == result.bids.order_by("-sequence").first().amount
        assert result.premium == premium_on(result.hammer, bands[result.lot_id], "GBP")
    hammer_total = sum((result.hammer for result in sold), Decimal(0))
    premium_total = sum((result.premium for result in sold), Decimal(0))
    assert premium_total == sum((premium_on(result.hammer, bands[result.lot_id]) for result in sold), Decimal(0))
    assert (hammer_total, premium_total) == (EXPECTED_HAMMER, EXPECTED_PREMIUM)
    assert any(result.source == "phone" for result in sold) and any(result.source == "book" for result in sold)
    assert list(ExchangeRate.objects.filter(sale=closed).values_list("currency", flat=True)) == [
        "USD", "EUR", "CHF", "HKD", "JPY",
    ]  # fmt: skip
    assert registry.demo_builders["auctions.sales"].order == 50

    demo.build(said.append)
    assert said[-1] == "  auctions already has sales; left as they are"


def models_f(name: str) -> Any:
    from django.db.models import F

    return F(name)


EXPECTED_HAMMER = Decimal("3089800.00")
EXPECTED_PREMIUM = Decimal("834246.00")
