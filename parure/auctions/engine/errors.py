"""The one family of refusals the auction engine raises.

Every refusal is an ``EngineError`` (a ``ValueError``) whose message is a sentence the clerk or the
bids office can act on: it names what was given, why it cannot be used and what would be accepted.
Subclasses let callers (the auctions app) tell the areas apart without parsing messages.
"""


class EngineError(ValueError):
    """Input the auction engine cannot accept, with the reason in words."""


class AmountError(EngineError):
    """An amount or currency code that is not a positive decimal sum in a named currency."""


class LadderError(EngineError):
    """An increment ladder that cannot be built, or an amount the ladder cannot place."""


class LotError(EngineError):
    """Lot terms that contradict each other (a reserve above the low estimate, a high below the low)."""


class BidError(EngineError):
    """A bid the engine refuses: "buy" or unlimited, below the asking bid, against oneself, on a closed lot."""
