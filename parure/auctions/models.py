"""The auctions' data: sales with their increment table and premium schedule, lots and the pieces in
them, registrations and paddles, absentee and telephone bids, the clerk's entries on the day and the
results. What spans rows (numbering, the one-open-sale rule, custody) is in ``services``.

The clerk's entries, the lots' bid logs and the results are append-only: the database refuses
UPDATE and DELETE on them (as on the custody ledger). A result is corrected by a new result that
names the one it corrects, with a reason and who made it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from parure.auctions.choices import (
    AbsenteeStatus,
    BidChannel,
    BidSource,
    ClerkEntry,
    FindingKind,
    FindingStatus,
    LotStatus,
    LotTaxStatus,
    Outcome,
    RegistrationSource,
    RegistrationStatus,
    SaleStatus,
    UnsoldRoute,
)
from parure.core.db import register_append_only
from parure.core.models import Office, Staff


# --- The data that applies to sales: increment tables and premium schedules -----------------------
class IncrementTable(models.Model):
    """The auctioneer's steps. ``standard`` is the published ladder made by code
    (``parure.auctions.engine.standard_ladder``) and has no bands; any other table lists its bands.
    A table is in force from ``effective_from`` (and until ``effective_to``, when given)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    standard = models.BooleanField(default=False)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IncrementBand(models.Model):
    """From ``start``, either a fixed ``step`` or a per-decade pattern of endings ("2,5,8")."""

    table = models.ForeignKey(IncrementTable, on_delete=models.CASCADE, related_name="bands")
    start = models.DecimalField(max_digits=14, decimal_places=2)
    step = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    pattern = models.CharField(max_length=40, blank=True, help_text="Endings after each leading digit, e.g. 2,5,8.")

    class Meta:
        ordering = ["table", "start"]
        constraints = [models.UniqueConstraint(fields=["table", "start"], name="increment_band_start_once")]

    def __str__(self) -> str:
        return f"from {self.start}"


class PremiumSchedule(models.Model):
    """The buyer's premium of one saleroom in one currency: a rate on each slice of the hammer (bands),
    in force from a date. A sale uses a schedule of its own office and currency, in force on its day.

    ``exclusions`` name the piece categories this schedule does not apply to, each with the schedule that
    applies instead (watches at a flat rate): that schedule is of the same saleroom and currency and
    excludes nothing itself. ``office`` is empty only on a schedule made before schedules had a saleroom;
    no sale may use it until it is given one."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="premium_schedules"
    )
    currency = models.CharField(max_length=3, blank=True)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PremiumBand(models.Model):
    """``rate`` (a fraction: 0.27) applies to the part of the hammer from ``threshold`` up to the next band's."""

    schedule = models.ForeignKey(PremiumSchedule, on_delete=models.CASCADE, related_name="bands")
    threshold = models.DecimalField(max_digits=14, decimal_places=2)
    rate = models.DecimalField(
        max_digits=6, decimal_places=4, validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]
    )

    class Meta:
        ordering = ["schedule", "threshold"]
        constraints = [models.UniqueConstraint(fields=["schedule", "threshold"], name="premium_band_threshold_once")]

    def __str__(self) -> str:
        return f"{self.rate} from {self.threshold}"


class PremiumExclusion(models.Model):
    """A piece category ``schedule`` does not apply to, and the schedule that applies to it instead."""

    schedule = models.ForeignKey(PremiumSchedule, on_delete=models.CASCADE, related_name="exclusions")
    category = models.CharField(max_length=16, help_text="The inventory's piece category: watch, loose_stone…")
    applies = models.ForeignKey(PremiumSchedule, on_delete=models.PROTECT, related_name="applied_for")

    class Meta:
        ordering = ["schedule", "category"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "category"], name="premium_exclusion_category_once"),
            models.CheckConstraint(
                condition=~models.Q(schedule=models.F("applies")), name="premium_exclusion_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.applies}"


# --- Sales and lots -------------------------------------------------------------------------------
class Sale(models.Model):
    code = models.CharField(
        max_length=20, unique=True, help_text="e.g. NY-J-2612 (office, department, year and month)."
    )
    title = models.CharField(max_length=200)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="sales")
    saleroom = models.CharField(max_length=120)
    starts_at = models.DateTimeField(help_text="Stored in UTC, shown in the office's time zone.")
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=16, choices=SaleStatus.choices, default=SaleStatus.PLANNING)
    increment_table = models.ForeignKey(IncrementTable, on_delete=models.PROTECT, related_name="sales")
    premium_schedule = models.ForeignKey(PremiumSchedule, on_delete=models.PROTECT, related_name="sales")
    conditions_of_sale = models.TextField(blank=True)
    # The conditions of sale's open choices (docs/auction-rules.md, "Settings"); the engine reads them.
    book_wins_ties = models.BooleanField(default=True)
    sell_one_step_below_reserve = models.BooleanField(default=False)
    go_backwards = models.BooleanField(default=True)
    opening_fraction = models.DecimalField(
        max_digits=4, decimal_places=3, default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal(1))],
    )  # fmt: skip
    seller_bids = models.BooleanField(default=True)
    # Registration and telephone bidding.
    kyc_threshold = models.DecimalField(
        max_digits=14, decimal_places=2, default=Decimal("10000.00"),
        help_text="A bidder whose credit limit or bids reach this needs valid KYC in the client book.",
    )  # fmt: skip
    phone_spacing = models.PositiveSmallIntegerField(
        default=5, help_text="A member of staff may not hold two telephone lines for lots fewer than this apart."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == SaleStatus.CLOSED


class Lot(models.Model):
    """A lot: its number (12, or 12A inserted after 12), its place in the order, its estimates and the
    confidential reserve, and whether it was withdrawn (with the reason)."""

    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="lots")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    suffix = models.CharField(max_length=2, blank=True, help_text="An inserted lot's letter: 12A.")
    position = models.PositiveIntegerField(help_text="The lot's place in the sale's order.")
    heading = models.CharField(max_length=200)
    low_estimate = models.DecimalField(max_digits=14, decimal_places=2)
    high_estimate = models.DecimalField(max_digits=14, decimal_places=2)
    reserve = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="Confidential; at most the low estimate."
    )
    status = models.CharField(max_length=12, choices=LotStatus.choices, default=LotStatus.OFFERED)
    tax_status = models.CharField(
        max_length=16,
        choices=LotTaxStatus.choices,
        default=LotTaxStatus.MARGIN,
        help_text="How the lot is taxed, as the catalogue marks it.",
    )
    withdrawn_reason = models.CharField(max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["sale", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sale", "number", "suffix"], name="lot_number_once_per_sale"),
            models.UniqueConstraint(fields=["sale", "position"], name="lot_position_once_per_sale"),
            models.CheckConstraint(
                condition=models.Q(high_estimate__gte=models.F("low_estimate")), name="lot_estimates_rise"
            ),
            models.CheckConstraint(
                condition=models.Q(reserve__isnull=True) | models.Q(reserve__lte=models.F("low_estimate")),
                name="lot_reserve_at_most_low_estimate",
            ),
            models.CheckConstraint(condition=models.Q(suffix__regex=r"^[A-Z]{0,2}$"), name="lot_suffix_capitals"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"Lot {self.label}"

    @property
    def label(self) -> str:
        return f"{self.number}{self.suffix}"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == LotStatus.WITHDRAWN


class LotPiece(models.Model):
    """A piece in a lot (a lot holds one or more). A piece is in one open sale at a time (services)."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="pieces")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="lot_entries")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["lot", "position"]
        constraints = [models.UniqueConstraint(fields=["lot", "item"], name="lot_piece_once")]

    def __str__(self) -> str:
        return f"{self.lot} piece {self.position}"


# --- Bidders --------------------------------------------------------------------------------------
class Registration(models.Model):
    """A client registered for one sale, with a paddle unique to the sale (its last digit a check digit)."""

    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="registrations")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="sale_registrations")
    paddle = models.CharField(max_length=8)
    source = models.CharField(max_length=16, choices=RegistrationSource.choices, default=RegistrationSource.HOUSE)
    platform = models.CharField(max_length=60, blank=True, help_text="The online platform the bidder registered on.")
    platform_reference = models.CharField(max_length=60, blank=True)
    credit_limit = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    deposit = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING)
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=500, blank=True)
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    credit_changed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    credit_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sale", "paddle"]
        constraints = [
            models.UniqueConstraint(fields=["sale", "paddle"], name="paddle_once_per_sale"),
            models.UniqueConstraint(fields=["sale", "client"], name="client_registers_once_per_sale"),
        ]

    def __str__(self) -> str:
        return f"Paddle {self.paddle}"

    @property
    def is_approved(self) -> bool:
        return self.status == RegistrationStatus.APPROVED


class TelephoneBid(models.Model):
    """A bidder asks to bid on a lot by telephone; a member of staff is assigned to the line."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="telephone_bids")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="telephone_bids")
    line = models.CharField(
        max_length=8, blank=True, help_text="The line's name on the day: 1, 2, … (given when assigned)."
    )
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    phone_number = models.CharField(max_length=40, blank=True, help_text="Confidential: the number to call.")
    language = models.CharField(max_length=40, blank=True)
    cancelled = models.BooleanField(default=False)
    line_failed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the clerk marked the line failed: the cover bid then goes on the book."
    )
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["lot", "line", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["lot", "registration"], condition=models.Q(cancelled=False), name="telephone_bid_once_per_lot"
            ),
        ]

    def __str__(self) -> str:
        return f"Telephone bid, line {self.line or '—'}"


class AbsenteeBid(models.Model):
    """A maximum hammer left with the bids office. ``given`` is what the bidder wrote; ``maximum`` is it
    rounded down to the sale's ladder (the bidder is told). Confidential: write-only for roles that may
    not read maxima. ``or_group`` names a bidder's OR bids across lots (once one is won, the others
    leave the book). A telephone bidder's cover bid is an absentee bid pointing at its telephone bid."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="absentee_bids")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="absentee_bids")
    given = models.DecimalField(max_digits=14, decimal_places=2)
    maximum = models.DecimalField(max_digits=14, decimal_places=2)
    received_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=BidChannel.choices, default=BidChannel.FORM)
    or_group = models.CharField(max_length=40, blank=True)
    cover_for = models.OneToOneField(
        TelephoneBid, on_delete=models.PROTECT, null=True, blank=True, related_name="cover_bid"
    )
    status = models.CharField(max_length=12, choices=AbsenteeStatus.choices, default=AbsenteeStatus.ACTIVE)
    below_half_low = models.BooleanField(
        default=False, help_text="Flagged to the specialist: under half the low estimate."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["lot", "-maximum", "received_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(maximum__gt=0), name="absentee_maximum_positive"),
            models.CheckConstraint(condition=models.Q(maximum__lte=models.F("given")), name="absentee_rounded_down"),
            models.UniqueConstraint(
                fields=["lot", "registration"], condition=models.Q(status="active"), name="absentee_bid_once_per_lot"
            ),
        ]

    def __str__(self) -> str:
        return f"Absentee bid, paddle {self.registration_id}"


# --- The day: the clerk's entries, the lots' logs and results (append-only) -----------------------
class ClerkAction(models.Model):
    """One key the clerk pressed on a lot: open, a live bid (room, phone line, online), or no bid. The
    engine replays a lot's actions in order to state where the bidding stands."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="clerk_actions")
    sequence = models.PositiveIntegerField()
    entry = models.CharField(max_length=8, choices=ClerkEntry.choices)
    source = models.CharField(max_length=8, choices=BidSource.choices, blank=True)
    paddle = models.CharField(max_length=8, blank=True)
    line = models.CharField(max_length=8, blank=True)
    amount = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="A jump bid's amount; none: at the asking."
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["lot", "sequence"]
        constraints = [models.UniqueConstraint(fields=["lot", "sequence"], name="clerk_action_sequence_once")]

    def __str__(self) -> str:
        return f"{self.lot} #{self.sequence} {self.entry}"


class LotResult(models.Model):
    """A lot's result, saved the moment the clerk hammers, passes or withdraws it. Never changed: a
    correction is a new result that names the one it corrects, with the reason and who made it. The
    lot's standing result is its latest."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="results")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    hammer = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, null=True, blank=True, related_name="results"
    )
    paddle = models.CharField(max_length=8, blank=True)
    source = models.CharField(max_length=8, choices=BidSource.choices, blank=True)
    line = models.CharField(max_length=8, blank=True)
    bought_in_at = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    reserve_met = models.BooleanField(default=False)
    premium = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="The buyer's premium on the hammer."
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["lot", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="sold") | (models.Q(hammer__gt=0) & ~models.Q(paddle="")),
                name="lot_result_sold_has_hammer_and_paddle",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lot}: {self.outcome}"


class LotBid(models.Model):
    """One line of a closed lot's bid log as the engine kept it: every bid, book and seller included."""

    result = models.ForeignKey(LotResult, on_delete=models.PROTECT, related_name="bids")
    sequence = models.PositiveIntegerField()
    source = models.CharField(max_length=8, choices=BidSource.choices)
    paddle = models.CharField(max_length=8, blank=True)
    line = models.CharField(max_length=8, blank=True)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    at = models.DateTimeField()

    class Meta:
        ordering = ["result", "sequence"]
        constraints = [models.UniqueConstraint(fields=["result", "sequence"], name="lot_bid_sequence_once")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.amount}"


register_append_only("auctions_clerkaction")
register_append_only("auctions_lotresult")
register_append_only("auctions_lotbid")


class ExchangeRate(models.Model):
    """The day's rate for the saleroom board: one unit of the sale's currency in ``currency``."""

    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="exchange_rates")
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(max_digits=14, decimal_places=6, validators=[MinValueValidator(Decimal("0.000001"))])
    position = models.PositiveSmallIntegerField(default=1)
    entered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sale", "position"]
        constraints = [models.UniqueConstraint(fields=["sale", "currency"], name="exchange_rate_once_per_sale")]

    def __str__(self) -> str:
        return f"{self.currency} {self.rate}"


# --- After the sale -------------------------------------------------------------------------------
class CheckFinding(models.Model):
    """One finding of the check before invoicing; a senior resolves it with a sentence."""

    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="findings")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(max_length=24, choices=FindingKind.choices)
    detail = models.CharField(max_length=500)
    key = models.CharField(max_length=120, help_text="What the finding is about, so a re-run does not repeat it.")
    status = models.CharField(max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    found_at = models.DateTimeField(default=timezone.now)
    found_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Who ran the check."
    )
    resolved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["sale", "lot__position", "kind"]
        constraints = [models.UniqueConstraint(fields=["sale", "key"], name="check_finding_once")]

    def __str__(self) -> str:
        return f"{self.lot}: {self.kind}"


class UnsoldDecision(models.Model):
    """Where a piece left unsold by a sale goes next (re-offer, private sale, return), and who said so."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="unsold_decisions")
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="unsold_decisions")
    route = models.CharField(max_length=16, choices=UnsoldRoute.choices)
    reoffer_sale = models.ForeignKey(Sale, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    release_receipt = models.CharField(
        max_length=24, blank=True, help_text="A return's release receipt number in the inventory (signed there)."
    )
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["lot", "item", "-decided_at"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.route}"
