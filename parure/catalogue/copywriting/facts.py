"""What the copy is written from: a plain, frozen snapshot of a catalogue record.

The generator reads only these dataclasses, so it can be tested without a database. The
provenance here is already the public chain: a confidential owner is carried as its public
wording, because copy is printed for everyone (docs/house-style.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class StoneFacts:
    """One stone or group of like stones, as the record holds it."""

    position: int
    role: str  # principal, secondary, accent (parure.catalogue.choices.StoneRole)
    species: str
    variety: str = ""
    cut: str = ""
    shape: str = ""
    count: int = 1
    component: int | None = None
    length_mm: Decimal | None = None
    width_mm: Decimal | None = None
    depth_mm: Decimal | None = None
    weight_ct: Decimal | None = None
    weight_basis: str = ""  # report, loose, estimated, engraved (WeightBasis)
    colour: str = ""
    clarity: str = ""
    cut_grade: str = ""
    as_gauged: bool = False
    fluorescence: str = ""
    treatment: str = ""
    origin: str = ""

    @property
    def name(self) -> str:
        """The stone as copy names it: its variety (sapphire) when there is one, else its species."""
        return (self.variety or self.species).strip().lower()


@dataclass(frozen=True)
class MetalFacts:
    metal: str
    colour: str = ""
    fineness: int | None = None
    marks: str = ""
    part: str = ""


@dataclass(frozen=True)
class MakerFacts:
    name: str
    attribution: str = "by"  # by, attributed, mounted_by, made_for, retailed_by, designed_by


@dataclass(frozen=True)
class ProvenanceFacts:
    """One public link of the chain: the owner or sale as it may be printed."""

    wording: str
    date_text: str = ""


@dataclass(frozen=True)
class ReportFacts:
    """A laboratory report on one stone, with the findings the copy may quote."""

    lab_name: str
    lab_code: str
    number: str
    date: date | None = None
    stone_position: int | None = None
    species: str = ""
    variety: str = ""
    weight_ct: Decimal | None = None
    shape: str = ""
    cut: str = ""
    measurements: str = ""
    colour: str = ""
    clarity: str = ""
    fluorescence: str = ""
    treatment: str = ""
    origin: str = ""


@dataclass(frozen=True)
class RecordFacts:
    """Everything the copy of one piece is written from."""

    object_type: str
    form: str = ""
    is_pair: bool = False
    suite_of: int | None = None
    date_text: str = ""
    year_from: int | None = None
    year_to: int | None = None
    circa: bool = False
    period: str = ""
    length_mm: Decimal | None = None
    width_mm: Decimal | None = None
    diameter_mm: Decimal | None = None
    ring_size: str = ""
    ring_size_system: str = ""
    gross_weight_g: Decimal | None = None
    signature: str = ""
    serial_number: str = ""
    workshop_number: str = ""
    maker_marks: str = ""
    fitted_case: str = ""
    design_notes: str = ""
    metals: tuple[MetalFacts, ...] = ()
    stones: tuple[StoneFacts, ...] = ()
    makers: tuple[MakerFacts, ...] = ()
    provenance: tuple[ProvenanceFacts, ...] = ()
    literature: tuple[str, ...] = ()
    exhibitions: tuple[str, ...] = ()
    reports: tuple[ReportFacts, ...] = field(default=())

    def report_for(self, stone: StoneFacts) -> ReportFacts | None:
        return next((report for report in self.reports if report.stone_position == stone.position), None)
