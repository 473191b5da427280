"""Reads of a sale's results that the results page, the check page, the API, the export and the
results feed share: each issues a fixed number of queries whatever the number of lots.

A lot's standing result is the one no later result corrects (a correction names the result it
corrects, so the standing results are those with no ``corrected_by``). What a viewer may see of
a row (reserves, absentee maxima, the buyer's name) is asked of
:class:`~parure.auctions.visibility.AuctionViewer`.

The rules stated on the results page:

- **Sell-through by lot**: lots sold ÷ lots offered, where a lot offered is one sold or bought in;
  withdrawn lots (and lots not yet clerked) are not counted.
- **Sell-through by value**: the hammer of the lots sold ÷ the sum of the low estimates of the lots
  offered.

Both are percentages to one decimal, rounded half-up; the sums are exact Decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet

from parure.auctions.choices import FindingKind, FindingStatus, Outcome, RegistrationSource, SaleStatus, UnsoldRoute
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import AbsenteeBid, CheckFinding, Lot, LotResult, Sale, UnsoldDecision
from parure.auctions.visibility import AuctionViewer
from parure.inventory.choices import ItemCategory, SaleState, UnsoldInstruction

ZERO = Decimal("0.00")
TENTH = Decimal("0.1")

SELL_THROUGH_BY_LOT_RULE = (
    "Sell-through by lot: lots sold ÷ lots offered (sold or bought in); withdrawn lots are not counted."
)
SELL_THROUGH_BY_VALUE_RULE = (
    "Sell-through by value: hammer of the lots sold ÷ the sum of the low estimates of the lots offered."
)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to one decimal, half-up; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def against_estimate(hammer: Decimal | None, low: Decimal, high: Decimal) -> str:
    """Where a hammer fell against the estimates: ``below``, ``within`` or ``above`` ("" with no hammer)."""
    if hammer is None:
        return ""
    if hammer < low:
        return "below"
    if hammer > high:
        return "above"
    return "within"


# --- The results of one sale ------------------------------------------------------------------------
@dataclass(frozen=True)
class Correction:
    """A result that a later one corrected, as the lot's row lists it (who corrected it, and why)."""

    outcome: str
    outcome_label: str
    hammer: Decimal | None
    paddle: str
    recorded_at: datetime
    recorded_by: str
    corrected_by: str
    corrected_at: datetime
    reason: str


@dataclass(frozen=True)
class UnsoldPiece:
    """A piece of a bought-in lot, with the consignor's instruction and the decisions taken so far."""

    item: object
    stock_number: str
    title: str
    sale_state: str
    instruction: str
    instruction_label: str
    decisions: list[UnsoldDecision]

    @property
    def open(self) -> bool:
        """Still waiting for a decision that takes it somewhere (a re-offer or a return)."""
        return self.sale_state == SaleState.UNSOLD and not any(
            decision.route in (UnsoldRoute.REOFFER, UnsoldRoute.RETURN) for decision in self.decisions
        )


@dataclass(frozen=True)
class ResultLine:
    """One lot's row on the results page: its standing result, as this viewer may see it."""

    lot: Lot
    stock_numbers: list[str]
    result: LotResult | None
    outcome: str
    outcome_label: str
    hammer: Decimal | None
    premium: Decimal | None
    total: Decimal | None
    paddle: str
    buyer: str
    bought_in_at: Decimal | None
    withdrawn_reason: str
    against_estimate: str
    reserve: Decimal | None
    corrections: list[Correction]
    reason: str
    recorded_by: str
    unsold: list[UnsoldPiece] = field(default_factory=list)

    @property
    def offered(self) -> bool:
        return self.outcome in (Outcome.SOLD, Outcome.BOUGHT_IN)


@dataclass(frozen=True)
class SaleTotals:
    hammer: Decimal
    premium: Decimal
    total: Decimal
    lots: int
    sold: int
    bought_in: int
    withdrawn: int
    not_clerked: int
    offered: int
    low_offered: Decimal
    high_offered: Decimal
    low_sold: Decimal
    high_sold: Decimal
    by_lot: Decimal | None
    by_value: Decimal | None


@dataclass(frozen=True)
class SaleResults:
    sale: Sale
    lines: list[ResultLine]
    totals: SaleTotals
    open_findings: int
    sees_reserves: bool

    @property
    def unsold(self) -> list[ResultLine]:
        return [line for line in self.lines if line.unsold]


def _name(staff: object) -> str:
    full = getattr(staff, "get_full_name", None)
    return (full() if full is not None else "") or str(staff or "")


def lots_with_results(sale: Sale) -> QuerySet[Lot]:
    """The sale's lots in order with their pieces (and consignments), every result, and the unsold decisions."""
    results = LotResult.objects.select_related("recorded_by", "registration").order_by("recorded_at", "pk")
    decisions = UnsoldDecision.objects.select_related("decided_by", "reoffer_sale").order_by("decided_at", "pk")
    return (
        sale.lots.select_related("sale", "sale__office")
        .prefetch_related(
            "pieces__item__consignment",
            Prefetch("results", queryset=results, to_attr="all_results"),
            Prefetch("unsold_decisions", queryset=decisions, to_attr="decisions"),
        )
        .order_by("position")
    )


def _corrections(results: Sequence[LotResult]) -> list[Correction]:
    corrections = []
    for earlier, later in pairwise(results):
        corrections.append(
            Correction(
                outcome=earlier.outcome,
                outcome_label=earlier.get_outcome_display(),
                hammer=earlier.hammer,
                paddle=earlier.paddle,
                recorded_at=earlier.recorded_at,
                recorded_by=_name(earlier.recorded_by),
                corrected_by=_name(later.recorded_by),
                corrected_at=later.recorded_at,
                reason=later.reason,
            )
        )
    return corrections


def _unsold_pieces(lot: Lot) -> list[UnsoldPiece]:
    decisions: list[UnsoldDecision] = getattr(lot, "decisions", [])
    pieces = []
    for entry in lot.pieces.all():
        item = entry.item
        consignment = item.consignment
        instruction = consignment.unsold_instruction if consignment is not None else ""
        pieces.append(
            UnsoldPiece(
                item=item,
                stock_number=item.stock_number,
                title=item.title,
                sale_state=item.sale_state,
                instruction=instruction,
                instruction_label=UnsoldInstruction(instruction).label if instruction else "No consignment terms",
                decisions=[decision for decision in decisions if decision.item_id == item.pk],
            )
        )
    return pieces


def sale_results(sale: Sale, viewer: AuctionViewer) -> SaleResults:
    """Every lot's standing result and the sale's totals, for ``viewer`` (a fixed number of queries)."""
    lots = list(lots_with_results(sale))
    standing = {lot.pk: (lot.all_results[-1] if lot.all_results else None) for lot in lots}  # type: ignore[attr-defined]
    clients = {
        result.registration.client_id
        for result in standing.values()
        if result is not None and result.registration is not None and result.outcome == Outcome.SOLD
    }
    labels = viewer.bidder_labels(clients)
    lines = []
    for lot in lots:
        result = standing[lot.pk]
        outcome = result.outcome if result is not None else ""
        sold = result is not None and outcome == Outcome.SOLD
        hammer = result.hammer if sold and result is not None else None
        premium = (result.premium or ZERO) if sold and result is not None else None
        buyer = ""
        if sold and result is not None and result.registration is not None:
            label = labels.get(result.registration.client_id)
            buyer = label.name if label is not None else ""
        lines.append(
            ResultLine(
                lot=lot,
                stock_numbers=[entry.item.stock_number for entry in lot.pieces.all()],
                result=result,
                outcome=outcome,
                outcome_label=result.get_outcome_display() if result is not None else "Not yet offered",
                hammer=hammer,
                premium=premium,
                total=hammer + premium if hammer is not None and premium is not None else None,
                paddle=result.paddle if sold and result is not None else "",
                buyer=buyer,
                bought_in_at=result.bought_in_at if result is not None and outcome == Outcome.BOUGHT_IN else None,
                withdrawn_reason=(lot.withdrawn_reason or (result.reason if result is not None else ""))
                if outcome == Outcome.WITHDRAWN
                else "",
                against_estimate=against_estimate(hammer, lot.low_estimate, lot.high_estimate),
                reserve=viewer.reserve(lot),
                corrections=_corrections(lot.all_results),  # type: ignore[attr-defined]
                reason=result.reason if result is not None and result.corrects_id is not None else "",
                recorded_by=_name(result.recorded_by) if result is not None else "",
                unsold=_unsold_pieces(lot) if outcome == Outcome.BOUGHT_IN else [],
            )
        )
    open_findings = CheckFinding.objects.filter(sale=sale, status=FindingStatus.OPEN).count()
    return SaleResults(
        sale=sale,
        lines=lines,
        totals=totals_of(lines),
        open_findings=open_findings,
        sees_reserves=viewer.sees_reserves,
    )


def totals_of(lines: Sequence[ResultLine]) -> SaleTotals:
    """The sale's totals from its lines, exactly (the rules are stated in the module's docstring)."""
    sold = [line for line in lines if line.outcome == Outcome.SOLD]
    offered = [line for line in lines if line.offered]
    hammer = sum((line.hammer or ZERO for line in sold), ZERO)
    premium = sum((line.premium or ZERO for line in sold), ZERO)
    low_offered = sum((line.lot.low_estimate for line in offered), ZERO)
    return SaleTotals(
        hammer=hammer,
        premium=premium,
        total=hammer + premium,
        lots=len(lines),
        sold=len(sold),
        bought_in=sum(1 for line in lines if line.outcome == Outcome.BOUGHT_IN),
        withdrawn=sum(1 for line in lines if line.outcome == Outcome.WITHDRAWN),
        not_clerked=sum(1 for line in lines if not line.outcome),
        offered=len(offered),
        low_offered=low_offered,
        high_offered=sum((line.lot.high_estimate for line in offered), ZERO),
        low_sold=sum((line.lot.low_estimate for line in sold), ZERO),
        high_sold=sum((line.lot.high_estimate for line in sold), ZERO),
        by_lot=percent(len(sold), len(offered)),
        by_value=percent(hammer, low_offered),
    )


# --- The check before invoicing ---------------------------------------------------------------------
@dataclass(frozen=True)
class FindingLine:
    """A finding as one viewer reads it: the stored sentence names no reserve and no maximum; the amount
    the finding is about is given here only to a viewer who may see it."""

    finding: CheckFinding
    amount_label: str
    amount: Decimal | None


def _bid_of(finding: CheckFinding) -> int | None:
    # Keys name the absentee bid a finding is about: "maximum:<lot>:<bid>:<hammer>", "missed:<lot>:<bid>:…".
    parts = finding.key.split(":")
    if finding.kind in (FindingKind.ABOVE_MAXIMUM, FindingKind.MISSED_EXECUTION) and len(parts) >= 3:
        return int(parts[2]) if parts[2].isdigit() else None
    return None


def findings_of(sale: Sale, viewer: AuctionViewer, *, status: str | None = None) -> list[FindingLine]:
    """The sale's findings in lot order (open first when both are asked), with amounts only for viewers who
    may see them (two queries)."""
    rows = list(
        CheckFinding.objects.filter(sale=sale, **({"status": status} if status else {}))
        .select_related("lot", "found_by", "resolved_by")
        .order_by("lot__position", "kind", "pk")
    )
    bids: dict[int, AbsenteeBid] = {}
    wanted = {pk for pk in (_bid_of(row) for row in rows) if pk is not None}
    if wanted and viewer.sees_maxima:
        bids = {bid.pk: bid for bid in AbsenteeBid.objects.filter(pk__in=wanted)}
    lines = []
    for row in rows:
        if row.kind == FindingKind.BELOW_RESERVE:
            lines.append(FindingLine(row, "Reserve", viewer.reserve(row.lot)))
            continue
        bid = bids.get(_bid_of(row) or 0)
        if bid is not None:
            lines.append(FindingLine(row, "Absentee maximum", viewer.maximum(bid)))
            continue
        lines.append(FindingLine(row, "", None))
    return lines


def open_findings(sale: Sale) -> int:
    return CheckFinding.objects.filter(sale=sale, status=FindingStatus.OPEN).count()


# --- The results export -----------------------------------------------------------------------------
def export_table(results: SaleResults) -> tuple[list[str], list[list[object]]]:
    """The results export's header and one row per lot; the reserve column only for viewers who see reserves."""
    header = ["Lot", "Heading", "Stock numbers", "Low estimate", "High estimate"]
    if results.sees_reserves:
        header.append("Reserve")
    header += ["Outcome", "Hammer", "Premium", "Total", "Paddle", "Currency"]
    rows: list[list[object]] = []
    for line in results.lines:
        row: list[object] = [
            line.lot.label,
            line.lot.heading,
            ", ".join(line.stock_numbers),
            line.lot.low_estimate,
            line.lot.high_estimate,
        ]
        if results.sees_reserves:
            row.append(line.reserve)
        row += [
            line.outcome_label,
            line.hammer,
            line.premium,
            line.total,
            line.paddle,
            results.sale.currency,
        ]
        rows.append(row)
    return header, rows


# --- The results feed (research's comparables read it) ----------------------------------------------
@dataclass(frozen=True)
class FeedRow:
    """One lot of a closed sale, sold or bought in, as research reads it: no reserve, paddle or client."""

    sale_code: str
    sale_date: date
    lot: str
    heading: str
    category: str
    maker: str
    hammer: Decimal | None
    premium: Decimal | None
    currency: str
    low_estimate: Decimal
    high_estimate: Decimal
    outcome: str


def _feed_results(*, since: date | None, category: str | None) -> QuerySet[LotResult]:
    rows = LotResult.objects.filter(
        lot__sale__status=SaleStatus.CLOSED,
        corrected_by__isnull=True,
        outcome__in=[Outcome.SOLD, Outcome.BOUGHT_IN],
    )
    if since is not None:
        rows = rows.filter(lot__sale__starts_at__date__gte=since)
    if category:
        rows = rows.filter(lot__pieces__position=1, lot__pieces__item__category=category)
    return rows.order_by("lot__sale__starts_at", "lot__sale__code", "lot__position", "pk")


def feed_category(text: str | None) -> str | None:
    """A category the feed filters by (an inventory category's value), or None; unknown ones are refused."""
    value = (text or "").strip().lower()
    if not value:
        return None
    if value not in ItemCategory.values:
        shown = value[:20]
        raise AuctionError(
            f"‘{shown}’ is not a category; use one of {', '.join(ItemCategory.values)}.",
            field="category",
            code=AuctionErrorCode.INVALID,
        )
    return value


def results_feed(
    *,
    viewer: AuctionViewer,
    since: date | None = None,
    category: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[FeedRow]:
    """Sold and bought-in lots of closed sales (oldest sale first), from sales held on or after ``since``,
    of one inventory ``category`` when given. Nothing in a row is confidential, so every viewer reads the
    same rows; ``viewer`` is asked for nothing more. Three queries whatever the number of rows."""
    del viewer  # the feed carries no reserve, maximum, paddle or client for anyone
    rows = _feed_results(since=since, category=category).select_related("lot", "lot__sale", "lot__sale__office")
    rows = rows.prefetch_related("lot__pieces__item")
    page = rows[offset : offset + limit] if limit is not None else rows[offset:]
    feed = []
    for result in page:
        lot = result.lot
        items = [entry.item for entry in lot.pieces.all()]
        zone = ZoneInfo(lot.sale.office.time_zone)
        makers = list(dict.fromkeys(item.maker for item in items if item.maker))
        feed.append(
            FeedRow(
                sale_code=lot.sale.code,
                sale_date=lot.sale.starts_at.astimezone(zone).date(),
                lot=lot.label,
                heading=lot.heading,
                category=items[0].category if items else "",
                maker="; ".join(makers),
                hammer=result.hammer if result.outcome == Outcome.SOLD else None,
                premium=result.premium if result.outcome == Outcome.SOLD else None,
                currency=lot.sale.currency,
                low_estimate=lot.low_estimate,
                high_estimate=lot.high_estimate,
                outcome=result.outcome,
            )
        )
    return feed


def results_feed_count(*, since: date | None = None, category: str | None = None) -> int:
    return _feed_results(since=since, category=category).count()


# --- For billing: each lot's standing result, with its buyer and pieces ------------------------------
@dataclass(frozen=True)
class LotOutcome:
    """A lot's standing result as billing reads it: what it sold for and to whom (the client's id, which
    billing names through the client book), how it is taxed, and its pieces with their consignments.
    Reserves are not here: billing never needs them."""

    lot: Lot
    label: str
    heading: str
    outcome: str  # an Outcome value, or "" when the lot has no result yet
    hammer: Decimal | None
    premium: Decimal | None
    buyer_id: int | None
    paddle: str
    online_platform: str  # the platform the buyer bid through, "" in the room, on the phone or on the book
    tax_status: str
    low_estimate: Decimal
    high_estimate: Decimal
    pieces: tuple[Any, ...]  # inventory Items, each with its consignment loaded


def lot_outcomes(sale: Sale) -> list[LotOutcome]:
    """Every lot of ``sale`` in order with its standing result (a fixed number of queries)."""
    lots = list(lots_with_results(sale))
    rows = []
    for lot in lots:
        results = lot.all_results  # type: ignore[attr-defined]
        result = results[-1] if results else None
        sold = result is not None and result.outcome == Outcome.SOLD
        registration = result.registration if sold and result is not None else None
        platform = ""
        if registration is not None and registration.source == RegistrationSource.ONLINE_PLATFORM:
            platform = registration.platform or "online"
        rows.append(
            LotOutcome(
                lot=lot,
                label=lot.label,
                heading=lot.heading,
                outcome=result.outcome if result is not None else "",
                hammer=result.hammer if sold and result is not None else None,
                premium=(result.premium or ZERO) if sold and result is not None else None,
                buyer_id=registration.client_id if registration is not None else None,
                paddle=result.paddle if sold and result is not None else "",
                online_platform=platform,
                tax_status=lot.tax_status,
                low_estimate=lot.low_estimate,
                high_estimate=lot.high_estimate,
                pieces=tuple(entry.item for entry in lot.pieces.all()),
            )
        )
    return rows


def reserves_for_settlement(lot_ids: Sequence[int]) -> dict[int, Decimal | None]:
    """Each lot's reserve, by id, in one query: a consignor's unsold fee may be a rate of it (the terms
    say so), and the consignor's own statement may show it. Only billing's settlements ask."""
    ids = set(lot_ids)
    if not ids:
        return {}
    return dict(Lot.objects.filter(pk__in=ids).values_list("pk", "reserve"))
