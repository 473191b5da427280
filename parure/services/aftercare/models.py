"""The aftercare area's tables (imported by parure.services.models): an order for a post-sale service on a
sold piece, and its history, one row per change of status (append-only)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.core.db import register_append_only
from parure.core.models import Office, Staff
from parure.core.money import Money
from parure.services.aftercare.choices import (
    AftercareKind,
    AftercareStatus,
    EngravingPosition,
    EngravingSide,
    FontStyle,
    ProofMethod,
    RingSetting,
    SizeSystem,
)


class AftercareOrder(models.Model):
    """A resizing, an engraving, an updated appraisal or a certificate update ordered on a piece that an
    issued invoice sold; the client is that invoice's buyer."""

    number = models.CharField(max_length=24, unique=True)
    kind = models.CharField(max_length=12, choices=AftercareKind.choices)
    status = models.CharField(max_length=16, choices=AftercareStatus.choices, default=AftercareStatus.ORDERED)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    stock_number = models.CharField(max_length=20)
    # The stock number the invoice sold it under: the same, unless the buyer brought it back after it was
    # released to them and it was taken in again as their own piece under a new one.
    sold_stock_number = models.CharField(max_length=20, blank=True)
    piece_title = models.CharField(max_length=200)
    # The issued invoice that sold the piece, and its buyer (the client the service is for).
    sale_invoice_number = models.CharField(max_length=24)
    buyer = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    currency = models.CharField(max_length=3)
    charge = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    charge_invoice_number = models.CharField(max_length=24, blank=True)
    notes = models.TextField(blank=True)

    # --- Resizing (and the ring's size, which an engraving's limit also needs) ---
    size_system = models.CharField(max_length=2, choices=SizeSystem.choices, blank=True)
    current_size = models.CharField(max_length=8, blank=True)
    current_circumference_mm = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    target_size = models.CharField(max_length=8, blank=True)
    target_circumference_mm = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    setting = models.CharField(max_length=12, choices=RingSetting.choices, blank=True)
    # The warnings the specialist acknowledged when ordering (one sentence a line).
    acknowledged_warnings = models.TextField(blank=True)

    # --- Engraving ---
    engraving_text = models.CharField(max_length=120, blank=True)
    font_style = models.CharField(max_length=12, choices=FontStyle.choices, blank=True)
    engraving_side = models.CharField(max_length=8, choices=EngravingSide.choices, blank=True)
    engraving_position = models.CharField(max_length=12, choices=EngravingPosition.choices, blank=True)
    band_width_mm = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    character_limit = models.PositiveSmallIntegerField(null=True, blank=True)
    proof_approved_by = models.CharField(max_length=200, blank=True, help_text="Who approved the proof for the client.")
    proof_approved_at = models.DateTimeField(null=True, blank=True)
    proof_method = models.CharField(max_length=12, choices=ProofMethod.choices, blank=True)
    proof_recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    # --- Updated appraisal (confidential: shown only to those who may see valuations) ---
    appraised_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    appraisal_effective_on = models.DateField(null=True, blank=True)
    appraiser = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    # --- Certificate update ---
    laboratory = models.CharField(max_length=20, blank=True, help_text="The laboratory's code, e.g. GIA.")
    report_number = models.CharField(max_length=40, blank=True)
    updated_report_number = models.CharField(max_length=40, blank=True)

    # --- At the bench ---
    bench = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    if TYPE_CHECKING:
        office_id: int
        item_id: int
        buyer_id: int
        bench_id: int | None
        created_by_id: int
        appraiser_id: int | None
        proof_recorded_by_id: int | None

    class Meta:
        ordering = ["due_on", "number"]
        indexes = [
            models.Index(fields=["office", "status", "due_on"], name="aftercare_office_status_due"),
            models.Index(fields=["item", "status"], name="aftercare_item_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(charge__gte=0), name="aftercare_charge_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def charge_money(self) -> Money:
        return Money.of(self.charge, self.currency)

    @property
    def is_open(self) -> bool:
        return self.status not in (AftercareStatus.DONE, AftercareStatus.DELIVERED, AftercareStatus.CANCELLED)


class AftercareEvent(models.Model):
    """One change of an order's status: who, when, from and to, and why (append-only)."""

    order = models.ForeignKey(AftercareOrder, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    from_status = models.CharField(max_length=16, choices=AftercareStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=AftercareStatus.choices)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    if TYPE_CHECKING:
        order_id: int
        by_id: int

    class Meta:
        ordering = ["order", "seq"]
        constraints = [models.UniqueConstraint(fields=["order", "seq"], name="aftercare_event_order_seq")]

    def __str__(self) -> str:
        return f"{self.order_id}#{self.seq} {self.to_status}"


# History is never rewritten: the migration's AppendOnly makes the table refuse UPDATE and DELETE.
register_append_only("services_aftercareevent")

__all__ = ["AftercareEvent", "AftercareOrder"]
