"""Each saleroom's billing settings (one row per office) and the tax rates its rules read."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from parure.billing.choices import CashRule, Jurisdiction, TaxKind
from parure.core.models import Office, Staff

RATE_BOUNDS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]


class BillingSettings(models.Model):
    """How an office bills: its jurisdiction's rules, terms, fees and the anti-money-laundering limits.

    Rates are fractions (0.2 for 20%). The administrator keeps them; finance reads them.
    """

    office = models.OneToOneField(Office, on_delete=models.PROTECT, related_name="billing_settings")
    jurisdiction = models.CharField(max_length=4, choices=Jurisdiction.choices)
    # Where the saleroom is, for a sales tax collected on what is handed over at the counter (US-NY-NYC).
    tax_region = models.CharField(max_length=16, blank=True, help_text="e.g. US-NY-NYC, GB, FR, CH.")
    payment_terms_days = models.PositiveSmallIntegerField(default=30, help_text="Days from issue to the due date.")
    payment_instructions = models.TextField(help_text="Bank details and references, as printed on the invoice.")
    settlement_period_days = models.PositiveSmallIntegerField(
        default=35, help_text="Days after the sale before a consignor may be paid."
    )
    late_interest_rate = models.DecimalField(
        max_digits=7,
        decimal_places=5,
        validators=RATE_BOUNDS,
        default=Decimal("0.12"),
        help_text="Late-payment interest a year, from the due date.",
    )
    card_surcharge_rate = models.DecimalField(
        max_digits=7, decimal_places=5, validators=RATE_BOUNDS, default=Decimal("0.02")
    )
    platform_fee_rate = models.DecimalField(
        max_digits=7,
        decimal_places=5,
        validators=RATE_BOUNDS,
        default=Decimal("0.05"),
        help_text="Charged on the hammer of lots bought through an online platform.",
    )
    # Anti-money-laundering: cash at or over the limit (in its currency), one payment or linked payments
    # within the window, is refused or accepted and flagged for the jurisdiction's report.
    cash_limit = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("10000.00"))
    cash_limit_currency = models.CharField(max_length=3, default="EUR")
    cash_rule = models.CharField(max_length=8, choices=CashRule.choices, default=CashRule.REFUSE)
    cash_window_days = models.PositiveSmallIntegerField(
        default=365, help_text="Payments by one client within this many days are added together."
    )
    cash_report_name = models.CharField(
        max_length=120, blank=True, help_text="The report the jurisdiction requires, e.g. IRS/FinCEN Form 8300."
    )
    # The house's own account, for the consignors' payment file.
    account_name = models.CharField(max_length=140, blank=True)
    account_iban = models.CharField(max_length=34, blank=True)
    account_bic = models.CharField(max_length=11, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        office_id: int

    class Meta:
        verbose_name_plural = "billing settings"

    def __str__(self) -> str:
        return f"Billing settings of {self.office}"


class TaxRate(models.Model):
    """One rate a saleroom's tax rules read: VAT standard or reduced, or a sales tax for a delivery region
    (``US-NY-NYC`` is New York City's combined rate; ``US-NJ`` New Jersey's). In force from its date."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="tax_rates")
    kind = models.CharField(max_length=16, choices=TaxKind.choices)
    region = models.CharField(max_length=16, blank=True, help_text="Delivery region for a sales tax.")
    rate = models.DecimalField(max_digits=7, decimal_places=5, validators=RATE_BOUNDS)
    label = models.CharField(max_length=120)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["office", "kind", "region", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "kind", "region", "effective_from"], name="tax_rate_once_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.rate}"
