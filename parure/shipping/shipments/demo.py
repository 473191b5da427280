"""The demonstration shipments (order 80, after billing's invoices and shipping's carriers and rules),
through the real services, from the saleroom holding the pieces its closed sale sold (London in the
demonstration): a paid lot on its way overseas by a secure carrier with its customs documents and a delay
incident; a paid piece delivered to its buyer; one packed and checked on a pickup; one the carrier brought
back; one packed awaiting the second check; a transfer to another office for an exhibition being prepared;
a piece going to the bench; a cancelled one. A piece the rules refuse is passed over for the next.
Deterministic; skipped when there are shipments already."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from PIL import Image

from parure.billing import queries as billing
from parure.clients import queries as client_book
from parure.clients.services.clients import AddressInput, client_update
from parure.clients.services.compliance import kyc_record
from parure.core.choices import Role
from parure.core.clock import office_today
from parure.core.errors import DomainError
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import ItemStatus, LocationKind, LocationType, SaleState
from parure.inventory.services.witness import Witness, witness_confirm
from parure.shipping.carriers import queries as carrier_queries
from parure.shipping.choices import ServiceLevel
from parure.shipping.shipments import services
from parure.shipping.shipments.choices import PackingCheck
from parure.shipping.shipments.models import Shipment, office_country
from parure.shipping.shipments.planning import PieceInput, ShipmentInput

CHECKLIST = [check.value for check in PackingCheck]
VENDOR_ADDRESS = {
    "NY": "47 West 47th Street, Suite 1203\nNew York NY 10036",
    "LN": "22 Hatton Garden, 3rd floor\nLondon EC1N 8BA",
    "GE": "Rue du Rhône 48\n1204 Genève",
}


def _staff(office: Office, role: str, *, other_than: Staff | None = None) -> Staff | None:
    rows = Staff.objects.filter(office=office, role=role, is_active=True).order_by("pk")
    if other_than is not None:
        rows = rows.exclude(pk=other_than.pk)
    return rows.first()


def _witness(actor: Staff) -> Witness | None:
    other = (
        Staff.objects.filter(office=actor.office, is_active=True, role__in=(Role.SENIOR_SPECIALIST, Role.LOGISTICS))
        .exclude(pk=actor.pk)
        .order_by("role", "pk")
        .first()
    )
    if other is None:
        return None
    try:
        return witness_confirm(username=other.username, password=settings.PARURE_DEMO_PASSWORD, actor=actor)
    except DomainError:
        return None


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (196, 178, 150)).save(out, "JPEG")
    return out.getvalue()


def _parcels(count: int, start: int) -> list[services.ParcelInput]:
    return [
        services.ParcelInput(
            number=n,
            seals=f"TS-{start + n * 2:06d} TS-{start + n * 2 + 1:06d}",
            length_cm=30,
            width_cm=22,
            height_cm=15,
            gross_weight_g=1200,
        )
        for n in range(1, count + 1)
    ]


def _sold_paid(office: Office) -> list[tuple[Any, Any]]:
    """Pieces of the office, in the house, sold on invoices paid in full, with the buyer's sold value."""
    rows = list(
        inventory.items(inventory.ItemFilters(status=ItemStatus.IN_HOUSE))
        .filter(sale_state=SaleState.SOLD, location__office=office)
        .order_by("pk")[:80]
    )
    values = billing.sold_values({item.pk for item in rows})
    return [(item, values[item.pk]) for item in rows if item.pk in values and values[item.pk].paid_in_full]


# Where the demonstration's buyers have their pieces delivered, by the country of their file.
DELIVERY = {
    "GB": AddressInput(lines="14 Cheyne Walk", city="London", postcode="SW3 5RA", country="GB", kind="shipping"),
    "US": AddressInput(
        lines="740 Park Avenue, Apt 12B", city="New York", region="NY", postcode="10021", country="US", kind="shipping"
    ),
    "FR": AddressInput(lines="18 avenue Montaigne", city="Paris", postcode="75008", country="FR", kind="shipping"),
    "CH": AddressInput(lines="Route de Florissant 62", city="Genève", postcode="1206", country="CH", kind="shipping"),
    "DK": AddressInput(lines="Bredgade 45", city="København K", postcode="1260", country="DK", kind="shipping"),
    "ES": AddressInput(lines="Calle de Serrano 41", city="Madrid", postcode="28001", country="ES", kind="shipping"),
}


def _country(client_id: int, by: Staff) -> str:
    """The buyer's country; a buyer whose file holds no address gives their delivery address first."""
    number = client_book.client_number_of(client_id)
    client = client_book.client_detail(number).first()
    if client is None:
        return ""
    if not client.addresses.exists():
        address = DELIVERY.get(client.country) or DELIVERY["GB"]
        client_update(client=client, by=by, addresses=[address])
        return address.country
    return client.addresses.order_by("pk").values_list("country", flat=True).first() or ""


def _verified(client_id: int, by: Staff, today: Any) -> None:
    """The buyer's identity checks, completed at the sale's registration."""
    party = client_book.shipping_party(client_id, today=today)
    if not party.kyc_verified:
        client = client_book.client_detail(party.number).first()
        if client is not None:
            kyc_record(client=client, by=by, status="verified", document="passport",
                       document_expires_on=today + timedelta(days=900), verified_on=today,
                       proof_of_address_on=today)  # fmt: skip


class _Run:
    """One demo build: the shipments made by key, and the refusals of those passed over."""

    def __init__(self) -> None:
        self.made: dict[str, Shipment] = {}
        self.passed: list[str] = []

    def attempt(self, key: str, step: Callable[..., Any], **kwargs: Any) -> Any:
        try:
            done = step(**kwargs)
        except DomainError as refusal:
            self.passed.append(f"{key}: {refusal.message}")
            return None
        if isinstance(done, Shipment):
            self.made[key] = done
        return done


def _to_buyer(item: Any, value: Any, *, carrier: Any, today: Any, abroad: bool, home: str) -> ShipmentInput:
    party = client_book.shipping_party(value.buyer_id, today=today)
    address = next((a for a in party.addresses if (a.country != home) == abroad), None)
    address = address or (party.addresses[0] if party.addresses else None)
    numbers = list(value.stock_numbers) or [item.stock_number]
    return ShipmentInput(
        destination_kind="client",
        client_number=party.number,
        address_id=address.pk if address else None,
        carrier_id=carrier.pk,
        pieces=[PieceInput(stock_number=n, country_of_origin="FR" if i == 0 else home) for i, n in enumerate(numbers)],
        ship_on=today.isoformat(),
        incoterm="DAP",
    )


def _packed_and_checked(shipment: Shipment, *, start: int, packer: Staff, checker: Staff) -> Shipment:
    parcels = sorted({piece.parcel for piece in shipment.pieces.all()})
    shipment = services.shipment_pack(
        shipment=shipment, parcels=_parcels(len(parcels), start), checklist=CHECKLIST, by=packer,
        witness=_witness(packer),
    )  # fmt: skip
    for parcel in shipment.parcels.all():
        services.parcel_photo_add(shipment=shipment, parcel_number=parcel.number, content=_photo(), by=packer)
    seen = {parcel.number: " ".join(parcel.seals) for parcel in shipment.parcels.all()}
    return services.shipment_check_packing(shipment=shipment, seals_seen=seen, by=checker)


def _to_buyers(run: _Run, office: Office, secure: Any, staff: dict[str, Staff], today: Any) -> set[str]:
    """Paid pieces to their buyers: one overseas (in transit, with a delay), one delivered, one on a pickup."""
    used: set[str] = set()
    start = 100200
    home = office_country(office)
    candidates = _sold_paid(office)
    countries = {value.buyer_id: _country(value.buyer_id, staff["senior"]) for _, value in candidates}
    for key, abroad in (("overseas", True), ("delivered", False), ("pickup", False), ("returned", False)):
        ordered = sorted(candidates, key=lambda pair: (countries[pair[1].buyer_id] != home) != abroad)
        for item, value in ordered:
            if item.stock_number in used or set(value.stock_numbers) & used:
                continue
            _verified(value.buyer_id, staff["senior"], today)
            data = _to_buyer(item, value, carrier=secure, today=today, abroad=abroad, home=office_country(office))
            shipment = run.attempt(key, services.shipment_create, office=office, data=data, by=staff["logistics"])
            if shipment is None:
                continue
            used |= {item.stock_number, *value.stock_numbers}
            start += 20
            if run.attempt(key, _packed_and_checked, shipment=shipment, start=start, packer=staff["logistics"],
                           checker=staff["assistant"]) is not None:  # fmt: skip
                break
    logistics = staff["logistics"]
    if "overseas" in run.made:
        done = run.attempt("overseas", services.shipment_hand_over, shipment=run.made["overseas"], by=logistics,
                           tracking_number=f"MA-{office.code}-7731-0042", witness=_witness(logistics))  # fmt: skip
        if done is not None:
            run.attempt("overseas", services.incident_open, shipment=done, kind="delay", by=logistics,
                        description="Held at customs at Heathrow while the commercial invoice is checked; the "
                        "carrier expects release within two working days.", carrier_reference="MA-HX-2231")  # fmt: skip
    if "delivered" in run.made:
        done = run.attempt("delivered", services.shipment_hand_over, shipment=run.made["delivered"], by=logistics,
                           tracking_number=f"MA-{office.code}-7731-0017", witness=_witness(logistics))  # fmt: skip
        if done is not None:
            run.attempt("delivered", services.shipment_deliver, shipment=done, by=logistics,
                        proof="Signed for by the client in person; carrier POD 55120-A")  # fmt: skip
    if "returned" in run.made:
        done = run.attempt("returned", services.shipment_hand_over, shipment=run.made["returned"], by=logistics,
                           tracking_number=f"MA-{office.code}-7731-0023", witness=_witness(logistics))  # fmt: skip
        vault = inventory.in_house_places(office).filter(type=LocationType.VAULT).first()
        if done is not None and vault is not None:
            run.attempt("returned", services.incident_open, shipment=done, kind="refused", by=logistics,
                        description="Nobody at the address to sign; the carrier brought the parcel back after two "
                        "attempts.", carrier_reference="MA-RT-0419")  # fmt: skip
            run.attempt("returned", services.shipment_back, shipment=done, to=vault.pk, by=logistics,
                        reason="Not delivered: nobody to sign after two attempts")  # fmt: skip
    if "pickup" in run.made:
        run.attempt("pickup", services.pickup_create, office=office, carrier_id=secure.pk, by=logistics,
                    pickup_at=timezone.now() + timedelta(hours=3), shipment_numbers=[run.made["pickup"].number],
                    driver="R. Alvarez")  # fmt: skip
    return used


def _consigned(run: _Run, office: Office, carriers: dict[str, Any], staff: dict[str, Staff], today: Any,
               used: set[str]) -> None:  # fmt: skip
    """Consigned pieces, valued for insurance: a transfer to Geneva for an exhibition, one to the bench, one
    packed awaiting its second check, one cancelled."""
    unsold = [
        item
        for item in inventory.items(inventory.ItemFilters(status=ItemStatus.IN_HOUSE))
        .filter(location__office=office, sale_state__in=(SaleState.CONSIGNED, SaleState.UNSOLD))
        .filter(insurance_value__isnull=False)
        .exclude(category="loose_stone")
        .order_by("pk")[:40]
        if item.stock_number not in used and item.currency == office.currency
    ]
    bench = inventory.places_for(office, (LocationKind.EXTERNAL,)).filter(type=LocationType.BENCH_JEWELER).first()
    secure = carriers["secure"]
    wanted: list[tuple[str, dict[str, Any]]] = []
    other = Office.objects.exclude(pk=office.pk).filter(code__in=("GE", "NY")).order_by("code").first()
    if other is not None:
        wanted.append(("transfer", {"destination_kind": "office", "destination_office": other.code,
                                    "carrier_id": secure.pk,
                                    "export_reason": "exhibition", "carnet_number": "US/NY-2026-00418",
                                    "return_expected_on": (today + timedelta(days=45)).isoformat()}))  # fmt: skip
    if bench is not None:
        vendor = {"destination_kind": "vendor", "destination_place_id": bench.pk, "consignee_name": bench.name,
                  "consignee_address": VENDOR_ADDRESS.get(office.code, VENDOR_ADDRESS["NY"]),
                  "consignee_country": office_country(office), "export_reason": "repair"}  # fmt: skip
        hand = carriers.get("hand") or secure
        wanted.append(
            ("bench", {**vendor, "carrier_id": hand.pk, "due_back_on": (today + timedelta(days=21)).isoformat()})
        )
        for key in ("packed", "cancelled"):
            wanted.append((key, {**vendor, "carrier_id": secure.pk,
                                 "due_back_on": (today + timedelta(days=14)).isoformat()}))  # fmt: skip
    for key, fields in wanted:
        for item in unsold:
            if item.stock_number in used:
                continue
            data = ShipmentInput(pieces=[PieceInput(stock_number=item.stock_number, country_of_origin="US")], **fields)
            if run.attempt(key, services.shipment_create, office=office, data=data, by=staff["assistant"]) is not None:
                used.add(item.stock_number)
                break
    logistics = staff["logistics"]
    if "packed" in run.made:
        run.attempt("packed", services.shipment_pack, shipment=run.made["packed"], parcels=_parcels(1, 100900),
                    checklist=CHECKLIST, by=logistics, witness=_witness(logistics))  # fmt: skip
    if "cancelled" in run.made:
        reason = f"The consignor asked for the piece to stay in {office.name} for the December viewing."
        run.attempt("cancelled", services.shipment_cancel, shipment=run.made["cancelled"], by=staff["assistant"],
                    reason=reason)  # fmt: skip


def _office() -> Office | None:
    """The office holding the most pieces sold on invoices paid in full (the saleroom that held the closed
    sale), else New York."""
    best, most = None, 0
    for office in Office.objects.order_by("code"):
        count = len(_sold_paid(office))
        if count > most:
            best, most = office, count
    return best or Office.objects.filter(code="NY").first() or Office.objects.order_by("code").first()


def build(say: Callable[[str], None]) -> None:
    if Shipment.objects.exists():
        say("  shipping already has shipments; left as they are")
        return
    office = _office()
    if office is None:
        say("  shipping: no office, so no shipments")
        return
    found = {
        "logistics": _staff(office, Role.LOGISTICS),
        "assistant": _staff(office, Role.SPECIALIST_ASSISTANT),
        "senior": _staff(office, Role.SENIOR_SPECIALIST),
    }
    carriers = [c for c in carrier_queries.carriers(active_only=True) if c.currency == office.currency]
    chosen = {
        "secure": next((c for c in carriers if c.level == ServiceLevel.SECURE_CARRIER), None),
        "hand": next((c for c in carriers if c.level == ServiceLevel.HAND_CARRY), None),
    }
    if any(person is None for person in found.values()) or chosen["secure"] is None:
        say(f"  shipping: no logistics staff or no secure carrier in {office.name}, so no shipments")
        return
    staff = {key: person for key, person in found.items() if person is not None}
    today = office_today(office)
    run = _Run()
    used = _to_buyers(run, office, chosen["secure"], staff, today)
    _consigned(run, office, chosen, staff, today, used)
    say(f"  shipping: {len(run.made)} shipments from {office.name} ({', '.join(sorted(run.made))})")
    for line in run.passed[:6]:
        say(f"    passed over: {line}")
