"""The states and kinds of a shipment's records."""

from django.db import models


class ShipmentStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    PACKED = "packed", "Packed, awaiting the second check"
    CHECKED = "checked", "Packed and checked, ready for the carrier"
    IN_TRANSIT = "in_transit", "With the carrier"
    DELIVERED = "delivered", "Delivered"
    RETURNED = "returned", "Brought back by the carrier"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (ShipmentStatus.DRAFT, ShipmentStatus.PACKED, ShipmentStatus.CHECKED, ShipmentStatus.IN_TRANSIT)
# While a shipment is in one of these, its pieces are in its parcels (packed) or with the carrier.
PARCELLED = (ShipmentStatus.PACKED, ShipmentStatus.CHECKED, ShipmentStatus.IN_TRANSIT)


class ArrangedBy(models.TextChoices):
    HOUSE = "house", "The house ships it, insured under its policy"
    BUYER = "buyer", "The buyer's own shipper collects it"


class ValueBasis(models.TextChoices):
    INVOICE = "invoice", "Invoice value (hammer, premium and tax)"
    INSURANCE = "insurance", "Insurance value"


class IncidentKind(models.TextChoices):
    DELAY = "delay", "Delay"
    DAMAGE = "damage", "Damage"
    LOSS = "loss", "Loss"
    REFUSED = "refused", "Refused or not collected"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class PackingCheck(models.TextChoices):
    """The packing checklist, every box ticked by the packer before the parcel is sealed."""

    INNER_BOX = "inner_box", "Inner box carries the return address and the tracking number"
    OUTER_BOX = "outer_box", "Outer box at least the minimum size, nothing rattles"
    PLAIN_LABELS = "plain_labels", "No jewelry words on any label, no house name on the outside"
    SEALS = "seals", "Tamper-evident seals applied and their numbers recorded"
    SIGNATURE = "signature", "Signature on delivery required from the carrier"
    NO_DROP_BOX = "no_drop_box", "Handed to the carrier in person, never left in a drop box"


# The house's packing standard: an outer box no smaller than this, in centimetres (length, width,
# height, any order), so a parcel cannot be pocketed or slipped into a letter sorting line.
MIN_OUTER_BOX_CM = (20, 15, 10)
