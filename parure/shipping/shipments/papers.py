"""A shipment's printed papers built from its records: the customs invoice (commercial for a sale, pro-forma
otherwise), the outer labels and inner slips of its parcels, and a pickup's manifest. The values come from
what the shipment stored when it was prepared and packed (its pieces' values and customs words, the export
rules' statements, the parcels' seals), so a paper printed after the hand-over reads as it did before.

The return address on a label is the office's street address under a neutral name: a label never says
what a parcel holds, nor whose house sent it."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.core.clock import office_today
from parure.core.models import Office
from parure.shipping.carriers import checks as carrier_checks
from parure.shipping.choices import ExportReason, ServiceLevel
from parure.shipping.compliance.hs import HS_EDITION
from parure.shipping.documents import data, render
from parure.shipping.shipments.models import Pickup, Shipment, office_country

RETURN_NAME = "Shipping Office"
# What a label prints for the service: the carrier's own kind of service, in words that say nothing of
# what the parcel holds.
SERVICE_WORDS = {
    ServiceLevel.SECURE_CARRIER: "Secure, signature on delivery",
    ServiceLevel.JEWELRY_COURIER: "Priority, signature on delivery",
    ServiceLevel.REGISTERED_POST: "Registered",
    ServiceLevel.HAND_CARRY: "By hand",
}


def country_name(code: str) -> str:
    """The country's English name, as customs papers print it."""
    return carrier_checks.country_name(code.upper(), "en") if code else ""


def _lines(text: str) -> tuple[str, ...]:
    parts = [line.strip() for line in text.replace(", ", "\n").splitlines() if line.strip()]
    return tuple(parts)


def office_party(office: Office, *, name: str | None = None) -> data.Party:
    lines = [line for line in _lines(office.address) if line.lower() != country_name(office_country(office)).lower()]
    return data.Party(
        name=name or f"Jewelry department, {office.name}",
        address_lines=tuple(lines[:4]),
        country_code=office_country(office),
        country_name=country_name(office_country(office)),
    )


def return_party(office: Office) -> data.Party:
    return office_party(office, name=RETURN_NAME)


def consignee_party(shipment: Shipment) -> data.Party:
    return data.Party(
        name=shipment.consignee_name,
        address_lines=_lines(shipment.consignee_address)[:4],
        country_code=shipment.consignee_country,
        country_name=country_name(shipment.consignee_country),
        telephone=shipment.consignee_phone,
    )


def _declared_per_parcel(shipment: Shipment, parcel_values: dict[int, Decimal]) -> dict[int, Decimal]:
    total = sum(parcel_values.values(), Decimal(0))
    if shipment.declared_value is None or not total:
        return parcel_values
    share = {}
    left = shipment.declared_value
    numbers = sorted(parcel_values)
    for number in numbers[:-1]:
        share[number] = (shipment.declared_value * parcel_values[number] / total).quantize(
            Decimal("0.01"), rounding=ROUND_DOWN
        )
        left -= share[number]
    share[numbers[-1]] = left
    return share


def _parcel_values(pieces: list[Any]) -> dict[int, Decimal]:
    values: dict[int, Decimal] = {}
    for piece in pieces:
        values[piece.parcel] = values.get(piece.parcel, Decimal(0)) + piece.insured_value
    return values


def customs_document(shipment: Shipment, *, signatory: Any) -> data.CustomsDocument:
    office = shipment.office
    pieces = list(shipment.pieces.select_related("item").all())
    parcels = list(shipment.parcels.all())
    values = _parcel_values(pieces)
    declared = _declared_per_parcel(shipment, values)
    sold = all(piece.invoice_number for piece in pieces)
    kind = (
        data.CustomsInvoiceKind.COMMERCIAL
        if shipment.export_reason == ExportReason.SALE and sold
        else data.CustomsInvoiceKind.PRO_FORMA
    )
    consignee = consignee_party(shipment)
    buyer = consignee
    if shipment.client_id is not None and sold:
        party = billing_buyer(shipment.client_id)
        buyer = party or consignee
    lines = tuple(
        data.CustomsLine(
            stock_number=piece.item.stock_number,
            description=piece.description,
            hs_code=piece.hs_code,
            origin_country=piece.country_of_origin or office_country(office),
            quantity=1,
            net_weight_g=piece.net_weight_g or Decimal(0),
            unit_value=piece.insured_value,
            total_value=piece.insured_value,
            materials="; ".join(piece.materials),
            permit_number=piece.permit_number,
        )
        for piece in pieces
    )
    total = sum((line.total_value for line in lines), Decimal(0))
    of = len(parcels)
    name = (signatory.get_full_name() or signatory.username) if signatory is not None else ""
    return data.CustomsDocument(
        kind=kind,
        shipment_number=shipment.number,
        dated=office_today(office),
        seller=office_party(office),
        buyer=buyer,
        consignee=consignee,
        currency=shipment.currency,
        locale=office.locale,
        incoterm=shipment.incoterm,
        reason=shipment.export_reason,
        carrier=shipment.carrier_name or (shipment.carrier.name if shipment.carrier else shipment.buyer_shipper),
        service=SERVICE_WORDS.get(ServiceLevel(shipment.level), ""),
        tracking_number=shipment.tracking_number,
        lines=lines,
        parcels=tuple(
            data.Parcel(
                number=parcel.number,
                of=of,
                seal_numbers=tuple(parcel.seals),
                gross_weight_g=Decimal(parcel.gross_weight_g),
                dimensions=parcel.dimensions,
                declared_value=declared.get(parcel.number, Decimal(0)),
                tracking_number=parcel.tracking_number or shipment.tracking_number,
            )
            for parcel in parcels
        ),
        hs_edition=HS_EDITION,
        insured_value=total,
        declared_value=shipment.declared_value if shipment.declared_value is not None else total,
        declared_is_insurance=shipment.declared_value is None,
        customs_total=total,
        signatory_name=name,
        signatory_title=signatory.get_role_display() if signatory is not None else "",
        statements=tuple((str(code), str(text)) for code, text in shipment.statements),
        incoterm_place=shipment.consignee_address.splitlines()[-1][:60] if shipment.consignee_address else "",
        carnet_number=shipment.carnet_number,
        return_expected=shipment.return_expected_on,
        letterhead=office_party(office),
    )


def billing_buyer(client_id: int) -> data.Party | None:
    try:
        party = client_book.billing_party(client_id)
    except ClientError:
        return None
    lines = [line for line in party.address.splitlines() if line.strip()]
    if lines and len(lines[-1]) == 2:
        lines = lines[:-1]
    return data.Party(
        name=party.name,
        address_lines=tuple(lines[:4]),
        country_code=party.country,
        country_name=country_name(party.country),
    )


def labels(shipment: Shipment) -> list[data.AddressLabel]:
    parcels = list(shipment.parcels.all())
    carrier = shipment.carrier_name or (shipment.carrier.name if shipment.carrier else shipment.buyer_shipper)
    return [
        data.AddressLabel(
            shipment_number=shipment.number,
            parcel=parcel.number,
            of=len(parcels),
            consignee=consignee_party(shipment),
            return_address=return_party(shipment.office),
            tracking_number=parcel.tracking_number or shipment.tracking_number or shipment.number,
            carrier=carrier,
            service=SERVICE_WORDS.get(ServiceLevel(shipment.level), ""),
            signature_required=shipment.signature_required,
        )
        for parcel in parcels
    ]


def slips(shipment: Shipment) -> list[data.InnerSlip]:
    parcels = list(shipment.parcels.all())
    return [
        data.InnerSlip(
            return_address=return_party(shipment.office),
            tracking_number=parcel.tracking_number or shipment.tracking_number or shipment.number,
            shipment_number=shipment.number,
            parcel=parcel.number,
            of=len(parcels),
        )
        for parcel in parcels
    ]


def check_labels(shipment: Shipment) -> None:
    """Refuse, before the parcel is sealed, a label the carrier could not print or that would say too much."""
    for label in labels(shipment):
        render.check_label(label)


def manifest(pickup: Pickup, *, released_by: Any, witness: str = "") -> data.PickupManifest:
    rows = []
    for shipment in pickup.shipments.prefetch_related("parcels").order_by("number"):
        parcels = list(shipment.parcels.all())
        values = _parcel_values(list(shipment.pieces.all()))
        declared = sum(_declared_per_parcel(shipment, values).values(), Decimal(0))
        address = _lines(shipment.consignee_address)
        rows.append(
            data.ManifestRow(
                shipment_number=shipment.number,
                parcels=len(parcels),
                tracking_numbers=tuple(
                    sorted({p.tracking_number or shipment.tracking_number or shipment.number for p in parcels})
                ),
                seal_numbers=tuple(seal for parcel in parcels for seal in parcel.seals),
                destination_city=(address[-1] if address else "")[:60],
                destination_country=shipment.consignee_country,
                declared_value=declared,
                currency=shipment.currency,
            )
        )
    name = (released_by.get_full_name() or released_by.username) if released_by is not None else ""
    return data.PickupManifest(
        number=pickup.number,
        office=return_party(pickup.office),
        carrier=pickup.carrier.name,
        pickup_at=timezone.localtime(pickup.pickup_at, ZoneInfo(pickup.office.time_zone)),
        rows=tuple(rows),
        released_by=name,
        witness=witness,
        locale=pickup.office.locale,
    )


def customs_pdf(shipment: Shipment, *, signatory: Any) -> bytes:
    return render.customs_invoice(customs_document(shipment, signatory=signatory))


def labels_pdf(shipment: Shipment) -> bytes:
    return render.address_labels(labels(shipment))


def slips_pdf(shipment: Shipment) -> bytes:
    return render.inner_slips(slips(shipment))


def manifest_pdf(pickup: Pickup, *, released_by: Any) -> bytes:
    return render.pickup_manifest(manifest(pickup, released_by=released_by))
