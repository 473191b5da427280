"""The anti-money-laundering cash records, the reporting exchange rates they convert by, and the
late-payment interest charged on overdue invoices.

- ``ReportingRate``: the rate finance enters for a day, one currency against a quote currency (the cash
  limit's). Append-only: a correction is a new row for the same day and pair, with the reason; the
  latest row recorded is the one in force. Invoices never read these rates.
- ``CashReport``: cash a client paid that reached the saleroom's limit, accepted under the report rule
  and flagged for the jurisdiction's report (IRS/FinCEN Form 8300 in the US): who paid, as the client
  book knew them when the report was made, the payments added together at the rates used, the total,
  when the report is due, and once filed its reference, who filed it and when.
- ``CashReportPayment``: one payment on a report, with its amount in the limit's currency and the rate
  used (append-only).
- ``InterestCharge``: one period of late-payment interest on an invoice, charged on a charges invoice;
  a period begins where the last ended, and the database refuses two charges from the same day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.billing.choices import CashReportStatus
from parure.billing.models.invoices import Invoice, InvoiceLine
from parure.billing.models.payments import Payment
from parure.core.db import register_append_only
from parure.core.models import Office, Staff


class ReportingRate(models.Model):
    """One unit of ``currency`` is worth ``rate`` units of ``quote`` on ``day`` (1 GBP = 1.27345 USD)."""

    day = models.DateField()
    currency = models.CharField(max_length=3)
    quote = models.CharField(max_length=3, help_text="The currency the rate is quoted in: the cash limit's.")
    rate = models.DecimalField(max_digits=16, decimal_places=8)
    source = models.CharField(max_length=140, blank=True, help_text="Where the rate comes from, e.g. ECB reference.")
    reason = models.CharField(max_length=500, blank=True, help_text="For a correction: why.")
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        corrects_id: int | None

    class Meta:
        ordering = ["-day", "currency", "quote", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="reporting_rate_positive"),
            models.CheckConstraint(
                condition=~models.Q(currency=models.F("quote")), name="reporting_rate_two_currencies"
            ),
        ]
        indexes = [models.Index(fields=["day", "currency", "quote"])]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} {self.quote} on {self.day}"


class CashReport(models.Model):
    """Cash over the saleroom's limit, accepted and flagged for the jurisdiction's report."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="cash_reports")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="cash_reports")
    report_name = models.CharField(max_length=120)
    jurisdiction = models.CharField(max_length=4)
    # The payment that brought the total to the limit; the others are on the report's lines.
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="cash_report")
    # The payer as the client book names them when the report was made (name, number, address, date of
    # birth, identity document and KYC standing), as the report asks for them.
    payer = models.JSONField(default=dict)
    limit = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, help_text="The limit's currency; the total is in it.")
    total = models.DecimalField(max_digits=16, decimal_places=3)
    window_from = models.DateField(help_text="The first day of the window the payments were added over.")
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=CashReportStatus.choices, default=CashReportStatus.TO_FILE)
    filing_reference = models.CharField(max_length=140, blank=True)
    # What the report asks that the client book does not hold, read from the payer's document and asked
    # of the payer by the cashier when filing (IRS/FinCEN Form 8300: items 6, 9 and 14).
    payer_id_number = models.CharField(max_length=40, blank=True)
    payer_id_issued_by = models.CharField(max_length=80, blank=True)
    payer_taxpayer_id = models.CharField(max_length=11, blank=True)
    payer_occupation = models.CharField(max_length=120, blank=True)
    filed_at = models.DateTimeField(null=True, blank=True)
    filed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        office_id: int
        client_id: int
        payment_id: int

    class Meta:
        ordering = ["status", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=CashReportStatus.TO_FILE) | ~models.Q(filing_reference=""),
                name="filed_cash_report_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_name} {self.pk}"


class CashReportPayment(models.Model):
    """A payment added up on a report: its amount in the limit's currency at the rate used (none when it
    was paid in the limit's currency)."""

    report = models.ForeignKey(CashReport, on_delete=models.PROTECT, related_name="lines")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="cash_report_lines")
    received_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=3, help_text="In the payment's currency.")
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    converted = models.DecimalField(max_digits=16, decimal_places=3, help_text="In the limit's currency.")

    if TYPE_CHECKING:
        report_id: int
        payment_id: int

    class Meta:
        ordering = ["report", "received_on", "payment_id"]
        constraints = [
            models.UniqueConstraint(fields=["payment"], name="cash_payment_reported_once"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.amount}"


class InterestCharge(models.Model):
    """Late-payment interest on ``invoice`` for the days after ``period_from`` up to ``period_to``:
    balance × rate × days / 365, half-up to the minor unit, on the charges invoice's ``line``."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="interest_charges")
    line = models.OneToOneField(InvoiceLine, on_delete=models.PROTECT, related_name="interest_charge")
    charges = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="interest_lines_for")
    period_from = models.DateField(help_text="Interest runs from the day after this one.")
    period_to = models.DateField()
    days = models.PositiveIntegerField()
    rate = models.DecimalField(max_digits=7, decimal_places=5)
    balance = models.DecimalField(max_digits=16, decimal_places=3)
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        invoice_id: int
        line_id: int
        charges_id: int

    class Meta:
        ordering = ["invoice", "period_from"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "period_from"], name="interest_period_charged_once"),
            models.CheckConstraint(
                condition=models.Q(period_to__gt=models.F("period_from")), name="interest_period_rises"
            ),
        ]

    def __str__(self) -> str:
        return f"Interest {self.period_from} to {self.period_to}"


for _table in ("billing_reportingrate", "billing_cashreportpayment", "billing_interestcharge"):
    register_append_only(_table)
