"""What shipping's printed papers take: plain frozen values, built from the records by the shipment's
pages and API, so that the renderers in :mod:`parure.shipping.documents.render` are pure (no queries)
and a paper prints the same from the same values forever.

Amounts are ``Decimal`` in the document's currency (a manifest row carries its own); weights are grams;
countries are ISO 3166 alpha-2 codes with the name to print beside them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models

from parure.shipping.choices import ExportReason


class CustomsInvoiceKind(models.TextChoices):
    """A commercial invoice goes with a sale; a pro-forma with anything else (and a sale not yet paid)."""

    COMMERCIAL = "commercial", "Commercial invoice"
    PRO_FORMA = "pro_forma", "Pro-forma invoice"


#: The reasons for which the pieces leave only for a while and must come back under an ATA carnet.
TEMPORARY_REASONS = frozenset({ExportReason.EXHIBITION.value, ExportReason.TEMPORARY_ADMISSION.value})


@dataclass(frozen=True)
class Party:
    """A person or firm as a paper prints them: exporter, buyer, consignee, return address, office."""

    name: str
    address_lines: tuple[str, ...]
    country_code: str  # ISO 3166 alpha-2: "CH"
    country_name: str  # "Switzerland"
    telephone: str = ""
    tax_number: str = ""  # VAT, EIN or UID number, "" when none
    eori_number: str = ""  # the EU/UK customs trader number, "" when none

    @property
    def lines(self) -> tuple[str, ...]:
        """Every line a label or an address block prints: the name, the address, the country."""
        return (self.name, *self.address_lines, self.country_name)


@dataclass(frozen=True)
class CustomsLine:
    stock_number: str
    description: str  # in plain words, as customs reads it: "Ring, platinum, set with diamonds"
    hs_code: str  # "7113.19"
    origin_country: str  # ISO alpha-2 of where it was made
    quantity: int
    net_weight_g: Decimal  # of the line (all its pieces)
    unit_value: Decimal
    total_value: Decimal
    materials: str = ""  # "Platinum; diamonds"
    permit_number: str = ""  # CITES or other permit, "" when none


@dataclass(frozen=True)
class Parcel:
    number: int  # from 1
    of: int
    seal_numbers: tuple[str, ...]
    gross_weight_g: Decimal
    dimensions: str  # "20 × 15 × 10 cm"
    declared_value: Decimal
    tracking_number: str = ""


@dataclass(frozen=True)
class CustomsDocument:
    kind: str  # CustomsInvoiceKind
    shipment_number: str
    dated: date  # the office's date it is issued
    seller: Party  # the exporter
    buyer: Party
    consignee: Party
    currency: str  # ISO 4217
    locale: str  # the office's locale, for the money: "fr_CH"
    incoterm: str  # choices.Incoterm value: "DAP"
    reason: str  # choices.ExportReason value
    carrier: str
    service: str
    tracking_number: str
    lines: tuple[CustomsLine, ...]
    parcels: tuple[Parcel, ...]
    hs_edition: str  # "HS 2022"
    insured_value: Decimal | None
    declared_value: Decimal
    declared_is_insurance: bool
    customs_total: Decimal  # must equal the sum of the lines' totals
    signatory_name: str
    signatory_title: str
    statements: tuple[tuple[str, str], ...] = ()  # (code, text)
    reason_label: str = ""  # "" for the reason's own label
    incoterm_place: str = ""  # the named place: "Geneva"
    carnet_number: str = ""  # ATA carnet, for a temporary export
    return_expected: date | None = None  # for a temporary export
    letterhead: Party | None = None  # the office that prepares it; the seller when None

    @property
    def title(self) -> str:
        return CustomsInvoiceKind.PRO_FORMA.label if self.kind == CustomsInvoiceKind.PRO_FORMA else "Commercial invoice"

    @property
    def reason_text(self) -> str:
        if self.reason_label:
            return self.reason_label
        return str(ExportReason(self.reason).label) if self.reason in ExportReason.values else self.reason

    @property
    def temporary(self) -> bool:
        return self.reason in TEMPORARY_REASONS

    @property
    def lines_total(self) -> Decimal:
        return sum((line.total_value for line in self.lines), Decimal(0))

    @property
    def net_weight_g(self) -> Decimal:
        return sum((line.net_weight_g for line in self.lines), Decimal(0))

    @property
    def gross_weight_g(self) -> Decimal:
        return sum((parcel.gross_weight_g for parcel in self.parcels), Decimal(0))

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)


@dataclass(frozen=True)
class AddressLabel:
    """The outer label of one parcel (4 × 6 in)."""

    shipment_number: str
    parcel: int
    of: int
    consignee: Party
    return_address: Party
    tracking_number: str
    carrier: str
    service: str
    signature_required: bool


@dataclass(frozen=True)
class InnerSlip:
    """The slip inside a parcel, under the seal: where it comes back to if the outer label is lost."""

    return_address: Party
    tracking_number: str
    shipment_number: str
    parcel: int
    of: int


@dataclass(frozen=True)
class ManifestRow:
    shipment_number: str
    parcels: int
    tracking_numbers: tuple[str, ...]
    seal_numbers: tuple[str, ...]
    destination_city: str
    destination_country: str  # ISO alpha-2
    declared_value: Decimal
    currency: str


@dataclass(frozen=True)
class PickupManifest:
    """What the carrier's driver signs for at the office's door: every parcel handed over."""

    number: str
    office: Party
    carrier: str
    pickup_at: datetime  # in the office's time
    rows: tuple[ManifestRow, ...]
    released_by: str  # the member of staff who hands the parcels over
    witness: str  # the second member of staff who sees it done
    locale: str = "en_US"

    @property
    def parcel_count(self) -> int:
        return sum(row.parcels for row in self.rows)

    def totals(self) -> dict[str, Decimal]:
        """The declared value handed over, per currency, in the order the currencies first appear."""
        found: dict[str, Decimal] = defaultdict(lambda: Decimal(0))
        for row in self.rows:
            found[row.currency] += row.declared_value
        return dict(found)
