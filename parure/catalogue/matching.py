"""Does the laboratory's stone match the catalogued one? Field by field, with stated tolerances.

The report is the authority on what it measured; the check says where the record disagrees,
so the specialist corrects the record (or a senior overrides the flag with a reason). Grades
are compared on their scales by the gemology library, never as text.

Tolerances (also in docs/certificates.md):

=====================  ==========================================================================
weight, basis report   the record states the report's figure exactly, to the hundredth of a carat
weight, weighed loose  within 0.01 ct (the last digit of a carat balance)
weight, engraved       within 0.01 ct
weight, estimated      within the kept estimate's range (low to high); unchecked without one
measurements           each within 0.02 mm; 0.10 mm when the record's figures were gauged in the
                       mounting (weight estimated, or grades as gauged), the resolution of a
                       Leveridge-type gauge. Length and width are compared larger to larger,
                       smaller to smaller, as reports print a round's diameters min–max.
shape                  the same shape once both are read by the gemology library ("round" is a
                       round brilliant), else the same words
colour, diamonds       the record's grade or range contains the report's grade (D-to-Z), or the
                       same fancy colour; a coloured stone's colour is a description: unchecked
clarity, diamonds      the record's grade or range contains the report's grade
cut grade              the record's grade or range contains the report's grade
fluorescence           the same intensity (the colour is not compared)
species, variety,      the same words, ignoring case
origin
treatment              the same words match; other words are shown, not flagged (laboratories
                       word treatments each their own way)
=====================  ==========================================================================

A record's group of several stones is not compared on weight or measurements with a report on
one stone. Blank on either side is "not compared", never a match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parure.catalogue.choices import CertificateKind, MatchVerdict, WeightBasis
from parure.catalogue.models import CatalogueRecord, Certificate, RecordStone
from parure.catalogue.validation import Flag, fingerprint, register_flag_rule
from parure.gemology import estimation, grading
from parure.gemology.errors import GemologyError

WEIGHT_TOLERANCE_CT = {
    WeightBasis.REPORT: Decimal("0.00"),
    WeightBasis.LOOSE: Decimal("0.01"),
    WeightBasis.ENGRAVED: Decimal("0.01"),
}
MEASUREMENT_TOLERANCE_MM = Decimal("0.02")
GAUGED_MEASUREMENT_TOLERANCE_MM = Decimal("0.10")


@dataclass(frozen=True)
class FieldCheck:
    """One finding of the report beside the record's figure, and what the check made of them."""

    field: str  # the stone's field name: weight_ct, length_mm, colour…
    label: str
    report: str
    record: str
    verdict: MatchVerdict
    note: str = ""

    @property
    def matches(self) -> bool:
        return self.verdict == MatchVerdict.MATCH

    @property
    def mismatch(self) -> bool:
        return self.verdict == MatchVerdict.MISMATCH


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _ct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f} ct"


def _mm(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f} mm"


def _blank(field: str, label: str, report: str, record: str) -> FieldCheck | None:
    """Not compared when either side is blank; None when both are given."""
    if report and record:
        return None
    note = "The report does not state it." if not report else "The record does not state it."
    return FieldCheck(field, label, report, record, MatchVerdict.UNCHECKED, note)


def is_diamond_report(certificate: Certificate) -> bool:
    """Diamond grading reports, and any report on a diamond, are read on the GIA scales."""
    return certificate.kind == CertificateKind.DIAMOND or certificate.species.strip().lower() == "diamond"


def _words(field: str, label: str, report: str, record: str) -> FieldCheck:
    blank = _blank(field, label, report, record)
    if blank:
        return blank
    same = " ".join(report.lower().split()) == " ".join(record.lower().split())
    return FieldCheck(field, label, report, record, MatchVerdict.MATCH if same else MatchVerdict.MISMATCH)


def _weight(certificate: Certificate, stone: RecordStone) -> FieldCheck:
    report, record = _ct(certificate.weight_ct), _ct(stone.weight_ct)
    blank = _blank("weight_ct", "Weight", report, record)
    if blank:
        return blank
    assert certificate.weight_ct is not None and stone.weight_ct is not None
    if stone.count > 1:
        note = f"The record's weight is the total of {stone.count} stones; the report is on one."
        return FieldCheck("weight_ct", "Weight", report, record, MatchVerdict.UNCHECKED, note)
    difference = abs(certificate.weight_ct - stone.weight_ct)
    basis = stone.weight_basis
    if basis in WEIGHT_TOLERANCE_CT:
        tolerance = WEIGHT_TOLERANCE_CT[WeightBasis(basis)]
        if difference <= tolerance:
            return FieldCheck("weight_ct", "Weight", report, record, MatchVerdict.MATCH)
        allowed = "exactly" if not tolerance else f"within {tolerance} ct"
        note = f"A weight {WeightBasis(basis).label.lower()} must agree with the report {allowed}."
        return FieldCheck("weight_ct", "Weight", report, record, MatchVerdict.MISMATCH, note)
    low, high = _estimate_range(stone)
    if low is None or high is None:
        note = "The record's weight is estimated without a kept estimate; state the report's weight instead."
        return FieldCheck("weight_ct", "Weight", report, record, MatchVerdict.UNCHECKED, note)
    if low <= certificate.weight_ct <= high:
        return FieldCheck("weight_ct", "Weight", report, record, MatchVerdict.MATCH)
    note = f"The report's weight lies outside the estimate's range of {low:.2f} to {high:.2f} ct."
    return FieldCheck("weight_ct", "Weight", report, record, MatchVerdict.MISMATCH, note)


def _estimate_range(stone: RecordStone) -> tuple[Decimal | None, Decimal | None]:
    estimate = stone.estimate or {}
    try:
        low, high = estimate.get("low"), estimate.get("high")
        return (Decimal(str(low)) if low is not None else None, Decimal(str(high)) if high is not None else None)
    except ArithmeticError:
        return None, None


def _gauged(stone: RecordStone) -> bool:
    return stone.as_gauged or stone.weight_basis == WeightBasis.ESTIMATED


def _measurements(certificate: Certificate, stone: RecordStone) -> list[FieldCheck]:
    tolerance = GAUGED_MEASUREMENT_TOLERANCE_MM if _gauged(stone) else MEASUREMENT_TOLERANCE_MM
    pairs: list[tuple[str, str, Decimal | None, Decimal | None]] = []
    report_sides = sorted((v for v in (certificate.length_mm, certificate.width_mm) if v is not None), reverse=True)
    record_sides = sorted((v for v in (stone.length_mm, stone.width_mm) if v is not None), reverse=True)
    if len(report_sides) == 2 and len(record_sides) == 2:
        pairs += [
            ("length_mm", "Length", report_sides[0], record_sides[0]),
            ("width_mm", "Width", report_sides[1], record_sides[1]),
        ]
    else:
        pairs += [
            ("length_mm", "Length", certificate.length_mm, stone.length_mm),
            ("width_mm", "Width", certificate.width_mm, stone.width_mm),
        ]
    pairs.append(("depth_mm", "Depth", certificate.depth_mm, stone.depth_mm))
    checks = []
    for field, label, ours, theirs in pairs:
        report, record = _mm(ours), _mm(theirs)
        blank = _blank(field, label, report, record)
        if blank:
            checks.append(blank)
            continue
        assert ours is not None and theirs is not None
        if stone.count > 1:
            note = f"The record's figures are for a group of {stone.count} stones."
            checks.append(FieldCheck(field, label, report, record, MatchVerdict.UNCHECKED, note))
        elif abs(ours - theirs) <= tolerance:
            checks.append(FieldCheck(field, label, report, record, MatchVerdict.MATCH))
        else:
            note = f"More than {tolerance} mm apart."
            checks.append(FieldCheck(field, label, report, record, MatchVerdict.MISMATCH, note))
    return checks


def _shape(certificate: Certificate, stone: RecordStone) -> FieldCheck:
    report, record = _text(certificate.shape), _text(stone.shape)
    blank = _blank("shape", "Shape", report, record)
    if blank:
        return blank
    try:
        same = estimation.shape(report) == estimation.shape(record)
    except GemologyError:
        return _words("shape", "Shape", report, record)
    return FieldCheck("shape", "Shape", report, record, MatchVerdict.MATCH if same else MatchVerdict.MISMATCH)


def _on_scale(field: str, label: str, report: str, record: str, contains: Callable[[str, str], bool]) -> FieldCheck:
    blank = _blank(field, label, report, record)
    if blank:
        return blank
    try:
        inside = contains(report, record)
    except GemologyError as refusal:
        note = f"The record's {label.lower()} is not read on the scale: {refusal}"
        return FieldCheck(field, label, report, record, MatchVerdict.UNCHECKED, note)
    if inside:
        return FieldCheck(field, label, report, record, MatchVerdict.MATCH)
    note = f"The record's {label.lower()} does not include the report's grade."
    return FieldCheck(field, label, report, record, MatchVerdict.MISMATCH, note)


def _colour_contains(report: str, record: str) -> bool:
    theirs = grading.diamond_colour(report)
    ours = grading.diamond_colour(record)
    if isinstance(theirs, grading.GradeRange) and isinstance(ours, grading.GradeRange):
        return theirs.best in ours.grades and theirs.worst in ours.grades
    return str(theirs) == str(ours)


def _clarity_contains(report: str, record: str) -> bool:
    theirs = grading.clarity_range(report)
    ours = grading.clarity_range(record)
    return ours.contains(theirs.best) and ours.contains(theirs.worst)


def _cut_contains(report: str, record: str) -> bool:
    theirs = grading.cut(report)
    return grading.grade_range(grading.CutGrade, record).contains(theirs)


def _fluorescence_same(report: str, record: str) -> bool:
    return grading.fluorescence(report).intensity == grading.fluorescence(record).intensity


def _descriptive(field: str, label: str, report: str, record: str) -> FieldCheck:
    """A coloured stone's colour or clarity, a treatment statement: words, not a scale; the same
    words match, other words are for the specialist to read."""
    blank = _blank(field, label, report, record)
    if blank:
        return blank
    if " ".join(report.lower().split()) == " ".join(record.lower().split()):
        return FieldCheck(field, label, report, record, MatchVerdict.MATCH)
    note = "Worded, not on a scale: compare the two by eye."
    return FieldCheck(field, label, report, record, MatchVerdict.UNCHECKED, note)


def match(certificate: Certificate, stone: RecordStone) -> list[FieldCheck]:
    """Each finding of the report beside the stone's, in the order a report prints them."""
    checks = [
        _words("species", "Species", _text(certificate.species), _text(stone.species)),
        _words("variety", "Variety", _text(certificate.variety), _text(stone.variety)),
        _weight(certificate, stone),
        _shape(certificate, stone),
        *_measurements(certificate, stone),
    ]
    colour, clarity = _text(certificate.colour), _text(certificate.clarity)
    if is_diamond_report(certificate):
        checks += [
            _on_scale("colour", "Colour", colour, _text(stone.colour), _colour_contains),
            _on_scale("clarity", "Clarity", clarity, _text(stone.clarity), _clarity_contains),
            _on_scale("cut_grade", "Cut grade", _text(certificate.cut_grade), _text(stone.cut_grade), _cut_contains),
            _on_scale(
                "fluorescence",
                "Fluorescence",
                _text(certificate.fluorescence),
                _text(stone.fluorescence),
                _fluorescence_same,
            ),
        ]
    else:
        checks += [
            _descriptive("colour", "Colour", colour, _text(stone.colour)),
            _descriptive("clarity", "Clarity", clarity, _text(stone.clarity)),
        ]
    checks += [
        _words("origin", "Origin", _text(certificate.origin), _text(stone.origin)),
        _descriptive("treatment", "Treatment", _text(certificate.treatment), _text(stone.treatment)),
    ]
    return checks


def mismatches(certificate: Certificate, stone: RecordStone) -> list[FieldCheck]:
    return [check for check in match(certificate, stone) if check.mismatch]


# --- Validation flags ----------------------------------------------------------------------------


def certificate_flags(record: CatalogueRecord) -> list[Flag]:
    """A flag for each finding of an attached report that the catalogued stone contradicts, and
    for each stone whose weight is stated by a report when no report is attached to it."""
    stones = list(record.stones.all())
    index = {stone.pk: number for number, stone in enumerate(stones)}
    # Through the record's (prefetched) relation: a list of records computes its flags in a fixed
    # number of queries.
    from parure.catalogue.queries import attached_reports

    reports = attached_reports(record)
    raised = []
    for certificate in reports:
        stone = certificate.stone
        if stone is None or stone.pk not in index:
            continue
        for check in mismatches(certificate, stone):
            raised.append(
                Flag(
                    key=f"certificate-{check.field}:{certificate.pk}",
                    message=(
                        f"{certificate.label} states {check.label.lower()} {check.report}; "
                        f"stone {stone.position} is catalogued as {check.record}. {check.note}".strip()
                    ),
                    field=f"stones-{index[stone.pk]}-{check.field}",
                    fingerprint=fingerprint(certificate.number, check.report, check.record, stone.weight_basis),
                )
            )
    with_reports = {certificate.stone_id for certificate in reports}
    for number, stone in enumerate(stones):
        if stone.weight_basis == WeightBasis.REPORT and stone.pk not in with_reports:
            raised.append(
                Flag(
                    key=f"report-weight-without-report:stone-{stone.position}",
                    message=(
                        f"Stone {stone.position}'s weight is stated by a laboratory report, but no report is "
                        "attached to it; attach the report, or give the weight's true basis."
                    ),
                    field=f"stones-{number}-weight_basis",
                    fingerprint=fingerprint(stone.weight_ct, stone.weight_basis),
                )
            )
    return raised


def register() -> None:
    """Add the certificate rules to the record's validation flags."""
    register_flag_rule(certificate_flags, prefetch=["certificates__laboratory", "certificates__stone"])
