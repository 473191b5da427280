"""Reconciliation and the books: bank statements and their lines, what a person decided about each line,
the CSV column mapping remembered per bank account, the daily cash and card close, and the ledger
accounts finance maps billing's lines, taxes and payment methods to.

A statement and its lines are append-only (core's ``AppendOnly``): what the bank said is never edited.
A line's state is derived: a ``LineDecision`` (append-only, at most one per line) makes it matched or
ignored; without one it is suggested when the matcher finds a candidate invoice, unmatched otherwise.
A cash close is sealed once checked (core's ``SealWhen``): the day's figures then never change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from parure.billing.choices import (
    AccountKeyKind,
    CashCloseStatus,
    Direction,
    LineDecisionKind,
    StatementFormat,
)
from parure.billing.models.invoices import Invoice
from parure.billing.models.payments import Payment
from parure.core.db import Seal, register_append_only, register_seal
from parure.core.models import Office, Staff


class Statement(models.Model):
    """One bank statement file as imported: which account, which period, who imported it."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="bank_statements")
    account = models.CharField(max_length=64, help_text="The account's IBAN or the bank's name for it.")
    currency = models.CharField(max_length=3)
    format = models.CharField(max_length=8, choices=StatementFormat.choices)
    bank_id = models.CharField(max_length=64, blank=True, help_text="The statement's own identifier (CAMT Stmt/Id).")
    filename = models.CharField(max_length=200, blank=True)
    # The file's SHA-256: the same file is refused a second time.
    digest = models.CharField(max_length=64)
    starts_on = models.DateField()
    ends_on = models.DateField()
    line_count = models.PositiveIntegerField()
    skipped = models.PositiveIntegerField(default=0, help_text="Entries imported before, by the bank's reference.")
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        office_id: int

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["office", "digest"], name="statement_file_once")]

    def __str__(self) -> str:
        return f"Statement {self.pk} · {self.account}"


class StatementLine(models.Model):
    """One entry of a statement, as the bank booked it. ``bank_reference`` (the bank's AcctSvcrRef, or the
    entry's NtryRef) is unique per account, so an entry is never imported twice."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveIntegerField()
    account = models.CharField(max_length=64)
    booked_on = models.DateField()
    value_on = models.DateField(null=True, blank=True)
    direction = models.CharField(max_length=6, choices=Direction.choices)
    amount = models.DecimalField(max_digits=16, decimal_places=3)
    currency = models.CharField(max_length=3)
    bank_reference = models.CharField(max_length=64, blank=True)
    entry_reference = models.CharField(max_length=64, blank=True)
    reference = models.CharField(max_length=500, blank=True, help_text="The remittance text and structured reference.")
    payer = models.CharField(max_length=200, blank=True)
    source_line = models.PositiveIntegerField(help_text="Where the entry is in the file (its line).")

    if TYPE_CHECKING:
        statement_id: int

    class Meta:
        ordering = ["statement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="statement_line_position_once"),
            models.UniqueConstraint(
                fields=["account", "bank_reference"],
                condition=~models.Q(bank_reference=""),
                name="statement_entry_once_per_account",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="statement_line_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.currency} {self.amount}"


class LineDecision(models.Model):
    """What a person decided about a statement line: matched to an invoice (with the payment recorded) or
    ignored with a reason. At most one per line; never changed."""

    line = models.OneToOneField(StatementLine, on_delete=models.PROTECT, related_name="decision")
    kind = models.CharField(max_length=8, choices=LineDecisionKind.choices)
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    if TYPE_CHECKING:
        line_id: int
        invoice_id: int | None
        payment_id: int | None

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="matched") & models.Q(payment__isnull=False))
                | (models.Q(kind="ignored") & ~models.Q(reason="")),
                name="line_decision_payment_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} line {self.line_id}"


class StatementMapping(models.Model):
    """How a bank account's CSV export reads: our field → its column, the date format and decimal
    separator. Kept per office and account so the next file of that account is read the same way."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    account = models.CharField(max_length=64)
    columns = models.JSONField(default=dict)
    date_format = models.CharField(max_length=16)
    decimal_separator = models.CharField(max_length=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "account"], name="statement_mapping_per_account")]

    def __str__(self) -> str:
        return f"CSV mapping of {self.account}"


class CashClose(models.Model):
    """The day's cash and card at one office in one currency: the payments' totals snapshotted when the
    cashier closes, what was counted in the drawer and what the card terminal printed, then a second
    person's check. Sealed once checked."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="cash_closes")
    day = models.DateField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=8, choices=CashCloseStatus.choices, default=CashCloseStatus.CLOSED)
    expected_cash = models.DecimalField(max_digits=16, decimal_places=3)
    expected_card = models.DecimalField(max_digits=16, decimal_places=3)
    payment_count = models.PositiveIntegerField()
    counted_cash = models.DecimalField(max_digits=16, decimal_places=3)
    card_total = models.DecimalField(max_digits=16, decimal_places=3)
    note = models.CharField(max_length=500, blank=True)
    closed_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    if TYPE_CHECKING:
        office_id: int
        closed_by_id: int
        checked_by_id: int | None

    class Meta:
        ordering = ["-day", "office", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["office", "day", "currency"], name="cash_close_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(status="closed") | models.Q(checked_by__isnull=False), name="checked_close_checker"
            ),
        ]

    def __str__(self) -> str:
        return f"Cash close {self.office_id} {self.day} {self.currency}"


class AccountMapping(models.Model):
    """The ledger account a kind of posting goes to: a line kind (hammer, premium, shipping…), a tax kind,
    a payment method, or the receivable itself. Kept by finance; the accounting export reads it."""

    key_kind = models.CharField(max_length=8, choices=AccountKeyKind.choices)
    key = models.CharField(max_length=16)
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["key_kind", "key"]
        constraints = [models.UniqueConstraint(fields=["key_kind", "key"], name="account_mapping_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


for _table in ("billing_statement", "billing_statementline", "billing_linedecision"):
    register_append_only(_table)
register_seal(Seal(table="billing_cashclose", column="status", value=CashCloseStatus.CHECKED.value))
