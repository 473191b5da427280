"""Every write to a shipment, one transaction each: prepared, packed by one person and checked by a
second, handed to the carrier, delivered (or brought back), cancelled; the incidents on the way; the
carrier's pickups. Custody moves through inventory's dispatch actions, each naming the shipment, so a
refusal from custody (or from billing's release rules) leaves the shipment as it was."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.catalogue.errors import CatalogueError
from parure.catalogue.services.condition import check_photo_content
from parure.core.clock import office_today
from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import EventKind, LocationKind
from parure.inventory.services import Witness, item_release, item_transfer_out
from parure.inventory.services.dispatch import (
    item_back_from_carrier,
    item_deliver,
    item_deliver_to,
    item_hand_to_carrier,
    item_pack,
    item_unpack,
)
from parure.shipping import numbers
from parure.shipping.carriers import checks as carrier_checks
from parure.shipping.carriers import queries as carrier_queries
from parure.shipping.choices import DestinationKind, ServiceLevel
from parure.shipping.documents.words import check_label_words
from parure.shipping.errors import ShippingError, ShippingErrorCode
from parure.shipping.input import refuse, text_of, whole_of
from parure.shipping.plan import Finding
from parure.shipping.shipments import papers
from parure.shipping.shipments.choices import (
    MIN_OUTER_BOX_CM,
    ArrangedBy,
    IncidentKind,
    IncidentStatus,
    PackingCheck,
    ShipmentStatus,
)
from parure.shipping.shipments.models import (
    Incident,
    Parcel,
    ParcelPhoto,
    Pickup,
    SealNumber,
    Shipment,
    ShipmentEvent,
    ShipmentPiece,
)
from parure.shipping.shipments.planning import Prepared, ShipmentInput, prepare, stored_input

E = ShippingErrorCode
SEALS_MAX = 6
PHOTOS_MAX = 6


def _code_of(finding: Finding) -> ShippingErrorCode:
    kind = finding.rule.partition(".")[0]
    if kind == "carrier":
        return E.CARRIER_LIMIT if "max" in finding.rule else E.CARRIER_REFUSES
    if kind == "policy":
        return E.POLICY_LIMIT
    if kind == "release":
        return E.NOT_RELEASABLE
    if finding.field.startswith("permit:"):
        return E.PERMIT_REQUIRED
    return E.COMPLIANCE_BLOCKED


def _raise_first(findings: Sequence[Finding]) -> None:
    if findings:
        first = findings[0]
        text = f"{first.message} {first.alternative}".strip()
        raise ShippingError(text, field=first.field or None, code=_code_of(first))


def _statements(prepared: Prepared) -> list[list[str]]:
    return [[statement.code, statement.text] for statement in prepared.compliance.statements]


def _signature(prepared: Prepared) -> bool:
    if prepared.carrier is None:
        return True
    return carrier_checks.signature_required(prepared.plan, prepared.carrier)


def _stored_findings(prepared: Prepared) -> list[dict[str, Any]]:
    return [
        {"rule": f.rule, "message": f.message, "alternative": f.alternative, "blocking": f.blocking, "source": f.source}
        for f in prepared.findings
        if not f.blocking or f.rule.startswith("release.")
    ]


def _log(shipment: Shipment, by: Staff, text: str) -> None:
    ShipmentEvent.objects.create(shipment=shipment, by=by, status=shipment.status, text=text[:500])


def _lock(shipment: Shipment, expected_version: int | None = None) -> Shipment:
    locked = Shipment.objects.select_for_update(of=("self",)).select_related("office").get(pk=shipment.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ShippingError(
            f"Shipment {locked.number} was changed by someone else since you opened it; reload and try again.",
            code=E.STALE,
        )
    return locked


def _step(shipment: Shipment, *allowed: ShipmentStatus, action: str) -> None:
    if shipment.status not in allowed:
        raise ShippingError(
            f"Shipment {shipment.number} is {shipment.get_status_display().lower()}; it cannot be {action} now.",
            code=E.WRONG_STEP,
        )


def _at_office(shipment: Shipment, by: Staff) -> None:
    if by.office_id != shipment.office_id:
        raise ShippingError(
            f"Shipment {shipment.number} leaves from {shipment.office.name}; only its staff act on it.",
            code=E.REFUSED,
        )


def _custody(refusal: DomainError) -> ShippingError:  # type: ignore[type-arg]
    return ShippingError(refusal.message, field=refusal.field, code=E.REFUSED)


# --- Preparing ------------------------------------------------------------------------------------------


def shipment_check(office: Office, data: ShipmentInput, *, by: Staff, shipment: Shipment | None = None) -> Prepared:
    """Every rule's word on a shipment as asked, nothing saved (the page's "Check" and the benchmark)."""
    return prepare(office, data, by=by, shipment=shipment)


def _write_pieces(shipment: Shipment, prepared: Prepared) -> None:
    shipment.pieces.all().delete()
    ShipmentPiece.objects.bulk_create(
        ShipmentPiece(
            shipment=shipment,
            item=piece.item,
            position=piece.position,
            parcel=piece.parcel,
            value_basis=piece.value_basis,
            insured_value=piece.insured_value,
            invoice_number=piece.invoice_number,
            description=piece.description,
            hs_code=piece.hs_code,
            hs_reason=piece.hs_reason,
            country_of_origin=piece.country_of_origin,
            materials=piece.materials,
            permit_number=piece.permit_number,
            net_weight_g=piece.net_weight_g,
        )
        for piece in prepared.pieces
    )


@transaction.atomic
def shipment_create(*, office: Office, data: ShipmentInput, by: Staff) -> Shipment:
    """Prepare a shipment; refused whole when the carrier, the policy or the export rules refuse it."""
    if by.office_id != office.pk:
        raise refuse(f"Shipments from {office.name} are prepared by its staff.", code=E.REFUSED)
    prepared = prepare(office, data, by=by)
    _raise_first(prepared.blocking)
    shipment = Shipment(
        number=numbers.issue(numbers.SHIPMENTS, office.code, office_today(office)),
        office=office,
        created_by=by,
        findings=_stored_findings(prepared),
        statements=_statements(prepared),
        signature_required=_signature(prepared),
        **prepared.fields,
    )
    shipment.save()
    _write_pieces(shipment, prepared)
    count = len(prepared.pieces)
    _log(shipment, by, f"Prepared: {count} piece{'s' if count != 1 else ''} to the consignee.")
    return shipment


@transaction.atomic
def shipment_update(
    *, shipment: Shipment, data: ShipmentInput, by: Staff, expected_version: int | None = None
) -> Shipment:
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.DRAFT, action="changed")
    prepared = prepare(shipment.office, data, by=by, shipment=shipment)
    _raise_first(prepared.blocking)
    for name, value in prepared.fields.items():
        setattr(shipment, name, value)
    for name in ("client_id", "address_ref", "destination_office", "destination_place", "due_back_on"):
        if name not in prepared.fields:
            setattr(shipment, name, None)
    shipment.findings = _stored_findings(prepared)
    shipment.statements, shipment.signature_required = _statements(prepared), _signature(prepared)
    shipment.version += 1
    shipment.save()
    _write_pieces(shipment, prepared)
    _log(shipment, by, "Changed.")
    return shipment


def recheck(shipment: Shipment, *, by: Staff) -> Prepared:
    """The shipment's rules read again from what it holds now (payments, identity checks, the rules)."""
    return prepare(shipment.office, stored_input(shipment), by=by, shipment=shipment)


# --- Packing and the second check -----------------------------------------------------------------------


@dataclass(frozen=True)
class ParcelInput:
    number: Any
    seals: str  # the seal numbers, separated by commas or spaces
    length_cm: Any
    width_cm: Any
    height_cm: Any
    gross_weight_g: Any


def _seals(text: Any, *, field: str) -> list[str]:
    raw = text_of(text, limit=300, field=field, label="The seal numbers", required=True)
    seals = [part.strip().upper() for part in raw.replace(",", " ").split() if part.strip()]
    if len(seals) > SEALS_MAX:
        raise refuse(f"At most {SEALS_MAX} seals close a parcel.", field=field)
    for seal in seals:
        if len(seal) > 40 or not seal.replace("-", "").isalnum():
            raise refuse(f"‘{seal[:40]}’ is not a seal number.", field=field)
    if len(set(seals)) != len(seals):
        raise refuse("A seal number is entered twice.", field=field)
    return seals


def _check_box(parcel: ParcelInput, field: str) -> tuple[int, int, int]:
    sides = tuple(
        whole_of(getattr(parcel, name), field=f"{field}.{name}", label=label, low=1, high=300)
        for name, label in (("length_cm", "The length"), ("width_cm", "The width"), ("height_cm", "The height"))
    )
    if any(side < least for side, least in zip(sorted(sides, reverse=True), MIN_OUTER_BOX_CM, strict=True)):
        low = " × ".join(str(x) for x in MIN_OUTER_BOX_CM)
        raise refuse(
            f"The outer box is {' × '.join(str(x) for x in sides)} cm; the house packs in boxes of at least {low} cm.",
            field=f"{field}.length_cm",
        )
    return sides[0], sides[1], sides[2]


@transaction.atomic
def shipment_pack(
    *,
    shipment: Shipment,
    parcels: Sequence[ParcelInput],
    checklist: Sequence[str],
    by: Staff,
    witness: Witness | None = None,
    expected_version: int | None = None,
) -> Shipment:
    """The packer seals the parcels: every box of the checklist ticked, the seals' numbers recorded, the
    labels free of jewelry words, the release rules met; the pieces go to "packed for shipment"."""
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.DRAFT, action="packed")
    missing = [check.label for check in PackingCheck if check.value not in set(checklist)]
    if missing:
        raise refuse(
            f"Tick every box of the packing checklist: {missing[0].lower()}.", field="checklist", code=E.REQUIRED
        )
    prepared = recheck(shipment, by=by)
    _raise_first(prepared.blocking)
    _raise_first(prepared.waiting)
    check_label_words([shipment.consignee_name], field="consignee_name", what="the consignee's name", name=True)
    check_label_words(shipment.consignee_address.splitlines(), field="consignee_address", what="the address")
    expected = sorted({piece.parcel for piece in prepared.pieces})
    given = {}
    for index, parcel in enumerate(parcels):
        number = whole_of(parcel.number, field=f"parcels.{index}.number", label="The parcel number", low=1, high=20)
        given[number] = (index, parcel)
    if sorted(given) != expected:
        raise refuse(
            f"The pieces travel in {len(expected)} parcel(s); give the seals, box and weight of each.", field="parcels"
        )
    for number in expected:
        index, parcel = given[number]
        where = f"parcels.{index}"
        length, width, height = _check_box(parcel, where)
        weight = whole_of(
            parcel.gross_weight_g, field=f"{where}.gross_weight_g", label="The gross weight", low=1, high=70000
        )
        row = Parcel.objects.create(
            shipment=shipment,
            number=number,
            seals=_seals(parcel.seals, field=f"{where}.seals"),
            length_cm=length,
            width_cm=width,
            height_cm=height,
            gross_weight_g=weight,
        )
        for seal in row.seals:
            try:
                with transaction.atomic():
                    SealNumber.objects.create(number=seal, parcel=row)
            except IntegrityError:
                raise refuse(
                    f"Seal {seal} has been used on another parcel; use a new seal.", field=f"{where}.seals"
                ) from None
    papers.check_labels(shipment)
    for piece in shipment.pieces.select_related("item").all():
        try:
            item_pack(item=piece.item, cause=shipment.cause, by=by, witness=witness,
                      reason=f"Packed into parcel {piece.parcel}")  # fmt: skip
        except DomainError as refusal:
            raise _custody(refusal) from None
    shipment.status = ShipmentStatus.PACKED
    shipment.checklist = [check.value for check in PackingCheck]
    shipment.packed_by, shipment.packed_at = by, timezone.now()
    shipment.findings = _stored_findings(prepared)
    shipment.statements, shipment.signature_required = _statements(prepared), _signature(prepared)
    shipment.version += 1
    shipment.save()
    _log(shipment, by, f"Packed in {len(expected)} parcel(s), sealed.")
    return shipment


@transaction.atomic
def parcel_photo_add(*, shipment: Shipment, parcel_number: Any, content: bytes, by: Staff) -> ParcelPhoto:
    shipment = _lock(shipment)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.PACKED, ShipmentStatus.CHECKED, action="photographed")
    number = whole_of(parcel_number, field="parcel", label="The parcel", low=1, high=20)
    parcel = shipment.parcels.filter(number=number).first()
    if parcel is None:
        raise refuse(f"Shipment {shipment.number} has no parcel {number}.", field="parcel")
    if parcel.photos.count() >= PHOTOS_MAX:
        raise refuse(f"At most {PHOTOS_MAX} photographs go with a parcel.", field="photo")
    try:
        content_type, _, width, height = check_photo_content(content, field="photo", label="The photograph")
    except CatalogueError as refusal:
        raise refuse(refusal.message, field="photo", code=E.INVALID_FILE) from None
    photo = ParcelPhoto.objects.create(
        parcel=parcel, content=content, content_type=content_type, width=width, height=height, added_by=by
    )
    _log(shipment, by, f"Photographed parcel {number}, sealed.")
    return photo


@transaction.atomic
def shipment_check_packing(
    *, shipment: Shipment, seals_seen: Mapping[int, str], by: Staff, expected_version: int | None = None
) -> Shipment:
    """A second person checks the sealed parcels: not the packer, every parcel photographed, and the
    seals they read on each parcel the ones recorded."""
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.PACKED, action="checked")
    if shipment.packed_by_id == by.pk:
        raise ShippingError(
            "You packed these parcels; a second person checks them (four eyes).", field="checker", code=E.FOUR_EYES
        )
    for parcel in shipment.parcels.all():
        if not parcel.photos.exists():
            raise refuse(
                f"Photograph parcel {parcel.number}, sealed, before it is checked.", field="photo", code=E.REQUIRED
            )
        seen = _seals(seals_seen.get(parcel.number, ""), field=f"seals.{parcel.number}")
        if sorted(seen) != sorted(parcel.seals):
            raise ShippingError(
                f"The seals read on parcel {parcel.number} are not the ones recorded at packing; open the parcel "
                "and pack it again.",
                field=f"seals.{parcel.number}",
                code=E.FOUR_EYES,
            )
    shipment.status = ShipmentStatus.CHECKED
    shipment.checked_by, shipment.checked_at = by, timezone.now()
    shipment.version += 1
    shipment.save()
    _log(shipment, by, "Checked: seals and photographs match the packing.")
    return shipment


# --- The journey ----------------------------------------------------------------------------------------


@transaction.atomic
def shipment_hand_over(
    *,
    shipment: Shipment,
    tracking_number: str,
    by: Staff,
    courier_name: str = "",
    witness: Witness | None = None,
    expected_version: int | None = None,
) -> Shipment:
    """The carrier (or the member of staff carrying it, or the buyer's shipper) takes the parcels: one
    custody event per piece with the carrier's name, the tracking number and the time."""
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.CHECKED, action="handed over")
    tracking = text_of(tracking_number, limit=60, field="tracking_number", label="The tracking number")
    courier = text_of(courier_name, limit=120, field="courier_name", label="The name of who carries it")
    if shipment.level == ServiceLevel.HAND_CARRY and shipment.arranged_by == ArrangedBy.HOUSE:
        if not courier:
            raise refuse("Name the member of staff carrying the parcels.", field="courier_name", code=E.REQUIRED)
        tracking = tracking or shipment.number
        carrier_name = f"{courier} (hand-carry)"
    elif shipment.arranged_by == ArrangedBy.BUYER:
        carrier_name = shipment.buyer_shipper
    else:
        assert shipment.carrier is not None
        carrier_name = shipment.carrier.name
    if not tracking:
        raise refuse("Enter the carrier's tracking number.", field="tracking_number", code=E.REQUIRED)
    prepared = recheck(shipment, by=by)
    _raise_first(prepared.waiting)
    _raise_first([f for f in prepared.blocking if f.rule.startswith("policy.")])
    for piece in shipment.pieces.select_related("item").all():
        try:
            if shipment.arranged_by == ArrangedBy.BUYER:
                item_release(item=piece.item, cause=shipment.cause, by=by, counterpart=carrier_name, witness=witness,
                             reason=f"Collected by the buyer's shipper, reference {tracking}")  # fmt: skip
            elif shipment.destination_kind == DestinationKind.OFFICE:
                assert shipment.destination_office is not None
                item_transfer_out(item=piece.item, destination=shipment.destination_office, carrier=carrier_name,
                                  tracking_number=tracking, by=by, witness=witness, cause=shipment.cause)  # fmt: skip
            else:
                item_hand_to_carrier(item=piece.item, carrier=carrier_name, tracking_number=tracking,
                                     cause=shipment.cause, by=by, witness=witness)  # fmt: skip
        except DomainError as refusal:
            raise _custody(refusal) from None
    now = timezone.now()
    shipment.carrier_name, shipment.tracking_number = carrier_name, tracking
    shipment.handed_over_by, shipment.handed_over_at = by, now
    if shipment.arranged_by == ArrangedBy.BUYER:
        shipment.status = ShipmentStatus.DELIVERED
        shipment.delivered_by, shipment.delivered_at = by, now
        shipment.proof_of_delivery = f"Collected by {carrier_name}"
    else:
        shipment.status = ShipmentStatus.IN_TRANSIT
    shipment.version += 1
    shipment.save()
    _log(shipment, by, f"Handed to {carrier_name}, tracking {tracking}.")
    return shipment


@transaction.atomic
def shipment_deliver(*, shipment: Shipment, proof: str, by: Staff, expected_version: int | None = None) -> Shipment:
    """The proof of delivery entered: the pieces are released to the client, or checked out to the vendor
    or laboratory until they are due back."""
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.IN_TRANSIT, action="confirmed delivered")
    if shipment.destination_kind == DestinationKind.OFFICE:
        raise ShippingError(
            f"{shipment.consignee_name} confirms this delivery by scanning the pieces in when they arrive.",
            code=E.WRONG_STEP,
        )
    proof = text_of(proof, limit=250, field="proof", label="The proof of delivery", required=True)
    due_back = None
    if shipment.due_back_on is not None:
        due_back = timezone.make_aware(datetime.combine(shipment.due_back_on, time(17, 0)))
    for piece in shipment.pieces.select_related("item").all():
        try:
            if shipment.destination_kind == DestinationKind.CLIENT:
                item_deliver(
                    item=piece.item, consignee=shipment.consignee_name, proof=proof, cause=shipment.cause, by=by
                )
            else:
                assert shipment.destination_place is not None
                item_deliver_to(item=piece.item, to=shipment.destination_place, due_back=due_back, proof=proof,
                                cause=shipment.cause, by=by)  # fmt: skip
        except DomainError as refusal:
            raise _custody(refusal) from None
    shipment.status = ShipmentStatus.DELIVERED
    shipment.delivered_by, shipment.delivered_at = by, timezone.now()
    shipment.proof_of_delivery = proof
    shipment.version += 1
    shipment.save()
    _log(shipment, by, f"Delivered: {proof}")
    return shipment


def piece_arrived(item: Any, event: Any) -> None:
    """Custody's arrival listener: a piece scanned in at another office closes its part of the shipment it
    travelled in; the last piece closes the shipment."""
    if event.kind != EventKind.TRANSFER_IN:
        return
    row = (
        ShipmentPiece.objects.select_related("shipment")
        .filter(item_id=item.pk, received_at__isnull=True, shipment__status=ShipmentStatus.IN_TRANSIT)
        .filter(shipment__destination_kind=DestinationKind.OFFICE)
        .first()
    )
    if row is None:
        return
    shipment = _lock(row.shipment)
    ShipmentPiece.objects.filter(pk=row.pk).update(received_at=event.at)
    if not shipment.pieces.filter(received_at__isnull=True).exists():
        shipment.status = ShipmentStatus.DELIVERED
        shipment.delivered_by_id, shipment.delivered_at = event.staff_id, event.at
        shipment.proof_of_delivery = f"Scanned in at {shipment.consignee_name}"
        shipment.version += 1
        shipment.save()
        ShipmentEvent.objects.create(shipment=shipment, by_id=event.staff_id, status=shipment.status,
                                     text="Delivered: every piece scanned in by the receiving office.")  # fmt: skip


@transaction.atomic
def shipment_back(
    *, shipment: Shipment, to: Any, reason: str, by: Staff, expected_version: int | None = None
) -> Shipment:
    """The carrier brought the parcels back undelivered: the pieces are received into one of the office's places."""
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.IN_TRANSIT, action="received back")
    if shipment.destination_kind == DestinationKind.OFFICE:
        raise ShippingError("A transfer between offices is received by the office it was sent to.", code=E.WRONG_STEP)
    reason = text_of(reason, limit=250, field="reason", label="Why it came back", required=True)
    place = _place(shipment.office, to)
    for piece in shipment.pieces.select_related("item").all():
        try:
            item_back_from_carrier(item=piece.item, to=place, cause=shipment.cause, by=by, reason=reason)
        except DomainError as refusal:
            raise _custody(refusal) from None
    shipment.status = ShipmentStatus.RETURNED
    shipment.version += 1
    shipment.save()
    _log(shipment, by, f"Brought back by the carrier: {reason}")
    return shipment


def _place(office: Office, to: Any) -> Any:
    try:
        pk = int(str(to))
    except (TypeError, ValueError):
        raise refuse("Choose where the pieces go.", field="to", code=E.REQUIRED) from None
    place = inventory.in_house_places(office).filter(pk=pk).first() if 0 < pk < 2**62 else None
    if place is None or place.kind not in (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY):
        raise refuse(f"Choose a place in {office.name} for the pieces.", field="to")
    return place


@transaction.atomic
def shipment_cancel(
    *, shipment: Shipment, reason: str, by: Staff, to: Any = None, expected_version: int | None = None
) -> Shipment:
    """Cancel a shipment before the carrier has it; packed pieces are unpacked into a place of the office."""
    shipment = _lock(shipment, expected_version)
    _at_office(shipment, by)
    _step(shipment, ShipmentStatus.DRAFT, ShipmentStatus.PACKED, ShipmentStatus.CHECKED, action="cancelled")
    reason = text_of(reason, limit=250, field="reason", label="Why it is cancelled", required=True)
    if shipment.status != ShipmentStatus.DRAFT:
        place = _place(shipment.office, to)
        for piece in shipment.pieces.select_related("item").all():
            try:
                item_unpack(item=piece.item, to=place, cause=shipment.cause, by=by, reason=f"Unpacked: {reason}")
            except DomainError as refusal:
                raise _custody(refusal) from None
    shipment.status = ShipmentStatus.CANCELLED
    shipment.cancelled_reason = reason
    shipment.version += 1
    shipment.save()
    _log(shipment, by, f"Cancelled: {reason}")
    return shipment


# --- Incidents ------------------------------------------------------------------------------------------


@transaction.atomic
def incident_open(
    *,
    shipment: Shipment,
    kind: str,
    description: str,
    by: Staff,
    claim_reference: str = "",
    carrier_reference: str = "",
) -> Incident:
    """A delay, damage, a loss or a refused delivery: recorded with the insurer's claim reference (which a
    damage or a loss needs from the start)."""
    shipment = _lock(shipment)
    _at_office(shipment, by)
    _step(
        shipment,
        ShipmentStatus.IN_TRANSIT,
        ShipmentStatus.DELIVERED,
        ShipmentStatus.RETURNED,
        action="given an incident",
    )
    if kind not in IncidentKind.values:
        raise refuse("Choose what happened.", field="kind")
    text = text_of(description, limit=2000, field="description", label="What happened", required=True)
    claim = text_of(claim_reference, limit=60, field="claim_reference", label="The insurer's claim reference")
    if kind in (IncidentKind.DAMAGE, IncidentKind.LOSS) and not claim:
        raise refuse(
            f"A {IncidentKind(kind).label.lower()} is claimed from the insurer: enter the claim reference "
            f"{'from ' + shipment.policy.insurer if shipment.policy else 'they gave'}.",
            field="claim_reference",
            code=E.REQUIRED,
        )
    incident = Incident.objects.create(
        number=numbers.issue(numbers.INCIDENTS, shipment.office.code, office_today(shipment.office)),
        shipment=shipment,
        kind=kind,
        description=text,
        claim_reference=claim,
        carrier_reference=text_of(
            carrier_reference, limit=60, field="carrier_reference", label="The carrier's reference"
        ),
        opened_by=by,
    )
    _log(shipment, by, f"Incident {incident.number} opened: {IncidentKind(kind).label.lower()}.")
    return incident


@transaction.atomic
def incident_close(*, incident: Incident, resolution: str, by: Staff, claim_reference: str = "") -> Incident:
    incident = Incident.objects.select_for_update().select_related("shipment", "shipment__office").get(pk=incident.pk)
    _at_office(incident.shipment, by)
    if incident.status != IncidentStatus.OPEN:
        raise ShippingError(f"Incident {incident.number} is already closed.", code=E.WRONG_STEP)
    incident.resolution = text_of(resolution, limit=500, field="resolution", label="How it was resolved", required=True)
    claim = text_of(claim_reference, limit=60, field="claim_reference", label="The insurer's claim reference")
    if claim:
        incident.claim_reference = claim
    incident.status, incident.closed_by, incident.closed_at = IncidentStatus.CLOSED, by, timezone.now()
    incident.save()
    _log(incident.shipment, by, f"Incident {incident.number} closed: {incident.resolution}")
    return incident


# --- Pickups --------------------------------------------------------------------------------------------


@transaction.atomic
def pickup_create(
    *,
    office: Office,
    carrier_id: Any,
    pickup_at: datetime | None,
    shipment_numbers: Sequence[str],
    by: Staff,
    driver: str = "",
) -> Pickup:
    """A carrier's collection: the checked shipments it takes from the office, on one manifest."""
    if by.office_id != office.pk:
        raise refuse(f"Pickups at {office.name} are booked by its staff.", code=E.REFUSED)
    try:
        carrier_pk = int(str(carrier_id))
    except (TypeError, ValueError):
        raise refuse("Choose the carrier.", field="carrier_id", code=E.REQUIRED) from None
    if not 0 < carrier_pk < 2**62:
        raise refuse("Choose the carrier.", field="carrier_id", code=E.REQUIRED)
    carrier = carrier_queries.carrier_by_pk(carrier_pk)
    if pickup_at is None:
        raise refuse("Give the pickup's date and time.", field="pickup_at", code=E.REQUIRED)
    if timezone.is_naive(pickup_at):
        pickup_at = timezone.make_aware(pickup_at)
    if pickup_at < timezone.now() - timedelta(hours=12):
        raise refuse("The pickup's time is in the past.", field="pickup_at", code=E.INVALID_DATE)
    wanted = [numbers.SHIPMENTS.parse(text, field="shipments") for text in shipment_numbers if text.strip()][:100]
    if not wanted:
        raise refuse("Choose the shipments the carrier takes.", field="shipments", code=E.REQUIRED)
    rows = list(Shipment.objects.select_for_update().filter(number__in=wanted, office=office))
    for number in wanted:
        row = next((r for r in rows if r.number == number), None)
        if row is None:
            raise refuse(
                f"No shipment from {office.name} is numbered {number}.", field="shipments", code=E.UNKNOWN_RECORD
            )
        if row.carrier_id != carrier.pk or row.status != ShipmentStatus.CHECKED:
            raise refuse(
                f"{number} is not packed and checked for {carrier.name}; only those go on its pickup.",
                field="shipments",
                code=E.REFUSED,
            )
    pickup = Pickup.objects.create(
        number=numbers.issue(numbers.PICKUPS, office.code, office_today(office)),
        office=office,
        carrier=carrier,
        pickup_at=pickup_at,
        driver=text_of(driver, limit=120, field="driver", label="The driver's name"),
        created_by=by,
    )
    Shipment.objects.filter(pk__in=[r.pk for r in rows]).update(pickup=pickup)
    return pickup
