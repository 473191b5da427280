"""Auction engine benchmark: the execution engine against a bare sort-and-scan of the same bids.

Run as ``.venv/bin/python bench/auctions_engine.py`` (part of ``make bench``; it needs no database
and ignores ``DATABASE_URL``). It builds, once and outside the timing, a sale of 1,000 lots, each
with 50 absentee bids and 30 live bids (room, phone and online paddles taking the asking bid in
turn), half of the lots with a reserve. Then, in the same run and interleaved round by round, it
times:

- the engine: every lot through ``run_lot`` (the book's leader and competition, the opening, each
  live bid answered by the book or the seller, fair warning, the hammer and its log);
- the bare loop: for every lot, sort the same absentee bids by maximum and received time and scan
  the same live bids once, keeping the last bidder, and nothing else.

The bids built beforehand are frozen out of the cyclic garbage collector (``gc.freeze``) before
timing; the collector stays on for what each pass allocates. It prints the median time per sale
and per lot of each, and the ratio of the engine to the bare loop (aim ≤ 3×) from the fastest
round of each, with the median and spread of the rounds' own ratios.
Options: ``--lots`` (default 1,000), ``--absentee`` (50), ``--live`` (30), ``--rounds`` (7), ``--seed``.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parure.auctions.engine import (  # noqa: E402  (the path is set just above)
    STANDARD,
    AbsenteeBid,
    Channel,
    LiveBid,
    Lot,
    Result,
    Source,
    run_lot,
)

OPENED = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
LIVE_SOURCES = (Source.ROOM, Source.PHONE, Source.ONLINE)


def build(lots: int, absentee: int, live: int, seed: int) -> list[tuple[Lot, list[AbsenteeBid], list[LiveBid]]]:
    rng = random.Random(seed)
    sale = []
    channels = list(Channel)
    for number in range(1, lots + 1):
        low = STANDARD.round_down(Decimal(rng.randint(500, 200_000)))
        high = STANDARD.round_down(low * Decimal("1.5"))
        reserve = STANDARD.round_down(low * Decimal(rng.choice(("0.6", "0.8", "1")))) if number % 2 else None
        lot = Lot(str(number), "USD", low, high, reserve)
        book = [
            AbsenteeBid(
                paddle=str(1000 + rng.randrange(400)),
                maximum=Decimal(rng.randint(int(low) // 4, int(low) * 2)),
                received=OPENED - timedelta(minutes=rng.randrange(20_000)),
                channel=rng.choice(channels),
            )
            for _ in range(absentee)
        ]
        start = OPENED + timedelta(minutes=2 * number)
        bids = []
        for i in range(live):
            source = LIVE_SOURCES[i % 3]
            bids.append(
                LiveBid(
                    source,
                    paddle=str(500 + (i % 2) * 7 + (i % 3)),
                    at=start + timedelta(seconds=4 * i),
                    line=str(1 + i % 4) if source is Source.PHONE else None,
                )
            )
        sale.append((lot, book, bids))
    return sale


def engine_pass(sale: Sequence[tuple[Lot, list[AbsenteeBid], list[LiveBid]]]) -> list[Result]:
    return [run_lot(lot, book, live, opened_at=live[0].at if live else OPENED) for lot, book, live in sale]


def bare_pass(sale: Sequence[tuple[Lot, list[AbsenteeBid], list[LiveBid]]]) -> list[tuple[str, int]]:
    """Only sort the book and scan the live bids: the floor any execution must stand on."""
    out = []
    for lot, book, live in sale:
        ranked = sorted(book, key=lambda bid: (-bid.maximum, bid.received))
        last = ranked[0].paddle if ranked else ""
        count = 0
        for bid in live:
            if bid.paddle != last:
                last = bid.paddle
                count += 1
        out.append((last, count))
        del lot
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lots", type=int, default=1000)
    parser.add_argument("--absentee", type=int, default=50)
    parser.add_argument("--live", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    sale = build(args.lots, args.absentee, args.live, args.seed)
    results = engine_pass(sale)  # warm the ladder's caches once, as a day's sale would
    bare_pass(sale)
    # The sale's bids are built once and live for the whole run: freeze them out of the cyclic
    # collector's walks (as a long-running server's loaded data would be), so that neither side
    # pays for traversing the other's data. The collector stays on for what each pass allocates.
    gc.collect()
    gc.freeze()
    engine_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        bare_pass(sale)
        bare_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        engine_pass(sale)
        engine_times.append(time.perf_counter() - started)
    engine_s, bare_s = statistics.median(engine_times), statistics.median(bare_times)
    sold = sum(result.sold for result in results)
    logged = sum(len(result.log) for result in results)
    print(
        f"{args.lots:,} lots × {args.absentee} absentee bids × {args.live} live bids"
        f" ({sold:,} sold, {args.lots - sold:,} bought in, {logged:,} bids logged)"
    )
    print(f"engine:    {engine_s * 1000:8.1f} ms per sale, {engine_s / args.lots * 1e6:7.1f} µs per lot")
    print(f"sort+scan: {bare_s * 1000:8.1f} ms per sale, {bare_s / args.lots * 1e6:7.1f} µs per lot")
    # Each round times both back to back, so a busy machine slows both alike. The headline is the
    # ratio of the fastest rounds (as timeit advises, the minimum is the least disturbed figure);
    # the median of the rounds' own ratios and their spread are printed beside it.
    ratio = min(engine_times) / min(bare_times)
    ratios = sorted(e / b for e, b in zip(engine_times, bare_times, strict=True))
    print(
        f"ratio:     {ratio:.2f}× fastest rounds; per-round median {statistics.median(ratios):.2f}×"
        f" ({ratios[0]:.2f}–{ratios[-1]:.2f}× over {args.rounds} rounds);",
        end=" ",
    )
    print(f"aim ≤ 3×: {'met' if ratio <= 3 else 'not met'}")


if __name__ == "__main__":
    main()
