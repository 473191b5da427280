# ruff: noqa: F811  (the fixtures come from tests.catalogue.certificate_world; pytest passes them by name)
"""Laboratory reports through the API: attaching (multipart, with the scan), reading with the
match check, correcting, replacing the scan, detaching, downloading; the refusals in the one
error shape, nothing half-saved."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from parure.catalogue.certificate_pdf import report_scan
from parure.catalogue.models import CatalogueRecord, Certificate
from parure.core.models import ApiToken
from tests.catalogue.certificate_world import (  # noqa: F401  (fixtures)
    SCAN,
    attach,
    diamond_report,
    other_record,
    piece_and_record,
    record,
    sapphire_report,
)
from tests.guards import unchanged

D = Decimal
pytestmark = pytest.mark.django_db
BASE = "/api/v1/catalogue/certificates"


def _api(staff: Any) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    # The token's first use records its time; done here, a refusal's guard sees only the refusal.
    client.get(f"{BASE}/laboratories")
    return client


def _attach_form(record: CatalogueRecord, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "stock_number": record.item.stock_number,
        "laboratory": "gia",
        "number": "2185034712",
        "issued_on": "2024-03-14",
        "kind": "coloured_stone",
        "stone": "1",
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


def test_a_report_is_attached_with_its_scan_and_read_back_with_the_match_check(
    record: CatalogueRecord, cast: Any
) -> None:
    response = _api(cast.assistant).post(BASE, _attach_form(record, weight_ct="4.21"))
    assert response.status_code == 201, response.content
    body = response.json()
    report = Certificate.objects.get()
    assert {key: body[key] for key in ("id", "stock_number", "laboratory", "number", "issued_on", "kind", "stone")} == {
        "id": report.pk,
        "stock_number": record.item.stock_number,
        "laboratory": "GIA",
        "number": "2185034712",
        "issued_on": "2024-03-14",
        "kind": "coloured_stone",
        "stone": 1,
    }
    assert (body["weight_ct"], body["has_scan"], body["scan_size"], body["attached_by"]) == (
        "4.21",
        True,
        len(SCAN),
        "marcus",
    )
    weight = next(check for check in body["checks"] if check["field"] == "weight_ct")
    assert weight == {
        "field": "weight_ct",
        "label": "Weight",
        "report": "4.21 ct",
        "record": "4.12 ct",
        "verdict": "mismatch",
        "note": "A weight stated by a laboratory report must agree with the report exactly.",
    }
    assert _api(cast.logistics).get(f"{BASE}/{report.pk}").json() == body


def test_a_file_named_pdf_that_is_not_one_is_refused(record: CatalogueRecord, cast: Any) -> None:
    client = _api(cast.assistant)
    fake = SimpleUploadedFile("report.pdf", b"PK\x03\x04" + b"\x00" * 100, content_type="application/pdf")
    with unchanged():
        response = client.post(BASE, _attach_form(record, pdf=fake))
    assert response.status_code == 422
    message = (
        "The scan is not a PDF: its content does not begin as a PDF does (%PDF-), whatever its name says; "
        "scan the report to PDF and attach that file."
    )
    assert response.json() == {"status": 422, "code": "not_a_pdf", "message": message, "fields": {"pdf": [message]}}


def test_an_oversize_scan_is_refused_before_it_is_read(record: CatalogueRecord, cast: Any) -> None:
    client = _api(cast.assistant)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 600_000 + b"\n%%EOF\n", content_type="application/pdf")
    with override_settings(PARURE_UPLOAD_MAX_BYTES=512 * 1024), unchanged():
        response = client.post(BASE, _attach_form(record, pdf=big))
    message = "The file is larger than 0.5 MB; split it into smaller files."
    assert response.status_code == 413
    assert response.json() == {
        "status": 413,
        "code": "upload_too_large",
        "message": message,
        "fields": {"pdf": [message]},
    }


def test_a_number_attached_to_another_piece_is_refused_naming_it(
    record: CatalogueRecord, other_record: CatalogueRecord, cast: Any
) -> None:
    attach(other_record, sapphire_report(other_record, stone=None), by=cast.assistant)
    client = _api(cast.senior)
    with unchanged():
        response = client.post(BASE, _attach_form(record))
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_certificate"
    assert response.json()["fields"] == {
        "number": [
            f"GIA report 2185034712 is already attached to {other_record.item.stock_number}; a report belongs to one "
            "piece. Detach it there first if it was attached in error."
        ]
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"kind": "diamond", "species": "diamond", "colour": "Z+"},
            "colour",
            "‘Z+’ is not a colour grade; valid grades are the letters D to Z (D is the best); deeper colour is graded "
            "as a fancy colour.",
        ),
        (
            {"laboratory": "ACME"},
            "laboratory",
            "‘ACME’ is not a laboratory on the list; see the laboratories page for their codes.",
        ),
        ({"stone": "7"}, "stone", "The record of {stock_number} has no stone 7."),
    ],
)
def test_input_that_cannot_be_right_is_refused_naming_the_field(
    record: CatalogueRecord, cast: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    client = _api(cast.assistant)
    with unchanged():
        response = client.post(BASE, _attach_form(record, **changes))
    assert response.status_code == 422
    assert response.json()["fields"] == {field: [message.format(stock_number=record.item.stock_number)]}


def test_a_mistyped_stock_number_is_refused_and_an_unknown_one_not_found(record: CatalogueRecord, cast: Any) -> None:
    client = _api(cast.assistant)
    number = record.item.stock_number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    mistyped = client.get(BASE, {"stock_number": wrong})
    assert (mistyped.status_code, list(mistyped.json()["fields"])) == (422, ["stock_number"])
    assert client.get(f"{BASE}/999999").json() == {
        "status": 404,
        "code": "unknown_certificate",
        "message": "No report has the id 999999.",
        "fields": {"certificate_id": ["No report has the id 999999."]},
    }


def test_a_pieces_reports_are_listed_in_the_order_of_its_stones(record: CatalogueRecord, cast: Any) -> None:
    diamonds = attach(record, diamond_report(record), by=cast.assistant)
    sapphire = attach(record, sapphire_report(record), by=cast.assistant)
    body = _api(cast.auditor).get(BASE, {"stock_number": record.item.stock_number}).json()
    assert body["count"] == 2
    assert [(row["id"], row["stone"], row["laboratory"]) for row in body["items"]] == [
        (sapphire.pk, 1, "GIA"),
        (diamonds.pk, 2, "GIA"),
    ]
    colour = next(check for check in body["items"][1]["checks"] if check["field"] == "colour")
    assert (colour["report"], colour["record"], colour["verdict"]) == ("F", "F-G", "match")


def test_the_list_issues_the_same_queries_however_many_reports(record: CatalogueRecord, cast: Any) -> None:
    client = _api(cast.assistant)
    attach(record, sapphire_report(record), by=cast.assistant)

    def count() -> int:
        client.get(BASE, {"stock_number": record.item.stock_number})
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BASE, {"stock_number": record.item.stock_number}).status_code == 200
        return len(captured)

    one = count()
    attach(record, diamond_report(record), by=cast.assistant)
    attach(record, sapphire_report(record, number="W-1", stone=None), by=cast.assistant)
    assert count() == one


def test_a_report_is_corrected_its_scan_replaced_and_detached(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    client = _api(cast.senior)
    payload = {"laboratory": "GIA", "number": "2185034712", "issued_on": "2024-03-14", "kind": "coloured_stone",
               "stone": 1, "species": "corundum", "variety": "sapphire", "weight_ct": "4.12", "origin": "Kashmir (India)"}  # fmt: skip
    corrected = client.put(f"{BASE}/{report.pk}", json.dumps(payload), content_type="application/json")
    assert corrected.status_code == 200, corrected.content
    assert (corrected.json()["origin"], corrected.json()["updated_by"]) == ("Kashmir (India)", "eleanor")

    rescan = report_scan("GIA Report 2185034712", ["Second page added"])
    replaced = client.post(f"{BASE}/{report.pk}/scan", {"pdf": SimpleUploadedFile("r.pdf", rescan)})
    assert (replaced.status_code, replaced.json()["scan_size"]) == (200, len(rescan))
    download = client.get(f"{BASE}/{report.pk}/report.pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == rescan
    assert download["Content-Disposition"] == f'attachment; filename="{record.item.stock_number} GIA 2185034712.pdf"'

    with unchanged():
        refused = client.post(
            f"{BASE}/{report.pk}/detach", json.dumps({"reason": " "}), content_type="application/json"
        )
    assert (refused.status_code, list(refused.json()["fields"])) == (422, ["reason"])
    detached = client.post(
        f"{BASE}/{report.pk}/detach", json.dumps({"reason": "Superseded."}), content_type="application/json"
    )
    assert (detached.json()["detached"], detached.json()["detach_reason"]) == (True, "Superseded.")
    again = client.post(f"{BASE}/{report.pk}/detach", json.dumps({"reason": "Again"}), content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "certificate_detached")
    listed = client.get(BASE, {"stock_number": record.item.stock_number}).json()
    assert listed["count"] == 0


def test_a_scan_replacement_without_a_file_is_refused(record: CatalogueRecord, cast: Any) -> None:
    report = attach(record, sapphire_report(record), by=cast.assistant)
    client = _api(cast.assistant)
    with unchanged():
        response = client.post(f"{BASE}/{report.pk}/scan", {})
    assert response.status_code == 422
    assert response.json()["fields"] == {"pdf": ["Send the scanned report as the multipart field ‘pdf’."]}


def test_the_laboratories_are_listed(cast: Any) -> None:
    rows = _api(cast.logistics).get(f"{BASE}/laboratories").json()
    assert {"code": "SSEF", "name": "Swiss Gemmological Institute SSEF", "country": "CH", "active": True} in rows
    assert len(rows) == 15
