"""Reads of shipments that the pages and the API share, and the sight object that decides what one viewer
sees of a shipment (the consignee's name, address and telephone are for those who ship, and auditors)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from parure.core.models import Office
from parure.core.money import Money
from parure.shipping import numbers
from parure.shipping.errors import ShippingError, ShippingErrorCode
from parure.shipping.input import text_of
from parure.shipping.shipments.choices import IncidentStatus, ShipmentStatus
from parure.shipping.shipments.models import (
    Incident,
    Parcel,
    ParcelPhoto,
    Pickup,
    Shipment,
    ShipmentEvent,
    ShipmentPiece,
)

E = ShippingErrorCode
WITHHELD = "Consignee withheld"
TEXT_MAX = 60


class ShipmentSight:
    """What ``viewer`` may see of shipments, and do with them."""

    def __init__(self, viewer: Any) -> None:
        self.viewer = viewer
        self.consignee = bool(viewer.has_perm("shipping.see_consignee"))
        self.handles = bool(viewer.has_perm("shipping.handle_shipments"))

    def destination(self, shipment: Shipment) -> str:
        """The consignee's name, or that it is withheld; the country either way."""
        name = shipment.consignee_name if self.consignee else WITHHELD
        return f"{name}, {shipment.consignee_country}"

    def name(self, shipment: Shipment) -> str:
        return shipment.consignee_name if self.consignee else WITHHELD

    def address(self, shipment: Shipment) -> str | None:
        return shipment.consignee_address if self.consignee else None

    def phone(self, shipment: Shipment) -> str | None:
        return shipment.consignee_phone if self.consignee else None

    def words(self, text: str, shipment: Shipment) -> str:
        """A sentence of the shipment's history (or its proof of delivery) as this viewer may read it: the
        consignee's name, which the history's first line carries, withheld from a viewer who may not see it."""
        if self.consignee or not shipment.consignee_name:
            return text
        return text.replace(shipment.consignee_name, "the consignee")


@dataclass(frozen=True)
class ShipmentFilters:
    status: str = ""  # a ShipmentStatus value, "open", or "" for any
    office: str = ""  # an office code
    carrier_id: int | None = None
    text: str = ""  # a shipment number (with its check digit), a consignee's name or a tracking number


def money(amount: Decimal | None, currency: str, office: Office) -> str:
    return "" if amount is None else Money.of(amount, currency).format(office.locale)


def _listed() -> QuerySet[Shipment]:
    """Each row's piece count and insured total as correlated subqueries, so the database works them out
    for the page's rows only (a join and GROUP BY would aggregate every shipment before the page is cut)."""
    pieces = ShipmentPiece.objects.filter(shipment=OuterRef("pk")).order_by().values("shipment")
    money = DecimalField(max_digits=16, decimal_places=2)
    return Shipment.objects.select_related("office", "carrier").annotate(
        piece_count=Coalesce(Subquery(pieces.annotate(n=Count("pk")).values("n")), Value(0)),
        insured_total=Coalesce(
            Subquery(pieces.annotate(s=Sum("insured_value")).values("s"), output_field=money),
            Value(Decimal(0)),
            output_field=money,
        ),
    )


def shipments(filters: ShipmentFilters, *, sight: ShipmentSight | None = None) -> QuerySet[Shipment]:
    """The shipments the list shows, newest first, with their office, carrier, piece count and insured total
    (two queries for a page of rows, whatever its size). A number with a wrong check digit is refused; a
    consignee's name is searched only for a viewer who may see it."""
    rows = _listed()
    if filters.status == "open":
        rows = rows.filter(
            status__in=(ShipmentStatus.DRAFT, ShipmentStatus.PACKED, ShipmentStatus.CHECKED, ShipmentStatus.IN_TRANSIT)
        )
    elif filters.status:
        if filters.status not in ShipmentStatus.values:
            raise ShippingError(f"‘{filters.status[:20]}’ is not a shipment's status.", field="status", code=E.INVALID)
        rows = rows.filter(status=filters.status)
    if filters.office:
        rows = rows.filter(office__code=filters.office.upper()[:4])
    if filters.carrier_id is not None:
        rows = rows.filter(carrier_id=filters.carrier_id)
    text = text_of(" ".join(filters.text.split())[:TEXT_MAX], limit=TEXT_MAX, field="text", label="The search")
    if text:
        if numbers.SHIPMENTS.looks_like(text):
            rows = rows.filter(number=numbers.SHIPMENTS.parse(text, field="text"))
        else:
            wanted = Q(tracking_number__iexact=text) | Q(parcels__tracking_number__iexact=text)
            if sight is None or sight.consignee:
                wanted |= Q(consignee_name__icontains=text)
            rows = rows.filter(pk__in=Shipment.objects.filter(wanted).values("pk"))
    return rows.order_by("-created_at", "-pk")


def _detail() -> QuerySet[Shipment]:
    return Shipment.objects.select_related(
        "office", "carrier", "policy", "destination_office", "destination_place", "pickup", "created_by",
        "packed_by", "checked_by", "handed_over_by", "delivered_by",
    ).prefetch_related(
        Prefetch("pieces", queryset=ShipmentPiece.objects.select_related("item", "item__location")),
        Prefetch("parcels", queryset=Parcel.objects.prefetch_related(
            Prefetch("photos", queryset=ParcelPhoto.objects.defer("content").select_related("added_by")))),
        Prefetch("history", queryset=ShipmentEvent.objects.select_related("by")),
        Prefetch("incidents", queryset=Incident.objects.select_related("opened_by", "closed_by")),
    )  # fmt: skip


def shipment_detail(number: str) -> Shipment:
    """The shipment with this number, its pieces, parcels (with their photographs, not their bytes),
    history and incidents; a mistyped number is refused, never looked up."""
    wanted = numbers.SHIPMENTS.parse(number)
    found = _detail().filter(number=wanted).first()
    if found is None:
        raise ShippingError(f"No shipment is numbered {wanted}.", field="number", code=E.UNKNOWN_RECORD)
    return found


def parcel_photo(number: str, pk: int) -> ParcelPhoto:
    wanted = numbers.SHIPMENTS.parse(number)
    found = ParcelPhoto.objects.filter(pk=pk, parcel__shipment__number=wanted).first() if 0 < pk < 2**62 else None
    if found is None:
        raise ShippingError("No such photograph.", field="photo", code=E.UNKNOWN_RECORD)
    return found


def pickups(office: Office | None = None) -> QuerySet[Pickup]:
    rows = Pickup.objects.select_related("office", "carrier", "created_by").annotate(shipment_count=Count("shipments"))
    if office is not None:
        rows = rows.filter(office=office)
    return rows.order_by("-pickup_at", "-pk")


def pickup_detail(number: str) -> Pickup:
    wanted = numbers.PICKUPS.parse(number)
    found = (
        Pickup.objects.select_related("office", "carrier", "created_by")
        .prefetch_related(Prefetch("shipments", queryset=_listed().order_by("number")))
        .filter(number=wanted)
        .first()
    )
    if found is None:
        raise ShippingError(f"No pickup is numbered {wanted}.", field="number", code=E.UNKNOWN_RECORD)
    return found


def ready_for_pickup(office: Office, carrier_id: int | None = None) -> QuerySet[Shipment]:
    """The office's shipments packed and checked, waiting for a carrier's pickup."""
    rows = _listed().filter(office=office, status=ShipmentStatus.CHECKED, pickup__isnull=True)
    if carrier_id is not None:
        rows = rows.filter(carrier_id=carrier_id)
    return rows.order_by("ship_on", "number")


def incidents(*, open_only: bool = True) -> QuerySet[Incident]:
    rows = Incident.objects.select_related("shipment", "shipment__office", "opened_by")
    if open_only:
        rows = rows.filter(status=IncidentStatus.OPEN)
    return rows.order_by("-opened_at", "-pk")


def incident_by_number(number: str) -> Incident:
    wanted = numbers.INCIDENTS.parse(number)
    found = incidents(open_only=False).filter(number=wanted).first()
    if found is None:
        raise ShippingError(f"No incident is numbered {wanted}.", field="number", code=E.UNKNOWN_RECORD)
    return found
