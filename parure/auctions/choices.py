"""The auctions' fixed vocabularies: a sale's life, a lot's, a bidder's registration, a bid's channel,
a clerk's entries and a result's outcome."""

from __future__ import annotations

from django.db import models


class SaleStatus(models.TextChoices):
    """A sale moves forward one step at a time: planning → cataloguing → published → live → closed."""

    PLANNING = "planning", "Planning"
    CATALOGUING = "cataloguing", "Cataloguing"
    PUBLISHED = "published", "Published"
    LIVE = "live", "Live"
    CLOSED = "closed", "Closed"


#: A sale still open: a piece may be in one of these at a time.
OPEN_SALE_STATUSES = frozenset({SaleStatus.PLANNING, SaleStatus.CATALOGUING, SaleStatus.PUBLISHED, SaleStatus.LIVE})

#: The next status a sale may take from each.
NEXT_SALE_STATUS: dict[str, str] = {
    SaleStatus.PLANNING: SaleStatus.CATALOGUING,
    SaleStatus.CATALOGUING: SaleStatus.PUBLISHED,
    SaleStatus.PUBLISHED: SaleStatus.LIVE,
    SaleStatus.LIVE: SaleStatus.CLOSED,
}


class LotStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class RegistrationSource(models.TextChoices):
    """How the bidder registered: with the house (in person, by form) or through an online platform."""

    HOUSE = "house", "With the house"
    ONLINE_PLATFORM = "online_platform", "Online platform"


class BidChannel(models.TextChoices):
    """How an absentee bid reached the bids office (the engine's ``Channel``)."""

    FORM = "form", "Absentee bid form"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Telephone"
    ONLINE_PLATFORM = "online_platform", "Online platform"


class AbsenteeStatus(models.TextChoices):
    ACTIVE = "active", "In the book"
    CANCELLED = "cancelled", "Cancelled by the bidder"


class ClerkEntry(models.TextChoices):
    """What the clerk keys during a lot; the engine replays them in order."""

    OPEN = "open", "Open the lot"
    BID = "bid", "Bid"
    NO_BID = "no_bid", "No bid at the asking"


class BidSource(models.TextChoices):
    """Where a bid in the lot's log came from (the engine's ``Source``)."""

    BOOK = "book", "On the book"
    ROOM = "room", "In the room"
    PHONE = "phone", "On the phone"
    ONLINE = "online", "Online"
    SELLER = "seller", "For the seller"


#: The sources a clerk keys live.
LIVE_BID_SOURCES = (BidSource.ROOM, BidSource.PHONE, BidSource.ONLINE)


class Outcome(models.TextChoices):
    SOLD = "sold", "Sold"
    BOUGHT_IN = "bought_in", "Bought in"
    WITHDRAWN = "withdrawn", "Withdrawn"


class FindingKind(models.TextChoices):
    """What the check before invoicing looks for (the issue's list, in that order)."""

    PADDLE_NOT_APPROVED = "paddle_not_approved", "Hammered to a paddle not registered or not approved"
    BELOW_RESERVE = "below_reserve", "Hammer below the reserve"
    ABOVE_MAXIMUM = "above_maximum", "Hammer above the absentee winner's maximum"
    MISSED_EXECUTION = "missed_execution", "Absentee bid above the hammer that did not win"
    OR_WON_TWICE = "or_won_twice", "OR bids won twice"


class FindingStatus(models.TextChoices):
    OPEN = "open", "To resolve"
    RESOLVED = "resolved", "Resolved"


class UnsoldRoute(models.TextChoices):
    """Where an unsold piece goes next, each through custody."""

    REOFFER = "reoffer", "Re-offer in a later sale"
    PRIVATE_SALE = "private_sale", "Offer by private sale"
    RETURN = "return", "Return to the consignor"


class LotTaxStatus(models.TextChoices):
    """How a lot is taxed, as the catalogue marks it (the symbols are the London houses'); billing's tax
    rules read it."""

    MARGIN = "margin", "Auctioneers' margin scheme"
    STANDARD = "standard", "Normal VAT rules (†)"
    IMPORT_REDUCED = "import_reduced", "Temporary admission, reduced-rate import VAT (*)"
    IMPORT_STANDARD = "import_standard", "Temporary admission, standard-rate import VAT (Ω)"
