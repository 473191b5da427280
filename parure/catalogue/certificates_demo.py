"""Demonstration certificates: a laboratory report, with a scan, for the important stones of the
demo's catalogue records.

It builds on the records the records demo made (order 40): every principal stone whose weight is
stated by a report, or that weighs a carat or more, gets a report from the laboratory the trade
would send it to (GIA for diamonds, SSEF, Gübelin or AGL in turn for coloured stones and
pearls), agreeing with the record in every figure, so the match check reads "Matches". Numbers
come from a seeded generator, so the same demo gives the same reports. Records that already
have a report are left alone, so running the demo twice adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from parure.catalogue.certificate_pdf import report_scan
from parure.catalogue.choices import CertificateKind, StoneRole, WeightBasis
from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory, RecordStone
from parure.catalogue.services.certificates import ReportDraft, certificate_attach
from parure.core.models import Staff

SEED = 20261202
COLOURED_LABS = ("SSEF", "Gübelin", "AGL")
IMPORTANT_CT = Decimal("1.00")


def _important(stone: RecordStone) -> bool:
    return stone.role == StoneRole.PRINCIPAL and (
        stone.weight_basis == WeightBasis.REPORT or (stone.weight_ct or Decimal(0)) >= IMPORTANT_CT
    )


def _kind(stone: RecordStone) -> str:
    species = stone.species.strip().lower()
    if species == "diamond":
        return CertificateKind.DIAMOND
    if species == "pearl" or "pearl" in stone.variety.lower():
        return CertificateKind.PEARL
    return CertificateKind.COLOURED_STONE


def _number(rng: random.Random, laboratory: str) -> str:
    if laboratory == "GIA":
        return str(rng.randrange(1_000_000_000, 9_999_999_999))
    if laboratory == "AGL":
        return f"CS {rng.randrange(1_000_000, 9_999_999)}"
    return str(rng.randrange(10_000, 999_999))


def _draft(stone: RecordStone, laboratory: Laboratory, number: str, issued_on: date) -> ReportDraft:
    kind = _kind(stone)
    diamond = kind == CertificateKind.DIAMOND
    return ReportDraft(
        laboratory=laboratory,
        number=number,
        issued_on=issued_on,
        kind=kind,
        stone=stone,
        species=stone.species,
        variety=stone.variety,
        weight_ct=stone.weight_ct if stone.count == 1 else None,
        shape=stone.shape,
        cut=stone.cut,
        length_mm=stone.length_mm,
        width_mm=stone.width_mm,
        depth_mm=stone.depth_mm,
        # A report states one grade: the best end of a catalogued range, which lies within it.
        colour=_first(stone.colour) if diamond else stone.colour,
        clarity=_first(stone.clarity) if diamond else "",
        cut_grade=_first(stone.cut_grade) if diamond else "",
        fluorescence=stone.fluorescence if diamond else "",
        treatment=stone.treatment,
        origin=stone.origin,
    )


def _first(grade: str) -> str:
    return grade.replace("–", "-").split("-")[0].strip()


def _lines(draft: ReportDraft) -> list[str]:
    lines = [f"Date: {draft.issued_on:%d %B %Y}", f"Species: {draft.species}"]
    lines += [f"{label}: {value}" for label, value in (
        ("Variety", draft.variety), ("Shape and cut", f"{draft.shape} {draft.cut}".strip()),
        ("Weight", f"{draft.weight_ct} ct" if draft.weight_ct else ""), ("Colour", draft.colour),
        ("Clarity", draft.clarity), ("Cut grade", draft.cut_grade), ("Fluorescence", draft.fluorescence),
        ("Treatment", draft.treatment), ("Origin", draft.origin),
    ) if value]  # fmt: skip
    lines.append("Demonstration scan made by Parure; not a laboratory document.")
    return lines


def build(say: Callable[[str], None]) -> None:
    """Reports for the important stones of every demo record that has none yet."""
    rng = random.Random(SEED)
    labs = {lab.code: lab for lab in Laboratory.objects.filter(active=True)}
    if "GIA" not in labs:
        say("Certificates: the GIA is not on the laboratories list; no demonstration reports made.")
        return
    by = Staff.objects.filter(role="senior_specialist", is_active=True).order_by("pk").first()
    if by is None:
        say("Certificates: no senior specialist to attach the reports; none made.")
        return
    with_reports = set(Certificate.objects.values_list("record_id", flat=True))
    records = CatalogueRecord.objects.exclude(pk__in=with_reports).prefetch_related("stones").order_by("pk")
    made = 0
    turn = 0
    for record in records:
        for stone in record.stones.all():
            if not _important(stone):
                continue
            if _kind(stone) == CertificateKind.DIAMOND:
                code = "GIA"
            else:
                code = next((c for c in COLOURED_LABS[turn % 3 :] + COLOURED_LABS if c in labs), "GIA")
                turn += 1
            issued_on = date(2026, 6, 1) - timedelta(days=rng.randrange(30, 3000))
            draft = _draft(stone, labs[code], _number(rng, code), issued_on)
            scan = report_scan(f"{labs[code].name}: report {draft.number}", _lines(draft))
            certificate_attach(record=record, draft=draft, pdf=scan, by=by)
            made += 1
    say(f"Certificates: {made} laboratory reports attached to the demonstration records.")
