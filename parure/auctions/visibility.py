"""What one viewer sees of a sale: the one place that decides whether reserves and absentee maxima
reach a page, an export, a PDF, a log line or an API response. Pages, the API, exports and PDFs all
ask an :class:`AuctionViewer`; a value the viewer may not read is left out (None), never hidden by
style. Bidders are named as the client book labels them for this viewer."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property
from typing import Any

from parure.clients import queries as client_book


class AuctionViewer:
    """One member of staff reading the auctions."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def sees_reserves(self) -> bool:
        return bool(self.user.has_perm("auctions.view_reserves"))

    @cached_property
    def sees_maxima(self) -> bool:
        return bool(self.user.has_perm("auctions.view_maxima"))

    @cached_property
    def sees_auctioneers_book(self) -> bool:
        return bool(self.user.has_perm("auctions.view_auctioneers_book"))

    def reserve(self, lot: Any) -> Decimal | None:
        """The lot's reserve for this viewer: None when they may not read it (or there is none)."""
        return lot.reserve if self.sees_reserves else None

    def maximum(self, bid: Any) -> Decimal | None:
        """An absentee bid's maximum (rounded to the ladder) for this viewer, or None."""
        return bid.maximum if self.sees_maxima else None

    def given(self, bid: Any) -> Decimal | None:
        """What the bidder wrote, for this viewer, or None."""
        return bid.given if self.sees_maxima else None

    def bidder_labels(self, client_ids: Iterable[int]) -> dict[int, client_book.ClientLabel]:
        """How each bidder's client file is named to this viewer (the client book decides)."""
        return client_book.client_labels(self.user, client_ids)
