# ruff: noqa: F811  (the fixtures come from tests.catalogue.certificate_world; pytest passes them by name)
"""The certificate pages: the reports of a piece with the match check per field, attaching one
with its scan, the refusals beside their fields, the scan's download, detaching, laboratories."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory
from parure.core.models import AccessLogEntry
from tests.catalogue.certificate_world import (  # noqa: F401  (fixtures)
    SCAN,
    attach,
    diamond_report,
    other_record,
    piece_and_record,
    record,
    sapphire_report,
)
from tests.conftest import signed_in
from tests.guards import unchanged

D = Decimal
pytestmark = pytest.mark.django_db


def ready(staff: Any) -> Any:
    """A signed-in client that has made its first request (which records the sign-in), so a
    refusal test's guard sees only what the refusal itself wrote."""
    client = signed_in(staff)
    client.get("/")
    return client


def _url(record: CatalogueRecord, tail: str = "") -> str:
    return f"/catalogue/{record.item.stock_number}/certificates/{tail}"


def _text(html: bytes) -> str:
    """The page's words, tags dropped and whitespace collapsed, to assert what a person reads."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "laboratory": str(Laboratory.objects.get(code="GIA").pk),
        "number": "2185034712",
        "issued_on": "2024-03-14",
        "kind": "coloured_stone",
        "stone": "",
        "species": "corundum",
        "variety": "sapphire",
        "weight_ct": "4.12",
        "shape": "cushion",
        "origin": "Kashmir",
        "treatment": "no indications of heating",
        "pdf": SimpleUploadedFile("GIA 2185034712.pdf", SCAN, content_type="application/pdf"),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_reports_page_shows_each_finding_beside_the_record(record: CatalogueRecord, cast: Any) -> None:
    attach(record, sapphire_report(record, weight_ct=D("4.21")), by=cast.assistant)
    response = signed_in(cast.assistant).get(_url(record))
    assert response.status_code == 200
    text = _text(response.content)
    assert "GIA report 2185034712 Coloured stone report, dated 14 March 2024 · Gemological Institute of America" in text
    assert "On stone 1: 1 sapphire cushion" in text
    assert "Species corundum corundum Matches" in text
    assert (
        "Weight 4.21 ct 4.12 ct Does not match A weight stated by a laboratory report must agree with the report "
        "exactly." in text
    )
    assert "Origin Kashmir Kashmir Matches" in text
    assert "Attach a report" in text and "Correct" in text and "Detach" in text


def test_a_reader_who_may_not_manage_reports_sees_no_actions(record: CatalogueRecord, cast: Any) -> None:
    attach(record, sapphire_report(record), by=cast.assistant)
    text = _text(signed_in(cast.logistics).get(_url(record)).content)
    assert "GIA report 2185034712" in text and "Open the scan" in text
    assert "Attach a report" not in text and "Detach" not in text


def test_a_report_is_attached_from_the_page_with_its_scan(record: CatalogueRecord, cast: Any) -> None:
    stone = record.stones.get(position=1)
    client = signed_in(cast.assistant)
    response = client.post(_url(record, "attach/"), _form(stone=str(stone.pk)))
    assert response.status_code == 302, _text(response.content)[-600:]
    assert response["Location"] == _url(record)
    report = Certificate.objects.get()
    assert (report.label, report.stone, report.pdf_size, report.attached_by) == (
        "GIA 2185034712",
        stone,
        len(SCAN),
        cast.assistant,
    )
    assert f"GIA 2185034712 attached to {record.item.stock_number}." in _text(client.get(_url(record)).content)


def test_a_file_named_pdf_that_is_not_one_is_refused_beside_the_field(record: CatalogueRecord, cast: Any) -> None:
    client = ready(cast.assistant)
    fake = SimpleUploadedFile("report.pdf", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 64, content_type="application/pdf")
    with unchanged():
        response = client.post(_url(record, "attach/"), _form(pdf=fake, number="99 88"))
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(
        r'id="id_pdf-error">The scan is not a PDF: its content does not begin as a PDF does \(%PDF-\), whatever its '
        r"name says; scan the report to PDF and attach that file.</p>",
        html,
    )
    assert 'value="99 88"' in html  # the form keeps what was typed


def test_an_oversize_scan_is_refused_beside_the_field(record: CatalogueRecord, cast: Any) -> None:
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 600_000 + b"\n%%EOF\n", content_type="application/pdf")
    client = ready(cast.assistant)
    with override_settings(PARURE_UPLOAD_MAX_BYTES=512 * 1024), unchanged():
        response = client.post(_url(record, "attach/"), _form(pdf=big))
    assert response.status_code == 422
    assert (
        'id="id_pdf-error">The file is larger than 0.5 MB; split it into smaller files.</p>'
        in response.content.decode()
    )


def test_a_number_attached_to_another_piece_is_refused_naming_it(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    attach(other_record, sapphire_report(other_record, stone=None), by=cast.assistant)
    client = ready(cast.assistant)
    with unchanged():
        response = client.post(_url(record, "attach/"), _form())
    assert response.status_code == 422
    assert (
        f'id="id_number-error">GIA report 2185034712 is already attached to {other_record.item.stock_number}; '
        "a report belongs to one piece. Detach it there first if it was attached in error.</p>"
    ) in response.content.decode()


def test_a_grade_off_its_scale_is_refused_beside_the_field(record: CatalogueRecord, cast: Any) -> None:
    client = ready(cast.assistant)
    with unchanged():
        response = client.post(_url(record, "attach/"), _form(kind="diamond", species="diamond", clarity="VS3"))
    assert response.status_code == 422
    assert (
        'id="id_clarity-error">‘VS3’ is not a clarity grade; valid grades are FL, IF, VVS1, VVS2, VS1, VS2, SI1, SI2, '
        "I1, I2, I3.</p>"
    ) in response.content.decode()


def test_the_scan_is_downloaded_as_it_was_attached_and_the_download_logged(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    response = signed_in(cast.finance).get(_url(record, f"{report.pk}/report.pdf?download=1"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{record.item.stock_number} GIA 2185034712.pdf"'
    entry = AccessLogEntry.objects.filter(subject_kind="certificate").get()
    assert (entry.subject_ref, entry.action) == ("GIA 2185034712", "export")


def test_a_report_without_a_scan_has_nothing_to_download(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant, pdf=None)
    assert signed_in(cast.assistant).get(_url(record, f"{report.pk}/report.pdf")).status_code == 404
    assert "No scan attached" in _text(signed_in(cast.assistant).get(_url(record)).content)


def test_a_report_is_corrected_from_the_page(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    client = signed_in(cast.senior)
    page = client.get(_url(record, f"{report.pk}/edit/")).content.decode()
    assert 'value="2185034712"' in page and 'value="Kashmir"' in page
    response = client.post(_url(record, f"{report.pk}/edit/"), _form(origin="Kashmir (India)", pdf=None))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.origin, report.updated_by, report.pdf_size) == ("Kashmir (India)", cast.senior, len(SCAN))


def test_a_report_is_detached_with_its_reason_and_listed_below(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    client = signed_in(cast.senior)
    with unchanged():
        refused = client.post(_url(record, f"{report.pk}/detach/"), {"reason": ""})
    assert refused.status_code == 422
    assert (
        'id="id_reason-error">Say why the report is detached (attached to the wrong piece, superseded by a new '
        "report…).</p>"
    ) in refused.content.decode()
    assert client.post(_url(record, f"{report.pk}/detach/"), {"reason": "Wrong ring."}).status_code == 302
    text = _text(client.get(_url(record)).content)
    assert "No laboratory report is attached to this piece." in text
    assert "Detached reports GIA 2185034712, detached" in text and "Wrong ring." in text


def test_a_piece_without_a_record_has_no_reports_page(piece_and_record: Any, cast: Any) -> None:
    brooch = piece_and_record[0]
    assert signed_in(cast.assistant).get(f"/catalogue/{brooch.stock_number}/certificates/").status_code == 404


def test_the_laboratories_page_lists_them_and_adds_one(cast: Any) -> None:
    client = signed_in(cast.senior)
    text = _text(client.get("/catalogue/laboratories/").content)
    assert "GIA Gemological Institute of America US Yes" in text
    assert "Gübelin Gübelin Gem Lab CH Yes" in text
    response = client.post(
        "/catalogue/laboratories/", {"code": "GGTL", "name": "GGTL Laboratories", "country": "LI", "active": "on"}
    )
    assert response.status_code == 302
    lab = Laboratory.objects.get(code="GGTL")
    assert (lab.name, lab.updated_by) == ("GGTL Laboratories", cast.senior)
    with unchanged():
        refused = client.post("/catalogue/laboratories/", {"code": "gia", "name": "Other", "country": "US"})
    assert 'id="id_code-error">GIA is already on the list (Gemological Institute of America).</p>' in (
        refused.content.decode()
    )


def test_a_laboratory_is_deactivated_and_leaves_the_attach_form(record: CatalogueRecord, cast: Any) -> None:
    lab = Laboratory.objects.get(code="LFG")
    client = signed_in(cast.administrator)
    response = client.post(
        f"/catalogue/laboratories/{lab.pk}/edit/", {"code": "LFG", "name": lab.name, "country": "FR"}
    )
    assert response.status_code == 302
    lab.refresh_from_db()
    assert (lab.active, lab.updated_by) == (False, cast.administrator)
    form = signed_in(cast.assistant).get(_url(record, "attach/")).content.decode()
    assert f'<option value="{lab.pk}">' not in form
    assert f'<option value="{Laboratory.objects.get(code="GIA").pk}">GIA</option>' in form


def _queries(fetch: Callable[[], Any]) -> int:
    fetch()
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200
    return len(captured)


def test_the_reports_page_issues_the_same_queries_however_many_reports(record: CatalogueRecord, cast: Any) -> None:
    client = signed_in(cast.assistant)
    attach(record, sapphire_report(record), by=cast.assistant)
    one = _queries(lambda: client.get(_url(record)))
    attach(record, diamond_report(record), by=cast.assistant)
    attach(record, sapphire_report(record, number="W-1", stone=None, kind="pearl"), by=cast.assistant)
    detached = attach(record, sapphire_report(record, number="OLD-1"), by=cast.assistant)
    from parure.catalogue.services.certificates import certificate_detach

    certificate_detach(certificate=detached, reason="Superseded.", by=cast.senior)
    assert _queries(lambda: client.get(_url(record))) == one
