# ruff: noqa: F811  (the fixtures come from tests.catalogue.certificate_world; pytest passes them by name)
"""Laboratory reports on a piece: attaching, correcting and detaching them, their refusals, the
check that the report's stone is the catalogued one, and the flags that check raises."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from parure.catalogue import matching, queries, validation
from parure.catalogue.choices import MatchVerdict
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, Certificate, FlagAnswer, Laboratory, RecordStone
from parure.catalogue.services.certificates import (
    certificate_detach,
    certificate_update,
    laboratory_save,
)
from parure.core.models import Staff
from tests.catalogue.certificate_world import (  # noqa: F401  (fixtures)
    SCAN,
    attach,
    diamond_report,
    gia,
    other_record,
    piece_and_record,
    record,
    sapphire_report,
)
from tests.guards import unchanged

D = Decimal
pytestmark = pytest.mark.django_db


def refused(call: Any) -> CatalogueError:
    with unchanged(), pytest.raises(CatalogueError) as caught:
        call()
    return caught.value


# --- Attaching -----------------------------------------------------------------------------------


def test_a_report_is_attached_with_its_findings_and_its_scan(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record, number=" 2185 034 712 "), by=cast.assistant)

    report.refresh_from_db()
    assert (report.label, report.issued_on, report.kind) == ("GIA 2185034712", date(2024, 3, 14), "coloured_stone")
    assert (report.stone.position, report.weight_ct, report.origin) == (1, D("4.12"), "Kashmir")
    assert (report.attached_by, report.updated_by, report.uploaded_by) == (cast.assistant,) * 3
    digest = hashlib.sha256(SCAN).hexdigest()
    assert (report.pdf_sha256, report.pdf_size) == (digest, len(SCAN))
    # Named by its digest (storage adds a suffix when the same scan is already stored).
    assert re.fullmatch(rf"certificates/gia/{digest[:2]}/{digest}(_\w+)?\.pdf", report.pdf.name)
    with report.pdf.open("rb") as stored:
        assert stored.read() == SCAN


def test_a_diamond_reports_grades_are_kept_in_their_canonical_form(record: CatalogueRecord, cast: Any) -> None:
    draft = diamond_report(record, colour=" f ", clarity="vs 1", cut_grade="ex", fluorescence="med blue")
    report = attach(record, draft, by=cast.assistant)
    assert (report.colour, report.clarity, report.cut_grade, report.fluorescence) == (
        "F",
        "VS1",
        "Excellent",
        "Medium Blue",
    )


def test_a_report_without_a_scan_may_be_attached_and_scanned_later(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant, pdf=None)
    assert (report.pdf.name, report.pdf_sha256, report.uploaded_by) == ("", "", None)

    report = certificate_update(certificate=report, draft=sapphire_report(record), pdf=SCAN, by=cast.senior)
    assert (report.pdf_size, report.uploaded_by, report.updated_by) == (len(SCAN), cast.senior, cast.senior)


def test_the_reports_of_a_record_come_in_the_order_of_its_stones(record: CatalogueRecord, cast: Any) -> None:
    whole = attach(record, sapphire_report(record, number="W1", stone=None, kind="treatment"), by=cast.assistant)
    diamonds = attach(record, diamond_report(record), by=cast.assistant)
    sapphire = attach(record, sapphire_report(record), by=cast.assistant)
    assert list(queries.certificates_for(record)) == [sapphire, diamonds, whole]


# --- Refusals ------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_pdf_by_its_content_is_refused(record: CatalogueRecord, cast: Any) -> None:
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
    refusal = refused(lambda: attach(record, sapphire_report(record), by=cast.assistant, pdf=jpeg))
    assert (refusal.field, refusal.code.value) == ("pdf", "not_a_pdf")
    assert refusal.message == (
        "The scan is not a PDF: its content does not begin as a PDF does (%PDF-), whatever its name says; "
        "scan the report to PDF and attach that file."
    )


def test_a_pdf_cut_short_is_refused(record: CatalogueRecord, cast: Any) -> None:
    refusal = refused(lambda: attach(record, sapphire_report(record), by=cast.assistant, pdf=SCAN[:-40]))
    assert refusal.message == (
        "The scan is not a whole PDF: it does not end as a PDF does (%%EOF); it may have been cut short. "
        "Save the scan again and attach the new file."
    )


@override_settings(PARURE_UPLOAD_MAX_BYTES=2 * 1024 * 1024)
def test_a_scan_over_the_limit_is_refused(record: CatalogueRecord, cast: Any) -> None:
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024) + b"\n%%EOF\n"
    refusal = refused(lambda: attach(record, sapphire_report(record), by=cast.assistant, pdf=big))
    assert (refusal.field, refusal.code.value) == ("pdf", "file_too_large")
    assert refusal.message == "The file is larger than 2 MB; split it into smaller files."


def test_a_scan_at_the_limit_is_accepted(record: CatalogueRecord, cast: Any) -> None:
    with override_settings(PARURE_UPLOAD_MAX_BYTES=len(SCAN)):
        report = attach(record, sapphire_report(record), by=cast.assistant)
    assert report.pdf_size == len(SCAN)


def test_a_report_number_attached_to_another_piece_is_refused_naming_it(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    attach(record, sapphire_report(record), by=cast.assistant)
    draft = sapphire_report(other_record, stone=other_record.stones.get())
    refusal = refused(lambda: attach(other_record, draft, by=cast["sofia"]))
    assert (refusal.field, refusal.code.value, refusal.status) == ("number", "duplicate_certificate", 409)
    assert refusal.message == (
        f"GIA report 2185034712 is already attached to {record.item.stock_number}; a report belongs to one piece. "
        "Detach it there first if it was attached in error."
    )


def test_the_other_piece_is_not_named_to_someone_who_may_not_see_pieces(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    attach(record, sapphire_report(record), by=cast.assistant)
    nobody = Staff.objects.create_user(username="visitor", password="x", role="", office=cast.assistant.office)
    refusal = refused(lambda: attach(other_record, sapphire_report(other_record, stone=None), by=nobody))
    assert refusal.message == (
        "GIA report 2185034712 is already attached to another piece; a report belongs to one piece. "
        "Detach it there first if it was attached in error."
    )


def test_the_same_number_from_another_laboratory_is_another_report(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    attach(record, sapphire_report(record), by=cast.assistant)
    ssef = Laboratory.objects.get(code="SSEF")
    report = attach(other_record, sapphire_report(other_record, laboratory=ssef, stone=None), by=cast.assistant)
    assert report.label == "SSEF 2185034712"


def test_a_report_attached_twice_to_the_same_piece_is_refused(record: CatalogueRecord, cast: Any) -> None:
    attach(record, sapphire_report(record), by=cast.assistant)
    refusal = refused(lambda: attach(record, sapphire_report(record, number="2185 034712"), by=cast.assistant))
    assert refusal.message == "GIA report 2185034712 is already attached to this piece."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"clarity": "VS3"},
            "clarity",
            "‘VS3’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3.",
        ),
        (
            {"colour": "Q+"},
            "colour",
            "‘Q+’ is not a colour grade; valid grades are the letters D to Z (D is the best); "
            "deeper colour is graded as a fancy colour.",
        ),
        ({"colour": "F-G"}, "colour", "A laboratory states one colour grade; ‘F-G’ is a range."),
        (
            {"cut_grade": "Superb"},
            "cut_grade",
            "‘Superb’ is not a cut grade; valid grades are Excellent, Very Good, Good, Fair, Poor.",
        ),
        (
            {"weight_ct": D("0")},
            "weight_ct",
            "The weight must be more than 0 and at most 5000 carats; 0 was given.",
        ),
        (
            {"depth_mm": D("101")},
            "depth_mm",
            "The depth must be more than 0 and at most 100 mm; 101 was given.",
        ),
        ({"number": "  "}, "number", "Give the report number as printed on the report."),
        ({"number": "1" * 41}, "number", "A report number has at most 40 characters; 41 were given."),
        ({"origin": "x" * 81}, "origin", "The origin has at most 80 characters; 81 were given."),
    ],
)
def test_findings_that_cannot_be_right_are_refused_naming_the_field(
    record: CatalogueRecord, cast: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    refusal = refused(lambda: attach(record, diamond_report(record, **changes), by=cast.assistant))
    assert (refusal.field, refusal.message, refusal.status) == (field, message, 422)


def test_a_coloured_stones_colour_is_a_description_not_a_grade(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record, colour="Blue, of 'royal blue' type"), by=cast.assistant)
    assert report.colour == "Blue, of 'royal blue' type"


def test_a_report_dated_in_the_future_is_refused(record: CatalogueRecord, cast: Any) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    refusal = refused(lambda: attach(record, sapphire_report(record, issued_on=tomorrow), by=cast.assistant))
    assert refusal.field == "issued_on"
    assert refusal.message == (
        f"The report's date, {tomorrow:%d %B %Y}, is in the future; give the date printed on it."
    )


def test_a_stone_of_another_piece_is_refused(record: CatalogueRecord, other_record: CatalogueRecord, cast: Any) -> None:
    draft = sapphire_report(record, stone=other_record.stones.get())
    refusal = refused(lambda: attach(record, draft, by=cast.assistant))
    assert (refusal.field, refusal.message) == (
        "stone",
        "That stone is not one of this piece's; choose a stone of its record.",
    )


def test_an_inactive_laboratory_takes_no_new_reports(record: CatalogueRecord, cast: Any) -> None:
    Laboratory.objects.filter(code="GIA").update(active=False)
    refusal = refused(lambda: attach(record, sapphire_report(record), by=cast.assistant))
    assert (refusal.field, refusal.code.value) == ("laboratory", "laboratory_inactive")
    assert refusal.message == "GIA is no longer on the list of laboratories the department accepts reports from."


# --- Correcting and detaching ----------------------------------------------------------------------


def test_a_corrected_report_keeps_who_attached_it_and_records_who_corrected_it(
    record: CatalogueRecord, cast: Any
) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    certificate_update(certificate=report, draft=sapphire_report(record, origin="Kashmir (India)"), by=cast.senior)
    report.refresh_from_db()
    assert (report.origin, report.attached_by, report.updated_by) == ("Kashmir (India)", cast.assistant, cast.senior)


def test_a_replaced_scan_removes_the_old_file_once_saved(
    record: CatalogueRecord, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    old = report.pdf.name
    from parure.catalogue.certificate_pdf import report_scan

    rescanned = report_scan("GIA Report 2185034712", ["Rescanned"])
    with django_capture_on_commit_callbacks(execute=True):
        report = certificate_update(certificate=report, draft=sapphire_report(record), pdf=rescanned, by=cast.senior)
    assert report.pdf_sha256 == hashlib.sha256(rescanned).hexdigest()
    assert not report.pdf.storage.exists(old)
    assert report.pdf.storage.exists(report.pdf.name)


def test_a_correction_to_a_number_attached_elsewhere_is_refused(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    attach(other_record, sapphire_report(other_record, number="111", stone=None), by=cast.assistant)
    report = attach(record, sapphire_report(record), by=cast.assistant)
    refusal = refused(
        lambda: certificate_update(certificate=report, draft=sapphire_report(record, number="111"), by=cast.assistant)
    )
    assert refusal.message.startswith(f"GIA report 111 is already attached to {other_record.item.stock_number};")


def test_a_detached_report_is_kept_with_its_reason_and_its_number_is_free(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    certificate_detach(certificate=report, reason="Attached to the wrong ring.", by=cast.senior)

    report.refresh_from_db()
    assert (report.detach_reason, report.detached_by, report.is_attached) == (
        "Attached to the wrong ring.",
        cast.senior,
        False,
    )
    assert list(queries.certificates_for(record)) == []
    assert list(queries.certificates_for(record, detached=True)) == [report]
    moved = attach(other_record, sapphire_report(other_record, stone=other_record.stones.get()), by=cast.assistant)
    assert Certificate.objects.filter(number="2185034712").count() == 2
    assert moved.record == other_record


def test_a_detach_needs_a_reason_and_happens_once(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    refusal = refused(lambda: certificate_detach(certificate=report, reason="  ", by=cast.senior))
    assert (refusal.field, refusal.message) == (
        "reason",
        "Say why the report is detached (attached to the wrong piece, superseded by a new report…).",
    )
    certificate_detach(certificate=report, reason="Superseded.", by=cast.senior)
    refusal = refused(lambda: certificate_detach(certificate=report, reason="Again.", by=cast.senior))
    assert (refusal.message, refusal.status) == ("GIA 2185034712 was already detached from this piece.", 409)
    refusal = refused(lambda: certificate_update(certificate=report, draft=sapphire_report(record), by=cast.senior))
    assert refusal.message == "GIA 2185034712 was detached from this piece; attach it again to change it."


# --- Laboratories ------------------------------------------------------------------------------------


def test_the_laboratories_are_data_with_their_own_names() -> None:
    names = dict(Laboratory.objects.values_list("code", "name"))
    assert names["GIA"] == "Gemological Institute of America"
    assert names["Gübelin"] == "Gübelin Gem Lab"
    assert names["SSEF"] == "Swiss Gemmological Institute SSEF"
    assert names["CDC"] == "C. Dunaigre Consulting"
    assert sorted(names) == [
        "AGL", "AIGS", "CDC", "CGL", "CISGEM", "DSEF", "GIA", "GIT", "GRS", "Gübelin", "HRD", "IGI", "LFG", "Lotus",
        "SSEF",
    ]  # fmt: skip


def test_a_laboratory_is_added_and_a_second_with_the_same_code_refused(cast: Any) -> None:
    added = laboratory_save(code="GGTL", name="GGTL Laboratories", country="li", by=cast.senior)
    assert (added.code, added.country, added.active) == ("GGTL", "LI", True)
    refusal = refused(lambda: laboratory_save(code="gia", name="Another", country="US", by=cast.senior))
    assert (refusal.field, refusal.message) == (
        "code",
        "GIA is already on the list (Gemological Institute of America).",
    )
    refusal = refused(lambda: laboratory_save(code="X", name="X Lab", country="Switzerland", by=cast.senior))
    assert (refusal.field, refusal.message) == ("country", "Give the country as its two-letter ISO code (CH, US, TH).")


# --- The match check, at its boundaries -----------------------------------------------------------


def _stone(**fields: Any) -> RecordStone:
    values: dict[str, Any] = {"species": "diamond", "count": 1, "shape": "round"}
    values.update(fields)
    return RecordStone(**values)


def _report(**fields: Any) -> Certificate:
    values: dict[str, Any] = {"kind": "diamond", "species": "diamond", "shape": "round", "number": "1"}
    values.update(fields)
    return Certificate(**values)


def _verdict(report: Certificate, stone: RecordStone, field: str) -> MatchVerdict:
    return next(check.verdict for check in matching.match(report, stone) if check.field == field)


@pytest.mark.parametrize(
    ("basis", "catalogued", "verdict"),
    [
        ("report", "2.01", MatchVerdict.MATCH),
        ("report", "2.02", MatchVerdict.MISMATCH),
        ("report", "2.00", MatchVerdict.MISMATCH),
        ("loose", "2.02", MatchVerdict.MATCH),
        ("loose", "2.00", MatchVerdict.MATCH),
        ("loose", "2.03", MatchVerdict.MISMATCH),
        ("engraved", "1.99", MatchVerdict.MISMATCH),
        ("estimated", "2.10", MatchVerdict.UNCHECKED),
    ],
)
def test_weight_agrees_as_closely_as_its_basis_allows(basis: str, catalogued: str, verdict: MatchVerdict) -> None:
    stone = _stone(weight_ct=D(catalogued), weight_basis=basis)
    assert _verdict(_report(weight_ct=D("2.01")), stone, "weight_ct") == verdict


@pytest.mark.parametrize(("reported", "verdict"), [("1.90", "match"), ("2.20", "match"), ("2.21", "mismatch")])
def test_an_estimated_weight_agrees_when_the_report_lies_in_the_estimates_range(reported: str, verdict: str) -> None:
    stone = _stone(weight_ct=D("2.05"), weight_basis="estimated", estimate={"low": "1.90", "high": "2.20"})
    assert _verdict(_report(weight_ct=D(reported)), stone, "weight_ct") == verdict


def test_a_group_of_stones_is_not_weighed_against_a_report_on_one() -> None:
    stone = _stone(weight_ct=D("0.80"), weight_basis="estimated", count=2)
    check = next(c for c in matching.match(_report(weight_ct=D("0.40")), stone) if c.field == "weight_ct")
    assert (check.verdict, check.note) == (
        "unchecked",
        "The record's weight is the total of 2 stones; the report is on one.",
    )


@pytest.mark.parametrize(
    ("catalogued", "gauged", "verdict"),
    [
        ("8.12", False, "match"),
        ("8.08", False, "match"),
        ("8.13", False, "mismatch"),
        ("8.20", True, "match"),
        ("8.21", True, "mismatch"),
    ],
)
def test_measurements_agree_within_their_tolerance(catalogued: str, gauged: bool, verdict: str) -> None:
    stone = _stone(length_mm=D(catalogued), as_gauged=gauged)
    assert _verdict(_report(length_mm=D("8.10")), stone, "length_mm") == verdict


def test_a_rounds_two_diameters_are_compared_larger_to_larger() -> None:
    stone = _stone(length_mm=D("6.51"), width_mm=D("6.55"))
    report = _report(length_mm=D("6.55"), width_mm=D("6.52"))
    assert [_verdict(report, stone, "length_mm"), _verdict(report, stone, "width_mm")] == ["match", "match"]


@pytest.mark.parametrize(
    ("reported", "catalogued", "verdict"),
    [("round", "round brilliant", "match"), ("Cushion", "cushion", "match"), ("oval", "pear", "mismatch"),
     ("Old European", "old european", "match")],
)  # fmt: skip
def test_shapes_are_read_by_the_library(reported: str, catalogued: str, verdict: str) -> None:
    assert _verdict(_report(shape=reported), _stone(shape=catalogued), "shape") == verdict


@pytest.mark.parametrize(
    ("field", "reported", "catalogued", "verdict"),
    [
        ("colour", "F", "F-G", "match"),
        ("colour", "G", "F-G", "match"),
        ("colour", "H", "F-G", "mismatch"),
        ("colour", "E", "F-G", "mismatch"),
        ("colour", "Fancy Intense Pink", "fancy intense pink", "match"),
        ("colour", "Fancy Vivid Pink", "Fancy Intense Pink", "mismatch"),
        ("colour", "F", "white", "unchecked"),
        ("clarity", "VS1", "VS1-VS2", "match"),
        ("clarity", "VS2", "VS", "match"),
        ("clarity", "VVS2", "VS1-VS2", "mismatch"),
        ("clarity", "SI1", "VS1-VS2", "mismatch"),
        ("cut_grade", "Excellent", "Very Good-Excellent", "match"),
        ("cut_grade", "Good", "Very Good", "mismatch"),
        ("fluorescence", "Medium Blue", "medium", "match"),
        ("fluorescence", "Strong Blue", "Medium Blue", "mismatch"),
    ],
)
def test_grades_are_compared_on_their_scales(field: str, reported: str, catalogued: str, verdict: str) -> None:
    assert _verdict(_report(**{field: reported}), _stone(**{field: catalogued}), field) == verdict


def test_a_coloured_stones_colour_is_shown_not_judged() -> None:
    stone = _stone(species="corundum", variety="sapphire", colour="cornflower blue")
    report = _report(kind="coloured_stone", species="corundum", variety="sapphire", colour="Blue")
    check = next(c for c in matching.match(report, stone) if c.field == "colour")
    assert (check.verdict, check.note) == ("unchecked", "Worded, not on a scale: compare the two by eye.")


def test_blank_on_either_side_is_not_compared() -> None:
    checks = {c.field: c for c in matching.match(_report(clarity="VS1"), _stone())}
    assert (checks["clarity"].verdict, checks["clarity"].note) == ("unchecked", "The record does not state it.")
    assert (checks["colour"].verdict, checks["colour"].note) == ("unchecked", "The report does not state it.")


# --- Flags ---------------------------------------------------------------------------------------


def test_a_weight_stated_by_a_report_with_no_report_attached_is_flagged(record: CatalogueRecord, cast: Any) -> None:
    assert [(f.key, f.field, f.message) for f in matching.certificate_flags(record)] == [
        (
            "report-weight-without-report:stone-1",
            "stones-0-weight_basis",
            "Stone 1's weight is stated by a laboratory report, but no report is attached to it; attach the "
            "report, or give the weight's true basis.",
        )
    ]
    attach(record, sapphire_report(record), by=cast.assistant)
    assert matching.certificate_flags(record) == []


def test_a_report_that_contradicts_the_record_is_flagged_until_answered(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record, weight_ct=D("4.21")), by=cast.assistant)
    matching.register()
    flag = next(f for f in validation.open_flags(record) if f.key.startswith("certificate-"))
    assert (flag.key, flag.field) == (f"certificate-weight_ct:{report.pk}", "stones-0-weight_ct")
    assert flag.message == (
        "GIA 2185034712 states weight 4.21 ct; stone 1 is catalogued as 4.12 ct. "
        "A weight stated by a laboratory report must agree with the report exactly."
    )
    FlagAnswer.objects.create(
        record=record, key=flag.key, fingerprint=flag.fingerprint, reason="Report re-weighed after recutting.",
        by=cast.senior,
    )  # fmt: skip
    assert [f.key for f in validation.open_flags(record)] == []
    # The record changes: the flag comes back.
    RecordStone.objects.filter(record=record, position=1).update(weight_ct=D("4.20"))
    assert [f.key for f in validation.open_flags(record)] == [f"certificate-weight_ct:{report.pk}"]


# --- Demonstration data ----------------------------------------------------------------------------


def test_the_demo_attaches_agreeing_reports_to_the_important_stones_once(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    from parure.catalogue import certificates_demo

    said: list[str] = []
    certificates_demo.build(said.append)
    reports = list(Certificate.objects.order_by("record_id"))
    assert [(r.record, r.stone.position, r.laboratory.code, r.kind) for r in reports] == [
        (record, 1, "SSEF", "coloured_stone"),
        (other_record, 1, "GIA", "diamond"),
    ]
    assert all(not matching.mismatches(report, report.stone) for report in reports)
    assert all(report.pdf_size and report.attached_by.role == "senior_specialist" for report in reports)
    assert matching.certificate_flags(record) == [] and matching.certificate_flags(other_record) == []
    certificates_demo.build(said.append)
    assert said == [
        "Certificates: 2 laboratory reports attached to the demonstration records.",
        "Certificates: 0 laboratory reports attached to the demonstration records.",
    ]
    assert Certificate.objects.count() == 2
