"""Condition report pages: the versions, the form (checklist prefilled, photographs with markers),
one report with its marked photographs, the comparison and the client PDF read back."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from parure.catalogue import condition_queries
from parure.catalogue.models import ConditionReport
from parure.catalogue.services.condition import FindingDraft
from tests.catalogue.condition_world import marked_photo, photo_bytes, write
from tests.guards import unchanged

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def _form_data(item: Any) -> dict[str, Any]:
    """What the new-report page posts when the checklist is sent as prefilled."""
    rows = condition_queries.prefill(item)
    data: dict[str, Any] = {
        "occasion": "intake",
        "grade": "good",
        "summary": "Good overall; light wear.",
        "expected_latest": str(condition_queries.latest_version(item)),
        "finding-count": str(len(rows)),
        "photo-count": "1",
        "photo-1-caption": "",
        "photo-1-marker-count": "0",
    }
    for number, row in enumerate(rows, start=1):
        data.update(
            {
                f"finding-{number}-component": row.component,
                f"finding-{number}-kind": row.kind,
                f"finding-{number}-aspect": row.aspect,
                f"finding-{number}-value": row.value,
                f"finding-{number}-note": row.note,
            }
        )
    return data


def test_the_form_opens_with_the_checklist_for_the_piece(cast: Any, bare_ring: Any, client_for: Any) -> None:
    response = client_for(cast.assistant).get(f"/catalogue/{bare_ring.stock_number}/condition/new/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="finding-1-component" value="Mount"' in html
    assert 'name="finding-count" value="25"' in html  # 7 metal + 7 + 7 stone aspects, 4 blank rows
    assert '<script src="/static/catalogue/markers.js" defer></script>' in html
    assert 'name="photo-1-marker-1-x"' in html  # markers can be typed without the script


def test_a_report_is_issued_from_the_form_with_a_marked_photo(
    cast: Any, bare_ring: Any, client_for: Any, condition_media: Any
) -> None:
    data = _form_data(bare_ring)
    data["finding-1-value"] = "moderate"
    data["finding-1-note"] = "Wear to the shank"
    data.update(
        {
            "photo-1-caption": "Side view",
            "photo-1-marker-count": "2",
            "photo-1-marker-1-number": "1",
            "photo-1-marker-1-x": "0.2500",
            "photo-1-marker-1-y": "0.7500",
            "photo-1-marker-1-note": "Thin shank",
            "photo-1-marker-2-number": "2",
            "photo-1-marker-2-x": "",
            "photo-1-marker-2-y": "",
            "photo-1-marker-2-note": "",
            "photo-1-file": io.BytesIO(photo_bytes()),
        }
    )
    data["photo-1-file"].name = "side.jpg"
    client = client_for(cast.assistant)
    response = client.post(f"/catalogue/{bare_ring.stock_number}/condition/new/", data)
    assert response.status_code == 302, _text(response)
    assert response["Location"] == f"/catalogue/{bare_ring.stock_number}/condition/1/"
    report = ConditionReport.objects.get(item=bare_ring)
    assert report.photos.get().markers == [{"number": 1, "x": 0.25, "y": 0.75, "note": "Thin shank"}]
    assert report.findings.get(component="Mount", aspect="wear").value == "moderate"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<circle cx="100.0" cy="225.0" r="10.0"' in html  # the marker drawn over the 400 × 300 photo
    assert f'href="/catalogue/{bare_ring.stock_number}/condition/1/photos/1/"' in html
    assert "Wear to the shank" in _text(page)
    photo = client.get(f"/catalogue/{bare_ring.stock_number}/condition/1/photos/1/")
    assert (photo.status_code, photo["Content-Type"], b"".join(photo.streaming_content)) == (
        200, "image/jpeg", photo_bytes(),
    )  # fmt: skip


def test_a_refused_form_keeps_what_was_typed_and_names_the_row(cast: Any, bare_ring: Any, client_for: Any) -> None:
    data = _form_data(bare_ring)
    data["finding-2-value"] = "yes"
    data["summary"] = "Kept as typed"
    client = client_for(cast.assistant)
    with unchanged():
        response = client.post(f"/catalogue/{bare_ring.stock_number}/condition/new/", data)
    assert response.status_code == 422
    text = _text(response)
    assert "Finding 2 (Mount, scratches): ‘yes’ is not an answer; choose none, minor, moderate or significant." in text
    assert "Kept as typed" in text


def test_a_file_that_is_not_an_image_is_refused_next_to_its_photo(
    cast: Any, bare_ring: Any, client_for: Any, condition_media: Any
) -> None:
    data = _form_data(bare_ring)
    data["photo-1-file"] = io.BytesIO(b"GIF89a but not really")
    data["photo-1-file"].name = "front.jpg"
    client = client_for(cast.assistant)
    with unchanged():
        response = client.post(f"/catalogue/{bare_ring.stock_number}/condition/new/", data)
    assert response.status_code == 422
    text = _text(response)
    assert "Photo 1 is not a photograph (JPEG, PNG or WebP) by its content; choose an image file." in text
    assert "Nothing was saved; choose the photographs again before you send the report." in text


def test_the_list_shows_every_version_in_a_fixed_number_of_queries(cast: Any, bare_ring: Any, client_for: Any) -> None:
    client = client_for(cast.auditor)
    write(bare_ring, cast.assistant)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/catalogue/{bare_ring.stock_number}/condition/").status_code == 200
        return len(captured)

    queries()  # the session's first request also records the sign-in
    one = queries()
    for _ in range(3):
        write(bare_ring, cast.assistant)
    assert queries() == one
    text = _text(client.get(f"/catalogue/{bare_ring.stock_number}/condition/"))
    assert "Report 4 Current After a viewing" not in text  # occasions are as written: all at intake
    assert "Report 4 Current At intake Very good" in text
    assert "Report 1 At intake Very good" in text


def test_the_comparison_says_what_changed_per_component(cast: Any, bare_ring: Any, client_for: Any) -> None:
    write(bare_ring, cast.assistant, photos=[])
    write(
        bare_ring,
        cast.senior,
        occasion="viewing",
        grade="good",
        findings=[
            FindingDraft("Mount", "metal", "wear", "moderate", "Wear to the shank, more marked"),
            FindingDraft("Mount", "metal", "resizing", "none"),
            FindingDraft("Mount", "metal", "tested", "no"),
            FindingDraft("Principal sapphire", "stone", "abrasions", "minor", "Facet edges lightly abraded"),
            FindingDraft("Principal sapphire", "stone", "chips", "minor", "Small chip at the culet"),
            FindingDraft("Clasp", "mechanism", "catches", "yes"),
        ],
    )
    comparison = condition_queries.compare(
        condition_queries.report_of(bare_ring, 1), condition_queries.report_of(bare_ring, 2)
    )
    assert comparison.lines() == [
        "Overall grade: Very good → Good",
        "Mount · Wear: Present: minor → Present: moderate (Wear to the shank, more marked)",
        "Principal sapphire · Chips: None seen → Present: minor (Small chip at the culet)",
        "Clasp: component added",
        "Clasp · Catches working: added, Yes",
    ]
    response = client_for(cast.assistant).get(f"/catalogue/{bare_ring.stock_number}/condition/compare/")
    text = _text(response)
    assert "From report 1 (at intake," in text
    assert "Principal sapphire · Chips: None seen → Present: minor (Small chip at the culet)" in text


def test_removed_components_and_photographs_are_compared(cast: Any, bare_ring: Any, condition_media: Any) -> None:
    write(bare_ring, cast.assistant, photos=[marked_photo((1, 0.5, 0.5, "Chip"))])
    write(
        bare_ring, cast.assistant, findings=[FindingDraft("Mount", "metal", "wear", "minor", "Light wear to the shank")]
    )
    comparison = condition_queries.compare(
        condition_queries.report_of(bare_ring, 1), condition_queries.report_of(bare_ring, 2)
    )
    assert comparison.lines() == [
        "Mount · Evidence of resizing: removed (was None seen)",
        "Mount · Metal tested: removed (was No)",
        "Principal sapphire: component removed",
        "Principal sapphire · Abrasions: removed (was Present: minor)",
        "Principal sapphire · Chips: removed (was None seen)",
        "Photographs: 1 photograph, 1 marker → 0 photographs, 0 markers",
    ]


def test_comparing_needs_two_reports(cast: Any, bare_ring: Any, client_for: Any) -> None:
    write(bare_ring, cast.assistant)
    response = client_for(cast.assistant).get(f"/catalogue/{bare_ring.stock_number}/condition/compare/")
    assert f"{bare_ring.stock_number} has 1 condition report; a comparison needs two." in _text(response)


def test_the_client_pdf_carries_the_disclaimer_the_findings_and_the_markers(
    cast: Any, bare_ring: Any, client_for: Any, condition_media: Any
) -> None:
    write(bare_ring, cast.assistant, photos=[marked_photo((1, 0.3, 0.6, "Abraded facet edge"))])
    response = client_for(cast.logistics).get(f"/catalogue/{bare_ring.stock_number}/condition/1/pdf/")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Condition report" in text
    assert bare_ring.stock_number in text
    assert "Overall condition Very good" in text
    assert "Principal sapphire" in text and "Facet edges lightly abraded" in text
    assert "Wear Present: minor — Light wear to the shank" in text
    assert "Abraded facet edge" in text
    assert "such treatments are presumed unless a laboratory report or this report states otherwise" in text
    assert "it is not a guarantee or a warranty of the piece's condition" in text
    # The photograph is in the PDF with its marker drawn over it (the marker's number is text on the image).
    assert len({image.data for page in reader.pages for image in page.images}) == 1


def test_a_wrong_check_digit_or_version_is_not_found(cast: Any, bare_ring: Any, client_for: Any) -> None:
    client = client_for(cast.assistant)
    wrong = bare_ring.stock_number[:-1] + str((int(bare_ring.stock_number[-1]) + 1) % 10)
    assert client.get(f"/catalogue/{wrong}/condition/").status_code == 404
    assert client.get(f"/catalogue/{bare_ring.stock_number}/condition/3/").status_code == 404
