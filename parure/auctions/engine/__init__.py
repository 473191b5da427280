"""The auction execution engine: pure Python, no Django (like parure.gemology).

Given a lot's ladder, reserve and estimates, its absentee book and the live bids of the day, the
engine states at each moment the asking bid, who holds the bid, what the auctioneer should say
next, and the final result with the log of every bid. The auctions app calls it; it never reads
the database. The rules and their sources: docs/auction-rules.md.
"""

from .bids import (
    AbsenteeBid,
    Channel,
    LiveBid,
    Rounding,
    Source,
    below_half_low_estimate,
    maximum_amount,
    round_maximum,
)
from .engine import (
    DEFAULT_SETTINGS,
    BidRecord,
    EngineSettings,
    Holder,
    Instruction,
    Lot,
    LotEngine,
    Outcome,
    Phase,
    Result,
    Say,
    State,
    book_top,
    execution_order,
    run_lot,
)
from .errors import AmountError, BidError, EngineError, LadderError, LotError
from .ladder import STANDARD, Band, Ladder, standard_ladder, table_ladder
from .money import currency_code, format_amount, to_amount
from .sale import LotRun, SaleBook, run_sale

__all__ = [
    "DEFAULT_SETTINGS",
    "STANDARD",
    "AbsenteeBid",
    "AmountError",
    "Band",
    "BidError",
    "BidRecord",
    "Channel",
    "EngineError",
    "EngineSettings",
    "Holder",
    "Instruction",
    "Ladder",
    "LadderError",
    "LiveBid",
    "Lot",
    "LotEngine",
    "LotError",
    "LotRun",
    "Outcome",
    "Phase",
    "Result",
    "Rounding",
    "SaleBook",
    "Say",
    "Source",
    "State",
    "below_half_low_estimate",
    "book_top",
    "currency_code",
    "execution_order",
    "format_amount",
    "maximum_amount",
    "round_maximum",
    "run_lot",
    "run_sale",
    "standard_ladder",
    "table_ladder",
    "to_amount",
]
