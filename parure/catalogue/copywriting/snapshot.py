"""Reading a catalogue record into the plain facts the generator writes from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from parure.catalogue.copywriting.facts import (
    MakerFacts,
    MetalFacts,
    ProvenanceFacts,
    RecordFacts,
    ReportFacts,
    StoneFacts,
)
from parure.catalogue.models import CatalogueRecord

PRIVATE = "Private collection"
REPORT_WORDS = (
    "species", "variety", "shape", "cut", "measurements", "colour", "clarity", "fluorescence", "treatment", "origin",
)  # fmt: skip


def _certificates(record: CatalogueRecord) -> Iterable[Any]:
    """The reports attached to the record (not those detached), in the order of its stones."""
    from parure.catalogue.queries import attached_reports

    return attached_reports(record)


def reports_of(record: CatalogueRecord) -> list[ReportFacts]:
    """The laboratory reports on the record's stones, as facts (each certificate with
    ``laboratory`` (code, name), ``number``, ``date``, ``stone`` and its findings)."""
    found = []
    for certificate in _certificates(record):
        laboratory: Any = getattr(certificate, "laboratory", None)
        stone: Any = getattr(certificate, "stone", None)
        found.append(
            ReportFacts(
                lab_name=str(getattr(laboratory, "name", "") or ""),
                lab_code=str(getattr(laboratory, "code", "") or ""),
                number=str(certificate.number),
                date=getattr(certificate, "issued_on", None) or getattr(certificate, "date", None),
                stone_position=stone.position if stone is not None else None,
                weight_ct=getattr(certificate, "weight_ct", None),
                **{name: str(getattr(certificate, name, "") or "") for name in REPORT_WORDS},
            )
        )
    return found


def snapshot(record: CatalogueRecord) -> RecordFacts:
    """The record as facts. Confidential provenance is carried as its public wording only: the copy
    is printed for everyone."""
    references = list(record.references.all())
    return RecordFacts(
        object_type=record.object_type,
        form=record.form,
        is_pair=record.is_pair,
        suite_of=record.suite_of,
        date_text=record.date_text,
        year_from=record.year_from,
        year_to=record.year_to,
        circa=record.circa,
        period=record.period,
        length_mm=record.length_mm,
        width_mm=record.width_mm,
        diameter_mm=record.diameter_mm,
        ring_size=record.ring_size,
        ring_size_system=record.ring_size_system,
        gross_weight_g=record.gross_weight_g,
        signature=record.signature,
        serial_number=record.serial_number,
        workshop_number=record.workshop_number,
        maker_marks=record.maker_marks,
        fitted_case=record.fitted_case,
        design_notes=record.design_notes,
        metals=tuple(
            MetalFacts(metal=m.metal, colour=m.colour, fineness=m.fineness, marks=m.marks, part=m.part)
            for m in record.metals.all()
        ),
        stones=tuple(
            StoneFacts(
                position=s.position,
                role=s.role,
                species=s.species,
                variety=s.variety,
                cut=s.cut,
                shape=s.shape,
                count=s.count,
                component=s.component,
                length_mm=s.length_mm,
                width_mm=s.width_mm,
                depth_mm=s.depth_mm,
                weight_ct=s.weight_ct,
                weight_basis=s.weight_basis,
                colour=s.colour,
                clarity=s.clarity,
                cut_grade=s.cut_grade,
                as_gauged=s.as_gauged,
                fluorescence=s.fluorescence,
                treatment=s.treatment,
                origin=s.origin,
            )
            for s in record.stones.all()
        ),
        makers=tuple(MakerFacts(name=m.name, attribution=m.attribution) for m in record.makers.all()),
        provenance=tuple(
            ProvenanceFacts(
                wording=(entry.public_wording.strip() or PRIVATE) if entry.confidential else entry.owner,
                date_text="" if entry.confidential else entry.date_text,
            )
            for entry in record.provenance.all()
        ),
        literature=tuple(ref.text for ref in references if ref.kind == "literature"),
        exhibitions=tuple(ref.text for ref in references if ref.kind == "exhibition"),
        reports=tuple(reports_of(record)),
    )
