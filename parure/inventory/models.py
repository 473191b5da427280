"""Custody records: places, pieces, consignments and their receipts, and the custody ledger.

Only invariants that belong to one row live here. Every write that spans rows (an intake, a
move, a receipt version) is a service in :mod:`parure.inventory.services`; the chain of
custody events is appended only through :mod:`parure.inventory.ledger`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from parure.core.db import register_append_only
from parure.core.models import Office, Staff
from parure.core.money import Money
from parure.inventory.choices import (
    KIND_OF_TYPE,
    SINGLETON_TYPES,
    CheckoutPurpose,
    CommissionBasis,
    CommissionScope,
    EventKind,
    InsuranceBasis,
    ItemCategory,
    ItemStatus,
    LabelKind,
    LocationKind,
    LocationType,
    ReleaseReceiptStatus,
    ReservePolicy,
    SaleState,
    UnsoldFeeBasis,
    UnsoldInstruction,
)

# Inventory counts live in their own package (their models refer to these by name, so no cycle);
# imported here so Django registers them with the inventory app.
from parure.inventory.counts.models import (  # noqa: F401
    CountDiscrepancy,
    CountExpected,
    CountInterval,
    CountScan,
    CountSession,
    CountSignOff,
)

GENESIS_LINK = "0" * 64

_location_code = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{0,23}$", "Use capital letters, digits and hyphens, e.g. V1-S2-T04 (at most 24 characters)."
)


class Location(models.Model):
    """A place in an office (vault, safe, tray, studio...) or a holder outside it (a lab, a carrier).

    Places form a tree per office. ``kind`` follows from ``type`` and says what may happen
    there; ``in_vault`` is true for the vault and everything inside it (four eyes apply when a
    valuable piece leaves it).
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="custody_locations")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    name = models.CharField(max_length=120)
    code = models.CharField(max_length=24, validators=[_location_code], help_text="Short code printed on labels.")
    type = models.CharField(max_length=24, choices=LocationType.choices)
    kind = models.CharField(max_length=16, choices=LocationKind.choices, editable=False)
    in_vault = models.BooleanField(default=False, editable=False)
    # Materialised path of codes (V1/S2/T04) so a whole office's tree sorts in one query.
    path = models.CharField(max_length=255, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # For holders outside the house: the vendor's name and address as it should appear in the ledger.
    counterpart = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["office__code", "path"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="location_code_unique_in_office"),
            models.UniqueConstraint(
                fields=["office", "type"],
                condition=models.Q(type__in=sorted(SINGLETON_TYPES)),
                name="location_singleton_place_per_office",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = KIND_OF_TYPE[self.type]
        parent = self.parent
        self.in_vault = self.type == LocationType.VAULT or bool(parent is not None and parent.in_vault)
        self.path = f"{parent.path}/{self.code}" if parent is not None else self.code
        self.depth = parent.depth + 1 if parent is not None else 0
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """The place as people say it, with its office: ‘Vault 1 · Tray 4 (NY)’."""
        return f"{self.name} ({self.office.code})"

    @property
    def is_terminal(self) -> bool:
        return self.kind == LocationKind.TERMINAL

    @property
    def is_in_house(self) -> bool:
        return self.kind in (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY)


class CustodySettings(models.Model):
    """An office's custody settings: the four-eyes threshold, in the office's currency."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="custody_settings")
    four_eyes_threshold = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("50000.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Pieces valued at or above this need a witness to leave the vault or the premises.",
    )
    default_tag_profile = models.ForeignKey(
        "LabelProfile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name_plural = "custody settings"

    def __str__(self) -> str:
        return f"Custody settings for {self.office}"

    @property
    def threshold(self) -> Money:
        return Money.of(self.four_eyes_threshold, self.office.currency)


class Consignment(models.Model):
    """The agreement with a consignor, and the pieces it covers."""

    number = models.CharField(max_length=20, unique=True, help_text="e.g. NY-C-26-00042-5 (with check digit).")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="consignments")
    consignor = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="consignments")
    currency = models.CharField(max_length=3)
    received_at = models.DateTimeField(default=timezone.now)
    received_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    commission_rate = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Seller's commission, percent of the hammer."
    )
    insurance_fee_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("1.00"), help_text="Percent of the hammer."
    )
    photography_fee = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    unsold_fee_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("0.00"), help_text="Percent of the reserve, if bought in."
    )
    # How the commission reads the hammer (flat, sliding or tiered bands; per lot or per consignment).
    # Bands are [threshold, percent] pairs from 0 up, as text: [["0", "25"], ["50000", "20"]].
    commission_basis = models.CharField(max_length=8, choices=CommissionBasis.choices, default=CommissionBasis.FLAT)
    commission_scope = models.CharField(max_length=12, choices=CommissionScope.choices, default=CommissionScope.LOT)
    commission_bands = models.JSONField(default=list, blank=True)
    minimum_commission = models.DecimalField(
        max_digits=10, decimal_places=2, default=Decimal("0.00"), help_text="Per lot sold."
    )
    withdrawal_fee = models.DecimalField(
        max_digits=10, decimal_places=2, default=Decimal("0.00"), help_text="Per lot withdrawn."
    )
    performance_fee_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text="Percent of the hammer above the high estimate.",
    )
    insurance_basis = models.CharField(max_length=16, choices=InsuranceBasis.choices, default=InsuranceBasis.HAMMER)
    unsold_fee_basis = models.CharField(max_length=16, choices=UnsoldFeeBasis.choices, default=UnsoldFeeBasis.RESERVE)
    reserve_policy = models.CharField(
        max_length=24, choices=ReservePolicy.choices, default=ReservePolicy.AT_LOW_ESTIMATE
    )
    unsold_instruction = models.CharField(
        max_length=16, choices=UnsoldInstruction.choices, default=UnsoldInstruction.REOFFER
    )
    # Notes about the consignor and the agreement: client notes, never shown to logistics.
    notes = models.TextField(blank=True)

    if TYPE_CHECKING:
        consignor_id: int

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.number


class ConsignmentReceipt(models.Model):
    """One version of a consignment receipt, exactly as printed. Append-only.

    The snapshot holds what the PDF shows (pieces, stated values, terms, consignor), so a
    version prints the same forever, whatever later amendments change.
    """

    consignment = models.ForeignKey(Consignment, on_delete=models.PROTECT, related_name="receipts")
    version = models.PositiveIntegerField()
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=255)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["consignment", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["consignment", "version"], name="receipt_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.consignment.number} v{self.version}"


def recorded_missing() -> models.Exists:
    """Whether the piece's latest ledger event is a count adjustment recording it missing (cause
    ``count_missing:<count>``): a count looked for it and did not find it. Any later event
    (found by a count, moved) ends it."""
    return models.Exists(
        CustodyEvent.objects.filter(
            item_id=models.OuterRef("pk"),
            seq=models.OuterRef("custody_seq"),
            kind=EventKind.COUNT_ADJUSTMENT,
            cause__startswith="count_missing:",
        )
    )


class ItemQuerySet(models.QuerySet["Item"]):
    def with_place(self) -> ItemQuerySet:
        """What a list of pieces shows: place, office and consignment, and the missing flag, in one query."""
        return self.select_related(
            "location", "location__office", "office", "consignment", "checked_out_by", "transfer_destination"
        ).annotate(recorded_missing=recorded_missing())


class Item(models.Model):
    """One object in our custody under one stock number.

    The custody fields (``location`` to ``custody_by``) are the replay of the item's latest
    ledger event, written in the same transaction as that event; ``parure ledger verify``
    checks that they agree.
    """

    stock_number = models.CharField(max_length=20, unique=True)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="items", help_text="The office that took the piece in."
    )
    consignment = models.ForeignKey(Consignment, on_delete=models.PROTECT, related_name="items", null=True, blank=True)
    line = models.PositiveIntegerField(default=1, help_text="The piece's line on its consignment receipt.")
    category = models.CharField(max_length=16, choices=ItemCategory.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    gross_weight_g = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    metal = models.CharField(max_length=60, blank=True, help_text="Principal metal, e.g. platinum, 18k yellow gold.")
    fineness = models.CharField(max_length=20, blank=True, help_text="e.g. 750, 950, sterling.")
    # What the specialist writes on the intake sheet; it prefills the catalogue record later.
    stone_measurements = models.CharField(
        max_length=120, blank=True, help_text="Principal stone's measurements in mm, e.g. 10.20 × 8.15 × 5.02."
    )
    date_or_circa = models.CharField(max_length=60, blank=True, help_text="e.g. circa 1925, 1930s, 2004.")
    maker = models.CharField(max_length=120, blank=True, help_text="e.g. Cartier, Van Cleef & Arpels.")
    signature = models.CharField(
        max_length=200, blank=True, help_text="Signed or inscribed, as it reads: ‘Cartier Paris’, a dedication."
    )
    serial_number = models.CharField(max_length=60, blank=True, help_text="The maker's serial or workshop number.")
    currency = models.CharField(max_length=3)
    stated_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    estimate_low = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    estimate_high = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    insurance_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # --- Present custody (the replay of the latest ledger event) ---
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="items")
    status = models.CharField(max_length=16, choices=ItemStatus.choices, default=ItemStatus.IN_HOUSE)
    holder = models.CharField(max_length=200, blank=True)
    holder_client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_back = models.DateTimeField(null=True, blank=True)
    checked_out_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    checked_out_from = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    transfer_destination = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    custody_since = models.DateTimeField()
    custody_seq = models.PositiveBigIntegerField(help_text="Sequence number of the piece's latest ledger event.")
    custody_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    # Where the piece stands in its selling: consigned → in a sale → sold / unsold (set by the auctions).
    sale_state = models.CharField(max_length=12, choices=SaleState.choices, default=SaleState.CONSIGNED)
    sale_reference = models.CharField(max_length=40, blank=True, help_text="The sale and lot, e.g. NY-J-2612 lot 12A.")

    objects = ItemQuerySet.as_manager()

    if TYPE_CHECKING:
        location_id: int
        consignment_id: int | None
        office_id: int
        holder_client_id: int | None
        checked_out_by_id: int | None
        checked_out_from_id: int | None
        transfer_destination_id: int | None
        custody_by_id: int

    class Meta:
        ordering = ["stock_number"]
        indexes = [
            models.Index(fields=["status", "due_back"], name="item_status_due_back"),
            models.Index(fields=["consignment", "line"], name="item_consignment_line"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimate_low__isnull=True)
                | models.Q(estimate_high__isnull=True)
                | models.Q(estimate_low__lte=models.F("estimate_high")),
                name="item_estimate_low_not_above_high",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stock_number} {self.title}"

    def money(self, amount: Decimal | None) -> Money | None:
        return None if amount is None else Money.of(amount, self.currency)

    @property
    def custody_value(self) -> Decimal | None:
        """What the four-eyes rule weighs: insurance value, else stated value, else high estimate."""
        for amount in (self.insurance_value, self.stated_value, self.estimate_high):
            if amount is not None:
                return amount
        return None

    @property
    def is_overdue(self) -> bool:
        return self.status == ItemStatus.CHECKED_OUT and self.due_back is not None and self.due_back < timezone.now()

    @property
    def is_terminal(self) -> bool:
        return self.status in (ItemStatus.RELEASED, ItemStatus.RETURNED)

    @property
    def is_recorded_missing(self) -> bool:
        """A count recorded the piece missing and it has not been found since (see :func:`recorded_missing`)."""
        if "recorded_missing" not in self.__dict__:
            self.__dict__["recorded_missing"] = (
                Item.objects.filter(pk=self.pk).annotate(flag=recorded_missing()).values_list("flag", flat=True).first()
                or False
            )
        return bool(self.__dict__["recorded_missing"])


class Stone(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="stones")
    position = models.PositiveSmallIntegerField(default=1)
    species = models.CharField(max_length=60, help_text="Species or variety, e.g. diamond, sapphire, emerald.")
    cut = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    approx_carats = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="Approximate total weight in carats."
    )

    class Meta:
        ordering = ["item", "position"]

    def __str__(self) -> str:
        weight = f", approx. {self.approx_carats} ct" if self.approx_carats is not None else ""
        cut = f" {self.cut}" if self.cut else ""
        return f"{self.count} ×{cut} {self.species}{weight}".replace("  ", " ")


class ItemComponent(models.Model):
    """A numbered part of a set (one earring of a pair, the brooch of a suite)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="components")
    number = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="component_number_unique_in_item")]

    def __str__(self) -> str:
        return f"{self.number}. {self.description}"


class ReleaseReceipt(models.Model):
    """What the consignor (or their agent) signs when pieces go back to them."""

    number = models.CharField(max_length=24, unique=True)
    consignment = models.ForeignKey(Consignment, on_delete=models.PROTECT, related_name="release_receipts")
    items: models.ManyToManyField[Item, Any] = models.ManyToManyField(Item, related_name="release_receipts")
    collected_by = models.CharField(max_length=200, help_text="Who collects: the consignor or their named agent.")
    identity_checked = models.CharField(
        max_length=200, blank=True, help_text="The identity document seen, e.g. passport ending 4471."
    )
    status = models.CharField(
        max_length=16, choices=ReleaseReceiptStatus.choices, default=ReleaseReceiptStatus.PREPARED
    )
    prepared_at = models.DateTimeField(default=timezone.now)
    prepared_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-prepared_at", "-id"]

    def __str__(self) -> str:
        return self.number


class LabelProfile(models.Model):
    """A label stock: page and label sizes in millimetres. Several are kept; offices pick one."""

    name = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=LabelKind.choices)
    page_width_mm = models.DecimalField(max_digits=6, decimal_places=1)
    page_height_mm = models.DecimalField(max_digits=6, decimal_places=1)
    label_width_mm = models.DecimalField(max_digits=6, decimal_places=1)
    label_height_mm = models.DecimalField(max_digits=6, decimal_places=1)
    columns = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    rows = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    margin_top_mm = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("0"))
    margin_left_mm = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("0"))
    gap_x_mm = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("0"))
    gap_y_mm = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("0"))
    show_qr = models.BooleanField(default=True)
    show_barcode = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


class CustodyEvent(models.Model):
    """One change of where a piece is or who holds it. Append-only and chained.

    ``link`` is HMAC-SHA-256, under a key kept outside the database, of the event's canonical
    content and the previous event's link (docs/custody.md gives the exact bytes). The
    database refuses UPDATE, DELETE and TRUNCATE on this table; a mistake is corrected by a
    new event whose ``corrects`` names it.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="custody_events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    from_location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    counterpart = models.CharField(max_length=200, blank=True, help_text="Vendor, carrier, agent or buyer.")
    counterpart_client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    witness = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    purpose = models.CharField(max_length=16, choices=CheckoutPurpose.choices, blank=True)
    due_back = models.DateTimeField(null=True, blank=True)
    destination = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tracking_number = models.CharField(max_length=64, blank=True)
    # The record that caused the event, as ‘kind:reference’ (shipment:NY-S-000123, invoice:…).
    cause = models.CharField(max_length=100, blank=True)
    corrects = models.ForeignKey(
        "self", to_field="seq", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    prev_link = models.CharField(max_length=64)
    link = models.CharField(max_length=64)

    if TYPE_CHECKING:
        item_id: int
        from_location_id: int | None
        to_location_id: int
        counterpart_client_id: int | None
        staff_id: int
        witness_id: int | None
        destination_id: int | None
        corrects_id: int | None

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["item", "-seq"], name="custody_event_item_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_kind_display()} {self.item_id}"


register_append_only("inventory_custodyevent")
register_append_only("inventory_consignmentreceipt")


class LedgerHead(models.Model):
    """The ledger's latest sequence number and link: one row, locked by every append.

    Locking this row is what keeps the chain from forking when several people record custody
    at once; verify checks it against the last event.
    """

    seq = models.PositiveBigIntegerField(default=0)
    link = models.CharField(max_length=64, default=GENESIS_LINK)
    # The identifier of the key that signed the head event: every append checks it holds that key.
    key_id = models.CharField(max_length=16, blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.seq}:{self.link}"


class LedgerSpan(models.Model):
    """A run of the ledger signed with one key in one chain format, from ``first_seq`` to the next span.

    Append-only. A span is opened by the first event of a new ledger, by the upgrade of a
    format-1 ledger, and by each key rotation. Its marker binds where it starts to the chain
    (``after_link`` is the link of event ``first_seq - 1``) and is sealed twice: ``handover``
    under the previous span's key (the old key consented) and ``seal`` under the span's own
    key, so a span cannot be removed, moved or forged without one of them (docs/custody.md).
    """

    # Several spans may start at the same event (two rotations with no event between): the last counts.
    first_seq = models.PositiveBigIntegerField()
    format = models.PositiveSmallIntegerField()
    key_id = models.CharField(max_length=16)
    previous_key_id = models.CharField(max_length=16, blank=True)
    after_link = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    handover = models.CharField(max_length=64, blank=True)
    seal = models.CharField(max_length=64)

    if TYPE_CHECKING:
        started_by_id: int

    class Meta:
        ordering = ["first_seq", "id"]

    def __str__(self) -> str:
        return f"from event {self.first_seq}: format {self.format}, key {self.key_id}"


register_append_only("inventory_ledgerspan")
