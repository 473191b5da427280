"""Demonstration sales (``parure demo``, after the inventory's pieces, the client book and the catalogue).

Two sales, built through the auctions' services from the demo pieces of their office that are in the
house and in no other sale:

- a **closed sale** in London a month ago, of 30 lots, clerked through :mod:`parure.auctions.services.clerking`
  (lots opened, bids from the room, online and a telephone line, hammered, passed or withdrawn), with the
  day's exchange rates, so its results, sold, bought in and withdrawn, are the engine's own;
- an **upcoming sale** in New York in three weeks, published, of up to 150 lots (as many as New York's
  free pieces allow; estimates from the pieces' own, most with a reserve at or under the low estimate, a
  few without, three inserted lots such as 12A and two withdrawn with the reason), 40 registrations (most
  approved, some pending, one refused), 200 absentee bids (some rounded down to the ladder, some OR bids,
  a few under half the low estimate) and a few telephone requests with their lines.

Deterministic: a seeded generator decides everything and times are counted from the start of the
current UTC day. Every step goes through the auctions' services, as a person's request would.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.utils import timezone

from parure.auctions import engine
from parure.auctions.choices import BidChannel, BidSource, LotStatus, SaleStatus
from parure.auctions.errors import AuctionError
from parure.auctions.execution import ladder_for
from parure.auctions.models import (
    AbsenteeBid,
    IncrementTable,
    Lot,
    PremiumSchedule,
    Registration,
    Sale,
    TelephoneBid,
)
from parure.auctions.services import clerking
from parure.auctions.services.bids import absentee_bid_place
from parure.auctions.services.rates import rates_set
from parure.auctions.services.registrations import registration_create, registration_decide
from parure.auctions.services.sales import lot_create, lot_withdraw, sale_advance, sale_create
from parure.auctions.services.telephone import telephone_bid_request, telephone_line_assign
from parure.clients import queries as client_book
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import ItemStatus, SaleState
from parure.inventory.queries import Piece

SEED = 20261202
UPCOMING_LOTS = 150
CLOSED_LOTS = 30
UPCOMING_REGISTRATIONS = 40
CLOSED_REGISTRATIONS = 14
ABSENTEE_BIDS = 200
CLOSED_ABSENTEE_BIDS = 24
INSERTED_AFTER = (12, 47, 88)
WITHDRAWN = {
    31: "The consignor has withdrawn the lot to sell it privately.",
    104: "Withdrawn pending a laboratory report on the centre stone.",
}
CLOSED_WITHDRAWN = {9: "Withdrawn on the day: a question of title was raised."}
RATES = (("USD", "1.27"), ("EUR", "1.17"), ("CHF", "1.12"), ("HKD", "9.90"), ("JPY", "191.50"))
CHANNELS = (BidChannel.FORM, BidChannel.EMAIL, BidChannel.PHONE, BidChannel.ONLINE_PLATFORM)
REFUSAL = "The bank reference did not confirm the credit asked for."

CONDITIONS = (
    "Each lot is offered subject to these conditions of sale, to the notices in the catalogue and to any"
    " announcement made in the saleroom.\n"
    "Absentee bids are executed at the lowest price the other bids and the reserve allow, never above the"
    " bidder's maximum; of two identical absentee bids the earlier received wins.\n"
    "A lot may be offered subject to a confidential reserve, never above the low estimate; the auctioneer may"
    " bid on the seller's behalf up to, but never at or above, the reserve.\n"
    "The buyer pays the hammer price and the buyer's premium on it, with any tax due, in the currency of the sale."
)


def _say_none(line: str) -> None:
    del line


HOUSE_BANDS = (("0", "27"), ("1000000", "22"), ("6000000", "15"))
WATCH_BANDS = (("0", "20"),)


def premium_schedules(new_york: _Cast, london: _Cast) -> dict[str, PremiumSchedule]:
    """Each saleroom's premium in its currency: the house's bands (the shipped ``house-2026`` becomes New
    York's, in dollars; London's is ``house-2026-ln`` in pounds), each sending watches to a flat 20%."""
    from datetime import date

    from parure.auctions.services.tables import ExclusionRow, PremiumRow, premium_schedule_save

    made: dict[str, PremiumSchedule] = {}
    for cast, currency, suffix in ((new_york, "USD", "ny"), (london, "GBP", "ln")):
        where = cast.office.name
        watches = premium_schedule_save(
            by=cast.senior, schedule=PremiumSchedule.objects.filter(code=f"watches-2026-{suffix}").first(),
            code=f"watches-2026-{suffix}", name=f"Watches 2026, {where}", effective_from=date(2026, 1, 1),
            office=cast.office, currency=currency, bands=[PremiumRow(*row) for row in WATCH_BANDS],
            notes="Lots of watches only: a flat 20% of the hammer.",
        )  # fmt: skip
        code = "house-2026" if suffix == "ny" else "house-2026-ln"
        made[cast.office.code] = premium_schedule_save(
            by=cast.senior, schedule=PremiumSchedule.objects.filter(code=code).first(), code=code,
            name=f"Buyer's premium 2026, {where}", effective_from=date(2026, 1, 1), office=cast.office,
            currency=currency, bands=[PremiumRow(*row) for row in HOUSE_BANDS],
            exclusions=[ExclusionRow(category="watch", applies=watches.code)],
        )  # fmt: skip
    return made


@dataclass
class _Cast:
    office: Office
    senior: Staff
    assistants: list[Staff]


def _cast(code: str) -> _Cast | None:
    office = Office.objects.filter(code=code).first()
    if office is None:
        return None
    people = Staff.objects.filter(office=office, is_active=True).order_by("pk")
    senior = people.filter(role=Role.SENIOR_SPECIALIST).first()
    assistants = list(people.filter(role=Role.SPECIALIST_ASSISTANT))
    if senior is None or not assistants:
        return None
    return _Cast(office=office, senior=senior, assistants=assistants)


def _nice(amount: Decimal) -> Decimal:
    """Down to two significant figures, as estimates are written (12,345 → 12,000)."""
    if amount < 100:
        return Decimal(100)
    exponent = len(str(int(amount))) - 2
    unit = Decimal(10) ** exponent
    return (amount / unit).to_integral_value(rounding=ROUND_DOWN) * unit


def _estimates(piece: Piece) -> tuple[Decimal, Decimal]:
    low = _nice(Decimal(piece.estimate_low or 0))
    high = max(_nice(Decimal(piece.estimate_high or 0)), low + _nice(low / 2))
    return low, high


def _heading(pieces: Sequence[Piece]) -> str:
    titles = [str(piece.title).strip() or "Jewel" for piece in pieces]
    if len(titles) == 1:
        first = titles[0]
        article = "An" if first[0].lower() in "aeiou" else "A"
        return f"{article} {first[0].lower()}{first[1:]}"[:200]
    return ("Two jewels: " + "; ".join(title[0].lower() + title[1:] for title in titles))[:200]


def _available_pieces(office: Office) -> list[Piece]:
    """The office's pieces in the house, consigned and in no sale, with estimates, oldest first."""
    rows = inventory.items(inventory.item_filters(office=office)).filter(
        status=ItemStatus.IN_HOUSE,
        sale_state=SaleState.CONSIGNED,
        estimate_low__isnull=False,
        estimate_high__isnull=False,
        estimate_low__gte=Decimal(200),
    )
    return list(rows.order_by("pk"))


def _reserve(rng: random.Random, low: Decimal) -> Decimal | None:
    if rng.random() < 0.12:
        return None
    return _nice(low * Decimal(rng.choice(("0.6", "0.7", "0.75", "0.8", "0.9", "1"))))


def _lots(
    rng: random.Random, sale: Sale, pieces: list[Piece], count: int, by: Staff, *, inserted: Sequence[int] = ()
) -> list[Lot]:
    """``count`` lots from ``pieces`` (every 40th of two pieces of one consignment), then the inserted lots (12A …)."""
    made: list[Lot] = []
    held = list(pieces[-len(inserted) :]) if inserted else []
    spare = list(pieces[: len(pieces) - len(held)])
    for index in range(count):
        if not spare:
            break
        # A lot is sold for one consignment: two pieces share a lot only when they share a consignment.
        pair = len(spare) > 2 and spare[0].consignment_id == spare[1].consignment_id
        take = 2 if index % 40 == 39 and pair else 1
        chosen, spare = spare[:take], spare[take:]
        low, high = _estimates(chosen[0])
        made.append(
            lot_create(
                sale=sale,
                items=chosen,
                heading=_heading(chosen),
                low_estimate=low,
                high_estimate=high,
                reserve=_reserve(rng, low),
                by=by,
            )
        )
    for after in inserted:
        if not held or after > len(made):
            continue
        chosen, held = held[:1], held[1:]
        low, high = _estimates(chosen[0])
        made.append(
            lot_create(
                sale=sale,
                items=chosen,
                heading=_heading(chosen),
                low_estimate=low,
                high_estimate=high,
                reserve=_reserve(rng, low),
                number=f"{after}A",
                by=by,
            )
        )
    taken = {piece.pk for lot in made for piece in (entry.item for entry in lot.pieces.all())}
    pieces[:] = [piece for piece in pieces if piece.pk not in taken]
    return sorted(made, key=lambda lot: (lot.number, lot.suffix))


def _clients(senior: Staff) -> tuple[list[Any], list[Any]]:
    """The client book's files in a stable order, split into those with verified KYC and the rest."""
    verified: list[Any] = []
    others: list[Any] = []
    for client in client_book.client_list(senior).order_by("pk")[:400]:
        (verified if client_book.kyc_standing(client).verified else others).append(client)
    return verified, others


def _register(
    rng: random.Random,
    sale: Sale,
    verified: list[Any],
    others: list[Any],
    count: int,
    senior: Staff,
    *,
    pending: int,
    refused: int,
) -> list[Registration]:
    """``count`` registrations: ``pending`` left for a senior, ``refused`` refused with the reason, the
    rest approved (verified files with credit above the KYC threshold, the others under it)."""
    approved: list[Registration] = []
    files = rng.sample(verified, min(len(verified), count - pending - refused))
    files += rng.sample(others, min(len(others), count - len(files)))
    for index, client in enumerate(files):
        is_verified = index < len(files) and client in verified
        online = index % 9 == 8
        limit = Decimal(rng.choice((50000, 100000, 250000, 500000, 1000000))) if is_verified else Decimal(9000)
        registration = registration_create(
            sale=sale,
            client=client,
            by=senior,
            credit_limit=limit,
            source="online_platform" if online else "house",
            platform="Live bidding platform" if online else "",
            platform_reference=f"LBP-{sale.pk:03d}-{index:04d}" if online else "",
        )
        if index >= len(files) - pending:
            continue
        if index >= len(files) - pending - refused:
            registration_decide(registration=registration, approve=False, by=senior, reason=REFUSAL)
            continue
        approved.append(registration_decide(registration=registration, approve=True, by=senior))
    return approved


def _maximum(rng: random.Random, low: Decimal, ladder: engine.Ladder) -> Decimal:
    """A maximum around the low estimate: mostly on the ladder, some between steps (rounded down when
    taken), a few under half the low estimate (flagged to the specialist)."""
    roll = rng.random()
    if roll < 0.04:
        return max(ladder.round_down(low * Decimal("0.4")), ladder.first)
    amount = low * Decimal(rng.uniform(0.75, 1.8)).quantize(Decimal("0.01"))
    if roll < 0.24:
        return (amount + Decimal(rng.choice((7, 13, 35, 45)))).quantize(Decimal(1))
    return ladder.round_down(amount)


def _absentee_bids(
    rng: random.Random,
    sale: Sale,
    lots: list[Lot],
    bidders: list[Registration],
    count: int,
    by: Staff,
    *,
    or_groups: int,
) -> int:
    """``count`` absentee bids, ``or_groups`` bidders leaving OR bids across two or three lots."""
    ladder = ladder_for(sale)
    offered = [lot for lot in lots if lot.status == LotStatus.OFFERED]
    taken: set[tuple[int, int]] = set()
    placed = 0

    def place(lot: Lot, bidder: Registration, group: str = "") -> None:
        nonlocal placed
        if (lot.pk, bidder.pk) in taken:
            return
        taken.add((lot.pk, bidder.pk))
        # Bids arrive before the sale and never after today (an upcoming sale's are from the last weeks).
        received = min(sale.starts_at, timezone.now()) - timedelta(
            days=rng.uniform(0.5, 20), minutes=rng.randrange(0, 600)
        )
        maximum = _maximum(rng, lot.low_estimate, ladder)
        if bidder.credit_limit is not None and maximum > bidder.credit_limit:
            return  # the bids office would refuse it: over the paddle's credit
        absentee_bid_place(
            lot=lot,
            registration=bidder,
            maximum=maximum,
            by=by,
            channel=rng.choice(CHANNELS),
            received_at=received,
            or_group=group,
        )
        placed += 1

    # The OR bidders are those with the most credit, so no OR bid is over its paddle's limit.
    by_credit = sorted(bidders, key=lambda bidder: (-(bidder.credit_limit or Decimal(0)), bidder.paddle))
    for group_bidder in by_credit[:or_groups]:
        for lot in rng.sample(offered, min(len(offered), rng.choice((2, 3)))):
            place(lot, group_bidder, "A")
    attempts = 0
    while placed < count and attempts < count * 5:
        attempts += 1
        place(rng.choice(offered), rng.choice(bidders))
    return placed


def _withdraw_before_the_sale(lot: Lot, reason: str, by: Staff) -> None:
    lot_withdraw(lot=lot, reason=reason, by=by)
    lot.refresh_from_db()


def _set_status(sale: Sale, status: SaleStatus) -> None:
    """Move the sale forward through the sales service, one step at a time, until it has ``status``."""
    senior = Staff.objects.get(pk=sale.created_by_id)
    while sale.status != status:
        sale = sale_advance(sale=sale, by=senior)
    _refresh(sale)


def _refresh(sale: Sale) -> None:
    sale.refresh_from_db()


def _telephone(lot: Lot, registration: Registration, line: str, staff: Staff, language: str = "") -> TelephoneBid:
    """A telephone request taken by the bids office and its line assigned (the spacing rule applies)."""
    request = telephone_bid_request(lot=lot, registration=registration, by=staff, language=language)
    return telephone_line_assign(telephone=request, line=line, staff=staff, by=staff)


def _upcoming(
    rng: random.Random, cast: _Cast, pieces: list[Piece], day: datetime, verified: list[Any], others: list[Any]
) -> Sale:
    starts = (day + timedelta(days=21)).replace(hour=15)  # 10 a.m. in New York
    sale = sale_create(
        code=f"NY-J-{starts:%y%m}",
        title="Magnificent Jewels",
        office=cast.office,
        saleroom="Park Avenue saleroom",
        starts_at=starts,
        currency="USD",
        increment_table=IncrementTable.objects.get(code="standard"),
        premium_schedule=PremiumSchedule.objects.get(code="house-2026"),
        conditions_of_sale=CONDITIONS,
        by=cast.senior,
    )
    lots = _lots(rng, sale, pieces, UPCOMING_LOTS - len(INSERTED_AFTER), cast.senior, inserted=INSERTED_AFTER)
    for number, reason in WITHDRAWN.items():
        found = next((lot for lot in lots if lot.number == number and not lot.suffix), None)
        if found is not None:
            _withdraw_before_the_sale(found, reason, cast.senior)
    bidders = _register(rng, sale, verified, others, UPCOMING_REGISTRATIONS, cast.senior, pending=6, refused=1)
    _absentee_bids(rng, sale, lots, bidders, ABSENTEE_BIDS, cast.assistants[0], or_groups=5)
    offered = [lot for lot in lots if lot.status == LotStatus.OFFERED]
    languages = ("", "French", "Mandarin", "", "Arabic", "Italian")
    for index, lot in enumerate(offered[5 :: max(len(offered) // 6, 1)][:6]):
        _telephone(lot, bidders[-1 - index], str(index % 3 + 1), cast.assistants[index % len(cast.assistants)],
                   languages[index])  # fmt: skip
    _set_status(sale, SaleStatus.CATALOGUING)
    _set_status(sale, SaleStatus.PUBLISHED)
    return sale


def _clerk(rng: random.Random, sale: Sale, lots: list[Lot], bidders: list[Registration], by: Staff) -> None:
    """Clerk the sale through the services: each lot opened, bid on, and hammered (sold or bought in)."""
    moment = sale.starts_at
    booked = set(AbsenteeBid.objects.filter(lot__sale=sale).values_list("lot_id", flat=True))
    phone_lot = next(lot for lot in lots if lot.pk not in booked and lot.number not in CLOSED_WITHDRAWN)
    ladder = ladder_for(sale)
    _telephone(phone_lot, bidders[0], "1", by, "French")
    for lot in lots:
        moment += timedelta(seconds=75)
        if lot.number in CLOSED_WITHDRAWN and not lot.suffix:
            clerking.clerk_withdraw(lot=lot, by=by, reason=CLOSED_WITHDRAWN[lot.number], at=moment)
            continue
        state = clerking.clerk_open(lot=lot, by=by, at=moment)
        if lot is phone_lot:  # the telephone bidder jumps to the low estimate and wins it
            moment += timedelta(seconds=4)
            clerking.clerk_bid(
                lot=lot, source=BidSource.PHONE, paddle=bidders[0].paddle, line="1", by=by, at=moment,
                amount=ladder.round_up(lot.low_estimate),
            )  # fmt: skip
            moment += timedelta(seconds=6)
            clerking.clerk_hammer(lot=lot, by=by, at=moment)
            continue
        rounds = 0 if lot.position % 7 == 0 else rng.randint(1, 4)  # not the pk: the same on every database
        for step in range(rounds):
            moment += timedelta(seconds=4)
            holder = state.state.holder
            choices = [bidder for bidder in bidders if holder is None or bidder.paddle != holder.paddle]
            source, bidder = (BidSource.ONLINE if step % 4 == 3 else BidSource.ROOM), rng.choice(choices)
            if holder is not None and holder.paddle == bidder.paddle:
                continue
            try:
                state = clerking.clerk_bid(lot=lot, source=source, paddle=bidder.paddle, by=by, at=moment)
            except AuctionError:
                break
        moment += timedelta(seconds=6)
        clerking.clerk_hammer(lot=lot, by=by, at=moment)


def _closed(
    rng: random.Random, cast: _Cast, pieces: list[Piece], day: datetime, verified: list[Any], others: list[Any]
) -> Sale:
    starts = (day - timedelta(days=30)).replace(hour=10)  # 10 a.m. in London
    sale = sale_create(
        code=f"LN-J-{starts:%y%m}",
        title="Jewels: Online and in the Room",
        office=cast.office,
        saleroom="King Street saleroom",
        starts_at=starts,
        currency="GBP",
        increment_table=IncrementTable.objects.get(code="standard"),
        premium_schedule=PremiumSchedule.objects.get(code="house-2026-ln"),
        conditions_of_sale=CONDITIONS,
        by=cast.senior,
    )
    lots = _lots(rng, sale, pieces, CLOSED_LOTS, cast.senior)
    bidders = _register(rng, sale, verified, others, CLOSED_REGISTRATIONS, cast.senior, pending=0, refused=0)
    _absentee_bids(rng, sale, lots, bidders, CLOSED_ABSENTEE_BIDS, cast.assistants[0], or_groups=1)
    rates_set(sale=sale, rates=list(RATES), by=cast.assistants[0])
    _set_status(sale, SaleStatus.PUBLISHED)
    _set_status(sale, SaleStatus.LIVE)
    _clerk(rng, sale, lots, bidders, cast.assistants[0])
    _set_status(sale, SaleStatus.CLOSED)
    return sale


def build(say: Callable[[str], None] = _say_none) -> None:
    """Build the two demonstration sales (skipped when sales exist already)."""
    if Sale.objects.exists():
        say("  auctions already has sales; left as they are")
        return
    new_york, london = _cast("NY"), _cast("LN")
    if new_york is None or london is None:
        say("  auctions: the New York or London office or their specialists are missing; no sales built")
        return
    ny_pieces, ln_pieces = _available_pieces(new_york.office), _available_pieces(london.office)
    if len(ny_pieces) < 40 or len(ln_pieces) < CLOSED_LOTS:
        say(f"  auctions: only {len(ny_pieces)} New York and {len(ln_pieces)} London pieces are free to sell; no sales")
        return
    verified, others = _clients(new_york.senior)
    if len(verified) + len(others) < UPCOMING_REGISTRATIONS:
        say("  auctions: the client book has too few files to register bidders; no sales built")
        return
    premium_schedules(new_york, london)
    rng = random.Random(SEED)
    day = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    closed = _closed(rng, london, ln_pieces, day, verified, others)
    upcoming = _upcoming(rng, new_york, ny_pieces, day, verified, others)
    say(
        f"  sales {closed.code} (closed, {closed.lots.count()} lots clerked) and {upcoming.code}"
        f" (published, {upcoming.lots.count()} lots, {upcoming.registrations.count()} registrations,"
        f" {sum(lot.absentee_bids.count() for lot in upcoming.lots.all())} absentee bids)"
    )
