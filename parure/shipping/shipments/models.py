"""A shipment: pieces leaving an office for a client, a vendor, a laboratory or another office, by a
carrier or by hand, in sealed parcels, insured under the house's policy, with their customs values, and
the incidents on the way. Custody of the pieces stays in the custody ledger; the shipment names the
events (cause ``shipment:<number>``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.core.models import Office, Staff
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.choices import DestinationKind, ExportReason, Incoterm, ServiceLevel
from parure.shipping.shipments.choices import (
    ArrangedBy,
    IncidentKind,
    IncidentStatus,
    ShipmentStatus,
    ValueBasis,
)


def _money() -> models.DecimalField[Decimal | None, Decimal | None]:
    return models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)


class Pickup(models.Model):
    """A carrier's collection at an office: the shipments it takes, printed on one manifest."""

    number = models.CharField(max_length=24, unique=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    carrier = models.ForeignKey(Carrier, on_delete=models.PROTECT, related_name="pickups")
    pickup_at = models.DateTimeField()
    driver = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-pickup_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class Shipment(models.Model):
    number = models.CharField(max_length=24, unique=True)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=ShipmentStatus.choices, default=ShipmentStatus.DRAFT)
    arranged_by = models.CharField(max_length=8, choices=ArrangedBy.choices, default=ArrangedBy.HOUSE)
    destination_kind = models.CharField(max_length=8, choices=DestinationKind.choices)
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    destination_office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    destination_place = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_back_on = models.DateField(null=True, blank=True, help_text="A vendor's or laboratory's shipment.")
    # The consignee as the labels and documents print them, copied when the shipment is saved.
    consignee_name = models.CharField(max_length=200)
    consignee_address = models.TextField()
    consignee_country = models.CharField(max_length=2)
    consignee_phone = models.CharField(max_length=40, blank=True)
    address_ref = models.PositiveBigIntegerField(null=True, blank=True, help_text="The client book's address.")
    level = models.CharField(max_length=16, choices=ServiceLevel.choices)
    carrier = models.ForeignKey(Carrier, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    buyer_shipper = models.CharField(max_length=120, blank=True, help_text="The buyer's own shipper's name.")
    policy = models.ForeignKey(InsurancePolicy, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    currency = models.CharField(max_length=3)
    ship_on = models.DateField()
    export_reason = models.CharField(max_length=20, choices=ExportReason.choices, default=ExportReason.SALE)
    incoterm = models.CharField(max_length=3, choices=Incoterm.choices, default=Incoterm.DAP)
    carnet_number = models.CharField(max_length=40, blank=True)
    return_expected_on = models.DateField(null=True, blank=True)
    declared_value = _money()  # declared to the carrier for carriage; None: the insured value
    notes = models.TextField(blank=True)
    findings = models.JSONField(default=list, blank=True)  # the warnings of the last check, as shown
    statements = models.JSONField(default=list, blank=True)  # [code, text] the customs papers print
    signature_required = models.BooleanField(default=True)
    checklist = models.JSONField(default=list, blank=True)  # the PackingCheck values ticked at packing
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    packed_at = models.DateTimeField(null=True, blank=True)
    packed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    handed_over_at = models.DateTimeField(null=True, blank=True)
    handed_over_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    carrier_name = models.CharField(max_length=120, blank=True, help_text="Who took it, as on the ledger.")
    tracking_number = models.CharField(max_length=60, blank=True)
    pickup = models.ForeignKey(Pickup, on_delete=models.SET_NULL, null=True, blank=True, related_name="shipments")
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    proof_of_delivery = models.CharField(max_length=300, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    if TYPE_CHECKING:
        office_id: int
        client_id: int | None
        carrier_id: int | None
        policy_id: int | None
        destination_office_id: int | None
        destination_place_id: int | None

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="shipment_newest_idx"),
            models.Index(fields=["office", "status", "-created_at"], name="shipment_office_status_idx"),
            models.Index(fields=["status", "-created_at"], name="shipment_status_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def cause(self) -> str:
        return f"shipment:{self.number}"

    @property
    def international(self) -> bool:
        return office_country(self.office) != self.consignee_country


def office_country(office: Office) -> str:
    """The country an office ships from: its locale's region (en_US → US, fr_CH → CH)."""
    return (office.locale.partition("_")[2] or "US")[:2].upper()


class ShipmentPiece(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="pieces")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    parcel = models.PositiveSmallIntegerField(default=1)
    value_basis = models.CharField(max_length=12, choices=ValueBasis.choices)
    insured_value = models.DecimalField(max_digits=14, decimal_places=2)
    invoice_number = models.CharField(max_length=24, blank=True)
    # Customs: plain words, proposed from the record and confirmed by whoever prepares the shipment.
    description = models.CharField(max_length=300)
    hs_code = models.CharField(max_length=10)
    hs_reason = models.CharField(max_length=200, blank=True)
    country_of_origin = models.CharField(max_length=2, blank=True)
    materials = models.JSONField(default=list, blank=True)  # words declared beyond the record: "coral"
    permit_number = models.CharField(max_length=60, blank=True)
    net_weight_g = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True, help_text="Scanned in by the receiving office.")

    if TYPE_CHECKING:
        item_id: int

    class Meta:
        ordering = ["shipment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "item"], name="shipment_piece_once"),
            models.UniqueConstraint(fields=["shipment", "position"], name="shipment_piece_position"),
        ]


class Parcel(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="parcels")
    number = models.PositiveSmallIntegerField()
    seals = models.JSONField(default=list)  # the tamper-evident seal numbers, as printed on the seals
    length_cm = models.PositiveSmallIntegerField()
    width_cm = models.PositiveSmallIntegerField()
    height_cm = models.PositiveSmallIntegerField()
    gross_weight_g = models.DecimalField(max_digits=9, decimal_places=1)
    tracking_number = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["shipment", "number"]
        constraints = [models.UniqueConstraint(fields=["shipment", "number"], name="shipment_parcel_once")]

    @property
    def dimensions(self) -> str:
        return f"{self.length_cm} × {self.width_cm} × {self.height_cm} cm"


class SealNumber(models.Model):
    """A tamper-evident seal is used once: its number, on the one parcel it closes (until unpacked)."""

    number = models.CharField(max_length=40, unique=True)
    parcel = models.ForeignKey(Parcel, on_delete=models.CASCADE, related_name="seal_rows")


class ParcelPhoto(models.Model):
    """A photograph of a sealed parcel, seals visible (the image bytes, checked to be an image)."""

    parcel = models.ForeignKey(Parcel, on_delete=models.CASCADE, related_name="photos")
    content = models.BinaryField()
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    added_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["parcel", "pk"]


class Incident(models.Model):
    number = models.CharField(max_length=24, unique=True)
    shipment = models.ForeignKey(Shipment, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(max_length=8, choices=IncidentKind.choices)
    status = models.CharField(max_length=8, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    description = models.TextField()
    claim_reference = models.CharField(max_length=60, blank=True, help_text="The insurer's claim reference.")
    carrier_reference = models.CharField(max_length=60, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolution = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]


class ShipmentEvent(models.Model):
    """One step of a shipment's history: what happened, who, when (custody's own events are on the ledger)."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=ShipmentStatus.choices)
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["shipment", "at", "pk"]
