"""The check before invoicing and the unsold pieces offered back, through the services, on a sale clerked
through the clerking services. Each finding is made for real: a correction, or a refused registration."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from parure.auctions.choices import FindingKind, FindingStatus
from parure.auctions.errors import AuctionError
from parure.auctions.models import CheckFinding, Lot, Sale, UnsoldDecision
from parure.auctions.results_queries import findings_of
from parure.auctions.services import clerking
from parure.auctions.services.registrations import registration_decide
from parure.auctions.services.results import check_run, finding_resolve, unsold_route
from parure.auctions.visibility import AuctionViewer
from parure.inventory import services as inventory
from parure.inventory.choices import ItemStatus, SaleState
from tests.auctions import results_day, world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with results_day.once(django_db_blocker) as cast:
        yield results_day.clerked(cast, close=False)


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    return shared


def _found(sale: Sale) -> list[tuple[str, str, str]]:
    return [
        (f.lot.label, f.kind, f.detail)
        for f in CheckFinding.objects.filter(sale=sale).order_by("lot__position", "kind")
    ]


def _correct(
    day: Any, lot: Lot, hammer: str, paddle: str, reason: str = "Corrected from the auctioneer's book."
) -> None:
    clerking.result_correct(lot=lot, by=day.cast.senior, reason=reason, outcome="sold", hammer=hammer, paddle=paddle)


# --- The check --------------------------------------------------------------------------------------
def test_a_clean_sale_has_no_findings(day: Any) -> None:
    run = check_run(sale=day.sale, by=day.cast.finance)
    assert (run.added, run.open) == ([], 0)


def test_a_lot_hammered_to_a_paddle_refused_afterwards(day: Any) -> None:
    registration_decide(
        registration=day.ada, approve=False, by=day.cast.senior, reason="Her deposit was returned unpaid."
    )
    run = check_run(sale=day.sale, by=day.cast.finance)
    assert run.open == 2
    assert _found(day.sale) == [
        ("3", FindingKind.PADDLE_NOT_APPROVED, f"Lot 3 was hammered to paddle {day.ada.paddle}, which is refused, not approved; confirm the buyer before invoicing."),
        ("5", FindingKind.PADDLE_NOT_APPROVED, f"Lot 5 was hammered to paddle {day.ada.paddle}, which is refused, not approved; confirm the buyer before invoicing."),
    ]  # fmt: skip


def test_a_hammer_corrected_below_the_reserve(day: Any) -> None:
    _correct(day, day.lots[0], "5500", day.julian.paddle)
    check_run(sale=day.sale, by=day.cast.finance)
    assert _found(day.sale) == [
        ("1", FindingKind.BELOW_RESERVE, "Lot 1 was hammered at 5,500.00 USD, below its reserve; the consignor's agreement is needed before invoicing."),
    ]  # fmt: skip
    # The sentence names no reserve; the amount is shown only to a viewer who may see it.
    (for_senior,) = findings_of(day.sale, AuctionViewer(day.cast.senior))
    (for_finance,) = findings_of(day.sale, AuctionViewer(day.cast.finance))
    assert (for_senior.amount_label, for_senior.amount) == ("Reserve", Decimal("6000.00"))
    assert for_finance.amount is None


def test_a_book_win_corrected_above_the_winners_maximum(day: Any) -> None:
    _correct(day, day.lots[0], "9500", day.julian.paddle)
    check_run(sale=day.sale, by=day.cast.senior)
    assert _found(day.sale) == [
        ("1", FindingKind.ABOVE_MAXIMUM, f"Lot 1 was sold on the book to paddle {day.julian.paddle} at 9,500.00 USD, above that bidder's absentee maximum."),
    ]  # fmt: skip
    (for_auditor,) = findings_of(day.sale, AuctionViewer(day.cast.auditor))
    (for_finance,) = findings_of(day.sale, AuctionViewer(day.cast.finance))
    assert (for_auditor.amount_label, for_auditor.amount) == ("Absentee maximum", Decimal("9000.00"))
    assert for_finance.amount is None


def test_an_absentee_bid_above_the_hammer_that_did_not_win(day: Any) -> None:
    _correct(day, day.lots[4], "6000", day.ada.paddle)  # Tobias left 6,500 on the book
    check_run(sale=day.sale, by=day.cast.finance)
    assert _found(day.sale) == [
        ("5", FindingKind.MISSED_EXECUTION, f"Paddle {day.tobias.paddle}'s absentee bid on lot 5 was above the hammer of 6,000.00 USD and did not win: a missed execution. (A bid that lost a tie to an earlier bid of the same amount is not a finding.)"),
    ]  # fmt: skip


def test_a_live_bid_equal_to_the_book_wins_only_when_the_conditions_say_so(day: Any) -> None:
    _correct(day, day.lots[4], "6500", day.ada.paddle)
    assert check_run(sale=day.sale, by=day.cast.finance).open == 1  # the book wins ties by default
    (finding,) = CheckFinding.objects.filter(sale=day.sale)
    assert finding.detail.startswith(
        f"Paddle {day.tobias.paddle}'s absentee bid on lot 5 equalled the hammer and had precedence of 6,500.00 USD"
    )
    CheckFinding.objects.filter(sale=day.sale).delete()
    Sale.objects.filter(pk=day.sale.pk).update(book_wins_ties=False)
    assert check_run(sale=day.sale, by=day.cast.finance).added == []


def test_an_or_group_won_twice(day: Any) -> None:
    _correct(day, day.lots[2], "7500", day.julian.paddle, reason="Paddle misread: the buyer was Mr Ashcombe.")
    check_run(sale=day.sale, by=day.cast.senior)
    assert _found(day.sale) == [
        ("3", FindingKind.OR_WON_TWICE, f"Paddle {day.julian.paddle} bought lot 3 and lot 1 of the same OR group ‘pair’; an OR bid buys one lot of its group."),
    ]  # fmt: skip


def test_a_rerun_adds_only_what_is_new_and_leaves_fixed_findings_to_a_senior(day: Any) -> None:
    _correct(day, day.lots[0], "5500", day.julian.paddle)
    first = check_run(sale=day.sale, by=day.cast.finance)
    assert (len(first.added), first.open) == (1, 1)
    assert check_run(sale=day.sale, by=day.cast.finance).added == []
    _correct(day, day.lots[0], "9000", day.julian.paddle, reason="The hammer was 9,000 after all.")
    again = check_run(sale=day.sale, by=day.cast.finance)
    assert (again.added, again.open) == ([], 1)  # fixed meanwhile, but a senior resolves it
    (finding,) = CheckFinding.objects.filter(sale=day.sale)
    assert finding.found_by == day.cast.finance
    with pytest.raises(AuctionError) as refusal:
        finding_resolve(finding=finding, by=day.cast.senior, resolution="  ")
    assert (refusal.value.message, refusal.value.field) == ("The resolution is required.", "resolution")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    done = finding_resolve(finding=finding, by=day.cast.senior, resolution="Corrected to 9,000 from the book.")
    assert (done.status, done.resolved_by, done.resolution) == (
        "resolved",
        day.cast.senior,
        "Corrected to 9,000 from the book.",
    )
    with pytest.raises(AuctionError) as refusal:
        finding_resolve(finding=finding, by=day.cast.senior, resolution="Again.")
    assert refusal.value.message == "This finding on lot 1 was resolved already."


def test_the_check_waits_for_results(day: Any) -> None:
    later = world.sale(day.cast.senior, code="NY-J-2709")
    with pytest.raises(AuctionError) as refusal:
        check_run(sale=later, by=day.cast.finance)
    assert refusal.value.message == "Sale NY-J-2709 is planning; the check runs once the sale has results."


# --- Unsold pieces ----------------------------------------------------------------------------------
def _brooch(day: Any) -> tuple[Lot, Any]:
    lot = day.lots[1]
    return lot, lot.pieces.get().item


def test_a_bought_in_piece_offered_by_private_sale_stays_unsold(day: Any) -> None:
    lot, piece = _brooch(day)
    decision = unsold_route(
        lot=lot, item=piece, route="private_sale", by=day.cast.assistant, note="A client of Eleanor's asked."
    )
    piece.refresh_from_db()
    assert (decision.route, decision.decided_by, decision.note, piece.sale_state) == (
        "private_sale", day.cast.assistant, "A client of Eleanor's asked.", SaleState.UNSOLD,
    )  # fmt: skip
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="private_sale", by=day.cast.assistant)
    assert refusal.value.message == f"{piece.stock_number} is already routed to offer by private sale (by Marcus Hale)."


def test_a_reoffer_lots_the_piece_in_a_later_open_sale(day: Any) -> None:
    lot, piece = _brooch(day)
    later = world.sale(day.cast.senior, code="NY-J-2709", title="Jewels")
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="reoffer", by=day.cast.assistant, reoffer_sale=later)
    assert (
        refusal.value.message
        == f"{piece.stock_number} is already lot 2 in sale NY-J-2703; a piece is in one open sale at a time."
    )
    results_day.close_sale(day.sale)
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="reoffer", by=day.cast.assistant, reoffer_sale=day.sale)
    assert (
        refusal.value.message == f"{piece.stock_number} was bought in at sale NY-J-2703; re-offer it in a later sale."
    )
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="reoffer", by=day.cast.assistant)
    assert (refusal.value.message, refusal.value.field) == (
        "Choose the later sale the piece is re-offered in.",
        "reoffer_sale",
    )
    assert not UnsoldDecision.objects.exists()
    decision = unsold_route(lot=lot, item=piece, route="reoffer", by=day.cast.assistant, reoffer_sale=later)
    piece.refresh_from_db()
    relotted = later.lots.get()
    assert (decision.reoffer_sale, piece.sale_state, piece.sale_reference) == (
        later,
        SaleState.IN_SALE,
        "NY-J-2709 lot 1",
    )
    assert (relotted.heading, relotted.low_estimate, relotted.high_estimate, relotted.reserve) == (
        "An emerald brooch", Decimal("8000.00"), Decimal("12000.00"), Decimal("6000.00"),
    )  # fmt: skip
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="private_sale", by=day.cast.assistant)
    assert (
        refusal.value.message
        == f"{piece.stock_number} is in a sale (NY-J-2709 lot 1); only an unsold piece is offered back."
    )


def test_a_return_prepares_the_release_receipt_and_moves_nothing(day: Any) -> None:
    lot, piece = _brooch(day)
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="return", by=day.cast.assistant)
    assert (refusal.value.message, refusal.value.field) == ("Who collects is required.", "collected_by")
    decision = unsold_route(lot=lot, item=piece, route="return", by=day.cast.assistant, collected_by="Mrs Adela Moreno")
    piece.refresh_from_db()
    receipt = piece.release_receipts.get()
    assert (decision.release_receipt, receipt.status, receipt.collected_by) == (
        receipt.number,
        "prepared",
        "Mrs Adela Moreno",
    )
    assert (piece.status, piece.sale_state) == (ItemStatus.IN_HOUSE, SaleState.UNSOLD)


def test_terms_that_say_return_refuse_another_offer(day: Any) -> None:
    lot, piece = _brooch(day)
    consignment = piece.consignment
    terms = dataclasses.replace(inventory.Terms.of(consignment), unsold_instruction="return")
    inventory.consignment_amend_terms(
        consignment=consignment, terms=terms, by=day.cast.senior, reason="The consignor wants it back."
    )
    piece.refresh_from_db()
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="private_sale", by=day.cast.assistant)
    assert refusal.value.message == (
        f"The terms of consignment {consignment.number} say an unsold piece goes back to the consignor; amend the"
        " terms in the inventory before offering it again."
    )


def test_only_a_bought_in_lots_pieces_are_offered_back(day: Any) -> None:
    ring = day.lots[0]
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=ring, item=ring.pieces.get().item, route="private_sale", by=day.cast.assistant)
    assert refusal.value.message == "Lot 1 is sold; only a bought-in lot's pieces are offered back."
    lot, piece = _brooch(day)
    with pytest.raises(AuctionError) as refusal:
        unsold_route(lot=lot, item=piece, route="auction", by=day.cast.assistant)
    assert refusal.value.field == "route"
    assert not UnsoldDecision.objects.exists()
