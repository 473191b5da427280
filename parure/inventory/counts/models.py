"""Inventory counts: a session, the expected set taken from the ledger at its start, the scans,
the discrepancies found at reconciliation and how each was resolved, and the sign-offs.

Writes that span rows are in :mod:`parure.inventory.counts.services`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from parure.core.models import Office, Staff
from parure.inventory.choices import LocationKind
from parure.inventory.counts.choices import (
    CountMode,
    CountScope,
    CountStatus,
    DiscrepancyKind,
    Resolution,
    ScanResult,
)


class CountSession(models.Model):
    """One physical check of a place, an office or the department against the ledger."""

    scope = models.CharField(max_length=16, choices=CountScope.choices)
    location = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="count_sessions"
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="count_sessions")
    mode = models.CharField(max_length=8, choices=CountMode.choices, default=CountMode.BLIND)
    status = models.CharField(max_length=16, choices=CountStatus.choices, default=CountStatus.OPEN)
    counter = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    witness = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    # The ledger's head when the expected set was taken: events after it happened during the count.
    start_seq = models.PositiveBigIntegerField()
    expected_count = models.PositiveIntegerField(default=0)
    # Known pieces scanned (each once); kept with F() so progress costs one row read.
    scanned_count = models.PositiveIntegerField(default=0)
    # Of those, the pieces of the expected set: the progress of a guided count ("12 of 14 expected").
    expected_scanned = models.PositiveIntegerField(default=0)
    # When the witness confirmed with their own credentials that the count was done (at its close
    # for reconciliation); None until then.
    witnessed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Totals and overdue check-outs as they stood when scanning finished (what the report prints).
    summary = models.JSONField(default=dict, blank=True)

    if TYPE_CHECKING:
        location_id: int | None
        office_id: int | None
        counter_id: int
        witness_id: int
        started_by_id: int

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["status", "-started_at"], name="count_session_status")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(scope=CountScope.LOCATION, location__isnull=False)
                    | models.Q(scope=CountScope.OFFICE, office__isnull=False, location__isnull=True)
                    | models.Q(scope=CountScope.DEPARTMENT, office__isnull=True, location__isnull=True)
                ),
                name="count_session_scope_matches",
            ),
            models.CheckConstraint(
                condition=~models.Q(counter=models.F("witness")), name="count_session_witness_not_counter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.scope_label}"

    @property
    def reference(self) -> str:
        return f"Count {self.pk}"

    @property
    def scope_label(self) -> str:
        if self.scope == CountScope.LOCATION and self.location is not None:
            return self.location.label
        if self.scope == CountScope.OFFICE and self.office is not None:
            return f"{self.office.name} (whole office)"
        return "The whole department"

    @property
    def is_open(self) -> bool:
        return self.status == CountStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == CountStatus.CLOSED

    @property
    def is_blind_now(self) -> bool:
        """A blind count still being scanned: nothing of the expected set may be shown."""
        return self.mode == CountMode.BLIND and self.status == CountStatus.OPEN

    @property
    def progress_percent(self) -> int:
        if not self.expected_count:
            return 100 if self.expected_scanned else 0
        return min(100, round(100 * self.expected_scanned / self.expected_count))


class CountExpected(models.Model):
    """A piece the ledger placed in the count's scope when the count started, and where."""

    session = models.ForeignKey(CountSession, on_delete=models.CASCADE, related_name="expected")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="+")
    # Set by the scan that found the piece (anywhere in the count): what is left unscanned is read
    # from a small partial index instead of an anti-join of the whole count against its scans.
    scanned = models.BooleanField(default=False, db_default=False)

    if TYPE_CHECKING:
        session_id: int
        item_id: int
        location_id: int

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "item"], name="count_expected_once")]
        indexes = [models.Index(fields=["session"], condition=models.Q(scanned=False), name="count_expected_unscanned")]


class CountScan(models.Model):
    """One code scanned into a count: the piece (None for an unknown code), where it was scanned,
    and where the ledger had it at that moment."""

    session = models.ForeignKey(CountSession, on_delete=models.CASCADE, related_name="scans")
    code = models.CharField(max_length=40)
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="+")
    ledger_location = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    result = models.CharField(max_length=16, choices=ScanResult.choices)
    scanned_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    scanned_at = models.DateTimeField(default=timezone.now)
    # "import:<file name>" for lines read from a scanner's export file.
    source = models.CharField(max_length=120, blank=True)

    if TYPE_CHECKING:
        session_id: int
        item_id: int | None
        location_id: int
        ledger_location_id: int | None
        scanned_by_id: int

    class Meta:
        ordering = ["-scanned_at", "-id"]
        # The latest scans of a count (the scan box's list) without reading the whole count; and the
        # scans that differ from the ledger (a few in a hundred), which reconciliation reads.
        indexes = [
            models.Index(fields=["session", "-id"], name="count_scan_latest"),
            models.Index(fields=["session"], condition=~models.Q(result="found"), name="count_scan_off_ledger"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["session", "code"], name="count_scan_code_once"),
            models.UniqueConstraint(
                fields=["session", "item"], condition=models.Q(item__isnull=False), name="count_scan_item_once"
            ),
        ]


class CountDiscrepancy(models.Model):
    """A difference between the count and the ledger, fixed when scanning finished, and its resolution."""

    session = models.ForeignKey(CountSession, on_delete=models.CASCADE, related_name="discrepancies")
    kind = models.CharField(max_length=16, choices=DiscrepancyKind.choices)
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    code = models.CharField(max_length=40)
    found_at = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    system_location = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True)
    note = models.TextField(blank=True)
    escalated_to = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    witnessed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    event = models.ForeignKey(
        "inventory.CustodyEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    if TYPE_CHECKING:
        session_id: int
        item_id: int | None
        found_at_id: int | None
        system_location_id: int | None
        escalated_to_id: int | None

    class Meta:
        ordering = ["session", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["session", "code"], name="count_discrepancy_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"

    @property
    def is_settled(self) -> bool:
        return bool(self.resolution)


class CountSignOff(models.Model):
    """One of the two people who sign a count off."""

    session = models.ForeignKey(CountSession, on_delete=models.CASCADE, related_name="sign_offs")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "staff"], name="count_sign_off_once")]


class CountInterval(models.Model):
    """How often places of one kind are counted (cycle counting). A setting."""

    kind = models.CharField(max_length=16, choices=LocationKind.choices, unique=True)
    days = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: every {self.days} days"


__all__ = ["CountDiscrepancy", "CountExpected", "CountInterval", "CountScan", "CountSession", "CountSignOff"]
