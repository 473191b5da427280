"""After the sale: the check before invoicing, its findings resolved by a senior, and the unsold pieces
offered back into the flow (a later sale, a private sale, or back to the consignor through custody).

Corrections of results are clerking's (:func:`parure.auctions.services.clerking.result_correct`): a
correction is a new result naming the one it corrects.

The check's findings name no reserve and no absentee maximum in their sentence: finance runs the check
and may read neither. The check page shows the amount a finding is about only to a viewer who may see
it (:func:`parure.auctions.results_queries.findings_of`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from parure.auctions.choices import (
    AbsenteeStatus,
    BidSource,
    FindingKind,
    FindingStatus,
    Outcome,
    RegistrationStatus,
    SaleStatus,
    UnsoldRoute,
)
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import AbsenteeBid, CheckFinding, Lot, LotResult, Sale, UnsoldDecision
from parure.auctions.services.common import bounded
from parure.auctions.services.sales import lot_create
from parure.core.models import Staff
from parure.inventory import services as inventory
from parure.inventory.choices import SaleState, UnsoldInstruction
from parure.inventory.errors import InventoryError
from parure.inventory.queries import Piece

RESOLUTION_MAX = 500
NOTE_MAX = 500
#: Sales a piece may be re-offered in: open, and not yet on the day.
REOFFER_STATUSES = (SaleStatus.PLANNING, SaleStatus.CATALOGUING, SaleStatus.PUBLISHED)


# --- The check before invoicing ---------------------------------------------------------------------
@dataclass(frozen=True)
class CheckRun:
    """What one run of the check found: the findings it added, and how many stand open now."""

    added: list[CheckFinding]
    open: int


@dataclass(frozen=True)
class _Finding:
    lot: Lot
    kind: FindingKind
    key: str
    detail: str


def _money(amount: Decimal | None, sale: Sale) -> str:
    return f"{amount or 0:,.2f} {sale.currency}"


def _standing(sale: Sale) -> dict[int, LotResult]:
    rows = LotResult.objects.filter(lot__sale=sale, corrected_by__isnull=True).select_related("registration")
    return {result.lot_id: result for result in rows}


def _book(bids: list[AbsenteeBid], won_before: set[tuple[int, str]]) -> list[AbsenteeBid]:
    """The lot's absentee book as it stood when the lot came up: active bids, less telephone cover bids whose
    line did not fail, less OR bids whose group the bidder had won on an earlier lot."""
    book = []
    for bid in bids:
        if bid.cover_for is not None and (bid.cover_for.cancelled or bid.cover_for.line_failed_at is None):
            continue
        if bid.or_group and (bid.registration_id, bid.or_group) in won_before:
            continue
        book.append(bid)
    return book


def _lost_tie_by_time(bid: AbsenteeBid, winner: AbsenteeBid | None, result: LotResult, sale: Sale) -> bool:
    """A bid equal to the hammer that rightly lost: to a higher absentee bid (which then pays this one's
    maximum), to an earlier absentee bid of the same amount, or to a live bid when the sale's conditions give
    a live bid equal to the book's maximum the lot (``book_wins_ties`` off)."""
    if winner is not None and result.source == BidSource.BOOK:
        if winner.maximum != bid.maximum:
            return winner.maximum > bid.maximum
        return (winner.received_at, winner.pk) < (bid.received_at, bid.pk)
    return result.source != BidSource.BOOK and not sale.book_wins_ties


def _sold_findings(
    sale: Sale, lot: Lot, result: LotResult, book: list[AbsenteeBid], all_bids: list[AbsenteeBid]
) -> list[_Finding]:
    found = []
    hammer = result.hammer or Decimal(0)
    registration = result.registration
    if registration is None or registration.status != RegistrationStatus.APPROVED:
        standing = (
            "is not registered for the sale"
            if registration is None
            else f"is {registration.get_status_display().lower()}, not approved"
        )
        found.append(
            _Finding(
                lot,
                FindingKind.PADDLE_NOT_APPROVED,
                f"paddle:{lot.pk}:{result.paddle}",
                f"Lot {lot.label} was hammered to paddle {result.paddle}, which {standing}; confirm the buyer"
                " before invoicing.",
            )
        )
    if lot.reserve is not None and hammer < lot.reserve:
        found.append(
            _Finding(
                lot,
                FindingKind.BELOW_RESERVE,
                f"reserve:{lot.pk}:{hammer}",
                f"Lot {lot.label} was hammered at {_money(hammer, sale)}, below its reserve; the consignor's"
                " agreement is needed before invoicing.",
            )
        )
    winners = [bid for bid in all_bids if bid.registration_id == result.registration_id]
    winner = winners[0] if winners else None
    if winner is not None and result.source == BidSource.BOOK and hammer > winner.maximum:
        found.append(
            _Finding(
                lot,
                FindingKind.ABOVE_MAXIMUM,
                f"maximum:{lot.pk}:{winner.pk}:{hammer}",
                f"Lot {lot.label} was sold on the book to paddle {result.paddle} at {_money(hammer, sale)}, above"
                " that bidder's absentee maximum.",
            )
        )
    for bid in book:
        if bid.registration_id == result.registration_id:
            continue
        above = bid.maximum > hammer
        if not above and not (bid.maximum == hammer and not _lost_tie_by_time(bid, winner, result, sale)):
            continue
        how = "was above the hammer" if above else "equalled the hammer and had precedence"
        found.append(
            _Finding(
                lot,
                FindingKind.MISSED_EXECUTION,
                f"missed:{lot.pk}:{bid.pk}:{hammer}",
                f"Paddle {bid.registration.paddle}'s absentee bid on lot {lot.label} {how} of {_money(hammer, sale)}"
                f" and did not win: a missed execution. (A bid that lost a tie to an earlier bid of the same"
                " amount is not a finding.)",
            )
        )
    return found


def _bought_in_findings(lot: Lot, book: list[AbsenteeBid]) -> list[_Finding]:
    found = []
    for bid in book:
        if lot.reserve is not None and bid.maximum < lot.reserve:
            continue
        met = "met its reserve" if lot.reserve is not None else "was on the book of a lot without reserve"
        found.append(
            _Finding(
                lot,
                FindingKind.MISSED_EXECUTION,
                f"missed:{lot.pk}:{bid.pk}:bought_in",
                f"Lot {lot.label} was bought in although paddle {bid.registration.paddle}'s absentee bid {met}:"
                " a missed execution.",
            )
        )
    return found


def _or_findings(lots: list[Lot], standing: dict[int, LotResult], bids: list[AbsenteeBid]) -> list[_Finding]:
    """One bidder who bought two lots of one OR group: a finding on each lot after the first."""
    bought: dict[tuple[int, str], list[Lot]] = defaultdict(list)
    grouped = {(bid.lot_id, bid.registration_id): bid.or_group for bid in bids if bid.or_group}
    for lot in lots:
        result = standing.get(lot.pk)
        if result is None or result.outcome != Outcome.SOLD or result.registration_id is None:
            continue
        group = grouped.get((lot.pk, result.registration_id))
        if group:
            bought[(result.registration_id, group)].append(lot)
    found = []
    for (registration, group), won in bought.items():
        first, *others = won
        for lot in others:
            found.append(
                _Finding(
                    lot,
                    FindingKind.OR_WON_TWICE,
                    f"or:{registration}:{group}:{lot.pk}",
                    f"Paddle {standing[lot.pk].paddle} bought lot {lot.label} and lot {first.label} of the same OR"
                    f" group ‘{group}’; an OR bid buys one lot of its group.",
                )
            )
    return found


@transaction.atomic
def check_run(*, sale: Sale, by: Staff) -> CheckRun:
    """Look through the sale's standing results for what must be settled before invoicing; add each finding
    not already recorded (its key says what it is about, so a re-run does not repeat it). Findings already
    recorded stay as they are, even when fixed meanwhile: a senior resolves them."""
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    if sale.status not in (SaleStatus.LIVE, SaleStatus.CLOSED):
        raise AuctionError(
            f"Sale {sale.code} is {sale.get_status_display().lower()}; the check runs once the sale has results.",
            code=AuctionErrorCode.SALE_STATUS,
        )
    lots = list(sale.lots.order_by("position"))
    standing = _standing(sale)
    bids = list(
        AbsenteeBid.objects.filter(lot__sale=sale, status=AbsenteeStatus.ACTIVE)
        .select_related("registration", "cover_for")
        .order_by("lot_id", "-maximum", "received_at", "pk")
    )
    by_lot: dict[int, list[AbsenteeBid]] = defaultdict(list)
    for bid in bids:
        by_lot[bid.lot_id].append(bid)
    grouped = {(bid.lot_id, bid.registration_id): bid.or_group for bid in bids if bid.or_group}
    won_before: set[tuple[int, str]] = set()
    found: list[_Finding] = []
    for lot in lots:
        result = standing.get(lot.pk)
        book = _book(by_lot[lot.pk], won_before)
        if result is not None and result.outcome == Outcome.SOLD:
            found += _sold_findings(sale, lot, result, book, by_lot[lot.pk])
            group = grouped.get((lot.pk, result.registration_id or 0))
            if group and result.registration_id is not None:
                won_before.add((result.registration_id, group))
        elif result is not None and result.outcome == Outcome.BOUGHT_IN:
            found += _bought_in_findings(lot, book)
    found += _or_findings(lots, standing, bids)
    known = set(CheckFinding.objects.filter(sale=sale).values_list("key", flat=True))
    added = CheckFinding.objects.bulk_create(
        [
            CheckFinding(
                sale=sale, lot=finding.lot, kind=finding.kind, key=finding.key, detail=finding.detail[:500], found_by=by
            )
            for finding in found
            if finding.key not in known
        ]
    )
    return CheckRun(added=added, open=CheckFinding.objects.filter(sale=sale, status=FindingStatus.OPEN).count())


@transaction.atomic
def finding_resolve(*, finding: CheckFinding, by: Staff, resolution: str) -> CheckFinding:
    """A senior settles a finding, saying how (the sentence is required)."""
    finding = CheckFinding.objects.select_for_update().select_related("lot").get(pk=finding.pk)
    if finding.status == FindingStatus.RESOLVED:
        raise AuctionError(
            f"This finding on lot {finding.lot.label} was resolved already.", code=AuctionErrorCode.ALREADY_RESOLVED
        )
    finding.resolution = bounded(
        resolution, limit=RESOLUTION_MAX, field="resolution", label="The resolution", required=True
    )
    finding.status = FindingStatus.RESOLVED
    finding.resolved_by = by
    finding.resolved_at = timezone.now()
    finding.save(update_fields=["resolution", "status", "resolved_by", "resolved_at"])
    return finding


# --- Unsold pieces offered back ---------------------------------------------------------------------
def _refused(message: str, *, field: str | None = None) -> AuctionError:
    return AuctionError(message, field=field, code=AuctionErrorCode.ROUTE_REFUSED)


@transaction.atomic
def unsold_route(
    *,
    lot: Lot,
    item: Piece,
    route: UnsoldRoute | str,
    by: Staff,
    reoffer_sale: Sale | None = None,
    note: str = "",
    collected_by: str = "",
) -> UnsoldDecision:
    """Send a bought-in lot's piece back into the flow, recording who decided:

    - ``reoffer``: lot it in ``reoffer_sale`` (a later, open sale) with this lot's heading, estimates and
      reserve; its sale state goes to in a sale;
    - ``private_sale``: the piece stays unsold and billing offers it privately;
    - ``return``: prepare the inventory's release receipt for ``collected_by`` to sign; custody moves only
      when it is signed, in the inventory's own flow.

    A consignment whose terms say return refuses a re-offer and a private sale."""
    lot = Lot.objects.select_for_update().select_related("sale").get(pk=lot.pk)
    try:
        route = UnsoldRoute(route)
    except ValueError:
        raise AuctionError(
            "Choose re-offer in a later sale, private sale or return to the consignor.",
            field="route",
            code=AuctionErrorCode.INVALID,
        ) from None
    note = bounded(note, limit=NOTE_MAX, field="note", label="The note")
    entry = lot.pieces.select_related("item", "item__consignment").filter(item_id=item.pk).first()
    if entry is None:
        raise AuctionError(
            f"{item.stock_number} is not in lot {lot.label}.", field="stock_number", code=AuctionErrorCode.UNKNOWN_PIECE
        )
    piece = entry.item
    result = lot.results.filter(corrected_by__isnull=True).first()
    if result is None or result.outcome != Outcome.BOUGHT_IN:
        shown = result.get_outcome_display().lower() if result is not None else "not yet offered"
        raise _refused(f"Lot {lot.label} is {shown}; only a bought-in lot's pieces are offered back.")
    if piece.sale_state != SaleState.UNSOLD:
        raise _refused(
            f"{piece.stock_number} is {piece.get_sale_state_display().lower()}"
            f"{f' ({piece.sale_reference})' if piece.sale_reference else ''}; only an unsold piece is offered back."
        )
    consignment = piece.consignment
    instruction = consignment.unsold_instruction if consignment is not None else ""
    if route != UnsoldRoute.RETURN and instruction == UnsoldInstruction.RETURN:
        raise _refused(
            f"The terms of consignment {consignment.number if consignment else ''} say an unsold piece goes back to"
            " the consignor; amend the terms in the inventory before offering it again.",
            field="route",
        )
    earlier = lot.unsold_decisions.filter(item=piece).order_by("-decided_at", "-pk").first()
    if earlier is not None and earlier.route == route:
        raise _refused(
            f"{piece.stock_number} is already routed to {earlier.get_route_display().lower()}"
            f" (by {earlier.decided_by.get_full_name() or earlier.decided_by}).",
            field="route",
        )
    receipt_number = ""
    if route == UnsoldRoute.REOFFER:
        if reoffer_sale is None:
            raise AuctionError(
                "Choose the later sale the piece is re-offered in.",
                field="reoffer_sale",
                code=AuctionErrorCode.REQUIRED,
            )
        if reoffer_sale.pk == lot.sale_id:
            raise _refused(
                f"{piece.stock_number} was bought in at sale {lot.sale.code}; re-offer it in a later sale.",
                field="reoffer_sale",
            )
        if reoffer_sale.status not in REOFFER_STATUSES:
            raise _refused(
                f"Sale {reoffer_sale.code} is {reoffer_sale.get_status_display().lower()}; a piece is re-offered"
                " in a sale still in planning, cataloguing or published.",
                field="reoffer_sale",
            )
        lot_create(
            sale=reoffer_sale,
            items=[piece],
            heading=lot.heading,
            low_estimate=lot.low_estimate,
            high_estimate=lot.high_estimate,
            reserve=lot.reserve,
            by=by,
        )
    elif route == UnsoldRoute.RETURN:
        if consignment is None:
            raise _refused(f"{piece.stock_number} has no consignment to return it to.", field="route")
        who = bounded(collected_by, limit=200, field="collected_by", label="Who collects", required=True)
        try:
            receipt = inventory.release_receipt_prepare(consignment=consignment, items=[piece], collected_by=who, by=by)
        except InventoryError as refusal:
            raise _refused(refusal.message, field=refusal.field) from None
        receipt_number = receipt.number
    return UnsoldDecision.objects.create(
        lot=lot,
        item=piece,
        route=route,
        reoffer_sale=reoffer_sale if route == UnsoldRoute.REOFFER else None,
        note=note,
        release_receipt=receipt_number,
        decided_by=by,
    )
