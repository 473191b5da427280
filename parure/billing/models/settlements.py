"""Consignor settlements with their lines, advances, payment runs and private sales.

A settlement is what the house owes a consignor for one consignment in one sale (or for one private
sale): per lot, the hammer less the commission, the fees the terms agree (with their VAT) and the
advances already given. The terms it used are snapshotted on it; once approved the database refuses any
change to it and its lines (core's :class:`~parure.core.db.SealWhen`). Whether it may be paid (the
buyers paid, the period passed, the consignor's KYC and tax form on file) is derived, never stored; it
is paid when the payment run it is in is marked sent, and that run is sealed from then on.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.billing.choices import TaxTreatment
from parure.billing.models.invoices import Invoice
from parure.billing.settlement_choices import PaymentRunStatus, SettlementLineKind, SettlementStatus
from parure.core.db import Seal, register_seal
from parure.core.models import Office, Staff
from parure.core.money import Money


class PrivateSale(models.Model):
    """A piece sold by agreement outside an auction, at an agreed price, with its own commission."""

    number = models.CharField(max_length=24, unique=True, help_text="NY-PS-26-00001-8 (with check digit).")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="private_sales")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    stock_number = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    consignment = models.ForeignKey("inventory.Consignment", on_delete=models.PROTECT, related_name="+")
    consignor = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    buyer = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    price = models.DecimalField(max_digits=16, decimal_places=3)
    currency = models.CharField(max_length=3)
    commission_rate = models.DecimalField(max_digits=7, decimal_places=5, help_text="A fraction of the price.")
    tax_status = models.CharField(max_length=16, choices=TaxTreatment.choices, default=TaxTreatment.MARGIN)
    agreed_on = models.DateField()
    arranged_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="private_sale"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        office_id: int
        item_id: int
        consignment_id: int
        consignor_id: int
        buyer_id: int
        invoice_id: int | None

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="private_sale_price_positive"),
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=0, commission_rate__lte=1), name="private_sale_rate_bounded"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def money(self, amount: Decimal) -> Money:
        return Money.of(amount, self.currency)


class Settlement(models.Model):
    number = models.CharField(max_length=24, unique=True, help_text="NY-S-26-00042-5 (with check digit).")
    status = models.CharField(max_length=8, choices=SettlementStatus.choices, default=SettlementStatus.DRAFT)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="settlements")
    consignment = models.ForeignKey("inventory.Consignment", on_delete=models.PROTECT, related_name="+")
    consignment_number = models.CharField(max_length=20)
    consignor = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    sale = models.ForeignKey("auctions.Sale", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    private_sale = models.OneToOneField(
        PrivateSale, on_delete=models.PROTECT, null=True, blank=True, related_name="settlement"
    )
    # What it settles, as people read it: the sale's code or the private sale's number.
    reference = models.CharField(max_length=40)
    sold_on = models.DateField(help_text="The sale's day (or the private sale's), from which the period runs.")
    currency = models.CharField(max_length=3)
    hammer_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    commission_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    fees_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    tax_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    advances_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    net_total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    terms = models.JSONField(default=dict, help_text="The terms used, as they stood.")
    # Terms agreed in another currency than the sale's are settled in the sale's at the rate finance stated.
    rate = models.DecimalField(
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
        help_text="Units of the settlement's currency for one unit of the consignment's, when they differ.",
    )
    rate_on = models.DateField(null=True, blank=True, help_text="The day of the stated rate.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    if TYPE_CHECKING:
        office_id: int
        consignment_id: int
        consignor_id: int
        sale_id: int | None
        private_sale_id: int | None

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consignment", "sale"], condition=models.Q(sale__isnull=False), name="settlement_once_per_sale"
            ),
            models.CheckConstraint(
                condition=models.Q(sale__isnull=False) ^ models.Q(private_sale__isnull=False),
                name="settlement_of_a_sale_or_a_private_sale",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"]), models.Index(fields=["consignor"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_approved(self) -> bool:
        return self.status == SettlementStatus.APPROVED

    def money(self, amount: Decimal) -> Money:
        return Money.of(amount, self.currency)

    @property
    def agreed_currency(self) -> str:
        """The currency the consignment's terms were agreed in (the settlement's unless a rate was stated)."""
        return str(self.terms.get("currency") or self.currency)

    @property
    def rate_sentence(self) -> str:
        """How the terms were converted, as the statement prints it; empty when they were not."""
        if self.rate is None:
            return ""
        from parure.billing.settlement_figures import rate_text

        day = f" of {self.rate_on.day} {self.rate_on:%B %Y}" if self.rate_on else ""
        return (
            f"Terms agreed in {self.agreed_currency}, settled in {self.currency} at {rate_text(self.rate)} "
            f"{self.currency} for one {self.agreed_currency} (the rate{day})."
        )


class SettlementLine(models.Model):
    """One figure of a settlement, signed: the hammer (or agreed price) positive, every deduction
    negative, so a lot's lines add up to what the consignor is paid for it."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=SettlementLineKind.choices)
    lot = models.ForeignKey("auctions.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    lot_label = models.CharField(max_length=8, blank=True)
    outcome = models.CharField(max_length=12, blank=True)
    stock_numbers = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    rate = models.DecimalField(max_digits=7, decimal_places=5, null=True, blank=True)
    basis = models.DecimalField(max_digits=16, decimal_places=3, null=True, blank=True)
    advance = models.ForeignKey("Advance", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    snapshot = models.JSONField(default=dict, blank=True)

    if TYPE_CHECKING:
        settlement_id: int
        lot_id: int | None

    class Meta:
        ordering = ["settlement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["settlement", "position"], name="settlement_line_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class Advance(models.Model):
    """Money given to a consignor ahead of the sale against a consignment; the first settlement of that
    consignment deducts it, once."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    consignment = models.ForeignKey("inventory.Consignment", on_delete=models.PROTECT, related_name="+")
    consignment_number = models.CharField(max_length=20)
    consignor = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    currency = models.CharField(max_length=3)
    paid_on = models.DateField()
    reference = models.CharField(max_length=80, help_text="The transfer's or cheque's reference.")
    deducted_in = models.ForeignKey(
        Settlement, on_delete=models.SET_NULL, null=True, blank=True, related_name="advances"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        consignment_id: int
        consignor_id: int
        deducted_in_id: int | None

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="advance_positive")]

    def __str__(self) -> str:
        return f"Advance {self.amount} {self.currency} on {self.consignment_number}"

    def money(self) -> Money:
        return Money.of(self.amount, self.currency)


class PaymentRun(models.Model):
    """Settlements finance pays together: one bank file (SEPA credit transfers for EUR) and its CSV.
    Marked sent, its settlements are paid and the run is sealed."""

    number = models.CharField(max_length=24, unique=True, help_text="NY-PR-26-00003-4 (with check digit).")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="payment_runs")
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=8, choices=PaymentRunStatus.choices, default=PaymentRunStatus.PREPARED)
    total = models.DecimalField(max_digits=16, decimal_places=3, default=Decimal(0))
    execution_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        office_id: int

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_sent(self) -> bool:
        return self.status == PaymentRunStatus.SENT

    def money(self, amount: Decimal) -> Money:
        return Money.of(amount, self.currency)


class PaymentRunItem(models.Model):
    """One settlement in a run, with the account it is paid into as it stood when the run was made."""

    run = models.ForeignKey(PaymentRun, on_delete=models.CASCADE, related_name="items")
    settlement = models.OneToOneField(Settlement, on_delete=models.PROTECT, related_name="run_item")
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    creditor_name = models.CharField(max_length=140)
    iban = models.CharField(max_length=34, blank=True)
    bic = models.CharField(max_length=11, blank=True)

    if TYPE_CHECKING:
        run_id: int
        settlement_id: int

    class Meta:
        ordering = ["run", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="run_item_positive")]

    def __str__(self) -> str:
        return f"{self.settlement_id} in {self.run_id}"


register_seal(Seal(table="billing_settlement", column="status", value=SettlementStatus.APPROVED.value))
register_seal(
    Seal(
        table="billing_settlementline",
        column="status",
        value=SettlementStatus.APPROVED.value,
        parent="billing_settlement",
        fk="settlement_id",
    )
)
register_seal(Seal(table="billing_paymentrun", column="status", value=PaymentRunStatus.SENT.value))
register_seal(
    Seal(
        table="billing_paymentrunitem",
        column="status",
        value=PaymentRunStatus.SENT.value,
        parent="billing_paymentrun",
        fk="run_id",
    )
)
