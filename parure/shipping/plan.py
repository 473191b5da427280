"""What a shipment's rule checks read: plain values, no models, so that the carrier's and the insurance
policy's limits, the release rules and the compliance rules are pure functions of a plan (and a
benchmark can run them against the same checks written in SQL).

``shipments.services`` builds the plan from the records (custody, billing, the catalogue and the client
book, through their queries); ``carriers.checks`` and ``compliance.checks`` judge it. A check answers
:class:`Finding` rows: a blocking finding refuses the shipment with its sentence and, where there is one,
the alternative to suggest; a non-blocking one is a warning the page shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class StoneFact:
    species: str  # as the catalogue names it: "diamond", "corundum", "beryl", "pearl", "coral"
    variety: str = ""  # "ruby", "sapphire", "emerald", "jadeite"; "" when the species says it
    origin: str = ""  # as reported: "Burma", "Myanmar", "Russia", "Colombia"; "" when not known
    count: int = 1
    weight_ct: Decimal | None = None  # of the stone, or of the group

    @property
    def name(self) -> str:
        return self.variety or self.species


@dataclass(frozen=True)
class PieceFact:
    """One piece of a shipment as the rules read it. Words are lower case."""

    stock_number: str
    category: str  # inventory's ItemCategory value; "loose_stone" for a stone unmounted
    description: str  # in plain words, as customs reads it: "Ring, platinum, set with diamonds"
    metals: tuple[str, ...] = ()  # "gold", "platinum", "silver", "palladium" (gemology's metal names)
    stones: tuple[StoneFact, ...] = ()
    materials: tuple[str, ...] = ()  # other materials: "coral", "tortoiseshell", "ivory", "enamel", "jade"
    year_made: int | None = None  # the latest year it may have been made, None when not known
    country_of_origin: str = ""  # ISO 3166 alpha-2 of where it was made, "" when not known
    value: Decimal = Decimal(0)  # insured value, in the plan's currency
    parcel: int = 1  # the parcel it travels in, from 1
    permit: str = ""  # the CITES or wildlife permit number entered for it, "" when none
    sold: bool = False
    paid: bool = True  # for a sold piece: its invoice paid in full
    net_weight_g: Decimal | None = None

    def words(self) -> set[str]:
        """Every material word the piece is known by: metals, stones' species and varieties, materials."""
        found = set(self.metals) | set(self.materials)
        for stone in self.stones:
            found.add(stone.species)
            if stone.variety:
                found.add(stone.variety)
        return {word.lower() for word in found if word}


@dataclass(frozen=True)
class ShipmentPlan:
    office_code: str
    origin_country: str  # ISO alpha-2 of the sending office
    destination_kind: str  # choices.DestinationKind
    destination_country: str  # ISO alpha-2
    address_key: str  # the consignee's address, normalised, for the per-address limit
    currency: str
    ship_on: date
    level: str  # choices.ServiceLevel
    carrier_id: int | None
    policy_id: int | None
    pieces: tuple[PieceFact, ...]
    export_reason: str = "sale"  # choices.ExportReason
    # Other shipments' value the policy's aggregate limits count with this one (same currency):
    value_to_address: Decimal = Decimal(0)  # packed or in transit to the same address
    value_on_day: Decimal = Decimal(0)  # handed over (or to be) by the same office on ship_on under the policy

    @property
    def international(self) -> bool:
        return self.origin_country != self.destination_country

    @property
    def total(self) -> Decimal:
        return sum((piece.value for piece in self.pieces), Decimal(0))

    def parcel_values(self) -> dict[int, Decimal]:
        values: dict[int, Decimal] = defaultdict(lambda: Decimal(0))
        for piece in self.pieces:
            values[piece.parcel] += piece.value
        return dict(sorted(values.items()))


@dataclass(frozen=True)
class Finding:
    rule: str  # "carrier.max_per_package", "policy.per_day", "release.unpaid", "compliance.<rule code>"
    message: str  # the sentence a person acts on
    field: str = ""  # the input it concerns: "carrier", "policy", "pieces", "permit:<stock number>"
    alternative: str = ""  # what to do instead: "Ship with Malca-Amit (limit $2,000,000 a parcel)."
    blocking: bool = True
    source: str = ""  # for a compliance rule: its source and jurisdiction


@dataclass(frozen=True)
class Statement:
    """A sentence the customs documents print (the diamonds' warranty, a wildlife declaration)."""

    code: str
    text: str
    source: str = ""
    stock_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class HsProposal:
    code: str  # "7113.19"
    heading: str  # "Articles of jewellery of other precious metal"
    edition: str  # "HS 2022"
    reason: str  # why: "gold or platinum jewelry"


@dataclass(frozen=True)
class ComplianceResult:
    findings: tuple[Finding, ...] = ()
    statements: tuple[Statement, ...] = ()
    hs: dict[str, HsProposal] = field(default_factory=dict)
    permits_required: dict[str, str] = field(default_factory=dict)  # stock number → what needs a permit
