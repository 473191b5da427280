"""The client book's records.

``Client`` is the file on one person or organisation; around it hang contact details,
relationships, compliance (KYC, beneficial owners, consents), wants, appointments, follow-ups,
the interaction timeline and inquiries. Invariants of one row live here; every write that spans
rows is in ``services``. ``Client.search_text`` is a derived, folded column (see
``parure.clients.normalise.fold``) kept up to date by the services.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from typing import ClassVar

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from parure.clients.choices import (
    AddressKind,
    AppointmentStatus,
    Channel,
    ClientKind,
    Confidentiality,
    IdentityDocument,
    ImportStatus,
    InquiryCategory,
    InquiryChannel,
    InquiryStatus,
    InteractionKind,
    KycStatus,
    PhoneKind,
    Recurrence,
    RelationshipKind,
    TaxForm,
)
from parure.clients.fields import KeyListField
from parure.core.models import Office, validate_currency


def validate_language(value: str) -> None:
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise ValidationError(f"‘{value}’ is not a language code such as en, fr or zh-Hant.") from None


def validate_country(value: str) -> None:
    if value and (len(value) != 2 or not value.isalpha() or not value.isupper()):
        raise ValidationError(f"‘{value}’ is not a two-letter country code such as GB or CH.")


class Tag(models.Model):
    """A segment or label on client files ("Art Deco collector", "Trade", "VIP viewing list")."""

    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClientQuerySet(models.QuerySet["Client"]):
    def current(self) -> ClientQuerySet:
        """Files in use: not merged into another file."""
        return self.filter(merged_into__isnull=True)


class Client(models.Model):
    """A person or an organisation the house deals with: consignor, buyer, prospect."""

    number = models.CharField(max_length=16, unique=True, help_text="Client number with check digit, e.g. C-000412-3.")
    kind = models.CharField(max_length=16, choices=ClientKind.choices, default=ClientKind.PERSON)
    # Names as the client writes them, in any script; display_name is how the house files them.
    display_name = models.CharField(max_length=200)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    # The primary e-mail address (mirrors the primary ClientEmail row).
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    title = models.CharField(max_length=60, blank=True, help_text="Mrs, Dr, Lady, Count, Sheikha…")
    honorific_suffix = models.CharField(max_length=60, blank=True, help_text="OBE, Jr., KC…")
    name_latin = models.CharField(
        max_length=200, blank=True, help_text="The name in Latin letters, when it is written in another script."
    )
    preferred_salutation = models.CharField(max_length=200, blank=True, help_text="e.g. Dear Eleanor")
    formal_salutation = models.CharField(max_length=200, blank=True, help_text="e.g. Dear Lady Whitcombe")
    preferred_language = models.CharField(max_length=16, blank=True, validators=[validate_language])
    preferred_channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    birthday = models.DateField(null=True, blank=True)
    anniversary = models.DateField(null=True, blank=True)

    specialists = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="clients_looked_after", blank=True, help_text="Who looks after them."
    )
    tags = models.ManyToManyField(Tag, related_name="clients", blank=True)
    # Seen only by the assigned specialists and senior specialists.
    private_note = models.TextField(blank=True)
    confidentiality = models.CharField(max_length=16, choices=Confidentiality.choices, default=Confidentiality.STANDARD)

    kyc_status = models.CharField(max_length=16, choices=KycStatus.choices, default=KycStatus.NOT_STARTED)
    kyc_document = models.CharField(max_length=32, choices=IdentityDocument.choices, blank=True)
    kyc_document_expires_on = models.DateField(null=True, blank=True)
    kyc_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kyc_verified_on = models.DateField(null=True, blank=True)
    kyc_proof_of_address_on = models.DateField(null=True, blank=True)
    # Before a consignor is paid: their tax form, and the account the house pays them into.
    tax_form = models.CharField(max_length=8, choices=TaxForm.choices, blank=True)
    tax_form_received_on = models.DateField(null=True, blank=True)
    payout_name = models.CharField(max_length=70, blank=True, help_text="The account holder's name.")
    payout_iban = models.CharField(max_length=34, blank=True)
    payout_bic = models.CharField(max_length=11, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="absorbed_files"
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Folded names, e-mails, phone digits and the number (normalise.fold): what search reads.
    search_text = models.TextField(blank=True, editable=False)

    objects: ClassVar[ClientQuerySet] = ClientQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["display_name"]
        permissions = [
            ("view_all_clients", "May see every client file, not only those of the specialists supported"),
        ]
        indexes = [
            models.Index(fields=["created_at"], name="client_created_idx"),
            # The book lists files by name, a page at a time.
            models.Index(fields=["display_name", "id"], name="client_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.number})"

    @property
    def pseudonym(self) -> str:
        """What someone who may not see the client's identity reads instead of the name."""
        return f"Client {self.number}"

    @property
    def is_confidential(self) -> bool:
        return self.confidentiality == Confidentiality.CONFIDENTIAL

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def kyc_effective_status(self, today: date | None = None) -> KycStatus:
        """Verified KYC whose document has expired reads as expired."""
        today = today or timezone.localdate()
        if (
            self.kyc_status == KycStatus.VERIFIED
            and self.kyc_document_expires_on is not None
            and self.kyc_document_expires_on < today
        ):
            return KycStatus.EXPIRED
        return KycStatus(self.kyc_status)


class ClientEmail(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField()
    label = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "address"], name="client_email_once_per_client"),
            models.UniqueConstraint(fields=["client"], condition=Q(is_primary=True), name="client_email_one_primary"),
        ]
        indexes = [models.Index(fields=["address"], name="client_email_address_idx")]

    def __str__(self) -> str:
        return self.address


class ClientPhone(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="phones")
    e164 = models.CharField(max_length=20, help_text="E.164, e.g. +442079460000")
    kind = models.CharField(max_length=16, choices=PhoneKind.choices, default=PhoneKind.MOBILE)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["client", "e164"], name="client_phone_once_per_client"),
            models.CheckConstraint(condition=Q(e164__regex=r"^\+[1-9][0-9]{6,14}$"), name="client_phone_is_e164"),
        ]
        indexes = [models.Index(fields=["e164"], name="client_phone_e164_idx")]

    def __str__(self) -> str:
        from parure.clients.normalise import phone_display

        return phone_display(self.e164)


class ClientAddress(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=16, choices=AddressKind.choices, default=AddressKind.HOME)
    lines = models.TextField(help_text="Street lines as the post expects them.")
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, validators=[validate_country])
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        verbose_name_plural = "client addresses"

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.lines.replace("\n", ", "), self.postcode, self.city, self.country) if part
        )


class ClientRelationship(models.Model):
    """``related`` is ``kind`` to ``client``: e.g. related is the agent acting for client."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="relationships")
    related = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="related_to")
    kind = models.CharField(max_length=16, choices=RelationshipKind.choices)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "related", "kind"], name="client_relationship_once"),
            models.CheckConstraint(condition=~Q(client=models.F("related")), name="client_relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.related.number} {self.get_kind_display()} of {self.client.number}"


class BeneficialOwner(models.Model):
    """A person who ultimately owns or controls an organisation client (KYC)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="beneficial_owners")
    name = models.CharField(max_length=200)
    ownership_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    verified_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-ownership_percent", "name"]

    def __str__(self) -> str:
        return self.name


class Consent(models.Model):
    """Consent to marketing on one channel, as given or withdrawn at a time (history kept)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    granted = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    source = models.CharField(max_length=200, blank=True, help_text="Where it was given: signed form, e-mail…")

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel}: {'yes' if self.granted else 'no'}"


class Want(models.Model):
    """What a client is looking for. An empty list means "any"; see ``parure.clients.matching``."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="wants")
    description = models.CharField(max_length=200, blank=True, help_text="In the specialist's words.")
    categories = KeyListField()
    stones = KeyListField()
    colours = KeyListField()
    makers = KeyListField()
    periods = KeyListField()
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    price_min = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    price_max = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Inner circumference in mm (ISO 8653); shown in the office's own system.
    ring_size_mm = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=models.F("price_max")),
                name="want_price_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(price_min__isnull=True) & Q(price_max__isnull=True)) | ~Q(currency=""),
                name="want_price_has_currency",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "client"], name="want_active_client_idx")]

    def __str__(self) -> str:
        return self.description or f"Want {self.pk}"

    def criteria(self) -> list[tuple[str, str]]:
        """The want's criteria in words, for pages: [("Stones", "Sapphire, Ruby"), ...]."""
        from parure.clients.choices import Category, Colour, Period, Stone

        def labels(keys: list[str], vocabulary: type[models.TextChoices]) -> str:
            known = dict(vocabulary.choices)
            return ", ".join(str(known.get(key, key)) for key in keys)

        rows = [
            ("Category", labels(self.categories, Category)),
            ("Stones", labels(self.stones, Stone)),
            ("Colours", labels(self.colours, Colour)),
            ("Makers", ", ".join(key.replace("-", " ").title() for key in self.makers)),
            ("Periods", labels(self.periods, Period)),
        ]
        if self.price_min is not None or self.price_max is not None:
            low = f"{self.price_min:,.0f}" if self.price_min is not None else "…"
            high = f"{self.price_max:,.0f}" if self.price_max is not None else "…"
            rows.append(("Price", f"{self.currency} {low} – {high}"))
        if self.ring_size_mm is not None:
            from parure.clients.normalise import ring_size_from_mm

            rows.append(
                ("Ring size", f"US {ring_size_from_mm(self.ring_size_mm, 'us')} · UK "
                 f"{ring_size_from_mm(self.ring_size_mm, 'uk')} · {self.ring_size_mm} mm")
            )  # fmt: skip
        return [(name, text) for name, text in rows if text]


class Room(models.Model):
    """A viewing room in an office, where appointments are held."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="viewing_rooms")
    name = models.CharField(max_length=60)
    capacity = models.PositiveSmallIntegerField(default=4, validators=[MinValueValidator(1)])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["office__name", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="room_name_once_per_office")]

    def __str__(self) -> str:
        return f"{self.name} ({self.office.code})"


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def active(self) -> AppointmentQuerySet:
        return self.exclude(status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW])

    def overlapping(self, starts_at: object, ends_at: object) -> AppointmentQuerySet:
        return self.active().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Appointment(models.Model):
    """A client's appointment with staff, in a viewing room or off-site, with pieces to show."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, blank=True, related_name="appointments")
    off_site = models.CharField(max_length=200, blank=True, help_text="Where, when not in a viewing room.")
    purpose = models.CharField(max_length=200, blank=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="client_appointments")
    status = models.CharField(max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The outcome, logged afterwards.
    interest_shown = models.TextField(blank=True)
    next_step = models.CharField(max_length=200, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[AppointmentQuerySet] = AppointmentQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"),
            models.CheckConstraint(condition=Q(room__isnull=False) | ~Q(off_site=""), name="appointment_has_a_place"),
        ]
        indexes = [
            models.Index(fields=["office", "starts_at"], name="appointment_office_start_idx"),
            models.Index(fields=["starts_at", "ends_at"], name="appointment_span_idx"),
        ]

    def __str__(self) -> str:
        return f"Appointment {self.pk} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def custody_cause(self) -> str:
        """The record reference the custody ledger keeps as the cause of this viewing's events."""
        return f"appointment:{self.pk}"

    @property
    def place(self) -> str:
        return self.room.name if self.room_id and self.room else self.off_site


class AppointmentPiece(models.Model):
    """A piece to show at an appointment, by stock number; reserved for the appointment's time."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="pieces")
    stock_number = models.CharField(max_length=20)
    tried = models.BooleanField(default=False, help_text="Tried on or handled at the appointment.")

    class Meta:
        ordering = ["stock_number"]
        constraints = [
            models.UniqueConstraint(fields=["appointment", "stock_number"], name="appointment_piece_once"),
        ]
        indexes = [models.Index(fields=["stock_number"], name="appointment_piece_stock_idx")]

    def __str__(self) -> str:
        return self.stock_number


class FollowUp(models.Model):
    """A task for one member of staff, about a client and/or a piece; may recur."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="client_follow_ups")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    client = models.ForeignKey(Client, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups")
    stock_number = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices, blank=True, default=Recurrence.NONE)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # For follow-ups the reminders job makes ("kyc:C-000412-3:2027-01-31"): made once only.
    source_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"], name="follow_up_owner_due_idx")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date | None = None) -> bool:
        return self.done_at is None and self.due_on < (today or timezone.localdate())


class Interaction(models.Model):
    """One entry on a client's timeline: a call, an e-mail sent, a meeting, a note."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(max_length=16, choices=InteractionKind.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    template = models.CharField(max_length=32, blank=True)
    sent_to = models.EmailField(blank=True)
    appointment = models.ForeignKey(Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    stock_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["client", "-occurred_at"], name="interaction_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class Inquiry(models.Model):
    """An incoming question (web form, e-mail, call), routed to a specialist with a target time."""

    number = models.CharField(max_length=16, unique=True)
    received_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=16, choices=InquiryChannel.choices)
    category = models.CharField(max_length=16, choices=InquiryCategory.choices)
    status = models.CharField(max_length=16, choices=InquiryStatus.choices, default=InquiryStatus.NEW)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164")
    message = models.TextField()
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, null=True, blank=True, related_name="inquiries")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="client_inquiries"
    )
    respond_by = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["respond_by", "id"]
        verbose_name_plural = "inquiries"
        indexes = [models.Index(fields=["status", "respond_by"], name="inquiry_queue_idx")]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in (InquiryStatus.NEW, InquiryStatus.ASSIGNED)

    def is_late(self, now: object = None) -> bool:
        return self.is_open and self.respond_by < (now or timezone.now())  # type: ignore[operator]


class ClientImport(models.Model):
    """An uploaded client list, parsed and previewed; saved all-or-nothing (or good rows only)."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=200)
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # [{"line": 2, "values": {...}, "errors": {"email": ["..."]}}, ...]
    rows = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    saved_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"Import {self.pk}"

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.get("errors"))


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A secret, revocable ICS link to one member of staff's appointments (digest stored only)."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[CalendarFeedQuerySet] = CalendarFeedQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed {self.pk}"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)
