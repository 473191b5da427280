"""The client book's forms: they check the shape of input; the services decide the rules."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing

from parure.clients.choices import (
    AddressKind,
    Category,
    Channel,
    ClientKind,
    Colour,
    Confidentiality,
    EmailTemplate,
    IdentityDocument,
    InquiryCategory,
    InquiryChannel,
    InteractionKind,
    KycStatus,
    Period,
    Recurrence,
    RelationshipKind,
    RingSizeSystem,
    Stone,
    TaxForm,
)
from parure.clients.limits import ADDRESS_LINES_MAX, MESSAGE_MAX, NOTES_MAX, PRIVATE_NOTE_MAX
from parure.core.choices import Role
from parure.core.errors import DomainError
from parure.core.models import Office, Staff

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def show_refusal(form: forms.BaseForm, error: DomainError[Any], *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's refusal beside the field it names (or above the form)."""
    field = (aliases or {}).get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, error.message)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def specialists() -> Any:
    return (
        Staff.objects.filter(is_active=True, role__in=[Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT])
        .select_related("office")
        .order_by("office__name", "last_name")
    )


class SpecialistChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} · {obj.office.code if obj.office else ''} · {obj.role_label}"


class SearchForm(forms.Form):
    q = forms.CharField(label="Name, e-mail, phone or client number", required=False, max_length=100)
    tag = forms.CharField(label="Tag", required=False, max_length=60)


class ClientForm(forms.Form):
    kind = forms.ChoiceField(choices=ClientKind.choices, initial=ClientKind.PERSON)
    title = forms.CharField(required=False, max_length=60, help_text="Mrs, Dr, Lady, Count…")
    given_name = forms.CharField(required=False, max_length=100)
    family_name = forms.CharField(required=False, max_length=100)
    organisation_name = forms.CharField(required=False, max_length=200, label="Organisation")
    display_name = forms.CharField(
        required=False, max_length=200, help_text="As the house files them; left empty, made from the names."
    )
    name_latin = forms.CharField(required=False, max_length=200, label="Name in Latin letters")
    honorific_suffix = forms.CharField(required=False, max_length=60, label="After the name", help_text="OBE, Jr.…")
    preferred_salutation = forms.CharField(required=False, max_length=200, help_text="e.g. Dear Eleanor")
    formal_salutation = forms.CharField(required=False, max_length=200, help_text="e.g. Dear Lady Whitcombe")
    emails = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="E-mail addresses",
        help_text="One a line; the first is the main one.",
    )  # fmt: skip
    phones = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Phone numbers",
        help_text="One a line, in any format; with the country code when abroad.",
    )  # fmt: skip
    country = forms.CharField(required=False, max_length=2, help_text="Two letters: GB, CH, HK…")
    preferred_language = forms.CharField(required=False, max_length=16, help_text="en, fr, zh-Hant…")
    preferred_channel = forms.ChoiceField(required=False, choices=[("", "—"), *Channel.choices])
    birthday = forms.DateField(required=False, widget=DATE)
    anniversary = forms.DateField(required=False, widget=DATE)
    specialists = SpecialistChoice(queryset=specialists(), required=False, help_text="Who looks after them.")
    tags = forms.CharField(required=False, help_text="Separated by commas.")
    confidentiality = forms.ChoiceField(choices=Confidentiality.choices, initial=Confidentiality.STANDARD)
    private_note = forms.CharField(
        required=False, max_length=PRIVATE_NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by the client's specialists and senior specialists.",
    )  # fmt: skip
    not_a_duplicate = forms.BooleanField(required=False, label="This is a different person from the files above")

    def __init__(self, *args: Any, show_private_note: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["specialists"].queryset = specialists()  # type: ignore[attr-defined]
        if not show_private_note:
            del self.fields["private_note"]


class AddressForm(forms.Form):
    kind = forms.ChoiceField(choices=AddressKind.choices, required=False)
    lines = forms.CharField(
        required=False, max_length=ADDRESS_LINES_MAX, widget=forms.Textarea(attrs={"rows": 2}), label="Street"
    )
    city = forms.CharField(required=False, max_length=100)
    postcode = forms.CharField(required=False, max_length=20)
    region = forms.CharField(required=False, max_length=100, label="Region or state")
    country = forms.CharField(required=False, max_length=2)


AddressFormSet = forms.formset_factory(AddressForm, extra=1, max_num=10)


class WantForm(forms.Form):
    description = forms.CharField(required=False, max_length=200, help_text="In your words.")
    categories = forms.MultipleChoiceField(
        choices=Category.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    stones = forms.MultipleChoiceField(choices=Stone.choices, required=False, widget=forms.CheckboxSelectMultiple)
    colours = forms.MultipleChoiceField(choices=Colour.choices, required=False, widget=forms.CheckboxSelectMultiple)
    makers = forms.CharField(required=False, help_text="Separated by commas: Cartier, Van Cleef & Arpels")
    periods = forms.MultipleChoiceField(choices=Period.choices, required=False, widget=forms.CheckboxSelectMultiple)
    currency = forms.CharField(required=False, max_length=3)
    price_min = forms.DecimalField(required=False, min_value=0, decimal_places=2, label="From")
    price_max = forms.DecimalField(required=False, min_value=0, decimal_places=2, label="Up to")
    ring_size = forms.CharField(required=False, max_length=10)
    ring_size_system = forms.ChoiceField(choices=RingSizeSystem.choices, initial=RingSizeSystem.US, label="Size system")


class PieceForm(forms.Form):
    """Describe a piece to see who wants it (until inventory's piece pages call matching)."""

    category = forms.ChoiceField(choices=Category.choices)
    stones = forms.MultipleChoiceField(choices=Stone.choices, required=False, widget=forms.CheckboxSelectMultiple)
    colours = forms.MultipleChoiceField(choices=Colour.choices, required=False, widget=forms.CheckboxSelectMultiple)
    maker = forms.CharField(required=False, max_length=100)
    period = forms.ChoiceField(choices=[("", "—"), *Period.choices], required=False)
    price = forms.DecimalField(required=False, min_value=0, decimal_places=2, label="Low estimate")
    currency = forms.CharField(required=False, max_length=3)
    ring_size = forms.CharField(required=False, max_length=10)
    ring_size_system = forms.ChoiceField(choices=RingSizeSystem.choices, initial=RingSizeSystem.US, label="Size system")


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(choices=[c for c in InteractionKind.choices if c[0] != InteractionKind.SYSTEM])
    subject = forms.CharField(required=False, max_length=200)
    body = forms.CharField(
        required=False, max_length=NOTES_MAX, widget=forms.Textarea(attrs={"rows": 4}), label="What was said or done"
    )
    occurred_at = forms.DateTimeField(required=False, widget=DATETIME, label="When", help_text="Empty: now.")
    stock_number = forms.CharField(required=False, max_length=20, label="About piece")


class EmailForm(forms.Form):
    template = forms.ChoiceField(choices=EmailTemplate.choices, label="E-mail")
    stock_numbers = forms.CharField(required=False, label="Pieces (stock numbers)", help_text="For an offer.")
    when = forms.CharField(required=False, max_length=100, label="Date of the viewing", help_text="For an invitation.")
    message = forms.CharField(
        required=False, max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4}), label="Your own words"
    )


class KycForm(forms.Form):
    status = forms.ChoiceField(choices=[c for c in KycStatus.choices if c[0] != KycStatus.EXPIRED])
    document = forms.ChoiceField(choices=[("", "—"), *IdentityDocument.choices], required=False, label="Document seen")
    document_expires_on = forms.DateField(required=False, widget=DATE, label="Document expires")
    verified_on = forms.DateField(required=False, widget=DATE)
    proof_of_address_on = forms.DateField(required=False, widget=DATE, label="Proof of address dated")
    tax_form = forms.ChoiceField(choices=[("", "—"), *TaxForm.choices], required=False, label="Tax form on file")
    tax_form_received_on = forms.DateField(required=False, widget=DATE, label="Tax form received")
    payout_name = forms.CharField(required=False, max_length=70, label="Payout account holder")
    payout_iban = forms.CharField(required=False, max_length=42, label="Payout IBAN")
    payout_bic = forms.CharField(required=False, max_length=14, label="Payout BIC")

    KYC_FIELDS = ("status", "document", "document_expires_on", "verified_on", "proof_of_address_on")
    TAX_FIELDS = ("tax_form", "tax_form_received_on")
    PAYOUT_FIELDS = ("payout_name", "payout_iban", "payout_bic")


class OwnerForm(forms.Form):
    name = forms.CharField(max_length=200)
    ownership_percent = forms.DecimalField(required=False, max_digits=5, decimal_places=2, label="Ownership %")
    country = forms.CharField(required=False, max_length=2)


class ConsentForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices)
    granted = forms.TypedChoiceField(
        choices=[("yes", "Agrees"), ("no", "Does not agree")], coerce=lambda v: v == "yes", label="Marketing"
    )
    source = forms.CharField(required=False, max_length=200, help_text="Signed form, e-mail of a date…")


class RelationshipForm(forms.Form):
    related = forms.CharField(max_length=16, label="Related client number", help_text="e.g. C-000412-3")
    kind = forms.ChoiceField(choices=RelationshipKind.choices, label="Who they are to this client")
    note = forms.CharField(required=False, max_length=200)


class MergeForm(forms.Form):
    absorb = forms.CharField(max_length=16, label="Merge this file into the one above", help_text="Its client number.")
    confirm = forms.BooleanField(label="I have checked both files are the same client")


class EraseForm(forms.Form):
    reason = forms.CharField(max_length=200, help_text="The request's date and reference.")
    confirm_number = forms.CharField(max_length=16, label="Type the client number to confirm")


class AppointmentForm(forms.Form):
    client = forms.CharField(max_length=16, label="Client number")
    day = forms.DateField(widget=DATE)
    starts = forms.TimeField(widget=TIME, label="From")
    ends = forms.TimeField(widget=TIME, label="Until")
    room: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Office.objects.none(), required=False, empty_label="— off-site —"
    )
    off_site = forms.CharField(required=False, max_length=200, label="Or off-site at")
    staff = SpecialistChoice(queryset=specialists(), widget=forms.CheckboxSelectMultiple)
    purpose = forms.CharField(required=False, max_length=200)
    pieces = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Pieces to show",
        help_text="Stock numbers, one a line (scan them).",
    )  # fmt: skip

    def __init__(self, *args: Any, office: Office | None = None, **kwargs: Any) -> None:
        from parure.clients.models import Room

        super().__init__(*args, **kwargs)
        rooms = Room.objects.filter(is_active=True).select_related("office")
        if office is not None:
            rooms = rooms.filter(office=office)
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]
        people = specialists()
        if office is not None:
            people = people.filter(office=office)
        self.fields["staff"].queryset = people  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("yes", "The client came"), ("no", "The client did not come")], coerce=lambda v: v == "yes",
        widget=forms.RadioSelect, initial="yes", label="Attendance",
    )  # fmt: skip
    interest_shown = forms.CharField(required=False, max_length=NOTES_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    pieces_tried = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, choices=[])
    next_step = forms.CharField(required=False, max_length=200)
    follow_up_on = forms.DateField(required=False, widget=DATE, label="Follow up on")

    def __init__(self, *args: Any, pieces: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pieces_tried"].choices = [(n, n) for n in pieces or []]  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    title = forms.CharField(max_length=200, label="What to do")
    due_on = forms.DateField(widget=DATE)
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=Staff.objects.none(), label="For")
    client = forms.CharField(required=False, max_length=16, label="Client number")
    stock_number = forms.CharField(required=False, max_length=20, label="Piece")
    recurrence = forms.ChoiceField(choices=Recurrence.choices, required=False, label="Repeats")
    notes = forms.CharField(required=False, max_length=NOTES_MAX, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = specialists()  # type: ignore[attr-defined]


class InquiryForm(forms.Form):
    channel = forms.ChoiceField(choices=InquiryChannel.choices, initial=InquiryChannel.PHONE)
    category = forms.ChoiceField(choices=InquiryCategory.choices, label="About")
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"))
    name = forms.CharField(max_length=200)
    email = forms.CharField(required=False, max_length=254, label="E-mail")
    phone = forms.CharField(required=False, max_length=40)
    message = forms.CharField(max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 5}))


class PublicInquiryForm(forms.Form):
    """The public form: a honeypot field people do not see and a signed time the form was shown."""

    name = forms.CharField(max_length=200, label="Your name")
    email = forms.CharField(required=False, max_length=254, label="E-mail")
    phone = forms.CharField(required=False, max_length=40, label="Telephone")
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"), label="Nearest office", empty_label=None)
    category = forms.ChoiceField(choices=InquiryCategory.choices, label="Your question is about")
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=MESSAGE_MAX, label="Your message")
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)
    shown = forms.CharField(widget=forms.HiddenInput)

    SALT = "parure.clients.public-inquiry"

    @classmethod
    def stamp(cls) -> str:
        return signing.Signer(salt=cls.SALT).sign(f"{time.time():.3f}")


class AnswerForm(forms.Form):
    note = forms.CharField(
        max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 3}), label="How it was answered"
    )
    close = forms.BooleanField(required=False, label="Nothing more to do: close it")


class AssignForm(forms.Form):
    assigned_to: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=Staff.objects.none(), label="Assign to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = specialists()  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    # Not required here: the page says why a file is missing (none chosen, or refused unread for its size).
    file = forms.FileField(
        required=False, help_text="Excel (.xlsx) or CSV, first row naming the columns; at most 5 MB and 100,000 rows."
    )
    specialist: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Staff.objects.none(), label="Assign the clients to"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = specialists()  # type: ignore[attr-defined]
