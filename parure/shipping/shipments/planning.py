"""From what a person asks to ship to a checked plan: the consignee, the pieces with their insured and
customs values and customs words, and every rule's findings (the carrier's and the policy's limits, the
release rules, the export rules). Nothing here writes; ``services`` saves what this answers.

Insured value: a sold piece is insured for what its buyer paid for its lot (hammer, premium and tax, from
the invoice that sold it, billing's ``sold_values``), shared out evenly among the lot's pieces; any other
piece for its insurance value. A customs value, when typed, must equal the insured value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db.models import Sum

from parure.billing import queries as billing
from parure.catalogue import queries as catalogue
from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.core.clock import office_today
from parure.core.models import Office, Staff
from parure.core.money import Money
from parure.inventory import queries as inventory
from parure.inventory.choices import ItemStatus, LocationKind, LocationType, SaleState
from parure.inventory.errors import StockNumberError
from parure.inventory.numbers import parse_stock_number
from parure.inventory.services.custody import describe_place
from parure.shipping.carriers import checks as carrier_checks
from parure.shipping.carriers import queries as carrier_queries
from parure.shipping.carriers.models import Carrier, InsurancePolicy
from parure.shipping.choices import DestinationKind, ExportReason, Incoterm, ServiceLevel
from parure.shipping.compliance import checks as compliance_checks
from parure.shipping.compliance.hs import propose_hs
from parure.shipping.errors import ShippingErrorCode
from parure.shipping.input import amount_of, country_of, date_of, refuse, text_of, whole_of
from parure.shipping.plan import ComplianceResult, Finding, PieceFact, ShipmentPlan, StoneFact
from parure.shipping.shipments.choices import PARCELLED, ArrangedBy, ShipmentStatus, ValueBasis
from parure.shipping.shipments.models import Shipment, ShipmentPiece, office_country

E = ShippingErrorCode
PIECES_MAX = 200
PARCELS_MAX = 20
_HS = r"^\d{4}(\.\d{2}(\d{2})?)?$"


@dataclass(frozen=True)
class PieceInput:
    stock_number: str
    parcel: Any = 1
    description: str = ""
    hs_code: str = ""
    country_of_origin: str = ""
    materials: str = ""  # further material words, comma separated: "coral, enamel"
    permit_number: str = ""
    customs_value: Any = None
    net_weight_g: Any = None


@dataclass(frozen=True)
class ShipmentInput:
    destination_kind: str
    pieces: Sequence[PieceInput]
    ship_on: Any = None
    client_number: str = ""
    address_id: Any = None
    destination_office: str = ""  # the other office's code
    destination_place_id: Any = None  # a vendor's bench or a laboratory (custody place)
    due_back_on: Any = None
    consignee_name: str = ""  # for a vendor or laboratory
    consignee_address: str = ""
    consignee_country: str = ""
    consignee_phone: str = ""
    arranged_by: str = ArrangedBy.HOUSE
    carrier_id: Any = None
    buyer_shipper: str = ""
    export_reason: str = ExportReason.SALE
    incoterm: str = Incoterm.DAP
    carnet_number: str = ""
    return_expected_on: Any = None
    declared_value: Any = None
    notes: str = ""


@dataclass
class PreparedPiece:
    item: Any
    position: int
    parcel: int
    value_basis: str
    insured_value: Decimal
    invoice_number: str
    description: str
    hs_code: str
    hs_reason: str
    country_of_origin: str
    materials: list[str]
    permit_number: str
    net_weight_g: Decimal | None
    fact: PieceFact


@dataclass
class Prepared:
    """A shipment as asked, checked: its fields, its pieces and every finding."""

    fields: dict[str, Any]
    pieces: list[PreparedPiece]
    plan: ShipmentPlan
    carrier: Carrier | None
    policy: InsurancePolicy | None
    findings: list[Finding] = field(default_factory=list)
    compliance: ComplianceResult = field(default_factory=ComplianceResult)

    @property
    def blocking(self) -> list[Finding]:
        """What refuses the shipment as asked (the release rules wait for packing)."""
        return [f for f in self.findings if f.blocking and not f.rule.startswith("release.")]

    @property
    def waiting(self) -> list[Finding]:
        """What keeps it from being packed: a sold piece not paid for, the buyer's identity checks."""
        return [f for f in self.findings if f.blocking and f.rule.startswith("release.")]

    @property
    def total(self) -> Decimal:
        return sum((piece.insured_value for piece in self.pieces), Decimal(0))


def _money(amount: Decimal, currency: str, office: Office) -> str:
    return Money.of(amount, currency).format(office.locale)


def _choice(value: Any, choices: Any, *, field: str, label: str) -> str:
    text = value if isinstance(value, str) else ""
    if text not in choices.values:
        raise refuse(f"Choose {label}.", field=field)
    return text


def _pk(value: Any, *, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise refuse("Choose from the list.", field=field) from None
    if number < 1 or number > 2**62:
        raise refuse("Choose from the list.", field=field)
    return number


# --- The consignee -------------------------------------------------------------------------------------


def _consignee(office: Office, data: ShipmentInput, kind: str, today: date) -> dict[str, Any]:
    if kind == DestinationKind.CLIENT:
        number = text_of(data.client_number, limit=20, field="client_number", label="The client number", required=True)
        try:
            client_id = client_book.client_id_by_number(number)
        except ClientError as refusal:
            raise refuse(refusal.message, field="client_number") from None
        if client_id is None:
            raise refuse(f"No client file is numbered {number}.", field="client_number", code=E.UNKNOWN_RECORD)
        party = client_book.shipping_party(client_id, today=today)
        address_id = _pk(data.address_id, field="address_id")
        address = party.address(address_id) if address_id is not None else (party.addresses or (None,))[0]
        if address is None:
            raise refuse(f"{party.name}'s file holds no address; add one in the client book first.", field="address_id")
        return {
            "client_id": client_id,
            "address_ref": address.pk,
            "consignee_name": party.name,
            "consignee_address": address.text.rpartition("\n")[0] or address.text,
            "consignee_country": address.country,
            "consignee_phone": party.phone,
            "_kyc": (party.kyc_verified, party.kyc_label, party.name),
        }
    if kind == DestinationKind.OFFICE:
        code = text_of(data.destination_office, limit=2, field="destination_office", label="The office", required=True)
        other = Office.objects.filter(code=code.upper()).first()
        if other is None:
            raise refuse(f"No office has the code {code.upper()}.", field="destination_office", code=E.UNKNOWN_RECORD)
        if other.pk == office.pk:
            raise refuse(f"The pieces are already in {office.name}; choose another office.", field="destination_office")
        return {
            "destination_office": other,
            "consignee_name": f"{other.name} office",
            "consignee_address": other.address or other.name,
            "consignee_country": office_country(other),
            "consignee_phone": "",
        }
    place_id = _pk(data.destination_place_id, field="destination_place_id")
    wanted = LocationType.BENCH_JEWELER if kind == DestinationKind.VENDOR else LocationType.GEM_LAB
    place = inventory.places_for(office, (LocationKind.EXTERNAL,)).filter(pk=place_id or 0, type=wanted).first()
    if place is None:
        what = "the bench jeweler" if kind == DestinationKind.VENDOR else "the laboratory"
        raise refuse(f"Choose {what} the pieces go to.", field="destination_place_id")
    due = date_of(data.due_back_on, field="due_back_on", label="The date they are due back")
    assert due is not None
    if due <= today:
        raise refuse("The date they are due back must be after today.", field="due_back_on", code=E.INVALID_DATE)
    return {
        "destination_place": place,
        "due_back_on": due,
        "consignee_name": text_of(data.consignee_name, limit=200, field="consignee_name", label="The consignee's name")
        or place.name,
        "consignee_address": text_of(
            data.consignee_address, limit=600, field="consignee_address", label="The address", required=True
        ),
        "consignee_country": country_of(data.consignee_country, field="consignee_country", label="The country"),
        "consignee_phone": text_of(data.consignee_phone, limit=40, field="consignee_phone", label="The telephone"),
    }


# --- The pieces ----------------------------------------------------------------------------------------


def _open_elsewhere(item_ids: set[int], shipment: Shipment | None) -> dict[int, str]:
    rows = ShipmentPiece.objects.filter(
        item_id__in=item_ids,
        shipment__status__in=(ShipmentStatus.DRAFT, *PARCELLED),
    )
    if shipment is not None:
        rows = rows.exclude(shipment=shipment)
    return dict(rows.values_list("item_id", "shipment__number"))


def _facts(item: Any, facts: Any, piece: PieceInput, index: int) -> tuple[str, list[str], list[StoneFact], int | None]:
    record = facts.get(item.pk)
    where = f"pieces.{index}"
    description = text_of(piece.description, limit=300, field=f"{where}.description", label="The customs description")
    if not description:
        description = (record.description if record is not None and record.description else item.title)[:300]
    metals = list(record.metals) if record is not None else ([item.metal.lower()] if item.metal else [])
    stones = (
        [StoneFact(s.species, s.variety, s.origin, s.count, s.weight_ct) for s in record.stones]
        if record is not None
        else [StoneFact(stone.species.lower(), count=stone.count) for stone in item.stones.all()]
    )
    year = record.year_made if record is not None else None
    return description, metals, stones, year


def _pieces(
    office: Office,
    data: ShipmentInput,
    currency: str,
    shipment: Shipment | None,
    client_id: int | None,
) -> list[PreparedPiece]:
    if not data.pieces:
        raise refuse("Add the pieces the shipment takes.", field="pieces", code=E.REQUIRED)
    if len(data.pieces) > PIECES_MAX:
        raise refuse(f"A shipment takes at most {PIECES_MAX} pieces.", field="pieces")
    numbers = []
    for index, piece in enumerate(data.pieces):
        text = text_of(
            piece.stock_number, limit=24, field=f"pieces.{index}.stock_number", label="The stock number", required=True
        )
        try:
            numbers.append(parse_stock_number(text))
        except StockNumberError as refusal:
            raise refuse(refusal.message, field=f"pieces.{index}.stock_number") from None
    if len(set(numbers)) != len(numbers):
        twice = next(n for n in numbers if numbers.count(n) > 1)
        raise refuse(f"{twice} is on the shipment twice.", field="pieces")
    items = inventory.pieces_by_stock_number(numbers)
    for index, number in enumerate(numbers):
        if number not in items:
            raise refuse(
                f"No piece has stock number {number}.", field=f"pieces.{index}.stock_number", code=E.UNKNOWN_PIECE
            )
    ids = {item.pk for item in items.values()}
    elsewhere = _open_elsewhere(ids, shipment)
    sold = billing.sold_values(ids)
    facts = catalogue.customs_facts(ids)
    prepared: list[PreparedPiece] = []
    for index, (number, piece) in enumerate(zip(numbers, data.pieces, strict=True)):
        item = items[number]
        where = f"pieces.{index}"
        if item.pk in elsewhere:
            raise refuse(f"{number} is already on shipment {elsewhere[item.pk]}.", field=where, code=E.REFUSED)
        in_parcel = shipment is not None and item.location.type == LocationType.PACKED
        if item.location.office_id != office.pk or (item.status != ItemStatus.IN_HOUSE and not in_parcel):
            raise refuse(
                f"{number} is {describe_place(item)}; a shipment from {office.name} takes pieces in the house there.",
                field=where,
                code=E.REFUSED,
            )
        parcel = whole_of(
            piece.parcel or 1, field=f"{where}.parcel", label="The parcel number", low=1, high=PARCELS_MAX
        )
        value = sold.get(item.pk)
        if value is not None:
            if value.total.currency != currency:
                raise refuse(
                    f"{number} was sold in {value.total.currency} on {value.invoice_number}; ship it in that currency.",
                    field="currency",
                )
            if client_id is not None and value.buyer_id != client_id:
                raise refuse(
                    f"{number} was sold on {value.invoice_number} to another client; a sold piece ships to its buyer.",
                    field=where,
                    code=E.REFUSED,
                )
            missing = [n for n in value.stock_numbers if n not in numbers]
            if missing:
                lot = f"Lot {value.lot_label}" if value.lot_label else "The lot"
                raise refuse(
                    f"{lot} on {value.invoice_number} was sold as one: ship {', '.join(missing)} with {number}.",
                    field="pieces",
                    code=E.REFUSED,
                )
            share = _share(
                value.total.amount,
                len(value.stock_numbers) or 1,
                value.stock_numbers.index(number) if number in value.stock_numbers else 0,
            )
            basis, insured, invoice_number = ValueBasis.INVOICE, share, value.invoice_number
        else:
            if item.sale_state == SaleState.SOLD:
                raise refuse(
                    f"{number} is sold but not yet invoiced; it ships once its invoice is issued.",
                    field=where,
                    code=E.NOT_RELEASABLE,
                )
            if item.insurance_value is None:
                raise refuse(
                    f"{number} has no insurance value; enter it on the piece first.", field=where, code=E.REQUIRED
                )
            if item.currency != currency:
                raise refuse(f"{number} is valued in {item.currency}; ship it in that currency.", field="currency")
            basis, insured, invoice_number = ValueBasis.INSURANCE, Decimal(item.insurance_value), ""
        customs = amount_of(piece.customs_value, field=f"{where}.customs_value", label="The customs value")
        if customs is not None and customs != insured:
            raise refuse(
                f"{number}'s customs value {_money(customs, currency, office)} disagrees with its insured value "
                f"{_money(insured, currency, office)} ({ValueBasis(basis).label.lower()}); "
                "customs is told what it is insured for.",
                field=f"{where}.customs_value",
                code=E.VALUE_MISMATCH,
            )
        description, metals, stones, year = _facts(item, facts, piece, index)
        materials_text = text_of(piece.materials, limit=200, field=f"{where}.materials", label="The materials")
        materials = [word.strip().lower() for word in materials_text.split(",") if word.strip()]
        origin = country_of(
            piece.country_of_origin, field=f"{where}.country_of_origin", label="The country of origin", required=False
        )
        permit = text_of(piece.permit_number, limit=60, field=f"{where}.permit_number", label="The permit number")
        weight = amount_of(piece.net_weight_g, field=f"{where}.net_weight_g", label="The net weight")
        if weight is None and item.gross_weight_g is not None:
            weight = Decimal(item.gross_weight_g)
        paid = value.paid_in_full if value is not None else True
        fact = PieceFact(
            stock_number=number,
            category=item.category,
            description=description,
            metals=tuple(metals),
            stones=tuple(stones),
            materials=tuple(materials),
            year_made=year,
            country_of_origin=origin,
            value=insured,
            parcel=parcel,
            permit=permit,
            sold=value is not None,
            paid=paid,
            net_weight_g=weight,
        )
        hs_code = text_of(piece.hs_code, limit=10, field=f"{where}.hs_code", label="The HS code")
        hs_reason = ""
        if hs_code:
            if not re.match(_HS, hs_code):
                raise refuse(f"‘{hs_code}’ is not an HS code; they look like 7113.19.", field=f"{where}.hs_code")
            if item.category == "loose_stone" and hs_code.startswith("9706"):
                raise refuse("A loose stone is never an antique (9706); choose 7101–7103.", field=f"{where}.hs_code")
            hs_reason = "As entered"
        prepared.append(
            PreparedPiece(
                item=item,
                position=index + 1,
                parcel=parcel,
                value_basis=basis,
                insured_value=insured,
                invoice_number=invoice_number,
                description=description,
                hs_code=hs_code,
                hs_reason=hs_reason,
                country_of_origin=origin,
                materials=materials,
                permit_number=permit,
                net_weight_g=weight,
                fact=fact,
            )
        )
    parcels = sorted({piece.parcel for piece in prepared})
    if parcels != list(range(1, len(parcels) + 1)):
        raise refuse("Number the parcels from 1 without a gap.", field="pieces")
    return prepared


def _share(total: Decimal, count: int, index: int) -> Decimal:
    """One piece's even share of its lot's value; the first carries the cents that do not divide."""
    each = (total / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return each + (total - each * count) if index == 0 else each


# --- The policy's aggregates ----------------------------------------------------------------------------


def address_key(address: str, country: str) -> str:
    """An address as the per-address limit compares it: its words and country, whatever the case or spacing."""
    return " ".join(f"{address} {country}".lower().split())


def _aggregates(
    office: Office, policy: InsurancePolicy | None, country: str, key: str, ship_on: date, shipment: Shipment | None
) -> tuple[Decimal, Decimal]:
    """The value of the office's other shipments the policy counts with this one: handed over (or to be)
    the same day, and at risk to the same address (packed or with the carrier)."""
    others = ShipmentPiece.objects.exclude(shipment__status__in=(ShipmentStatus.CANCELLED, ShipmentStatus.RETURNED))
    if shipment is not None:
        others = others.exclude(shipment=shipment)
    on_day = Decimal(0)
    if policy is not None:
        on_day = others.filter(shipment__office=office, shipment__policy=policy, shipment__ship_on=ship_on).exclude(
            shipment__status=ShipmentStatus.DRAFT
        ).aggregate(s=Sum("insured_value"))["s"] or Decimal(0)
    to_address = Decimal(0)
    for address, value in (
        others.filter(shipment__status__in=PARCELLED, shipment__consignee_country=country)
        .values_list("shipment__consignee_address")
        .annotate(s=Sum("insured_value"))
    ):
        if address_key(address, country) == key:
            to_address += value or Decimal(0)
    return on_day, to_address


# --- Putting it together --------------------------------------------------------------------------------


def release_findings(prepared_pieces: Sequence[PieceFact], kyc: tuple[bool, str, str] | None) -> list[Finding]:
    """The release rules: a sold piece ships only when its invoice is paid in full and its buyer's identity
    checks stand verified."""
    found = []
    unpaid = [piece.stock_number for piece in prepared_pieces if piece.sold and not piece.paid]
    if unpaid:
        found.append(
            Finding(
                "release.unpaid",
                f"{', '.join(unpaid)} {'is' if len(unpaid) == 1 else 'are'} sold on an invoice not paid in full; "
                "a sold piece ships only once it is paid.",
                field="pieces",
                alternative="The buyer may instead collect it, or send their own shipper, once it is paid.",
            )
        )
    if kyc is not None and any(piece.sold for piece in prepared_pieces) and not kyc[0]:
        found.append(
            Finding(
                "release.kyc",
                f"{kyc[2]}'s identity checks are not complete ({kyc[1].lower()}); a sold piece ships to a buyer "
                "whose identity checks stand verified.",
                field="client_number",
            )
        )
    return found


def prepare(office: Office, data: ShipmentInput, *, by: Staff, shipment: Shipment | None = None) -> Prepared:
    """Read and check what is asked; refuse (ShippingError) what cannot be read, answer every finding."""
    today = office_today(office)
    kind = _choice(data.destination_kind, DestinationKind, field="destination_kind", label="where the shipment goes")
    arranged = _choice(data.arranged_by or ArrangedBy.HOUSE, ArrangedBy, field="arranged_by", label="who ships it")
    if arranged == ArrangedBy.BUYER and kind != DestinationKind.CLIENT:
        raise refuse("Only a buyer sends their own shipper; choose the house's carrier.", field="arranged_by")
    ship_on = date_of(data.ship_on or today.isoformat(), field="ship_on", label="The shipping date")
    assert ship_on is not None
    if ship_on < today and (shipment is None or shipment.status == ShipmentStatus.DRAFT):
        raise refuse("The shipping date cannot be in the past.", field="ship_on", code=E.INVALID_DATE)
    consignee = _consignee(office, data, kind, today)
    kyc = consignee.pop("_kyc", None)
    reason = _choice(
        data.export_reason or ExportReason.SALE, ExportReason, field="export_reason", label="the reason for export"
    )
    incoterm = _choice(data.incoterm or Incoterm.DAP, Incoterm, field="incoterm", label="the incoterm")
    carnet = text_of(data.carnet_number, limit=40, field="carnet_number", label="The ATA carnet number")
    return_on = date_of(
        data.return_expected_on, field="return_expected_on", label="The expected return", required=False
    )
    international = office_country(office) != consignee["consignee_country"]
    if reason == ExportReason.EXHIBITION and international:
        if not carnet:
            raise refuse(
                "A temporary export for an exhibition travels under an ATA carnet: enter its number.",
                field="carnet_number",
                code=E.REQUIRED,
            )
        if return_on is None or return_on <= ship_on:
            raise refuse(
                "Give the date the pieces are expected back, after the shipping date.",
                field="return_expected_on",
                code=E.INVALID_DATE,
            )
    carrier: Carrier | None = None
    policy: InsurancePolicy | None = None
    buyer_shipper = ""
    if arranged == ArrangedBy.BUYER:
        buyer_shipper = text_of(
            data.buyer_shipper, limit=120, field="buyer_shipper", label="The buyer's shipper", required=True
        )
        level: str = ServiceLevel.SECURE_CARRIER
    else:
        carrier_id = _pk(data.carrier_id, field="carrier_id")
        if carrier_id is None:
            raise refuse("Choose the carrier.", field="carrier_id", code=E.REQUIRED)
        carrier = carrier_queries.carrier_by_pk(carrier_id)
        level = carrier.level
    currency = carrier.currency if carrier is not None else office.currency
    pieces = _pieces(office, data, currency, shipment, consignee.get("client_id"))
    if carrier is not None:
        policy = carrier_queries.policy_for(office_id=office.pk, level=level, on=ship_on, currency=currency)
    declared = amount_of(data.declared_value, field="declared_value", label="The declared value")
    total = sum((piece.insured_value for piece in pieces), Decimal(0))
    if declared is not None and declared > total:
        raise refuse(
            f"The value declared to the carrier, {_money(declared, currency, office)}, is more than the insured "
            f"value, {_money(total, currency, office)}.",
            field="declared_value",
            code=E.VALUE_MISMATCH,
        )
    country = consignee["consignee_country"]
    key = address_key(consignee["consignee_address"], country)
    on_day, to_address = _aggregates(office, policy, country, key, ship_on, shipment)
    plan = ShipmentPlan(
        office_code=office.code,
        origin_country=office_country(office),
        destination_kind=kind,
        destination_country=consignee["consignee_country"],
        address_key=key,
        currency=currency,
        ship_on=ship_on,
        level=level,
        carrier_id=carrier.pk if carrier is not None else None,
        policy_id=policy.pk if policy is not None else None,
        pieces=tuple(piece.fact for piece in pieces),
        export_reason=reason,
        value_to_address=to_address,
        value_on_day=on_day,
    )
    findings: list[Finding] = []
    if carrier is not None:
        refused = carrier_checks.check_carrier(plan, carrier, locale=office.locale)
        if any(f.blocking for f in refused):
            others = carrier_queries.carriers_for(plan.origin_country, plan.destination_country)
            hint = carrier_checks.alternatives(plan, list(others), carrier, locale=office.locale)
            refused = [
                Finding(f.rule, f.message, f.field, f.alternative or hint, f.blocking, f.source) if f.blocking else f
                for f in refused
            ]
        findings += refused
        findings += carrier_checks.check_policy(plan, policy, locale=office.locale)
    compliance = compliance_checks.check_compliance(plan)
    findings += list(compliance.findings)
    findings += release_findings(plan.pieces, kyc)
    for piece in pieces:
        if not piece.hs_code:
            proposal = compliance.hs.get(piece.item.stock_number) or propose_hs(piece.fact, on=ship_on)
            piece.hs_code, piece.hs_reason = proposal.code, f"{proposal.reason} ({proposal.edition})"[:200]
    fields = {
        **consignee,
        "destination_kind": kind,
        "arranged_by": arranged,
        "level": level,
        "carrier": carrier,
        "buyer_shipper": buyer_shipper,
        "policy": policy,
        "currency": currency,
        "ship_on": ship_on,
        "export_reason": reason,
        "incoterm": incoterm,
        "carnet_number": carnet,
        "return_expected_on": return_on,
        "declared_value": declared,
        "notes": text_of(data.notes, limit=2000, field="notes", label="The notes"),
    }
    return Prepared(fields, pieces, plan, carrier, policy, findings, compliance)


def stored_input(shipment: Shipment) -> ShipmentInput:
    """What a saved shipment was asked as: to check it again at packing and at the hand-over."""
    return ShipmentInput(
        destination_kind=shipment.destination_kind,
        pieces=[
            PieceInput(
                stock_number=row.item.stock_number,
                parcel=row.parcel,
                description=row.description,
                hs_code=row.hs_code,
                country_of_origin=row.country_of_origin,
                materials=", ".join(row.materials),
                permit_number=row.permit_number,
                net_weight_g=row.net_weight_g,
            )
            for row in shipment.pieces.select_related("item", "item__location").all()
        ],
        ship_on=shipment.ship_on,
        client_number=client_book.client_number_of(shipment.client_id) if shipment.client_id else "",
        address_id=shipment.address_ref,
        destination_office=shipment.destination_office.code if shipment.destination_office else "",
        destination_place_id=shipment.destination_place_id,
        due_back_on=shipment.due_back_on,
        consignee_name=shipment.consignee_name,
        consignee_address=shipment.consignee_address,
        consignee_country=shipment.consignee_country,
        consignee_phone=shipment.consignee_phone,
        arranged_by=shipment.arranged_by,
        carrier_id=shipment.carrier_id,
        buyer_shipper=shipment.buyer_shipper,
        export_reason=shipment.export_reason,
        incoterm=shipment.incoterm,
        carnet_number=shipment.carnet_number,
        return_expected_on=shipment.return_expected_on,
        declared_value=shipment.declared_value,
        notes=shipment.notes,
    )
