"""The inventory's fixed vocabularies: kinds of place, of piece, of custody event."""

from __future__ import annotations

from django.db import models


class LocationKind(models.TextChoices):
    """What may happen at a place."""

    STORAGE = "storage", "Storage"
    WORK = "work", "Work"
    DISPLAY = "display", "Display"
    EXTERNAL = "external", "Outside the house"
    TRANSIT = "transit", "In transit"
    TERMINAL = "terminal", "Left our custody"


class LocationType(models.TextChoices):
    """The particular sort of place; each belongs to one :class:`LocationKind`."""

    VAULT = "vault", "Vault"
    SAFE = "safe", "Safe"
    TRAY = "tray", "Tray"
    INTAKE_DESK = "intake_desk", "Intake desk"
    WORKROOM = "workroom", "Workroom"
    PHOTO_STUDIO = "photo_studio", "Photo studio"
    VIEWING_ROOM = "viewing_room", "Viewing room"
    DISPLAY_CASE = "display_case", "Display case"
    BENCH_JEWELER = "bench_jeweler", "Bench jeweler"
    GEM_LAB = "gem_lab", "Gem laboratory"
    ON_APPROVAL = "on_approval", "Client on approval"
    PACKED = "packed", "Packed for shipment"
    IN_TRANSIT = "in_transit", "Carrier in transit"
    RELEASED = "released", "Released"
    RETURNED = "returned", "Returned to consignor"


KIND_OF_TYPE: dict[str, str] = {
    LocationType.VAULT: LocationKind.STORAGE,
    LocationType.SAFE: LocationKind.STORAGE,
    LocationType.TRAY: LocationKind.STORAGE,
    LocationType.INTAKE_DESK: LocationKind.WORK,
    LocationType.WORKROOM: LocationKind.WORK,
    LocationType.PHOTO_STUDIO: LocationKind.WORK,
    LocationType.VIEWING_ROOM: LocationKind.DISPLAY,
    LocationType.DISPLAY_CASE: LocationKind.DISPLAY,
    LocationType.BENCH_JEWELER: LocationKind.EXTERNAL,
    LocationType.GEM_LAB: LocationKind.EXTERNAL,
    LocationType.ON_APPROVAL: LocationKind.EXTERNAL,
    LocationType.PACKED: LocationKind.STORAGE,
    LocationType.IN_TRANSIT: LocationKind.TRANSIT,
    LocationType.RELEASED: LocationKind.TERMINAL,
    LocationType.RETURNED: LocationKind.TERMINAL,
}

# Places inside the building, where a piece may be moved without leaving the premises.
IN_HOUSE_KINDS = frozenset({LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY})
# Places a piece is checked out to (it comes back from them with a return).
CHECK_OUT_TYPES = frozenset(
    {
        LocationType.PHOTO_STUDIO,
        LocationType.WORKROOM,
        LocationType.VIEWING_ROOM,
        LocationType.DISPLAY_CASE,
        LocationType.BENCH_JEWELER,
        LocationType.GEM_LAB,
        LocationType.ON_APPROVAL,
    }
)
# One of each per office, created with the office's places; services find them by type.
# A sealed parcel waits at "packed for shipment" (in the house, counted like the vault) until the carrier
# takes it; only its shipment's actions move a piece there or out (cause ``shipment:<number>``).
SINGLETON_TYPES = frozenset(
    {LocationType.PACKED, LocationType.IN_TRANSIT, LocationType.RELEASED, LocationType.RETURNED}
)


class CheckoutPurpose(models.TextChoices):
    PHOTOGRAPHY = "photography", "Photography"
    DISPLAY = "display", "Display"
    VIEWING = "viewing", "Viewing"
    BENCH = "bench", "Bench jeweler"
    LAB = "lab", "Gem laboratory"
    APPROVAL = "approval", "Client on approval"
    WORK = "work", "Work in the workroom"


PURPOSE_OF_TYPE: dict[str, str] = {
    LocationType.PHOTO_STUDIO: CheckoutPurpose.PHOTOGRAPHY,
    LocationType.DISPLAY_CASE: CheckoutPurpose.DISPLAY,
    LocationType.VIEWING_ROOM: CheckoutPurpose.VIEWING,
    LocationType.BENCH_JEWELER: CheckoutPurpose.BENCH,
    LocationType.GEM_LAB: CheckoutPurpose.LAB,
    LocationType.ON_APPROVAL: CheckoutPurpose.APPROVAL,
    LocationType.WORKROOM: CheckoutPurpose.WORK,
}


class ItemStatus(models.TextChoices):
    """Where a piece stands in our custody; derived from its place (see ``ledger.state_after``)."""

    IN_HOUSE = "in_house", "In the house"
    CHECKED_OUT = "checked_out", "Checked out"
    IN_TRANSIT = "in_transit", "In transit"
    RELEASED = "released", "Released"
    RETURNED = "returned", "Returned to consignor"


TERMINAL_STATUSES = frozenset({ItemStatus.RELEASED, ItemStatus.RETURNED})


class SaleState(models.TextChoices):
    """Where a piece stands in the selling of it (set by the auctions through
    :func:`parure.inventory.services.selling.pieces_sale_state`); custody changes, if any, are events."""

    CONSIGNED = "consigned", "Consigned"
    IN_SALE = "in_sale", "In a sale"
    SOLD = "sold", "Sold"
    UNSOLD = "unsold", "Unsold"
    # A client's own piece, taken in for a repair or another service: never offered for sale.
    CLIENT_OWN = "client_own", "Client's own piece"


class ItemCategory(models.TextChoices):
    RING = "ring", "Ring"
    NECKLACE = "necklace", "Necklace"
    BROOCH = "brooch", "Brooch"
    EARRINGS = "earrings", "Earrings"
    BRACELET = "bracelet", "Bracelet"
    PENDANT = "pendant", "Pendant"
    CUFFLINKS = "cufflinks", "Cufflinks"
    WATCH = "watch", "Watch"
    LOOSE_STONE = "loose_stone", "Loose stone"
    TIARA = "tiara", "Tiara"
    SUITE = "suite", "Parure / suite"
    OBJECT = "object", "Object of vertu"
    OTHER = "other", "Other"


class EventKind(models.TextChoices):
    INTAKE = "intake", "Intake"
    MOVE = "move", "Move"
    CHECK_OUT = "check_out", "Check-out"
    RETURN = "return", "Return from check-out"
    TRANSFER_OUT = "transfer_out", "Transfer out"
    TRANSFER_IN = "transfer_in", "Transfer received"
    SHIP_OUT = "ship_out", "Handed to carrier"
    RELEASE = "release", "Release"
    RETURN_TO_CONSIGNOR = "return_to_consignor", "Return to consignor"
    COUNT_ADJUSTMENT = "count_adjustment", "Count adjustment"
    CORRECTION = "correction", "Correction"


class ReservePolicy(models.TextChoices):
    AT_LOW_ESTIMATE = "at_low_estimate", "Reserve at the low estimate"
    DISCRETIONARY = "discretionary", "Discretionary reserve (below the low estimate)"
    TO_BE_AGREED = "to_be_agreed", "To be agreed before the sale"
    NO_RESERVE = "no_reserve", "Without reserve"


class CommissionBasis(models.TextChoices):
    """How the seller's commission is worked out from the hammer."""

    FLAT = "flat", "Flat: one rate on the hammer"
    SLIDING = "sliding", "Sliding: the rate of the band the hammer falls in, on the whole"
    TIERED = "tiered", "Tiered: each band's rate on the slice inside it"


class CommissionScope(models.TextChoices):
    """Which hammer the commission's bands read: each lot's own, or the consignment's total in the sale."""

    LOT = "lot", "Per lot"
    CONSIGNMENT = "consignment", "Per consignment (the total hammer in the sale)"


class InsuranceBasis(models.TextChoices):
    HAMMER = "hammer", "On the hammer"
    HIGH_ESTIMATE = "high_estimate", "On the high estimate"


class UnsoldFeeBasis(models.TextChoices):
    RESERVE = "reserve", "On the reserve"
    LOW_ESTIMATE = "low_estimate", "On the low estimate"


class UnsoldInstruction(models.TextChoices):
    RETURN = "return", "Return to the consignor"
    REOFFER = "reoffer", "Re-offer in a later sale"


class ReleaseReceiptStatus(models.TextChoices):
    PREPARED = "prepared", "Prepared, awaiting signature"
    SIGNED = "signed", "Signed and returned"
    CANCELLED = "cancelled", "Cancelled"


class LabelKind(models.TextChoices):
    SWING_TAG = "swing_tag", "Swing tag (dumbbell)"
    SHEET = "sheet", "Sheet of labels"
    TRAY = "tray", "Tray label"


# Prefixes a release's paperwork reference may carry: the record that caused the release.
# "service": a client's own piece collected from a repair or another service (services app).
RELEASE_CAUSES = ("invoice", "shipment", "private_sale", "service")
