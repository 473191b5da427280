"""Carriers and the house's transit insurance, as data: a carrier's limits and rules (the declared value
it takes per parcel of jewelry, what it refuses, when it needs a signature, where it goes) and a policy's
limits (per parcel, per day, per address), so that a change of contract is an edit, not a release."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.core.models import Office, Staff
from parure.shipping.choices import ServiceLevel, SignatureRule


def _amount() -> models.DecimalField[Decimal | None, Decimal | None]:
    return models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)


class Carrier(models.Model):
    """One carrier's service: a specialist secure carrier, a courier's jewelry programme, registered post,
    or the house's own staff carrying by hand."""

    name = models.CharField(max_length=80, unique=True)
    level = models.CharField(max_length=16, choices=ServiceLevel.choices)
    account_number = models.CharField(max_length=40, blank=True)
    # A tracking page's address with ``{tracking}`` where the number goes; recorded, never fetched.
    tracking_url = models.CharField(max_length=200, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    max_per_parcel = _amount()  # the declared value it accepts per parcel of jewelry; None: no limit stated
    refuses_loose_stones = models.BooleanField(default=False)
    refused_materials = models.JSONField(default=list, blank=True)  # lower-case words: "ivory", "coral"
    signature_rule = models.CharField(max_length=12, choices=SignatureRule.choices, default=SignatureRule.ALWAYS)
    signature_above = _amount()
    countries = models.JSONField(default=list, blank=True)  # ISO alpha-2 it delivers to; [] = everywhere
    international = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InsurancePolicy(models.Model):
    """The house's transit cover: what it pays per parcel, per day's hand-overs from an office, and per
    address at once, between two dates, for the service levels it names."""

    insurer = models.CharField(max_length=120)
    policy_number = models.CharField(max_length=60)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="None: every office."
    )
    currency = models.CharField(max_length=3, default="USD")
    per_parcel = _amount()
    per_day = _amount()
    per_address = _amount()
    levels = models.JSONField(default=list, blank=True)  # ServiceLevel values it covers; [] = every level
    valid_from = models.DateField()
    valid_to = models.DateField()
    claims_contact = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)  # where the figures come from: the contract, its schedule, its date
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        office_id: int | None

    class Meta:
        ordering = ["insurer", "policy_number"]
        constraints = [
            models.UniqueConstraint(fields=["insurer", "policy_number"], name="shipping_policy_once"),
            models.CheckConstraint(
                condition=models.Q(valid_from__lte=models.F("valid_to")), name="shipping_policy_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insurer} {self.policy_number}"
