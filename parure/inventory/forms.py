"""The inventory's forms: they read and check what was typed; services decide what may happen."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

from babel.numbers import list_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from parure.core.models import Office, Staff
from parure.core.money import Money
from parure.inventory import queries
from parure.inventory.choices import (
    CHECK_OUT_TYPES,
    CommissionBasis,
    CommissionScope,
    EventKind,
    InsuranceBasis,
    ItemCategory,
    ItemStatus,
    LocationKind,
    LocationType,
    ReservePolicy,
    UnsoldFeeBasis,
    UnsoldInstruction,
)
from parure.inventory.due_back import DueBackUnreadable, parse_due_back
from parure.inventory.errors import InventoryError
from parure.inventory.limits import (
    AMENDMENT_REASON_MAX,
    CAUSE_MAX,
    CLIENT_NUMBER_MAX,
    COUNTERPART_MAX,
    DESCRIPTION_MAX,
    NOTES_MAX,
    REASON_MAX,
    TRACKING_NUMBER_MAX,
)
from parure.inventory.models import CustodySettings, Item, LabelProfile, Location
from parure.inventory.parsing import format_stones, parse_parts, parse_stones
from parure.inventory.services.intake import SHEET_FIELDS, PieceDraft, StoneDraft, Terms

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
DATETIME_TEXT = "%Y-%m-%d %H:%M"
DATETIME_FORMATS = [DATETIME_TEXT, DATETIME_LOCAL, "%Y-%m-%d %H:%M:%S"]


class PlaceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        """The place's name, indented by depth, with its kind unless the name says it already."""
        place: Location = obj
        indent = "\u2003" * place.depth
        kind = LocationType(place.type).label
        suffix = "" if place.kind == LocationKind.STORAGE or kind.lower() in place.name.lower() else f" · {kind}"
        return f"{indent}{place.name}{suffix}"


class DateTimeLocalInput(forms.DateTimeInput):
    """A date and time typed as text (2026-11-27 17:00).

    A browser's date-time picker makes Tab walk through its six parts; at the counter the
    due-back time is usually left as offered, so one Tab must pass it.
    """

    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        attrs = {
            "placeholder": "YYYY-MM-DD HH:MM",
            "autocomplete": "off",
            "spellcheck": "false",
            **kwargs.pop("attrs", {}),
        }
        super().__init__(format=DATETIME_TEXT, attrs=attrs, **kwargs)


class DueBackInput(forms.TextInput):
    """The due-back time typed as said ("tomorrow 17:00") with the browser's picker beside it.

    The picker (``<name>_picker``) is left empty; a value picked there wins over the text, and
    parure's script copies it into the text box as it is picked (and clears it when the text is
    typed), so without JavaScript either works. The picker is out of the Tab order: its six parts
    would make Tab stop six times where the counter usually leaves the offered time.
    """

    template_name = "inventory/widgets/due_back.html"

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"autocomplete": "off", "spellcheck": "false", "placeholder": "tomorrow 17:00"}
        attrs.update(kwargs.pop("attrs", {}))
        super().__init__(attrs=attrs, **kwargs)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            # Already in the office's zone: the field reads and the form offers times there.
            return value.strftime(DATETIME_TEXT)
        formatted: str | None = super().format_value(value)
        return formatted

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        picked = data.get(f"{name}_picker", "")
        return picked if picked else data.get(name)


class DueBackField(forms.Field):
    """A due-back time read by ``parse_due_back`` in the office's time zone (``zone``)."""

    widget = DueBackInput
    default_error_messages = {"required": "Enter the due-back date and time."}

    def __init__(self, *, zone: ZoneInfo | None = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", "In your office's time: tomorrow 17:00, friday 10:00, in 2 days or 2026-12-02 17:00."
        )
        super().__init__(**kwargs)
        self.zone = zone

    def to_python(self, value: Any) -> datetime | None:
        if isinstance(value, datetime):
            return value
        if value in self.empty_values:
            return None
        zone = self.zone or ZoneInfo(timezone.get_current_timezone_name())
        try:
            return parse_due_back(str(value), now=timezone.now(), zone=zone)
        except DueBackUnreadable as unreadable:
            raise ValidationError(unreadable.message, code="invalid") from None


def office_zone(office: Office) -> ZoneInfo:
    return ZoneInfo(office.time_zone)


def apply_refusal(form: forms.BaseForm, refusal: InventoryError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    name = refusal.field.split(".")[-1] if refusal.field else None
    form.add_error(name if name in form.fields else None, refusal.message)


# --- Lists ---------------------------------------------------------------------------------------


class ItemFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Stock number or words")
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"), required=False, empty_label="All offices")
    status = forms.ChoiceField(choices=[("", "Any status"), *ItemStatus.choices], required=False)
    category = forms.ChoiceField(choices=[("", "Any category"), *ItemCategory.choices], required=False)
    location = forms.IntegerField(required=False, widget=forms.HiddenInput)
    consignment = forms.CharField(required=False, label="Consignment number")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            self.chosen = queries.item_filters(
                office=data.get("office"),
                location_id=data.get("location"),
                status=data.get("status") or "",
                category=data.get("category") or "",
                consignment=data.get("consignment") or "",
                text=data.get("q") or "",
            )
        except InventoryError as refusal:
            self.add_error(refusal.field if refusal.field in self.fields else None, refusal.message)
        return data

    def filters(self) -> queries.ItemFilters | None:
        """The filters chosen, or None when one of them was refused (the list then shows nothing)."""
        if not self.is_valid():
            return None
        return self.chosen


# --- Custody actions -----------------------------------------------------------------------------


class WitnessFields(forms.Form):
    """A second member of staff types their own credentials (four eyes)."""

    witness_username = forms.CharField(required=False, label="Witness's username")
    witness_password = forms.CharField(
        required=False,
        label="Witness's password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )
    witness_otp = forms.CharField(
        required=False,
        label="Witness's authenticator code",
        max_length=8,
        help_text="Only if the witness uses two-factor sign-in.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def has_witness(self) -> bool:
        return bool(self.cleaned_data.get("witness_username"))


class CustodyForm(WitnessFields):
    expected_seq = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=REASON_MAX, label="Reason (optional)")

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["expected_seq"].initial = item.custody_seq


def _places(office: Office, kinds: tuple[str, ...], exclude: int | None = None) -> Any:
    rows = queries.places_for(office, kinds)
    return rows.exclude(pk=exclude) if exclude else rows


IN_HOUSE = (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY)


class MoveForm(CustodyForm):
    to = PlaceChoiceField(queryset=Location.objects.none(), label="Move to")

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.fields["to"].queryset = _places(item.location.office, IN_HOUSE, item.location_id)  # type: ignore[attr-defined]
        self.order_fields(["to", "reason"])


class CheckOutForm(CustodyForm):
    to = PlaceChoiceField(queryset=Location.objects.none(), label="Check out to")
    due_back = DueBackField(label="Due back")
    counterpart = forms.CharField(
        required=False,
        max_length=COUNTERPART_MAX,
        label="Taken by",
        help_text="The photographer, vendor or client, if not the house.",
    )
    client_number = forms.CharField(required=False, max_length=CLIENT_NUMBER_MAX, label="Client number (on approval)")
    cause = forms.CharField(
        required=False, max_length=CAUSE_MAX, label="Record (optional)", help_text="e.g. repair:NY-R-26-0042"
    )

    def __init__(self, *args: Any, item: Item, viewer: Staff, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.viewer = viewer
        places = queries.places_for(
            item.location.office, (LocationKind.WORK, LocationKind.DISPLAY, LocationKind.EXTERNAL)
        ).filter(type__in=sorted(CHECK_OUT_TYPES))
        self.fields["to"].queryset = places.exclude(pk=item.location_id)  # type: ignore[attr-defined]
        cast(DueBackField, self.fields["due_back"]).zone = office_zone(item.location.office)
        # Tomorrow at five in the afternoon: what the counter usually agrees.
        office_now = timezone.localtime(timezone=office_zone(item.location.office))
        self.fields["due_back"].initial = (office_now + timedelta(days=1)).replace(
            hour=17, minute=0, second=0, microsecond=0
        )
        self.order_fields(["to", "due_back", "counterpart", "client_number", "reason", "cause"])

    def clean_client_number(self) -> Any:
        number = self.cleaned_data.get("client_number", "").strip()
        if not number:
            return None
        try:
            client = queries.client_by_number(number, viewer=self.viewer)
        except InventoryError as refusal:
            raise ValidationError(refusal.message) from None
        if client is None:
            raise ValidationError(f"No client file you may see has the number {number}.")
        return client


class ReturnForm(CustodyForm):
    to = PlaceChoiceField(queryset=Location.objects.none(), label="Return to")

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.fields["to"].queryset = _places(item.location.office, IN_HOUSE, item.location_id)  # type: ignore[attr-defined]
        self.fields["to"].initial = item.checked_out_from_id
        self.order_fields(["to", "reason"])


class TransferForm(CustodyForm):
    destination = forms.ModelChoiceField(queryset=Office.objects.none(), label="To office")
    carrier = forms.CharField(max_length=COUNTERPART_MAX)
    tracking_number = forms.CharField(max_length=TRACKING_NUMBER_MAX)
    cause = forms.CharField(
        required=False, max_length=CAUSE_MAX, label="Record (optional)", help_text="e.g. shipment:…"
    )

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.fields["destination"].queryset = Office.objects.exclude(pk=item.location.office_id).order_by("name")  # type: ignore[attr-defined]
        self.order_fields(["destination", "carrier", "tracking_number", "reason", "cause"])


class ReceiveForm(CustodyForm):
    to = PlaceChoiceField(queryset=Location.objects.none(), label="Put it in")

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        office = item.transfer_destination or item.location.office
        self.fields["to"].queryset = _places(office, IN_HOUSE)  # type: ignore[attr-defined]
        self.order_fields(["to", "reason"])


class ReleaseForm(CustodyForm):
    cause = forms.CharField(
        max_length=CAUSE_MAX,
        label="Paperwork",
        help_text="The invoice, shipment or private sale it is released against, e.g. invoice:NY-I-26-00042-1.",
    )
    counterpart = forms.CharField(
        required=False, max_length=COUNTERPART_MAX, label="Handed to", help_text="The buyer or their shipper."
    )
    override = forms.BooleanField(
        required=False,
        label="Release before the invoice is paid in full (senior specialist)",
        help_text="Give the reason below; it goes on the ledger.",
    )

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.order_fields(["cause", "counterpart", "override", "reason"])


class CountAdjustForm(CustodyForm):
    found_at = PlaceChoiceField(queryset=Location.objects.none(), label="Found at")
    cause = forms.CharField(
        required=False, max_length=CAUSE_MAX, label="Count (optional)", help_text="e.g. count:NY-2026-03"
    )

    def __init__(self, *args: Any, item: Item, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.fields["found_at"].queryset = _places(office, IN_HOUSE, item.location_id)  # type: ignore[attr-defined]
        self.fields["reason"].required = True
        self.fields["reason"].label = "What the count found"
        self.order_fields(["found_at", "reason", "cause"])


class CorrectionForm(CustodyForm):
    to = PlaceChoiceField(queryset=Location.objects.none(), label="Where the piece really is")
    due_back = forms.DateTimeField(
        required=False,
        label="Due back (if it is checked out)",
        widget=DateTimeLocalInput(),
        input_formats=DATETIME_FORMATS,
    )
    counterpart = forms.CharField(required=False, max_length=COUNTERPART_MAX, label="Held by (if outside the house)")
    destination = forms.ModelChoiceField(
        queryset=Office.objects.order_by("name"), required=False, label="Going to (if in transit)"
    )

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.fields["to"].queryset = (  # type: ignore[attr-defined]
            Location.objects.select_related("office")
            .filter(is_active=True)
            .exclude(kind=LocationKind.TERMINAL)
            .order_by("office__code", "path")
        )
        self.fields["reason"].required = True
        self.fields["reason"].label = "What was wrong, and what is right"
        self.order_fields(["to", "due_back", "counterpart", "destination", "reason"])
        self.fields["to"].label_from_instance = lambda place: f"{place.office.code} · {place.name}"  # type: ignore[attr-defined]


class ReleasePrepareForm(forms.Form):
    pieces = forms.ModelMultipleChoiceField(
        queryset=Item.objects.none(), widget=forms.CheckboxSelectMultiple, label="Pieces going back"
    )
    collected_by = forms.CharField(
        max_length=COUNTERPART_MAX, label="Collected by", help_text="The consignor or their named agent."
    )
    identity_checked = forms.CharField(
        required=False, max_length=COUNTERPART_MAX, label="Identity seen", help_text="e.g. passport ending 4471."
    )

    def __init__(self, *args: Any, pieces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pieces"].queryset = pieces  # type: ignore[attr-defined]
        self.fields["pieces"].label_from_instance = lambda item: f"{item.stock_number} · {item.title}"  # type: ignore[attr-defined]


class ReleaseRecordForm(WitnessFields):
    signed = forms.BooleanField(
        required=False, label="The person collecting has signed the release receipt, and I have the signed copy."
    )


# --- Batch ---------------------------------------------------------------------------------------


class BatchAction:
    MOVE = "move"
    CHECK_OUT = "check_out"
    RETURN = "return"
    TRANSFER = "transfer"
    RECEIVE = "receive"
    CHOICES = [
        (MOVE, "Move to a place"),
        (CHECK_OUT, "Check out"),
        (RETURN, "Return from check-out"),
        (TRANSFER, "Transfer to another office"),
        (RECEIVE, "Receive a transfer"),
    ]
    PERMISSIONS = {
        MOVE: "inventory.move_item",
        CHECK_OUT: "inventory.check_out_item",
        RETURN: "inventory.return_item",
        TRANSFER: "inventory.transfer_item",
        RECEIVE: "inventory.transfer_item",
    }


class BatchForm(WitnessFields):
    action = forms.ChoiceField(choices=BatchAction.CHOICES, label="What to do")
    to = PlaceChoiceField(queryset=Location.objects.none(), required=False, label="Place")
    due_back = DueBackField(required=False, label="Due back")
    counterpart = forms.CharField(required=False, max_length=COUNTERPART_MAX, label="Taken by / carrier")
    destination = forms.ModelChoiceField(queryset=Office.objects.order_by("name"), required=False, label="To office")
    tracking_number = forms.CharField(required=False, max_length=TRACKING_NUMBER_MAX)
    reason = forms.CharField(required=False, max_length=REASON_MAX)

    def __init__(self, *args: Any, office: Office | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if office is not None:
            self.fields["to"].queryset = queries.places_for(  # type: ignore[attr-defined]
                office, (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY, LocationKind.EXTERNAL)
            )
            self.fields["destination"].queryset = Office.objects.exclude(pk=office.pk).order_by("name")  # type: ignore[attr-defined]
            cast(DueBackField, self.fields["due_back"]).zone = office_zone(office)
        self.order_fields(["action", "to", "due_back", "counterpart", "destination", "tracking_number", "reason"])


# --- Intake and description ------------------------------------------------------------------------


def _money_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        label=label,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


class PieceForm(forms.Form):
    """One row of the intake grid (and the description on a piece's edit page)."""

    category = forms.ChoiceField(choices=[("", "—"), *ItemCategory.choices])
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 1}))
    metal = forms.CharField(required=False, max_length=60)
    fineness = forms.CharField(required=False, max_length=20)
    gross_weight_g = forms.DecimalField(
        required=False, max_digits=9, decimal_places=2, min_value=Decimal("0.01"), label="Weight (g)"
    )
    stones = forms.CharField(
        required=False,
        max_length=500,
        help_text="e.g. 2 × diamond (round brilliant) 1.20 ct; sapphire (cushion) 3.05 ct",
    )
    parts = forms.CharField(
        required=False, max_length=500, label="Numbered parts", help_text="For a set: left earring; right earring"
    )
    stone_measurements = forms.CharField(
        required=False, max_length=120, label="Stone (mm)", help_text="e.g. 10.20 × 8.15 × 5.02"
    )
    date_or_circa = forms.CharField(required=False, max_length=60, label="Date or circa")
    maker = forms.CharField(required=False, max_length=120)
    signature = forms.CharField(required=False, max_length=200, label="Signed / inscribed")
    serial_number = forms.CharField(required=False, max_length=60, label="Serial no.")
    stated_value = _money_field("Stated value")
    estimate_low = _money_field("Estimate low")
    estimate_high = _money_field("Estimate high")
    insurance_value = _money_field("Insurance value")

    VALUE_FIELDS = ("stated_value", "insurance_value")

    def __init__(self, *args: Any, sees_values: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sees_values = sees_values
        if not sees_values:
            for name in self.VALUE_FIELDS:
                del self.fields[name]

    def clean_stones(self) -> tuple[StoneDraft, ...]:
        try:
            return parse_stones(self.cleaned_data.get("stones", ""))
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def clean_parts(self) -> tuple[str, ...]:
        try:
            return parse_parts(self.cleaned_data.get("parts", ""))
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("estimate_low"), data.get("estimate_high")
        if low is not None and high is not None and low > high:
            self.add_error("estimate_low", "The low estimate is above the high estimate.")
        return data

    def draft(self, keep: PieceDraft | None = None) -> PieceDraft:
        """The piece as typed; values the person may not see are kept from ``keep``."""
        data = self.cleaned_data
        return PieceDraft(
            category=data["category"],
            title=data["title"],
            description=data.get("description", ""),
            gross_weight_g=data.get("gross_weight_g"),
            metal=data.get("metal", ""),
            fineness=data.get("fineness", ""),
            stated_value=data["stated_value"] if self.sees_values else (keep.stated_value if keep else None),
            estimate_low=data.get("estimate_low"),
            estimate_high=data.get("estimate_high"),
            insurance_value=data["insurance_value"] if self.sees_values else (keep.insurance_value if keep else None),
            stones=data.get("stones", ()),
            components=data.get("parts", ()),
            **{name: data.get(name, "") for name in SHEET_FIELDS},
        )

    @staticmethod
    def initial_for(item: Item) -> dict[str, Any]:
        draft = PieceDraft.of(item)
        return {
            "category": draft.category,
            "title": draft.title,
            "description": draft.description,
            "metal": draft.metal,
            "fineness": draft.fineness,
            "gross_weight_g": draft.gross_weight_g,
            "stones": format_stones(draft.stones),
            "parts": "; ".join(draft.components),
            "stated_value": draft.stated_value,
            "estimate_low": draft.estimate_low,
            "estimate_high": draft.estimate_high,
            "insurance_value": draft.insurance_value,
            **{name: getattr(draft, name) for name in SHEET_FIELDS},
        }


class BasePieceFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, sees_values: bool = True, **kwargs: Any) -> None:
        self.sees_values = sees_values
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"sees_values": self.sees_values}

    @property
    def empty_form(self) -> Any:
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            sees_values=self.sees_values,
        )
        self.add_fields(form, None)
        return form

    def drafts(self) -> list[PieceDraft]:
        return [form.draft() for form in self.forms if form.has_changed() and form.cleaned_data]


PieceFormSet = cast(
    type[BasePieceFormSet],
    forms.formset_factory(PieceForm, formset=BasePieceFormSet, extra=0, min_num=1, max_num=200),
)


class TermsForm(forms.Form):
    commission_rate = forms.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, label="Commission %"
    )
    insurance_fee_rate = forms.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, initial=Decimal("1.00"), label="Insurance %"
    )
    photography_fee = forms.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, initial=Decimal("0.00"), label="Photography fee per piece"
    )
    unsold_fee_rate = forms.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, initial=Decimal("0.00"), label="Unsold fee %"
    )
    reserve_policy = forms.ChoiceField(choices=ReservePolicy.choices, initial=ReservePolicy.AT_LOW_ESTIMATE)
    unsold_instruction = forms.ChoiceField(
        choices=UnsoldInstruction.choices, initial=UnsoldInstruction.REOFFER, label="If unsold"
    )
    commission_basis = forms.ChoiceField(
        choices=CommissionBasis.choices, initial=CommissionBasis.FLAT, required=False, label="Commission basis"
    )
    commission_scope = forms.ChoiceField(
        choices=CommissionScope.choices, initial=CommissionScope.LOT, required=False, label="Commission reads"
    )
    commission_bands = forms.CharField(
        required=False,
        max_length=400,
        label="Commission bands",
        help_text="For sliding or tiered: a threshold and a percent per band, from 0 up, e.g. 0 25; 50000 20.",
    )
    minimum_commission = forms.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        initial=Decimal("0.00"),
        label="Minimum commission per lot",
    )
    performance_fee_rate = forms.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        initial=Decimal("0.00"),
        label="Performance fee % (above the high estimate)",
    )
    withdrawal_fee = forms.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        initial=Decimal("0.00"),
        label="Withdrawal fee per lot",
    )
    insurance_basis = forms.ChoiceField(
        choices=InsuranceBasis.choices, initial=InsuranceBasis.HAMMER, required=False, label="Insurance on"
    )
    unsold_fee_basis = forms.ChoiceField(
        choices=UnsoldFeeBasis.choices, initial=UnsoldFeeBasis.RESERVE, required=False, label="Unsold fee on"
    )
    notes = forms.CharField(
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Notes on the consignor and agreement",
    )

    #: Shown folded on the intake page (the usual consignment needs none of them).
    FURTHER_TERMS = (
        "commission_basis",
        "commission_scope",
        "commission_bands",
        "minimum_commission",
        "performance_fee_rate",
        "withdrawal_fee",
        "insurance_basis",
        "unsold_fee_basis",
    )

    @property
    def further_terms_open(self) -> bool:
        """Open when one of the further terms has an error or differs from its default."""
        for name in self.FURTHER_TERMS:
            field = self[name]
            if field.errors:
                return True
            value, initial = field.value(), self.fields[name].initial
            if value not in (None, "") and str(value) != str(initial if initial is not None else ""):
                return True
        return False

    def clean_commission_bands(self) -> tuple[tuple[Decimal, Decimal], ...]:
        return parse_bands(self.cleaned_data.get("commission_bands") or "")

    def terms(self) -> Terms:
        data = self.cleaned_data
        zero = Decimal("0.00")
        return Terms(
            commission_rate=data["commission_rate"],
            insurance_fee_rate=data["insurance_fee_rate"],
            photography_fee=data["photography_fee"],
            unsold_fee_rate=data["unsold_fee_rate"],
            reserve_policy=data["reserve_policy"],
            unsold_instruction=data["unsold_instruction"],
            notes=data.get("notes", ""),
            commission_basis=data.get("commission_basis") or CommissionBasis.FLAT,
            commission_scope=data.get("commission_scope") or CommissionScope.LOT,
            commission_bands=data.get("commission_bands") or (),
            minimum_commission=data.get("minimum_commission") or zero,
            withdrawal_fee=data.get("withdrawal_fee") or zero,
            performance_fee_rate=data.get("performance_fee_rate") or zero,
            insurance_basis=data.get("insurance_basis") or InsuranceBasis.HAMMER,
            unsold_fee_basis=data.get("unsold_fee_basis") or UnsoldFeeBasis.RESERVE,
        )


def bands_text(bands: Any) -> str:
    """Stored bands as the form shows them: ``0 25; 50000 20``."""
    return "; ".join(f"{threshold} {rate}" for threshold, rate in bands or ())


def parse_bands(text: str) -> tuple[tuple[Decimal, Decimal], ...]:
    """``0 25; 50000 20`` (a threshold and a percent per band) as pairs; a malformed band is refused."""
    bands = []
    for chunk in text.replace("\n", ";").split(";"):
        words = chunk.replace("%", " ").replace(",", "").split()
        if not words:
            continue
        try:
            threshold, rate = (Decimal(word) for word in words)
        except (ValueError, ArithmeticError):
            raise forms.ValidationError(
                f"‘{chunk.strip()[:30]}’ is not a band; write a threshold and a percent, e.g. 50000 20."
            ) from None
        if not (threshold.is_finite() and rate.is_finite()):
            raise forms.ValidationError(f"‘{chunk.strip()[:30]}’ is not a band.")
        bands.append((threshold, rate))
    return tuple(bands)


# How many files an ambiguous consignor name offers back to choose from.
CANDIDATES_SHOWN = 5


class IntakeForm(TermsForm):
    consignor = forms.CharField(
        max_length=200,
        label="Consignor",
        help_text="Type a name or client number and choose the file.",
        widget=forms.TextInput(attrs={"list": "consignor-options", "autocomplete": "off"}),
    )

    currency = forms.CharField(
        max_length=3,
        required=False,
        label="Currency",
        help_text="Of the stated values and estimates (ISO 4217: USD, CHF…); blank for the office's.",
    )

    def __init__(self, *args: Any, viewer: Staff, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.candidates: list[Any] = []
        office = getattr(viewer, "office", None)
        if office is not None:
            self.fields["currency"].initial = office.currency
        self.order_fields(["consignor"])

    def clean_currency(self) -> str:
        code = str(self.cleaned_data.get("currency") or "").strip().upper()
        if code and code not in list_currencies():
            raise ValidationError(f"‘{code}’ is not an ISO 4217 currency code such as USD or CHF.")
        return code

    def clean_consignor(self) -> Any:
        """The one file the text names (a client number, or a name with or without its title);
        several matches are offered back to choose from, as the viewer may see them."""
        text = self.cleaned_data["consignor"].strip()
        try:
            matches = queries.consignor_candidates(text, viewer=self.viewer, limit=CANDIDATES_SHOWN + 1)
        except InventoryError as refusal:
            raise ValidationError(refusal.message) from None
        if len(matches) == 1:
            return matches[0].client
        if not matches:
            raise ValidationError(
                f"No client file you may see matches ‘{text}’; type the client number, or the name as it is filed."
            )
        self.candidates = matches[:CANDIDATES_SHOWN]
        listed = "; ".join(f"{match.number} {match.label}" for match in self.candidates)
        more = " and more" if len(matches) > CANDIDATES_SHOWN else ""
        raise ValidationError(f"‘{text}’ matches several client files ({listed}{more}); choose one from the list.")


class NewConsignorForm(forms.Form):
    """A new consignor's file opened from intake, without leaving the sitting: the client book
    opens it (with its duplicate check), and the intake form keeps what was typed."""

    prefix = "new_consignor"

    name = forms.CharField(
        max_length=200, required=False, label="Name", help_text="As the file should read: Eleanor Whitcombe"
    )
    title = forms.CharField(max_length=60, required=False, label="Title", help_text="Mrs, Dr, Lady…")
    email = forms.EmailField(max_length=254, required=False, label="E-mail")
    phone = forms.CharField(max_length=40, required=False, label="Phone")
    not_a_duplicate = forms.BooleanField(required=False, label="This is someone else: open the file anyway")

    def clean_name(self) -> str:
        name = str(self.cleaned_data.get("name", "")).strip()
        if not name:
            raise ValidationError("Give the new consignor's name.")
        return name


class AmendTermsForm(TermsForm):
    reason = forms.CharField(max_length=AMENDMENT_REASON_MAX, label="Why the terms change (printed on the new receipt)")


class ItemEditForm(PieceForm):
    reason = forms.CharField(
        required=False, max_length=AMENDMENT_REASON_MAX, label="Why (printed on the amended receipt)"
    )


# --- Places and settings -------------------------------------------------------------------------


class LocationForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"))
    type = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in LocationType.choices
            if value not in (LocationType.IN_TRANSIT, LocationType.RELEASED, LocationType.RETURNED)
        ],
        label="Kind of place",
    )
    name = forms.CharField(max_length=120)
    code = forms.CharField(max_length=24, help_text="Printed on its label, e.g. V1-SA-T07.")
    parent = forms.ModelChoiceField(
        queryset=Location.objects.none(), required=False, label="Inside", empty_label="— (at the top of the office)"
    )
    counterpart = forms.CharField(
        required=False, max_length=200, label="Vendor's name", help_text="For a bench jeweler or lab outside the house."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (  # type: ignore[attr-defined]
            Location.objects.select_related("office")
            .filter(is_active=True, kind__in=[LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY])
            .order_by("office__code", "path")
        )
        self.fields["parent"].label_from_instance = lambda place: f"{place.office.code} · {place.name}"  # type: ignore[attr-defined]


class CustodySettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CustodySettings
        fields = ["four_eyes_threshold", "default_tag_profile"]
        labels = {"four_eyes_threshold": "Four-eyes threshold", "default_tag_profile": "Default tag stock"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["default_tag_profile"].queryset = queries.label_profiles()  # type: ignore[attr-defined]
        office = self.instance.office
        self.fields["four_eyes_threshold"].label = f"Four-eyes threshold ({office.currency})"
        self.fields[
            "four_eyes_threshold"
        ].help_text = f"Now {Money.of(self.instance.four_eyes_threshold, office.currency).format(office.locale)}."


class LabelProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = LabelProfile
        fields = [
            "name",
            "kind",
            "page_width_mm",
            "page_height_mm",
            "label_width_mm",
            "label_height_mm",
            "columns",
            "rows",
            "margin_top_mm",
            "margin_left_mm",
            "gap_x_mm",
            "gap_y_mm",
            "show_qr",
            "show_barcode",
            "is_active",
        ]


EVENT_KIND_CHOICES = [("", "Any kind"), *EventKind.choices]
