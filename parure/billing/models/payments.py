"""Payments, what they pay, client credit and refunds. All append-only: a mistake is a refund or a new
allocation, never an edit.

A payment is money received from a payer, in its own currency, allocated to one or more invoices in
theirs (``Allocation.amount`` in the invoice's currency, with the ``rate`` used when the two differ).
What is not allocated is the client's credit (a ``ClientCredit`` row of +amount), applied later to
another invoice (a row of −amount and an allocation of method ``credit``) or refunded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.billing.choices import PaymentMethod
from parure.billing.models.invoices import Invoice
from parure.core.db import register_append_only
from parure.core.models import Office, Staff


class Payment(models.Model):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="payments")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    currency = models.CharField(max_length=3)
    reference = models.CharField(max_length=140, blank=True, help_text="The bank's, card terminal's or cheque's.")
    received_on = models.DateField()
    # Someone other than the buyer paid: refused unless a senior approved it, with the reason.
    payer_name = models.CharField(max_length=200, blank=True, help_text="Blank when the buyer paid.")
    third_party_approved_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    third_party_reason = models.CharField(max_length=500, blank=True)
    # Cash over the jurisdiction's threshold, accepted and flagged for its report.
    flagged = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        office_id: int
        client_id: int

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive")]
        indexes = [models.Index(fields=["client", "method", "received_on"])]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.currency} {self.amount}"


class Allocation(models.Model):
    """Part of a payment (or of the client's credit, ``payment`` null) applied to an invoice, in the
    invoice's currency; ``rate`` is invoice-currency units per payment-currency unit, when they differ."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations")
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    rate = models.DecimalField(max_digits=16, decimal_places=8, null=True, blank=True)
    from_credit = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        invoice_id: int
        payment_id: int | None

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="allocation_not_zero")]

    def __str__(self) -> str:
        return f"{self.amount} to {self.invoice}"


class ClientCredit(models.Model):
    """A movement of a client's credit in one currency: + an overpayment held, − credit applied or refunded."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="billing_credits")
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="credits")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["client", "currency"])]

    def __str__(self) -> str:
        return f"{self.currency} {self.amount}"


class Refund(models.Model):
    """Money given back, in the payment's currency: never more than the payment brought in, less what was
    refunded of it before. ``invoice`` names the invoice whose allocation it reverses, when it does."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="refunds")
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    reason = models.CharField(max_length=500)
    reference = models.CharField(max_length=140, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_positive")]

    def __str__(self) -> str:
        return f"Refund {self.amount}"


for _table in ("billing_payment", "billing_allocation", "billing_clientcredit", "billing_refund"):
    register_append_only(_table)
