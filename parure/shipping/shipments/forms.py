"""The shipments pages' forms. Each field is bounded here; what a value means (a client number, a carrier,
an amount, a date) is read by the services, whose sentences the page shows beside the field."""

from __future__ import annotations

from typing import Any

from django import forms

from parure.shipping.choices import DestinationKind, ExportReason, Incoterm
from parure.shipping.shipments.choices import ArrangedBy, IncidentKind, PackingCheck
from parure.shipping.shipments.planning import PIECES_MAX, PieceInput, ShipmentInput
from parure.shipping.shipments.services import ParcelInput

DATE = forms.DateInput(attrs={"type": "date"})
PIECE_ROWS = 3  # blank piece rows on a new shipment
PIECE_ROWS_MAX = 50  # rows the page offers at most ("add rows"); the API takes up to PIECES_MAX
PIECE_FIELDS = (
    ("stock_number", "Stock number", 24),
    ("parcel", "Parcel", 3),
    ("description", "Customs description", 300),
    ("hs_code", "HS code", 10),
    ("country_of_origin", "Country of origin", 2),
    ("materials", "Other materials", 200),
    ("permit_number", "Permit number", 60),
    ("customs_value", "Customs value", 24),
    ("net_weight_g", "Net weight (g)", 12),
)
PARCEL_FIELDS = (
    ("seals", "Seal numbers", 300),
    ("length_cm", "Length (cm)", 4),
    ("width_cm", "Width (cm)", 4),
    ("height_cm", "Height (cm)", 4),
    ("gross_weight_g", "Gross weight (g)", 6),
)


def _text(label: str, limit: int, **kwargs: Any) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, max_length=limit, **kwargs)


class ShipmentForm(forms.Form):
    destination_kind = forms.ChoiceField(label="The shipment goes to", choices=DestinationKind.choices)
    client_number = _text("Client number", 20, help_text="For a client: e.g. C-000412-3")
    address_id = forms.ChoiceField(label="Client's address", required=False)
    destination_office = forms.ChoiceField(label="Other office", required=False)
    destination_place_id = forms.ChoiceField(label="Bench jeweler or laboratory", required=False)
    due_back_on = forms.CharField(label="Due back", required=False, max_length=10, widget=DATE)
    consignee_name = _text("Consignee's name (vendor or laboratory)", 200)
    consignee_address = _text("Consignee's address", 600, widget=forms.Textarea(attrs={"rows": 3}))
    consignee_country = _text("Consignee's country", 2, help_text="Two letters: US, CH, GB")
    consignee_phone = _text("Consignee's telephone", 40)
    arranged_by = forms.ChoiceField(label="Who ships it", choices=ArrangedBy.choices, initial=ArrangedBy.HOUSE)
    carrier_id = forms.ChoiceField(label="Carrier", required=False)
    buyer_shipper = _text("The buyer's own shipper", 120)
    ship_on = forms.CharField(label="Ship date", required=False, max_length=10, widget=DATE)
    export_reason = forms.ChoiceField(label="Reason for export", choices=ExportReason.choices)
    incoterm = forms.ChoiceField(label="Incoterm", choices=Incoterm.choices)
    carnet_number = _text("ATA carnet number", 40)
    return_expected_on = forms.CharField(label="Expected back (carnet)", required=False, max_length=10, widget=DATE)
    declared_value = _text("Value declared to the carrier", 24, help_text="Blank: the insured value")
    notes = _text("Notes", 2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self,
        *args: Any,
        carriers: list[tuple[int, str]],
        offices: list[tuple[str, str]],
        places: list[tuple[int, str]],
        addresses: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carrier_id"].choices = [("", "Choose the carrier"), *carriers]  # type: ignore[attr-defined]
        self.fields["destination_office"].choices = [("", "Not to an office"), *offices]  # type: ignore[attr-defined]
        self.fields["destination_place_id"].choices = [("", "Not to a vendor or laboratory"), *places]  # type: ignore[attr-defined]
        self.fields["address_id"].choices = [("", "The first address on file"), *addresses]  # type: ignore[attr-defined]


def piece_rows(data: Any, count: int) -> list[dict[str, Any]]:
    """The piece rows as typed (or blank), each a dict of field → value, for the page."""
    rows = []
    for index in range(count):
        row = {
            name: (data.get(f"pieces-{index}-{name}", "") if data else "")[:limit] for name, _, limit in PIECE_FIELDS
        }
        rows.append({"index": index, "values": row, "error": ""})
    return rows


def row_count(data: Any, wanted: Any = None) -> int:
    """How many piece rows the page shows: the rows posted, or those asked for with ``?rows=``."""
    posted = 0
    if data:
        indices = [int(key.split("-")[1]) for key in data if key.startswith("pieces-") and key.split("-")[1].isdigit()]
        posted = max(indices) + 1 if indices else 0
    try:
        asked = int(str(wanted)) if wanted not in (None, "") else 0
    except ValueError:
        asked = 0
    return max(PIECE_ROWS, min(max(posted, asked), PIECE_ROWS_MAX))


def piece_inputs(data: Any) -> list[PieceInput]:
    """The pieces typed on the page: every row with a stock number, in order."""
    found = []
    for row in piece_rows(data, min(row_count(data), PIECES_MAX)):
        values = row["values"]
        if not values["stock_number"].strip():
            continue
        found.append(
            PieceInput(
                stock_number=values["stock_number"],
                parcel=values["parcel"] or 1,
                description=values["description"],
                hs_code=values["hs_code"],
                country_of_origin=values["country_of_origin"],
                materials=values["materials"],
                permit_number=values["permit_number"],
                customs_value=values["customs_value"] or None,
                net_weight_g=values["net_weight_g"] or None,
            )
        )
    return found


def shipment_input(data: dict[str, Any], pieces: list[PieceInput]) -> ShipmentInput:
    """A valid ShipmentForm's values as the services' input."""
    return ShipmentInput(
        destination_kind=data["destination_kind"],
        pieces=pieces,
        ship_on=data["ship_on"] or None,
        client_number=data["client_number"],
        address_id=data["address_id"] or None,
        destination_office=data["destination_office"],
        destination_place_id=data["destination_place_id"] or None,
        due_back_on=data["due_back_on"] or None,
        consignee_name=data["consignee_name"],
        consignee_address=data["consignee_address"],
        consignee_country=data["consignee_country"],
        consignee_phone=data["consignee_phone"],
        arranged_by=data["arranged_by"],
        carrier_id=data["carrier_id"] or None,
        buyer_shipper=data["buyer_shipper"],
        export_reason=data["export_reason"],
        incoterm=data["incoterm"],
        carnet_number=data["carnet_number"],
        return_expected_on=data["return_expected_on"] or None,
        declared_value=data["declared_value"] or None,
        notes=data["notes"],
    )


def initial_of(data: ShipmentInput) -> tuple[dict[str, Any], dict[str, str]]:
    """A stored shipment's input as the form's initial values and the piece rows' values."""
    initial = {
        name: ("" if getattr(data, name) is None else str(getattr(data, name)))
        for name in ShipmentForm.base_fields
        if hasattr(data, name)
    }
    rows: dict[str, str] = {}
    for index, piece in enumerate(data.pieces):
        for name, _, _ in PIECE_FIELDS:
            if name == "customs_value":
                continue
            value = getattr(piece, name)
            rows[f"pieces-{index}-{name}"] = "" if value is None else str(value)
    return initial, rows


def parcel_inputs(data: Any, numbers: list[int]) -> list[ParcelInput]:
    """The packing form's parcels, one per parcel number the pieces travel in."""
    return [
        ParcelInput(
            number=number,
            seals=data.get(f"parcel-{number}-seals", "")[:300],
            length_cm=data.get(f"parcel-{number}-length_cm", "")[:4],
            width_cm=data.get(f"parcel-{number}-width_cm", "")[:4],
            height_cm=data.get(f"parcel-{number}-height_cm", "")[:4],
            gross_weight_g=data.get(f"parcel-{number}-gross_weight_g", "")[:6],
        )
        for number in numbers
    ]


def checklist_of(data: Any) -> list[str]:
    return [value for value in data.getlist("checklist")[:20] if value in PackingCheck.values]


def seals_seen(data: Any, numbers: list[int]) -> dict[int, str]:
    return {number: data.get(f"seals-{number}", "")[:300] for number in numbers}


class NumbersField(forms.MultipleChoiceField):
    """Shipment numbers ticked from the list; whether each may go on the pickup is the service's to say,
    with its sentence."""

    def validate(self, value: Any) -> None:
        if len(value) > 100 or any(len(str(number)) > 24 for number in value):
            raise forms.ValidationError("Choose at most 100 shipments.")


class PickupForm(forms.Form):
    carrier_id = forms.ChoiceField(label="Carrier")
    pickup_at = forms.CharField(
        label="Pickup at", max_length=16, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    driver = _text("Driver's name", 120)
    shipments = NumbersField(
        label="Shipments it takes (packed and checked)", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, carriers: list[tuple[int, str]], ready: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carrier_id"].choices = [("", "Choose the carrier"), *carriers]  # type: ignore[attr-defined]
        self.fields["shipments"].choices = ready  # type: ignore[attr-defined]


INCIDENT_KINDS = IncidentKind.choices
CHECKLIST = PackingCheck.choices
