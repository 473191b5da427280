"""Buyer invoices and credit notes, with their lines.

A draft is built from a sale's results (or a private sale) and may be edited; issuing it gives it
its number (gapless per office and year, with a check digit) and its due date, and from then on the
database refuses every change to the invoice and its lines (core's :class:`~parure.core.db.SealWhen`).
A correction is a credit note: an invoice of kind ``credit_note`` that ``credits`` the original, with
lines that credit its lines. What an invoice stands at (paid, part-paid, overdue, cancelled) is
derived from its allocations and credit notes, never stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.billing.choices import InvoiceKind, InvoiceSource, InvoiceStatus, LineKind, TaxTreatment
from parure.core.db import Seal, register_seal
from parure.core.models import Office, Staff
from parure.core.money import Money


class Invoice(models.Model):
    number = models.CharField(max_length=24, blank=True, help_text="Given on issue: NY-I-26-00042-1.")
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    source = models.CharField(max_length=16, choices=InvoiceSource.choices, default=InvoiceSource.AUCTION)
    status = models.CharField(max_length=8, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="invoices")
    buyer = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="invoices")
    sale = models.ForeignKey("auctions.Sale", on_delete=models.PROTECT, null=True, blank=True, related_name="invoices")
    # What else it bills, as a reference people read (a private sale's number).
    reference = models.CharField(max_length=40, blank=True)
    credits = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        help_text="For a credit note: the invoice it corrects.",
    )
    currency = models.CharField(max_length=3)
    locale = models.CharField(max_length=16, default="en_US")
    # As printed: the buyer's name, number and address when the invoice was issued.
    buyer_name = models.CharField(max_length=200, blank=True)
    buyer_number = models.CharField(max_length=16, blank=True)
    buyer_address = models.TextField(blank=True)
    # Where the lots go: a sales tax is by delivery region (US-NY-NYC); a proof of export zero-rates.
    delivery_region = models.CharField(max_length=16, blank=True)
    export_proof = models.CharField(max_length=200, blank=True, help_text="Proof of export, once recorded.")
    net_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    tax_total = models.DecimalField(
        max_digits=16, decimal_places=3, default=Decimal(0), help_text="Tax added to the lines."
    )
    included_tax = models.DecimalField(
        max_digits=16,
        decimal_places=3,
        default=Decimal(0),
        help_text="VAT inside the premium (margin schemes), not shown to the buyer.",
    )
    total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    reason = models.CharField(max_length=500, blank=True, help_text="For a credit note: why.")
    dated_on = models.DateField(null=True, blank=True, help_text="The date it bears, given on issue.")
    due_on = models.DateField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    if TYPE_CHECKING:
        office_id: int
        buyer_id: int
        sale_id: int | None
        credits_id: int | None

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~models.Q(number=""), name="invoice_number_once"),
            models.CheckConstraint(
                condition=models.Q(status=InvoiceStatus.DRAFT) | ~models.Q(number=""), name="issued_invoice_numbered"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=InvoiceKind.INVOICE) | models.Q(credits__isnull=False),
                name="credit_note_credits_an_invoice",
            ),
        ]
        indexes = [models.Index(fields=["buyer", "status"]), models.Index(fields=["sale", "buyer"])]

    def __str__(self) -> str:
        return self.number or f"Draft {self.pk}"

    @property
    def label(self) -> str:
        """How people name it: its number, or "draft 12" before issue."""
        return self.number or f"draft {self.pk}"

    @property
    def is_issued(self) -> bool:
        return self.status == InvoiceStatus.ISSUED

    def money(self, amount: Decimal) -> Money:
        return Money.of(amount, self.currency)


class InvoiceLine(models.Model):
    """One charge: a lot's hammer or a private sale's price, the premium on it, a tax, a fee, a service.

    A tax line says what it is on (``basis``) at what ``rate``; ``included`` marks VAT inside another line
    (a margin scheme's premium), recorded for the VAT return but not added to the total and not printed.
    ``snapshot`` keeps what the figure came from (the premium schedule's bands, the tax rule), so the line
    reads the same whatever later changes to the schedules and rates.
    """

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=LineKind.choices)
    lot = models.ForeignKey("auctions.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    lot_label = models.CharField(max_length=8, blank=True)
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    stock_numbers = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    tax_treatment = models.CharField(max_length=16, choices=TaxTreatment.choices, blank=True)
    rate = models.DecimalField(max_digits=7, decimal_places=5, null=True, blank=True)
    basis = models.DecimalField(max_digits=16, decimal_places=3, null=True, blank=True)
    included = models.BooleanField(default=False)
    contains_diamonds = models.BooleanField(default=False)
    snapshot = models.JSONField(default=dict, blank=True)
    credits_line = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credited_by"
    )

    if TYPE_CHECKING:
        invoice_id: int
        lot_id: int | None
        item_id: int | None

    class Meta:
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


register_seal(Seal(table="billing_invoice", column="status", value=InvoiceStatus.ISSUED.value))
register_seal(
    Seal(
        table="billing_invoiceline",
        column="status",
        value=InvoiceStatus.ISSUED.value,
        parent="billing_invoice",
        fk="invoice_id",
    )
)
