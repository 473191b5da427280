"""Condition reports over the API: write (multipart: the report as JSON and a file per photo),
list, get, compare and the PDF; refusals in the one error shape, naming the field."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tests.catalogue.condition_world import photo_bytes, write
from tests.guards import unchanged

pytestmark = pytest.mark.django_db

REPORT = {
    "occasion": "intake",
    "grade": "good",
    "summary": "Good overall.",
    "findings": [
        {"component": "Mount", "kind": "metal", "aspect": "wear", "value": "minor", "note": "Light wear"},
        {"component": "Clasp", "kind": "mechanism", "aspect": "clasp", "value": "yes"},
    ],
    "photos": [{"caption": "Front", "markers": [{"number": 1, "x": 0.5, "y": 0.25, "note": "Worn claw"}]}],
    "expected_latest": 0,
}


def _photo(name: str = "front.jpg", content: bytes | None = None) -> io.BytesIO:
    upload = io.BytesIO(photo_bytes() if content is None else content)
    upload.name = name
    return upload


def _url(item: Any, tail: str = "reports") -> str:
    return f"/api/v1/catalogue/condition/{item.stock_number}/{tail}"


def test_a_report_is_written_with_its_photo_and_read_back(
    cast: Any, bare_ring: Any, client_for: Any, condition_media: Any
) -> None:
    client = client_for(cast.assistant)
    response = client.post(_url(bare_ring), {"report": json.dumps(REPORT), "photo_1": _photo()})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1
    assert body["findings"][0] == {
        "component": "Mount", "kind": "metal", "aspect": "wear", "value": "minor", "note": "Light wear",
        "aspect_label": "Wear", "value_label": "Present: minor",
    }  # fmt: skip
    assert body["photos"] == [
        {
            "position": 1, "caption": "Front", "width": 400, "height": 300, "content_type": "image/jpeg",
            "markers": [{"number": 1, "x": 0.5, "y": 0.25, "note": "Worn claw"}],
            "url": f"/catalogue/{bare_ring.stock_number}/condition/1/photos/1/",
        }
    ]  # fmt: skip
    assert client.get(_url(bare_ring, "reports/1")).json() == body
    listed = client.get(_url(bare_ring)).json()
    assert [(row["version"], row["findings"], row["photos"]) for row in listed["items"]] == [(1, 2, 1)]


def test_a_photo_described_but_not_sent_is_refused(cast: Any, bare_ring: Any, client_for: Any) -> None:
    client = client_for(cast.assistant)
    with unchanged():
        response = client.post(_url(bare_ring), {"report": json.dumps(REPORT)})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "code": "required",
        "message": "Photo 1 is described in the report but no file ‘photo_1’ was sent.",
        "fields": {"photos.1.file": ["Photo 1 is described in the report but no file ‘photo_1’ was sent."]},
    }


def test_a_file_that_is_not_an_image_is_refused(
    cast: Any, bare_ring: Any, client_for: Any, condition_media: Any
) -> None:
    client = client_for(cast.assistant)
    with unchanged():
        response = client.post(
            _url(bare_ring), {"report": json.dumps(REPORT), "photo_1": _photo("x.jpg", b"<svg>no</svg>")}
        )
    assert response.status_code == 422
    assert response.json()["code"] == "not_an_image"
    assert response.json()["fields"] == {
        "photos.1.file": ["Photo 1 is not a photograph (JPEG, PNG or WebP) by its content; choose an image file."]
    }


def test_an_oversize_upload_is_refused_unread(cast: Any, bare_ring: Any, client_for: Any, settings: Any) -> None:
    settings.PARURE_UPLOAD_MAX_BYTES = 1024 * 1024
    client = client_for(cast.assistant)
    with unchanged():
        response = client.post(
            _url(bare_ring),
            {"report": json.dumps(REPORT), "photo_1": _photo("big.jpg", b"\xff\xd8" + b"0" * 1_100_000)},
        )
    assert response.status_code == 413
    message = "Photo 1: The file is larger than 1 MB; split it into smaller files."
    assert response.json() == {
        "status": 413, "code": "upload_too_large", "message": message, "fields": {"photos.1.file": [message]},
    }  # fmt: skip


def test_a_grade_off_the_scale_is_refused_naming_the_field(cast: Any, bare_ring: Any, client_for: Any) -> None:
    sent = {**REPORT, "grade": "pristine", "photos": []}
    client = client_for(cast.assistant)
    with unchanged():
        response = client.post(_url(bare_ring), {"report": json.dumps(sent)})
    assert response.status_code == 422
    assert response.json()["fields"] == {
        "grade": ["‘pristine’ is not an overall grade; choose excellent, very good, good, fair or poor."]
    }


def test_a_report_that_is_not_json_is_refused(cast: Any, bare_ring: Any, client_for: Any) -> None:
    response = client_for(cast.assistant).post(_url(bare_ring), {"report": "{not json"})
    assert response.status_code == 422
    assert response.json()["fields"] == {
        "report": ["The ‘report’ field is not JSON; send the report as a JSON object."]
    }


def test_compare_and_pdf(cast: Any, bare_ring: Any, client_for: Any) -> None:
    write(bare_ring, cast.assistant)
    write(bare_ring, cast.assistant, grade="fair")
    client = client_for(cast.finance)
    assert client.get(_url(bare_ring, "compare") + "?older=1&newer=2").json() == {
        "stock_number": bare_ring.stock_number,
        "older": 1,
        "newer": 2,
        "grade": ["Very good", "Fair"],
        "photos": None,
        "lines": ["Overall grade: Very good → Fair"],
    }
    pdf = client.get(_url(bare_ring, "reports/2/pdf"))
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    missing = client.get(_url(bare_ring, "reports/9"))
    assert missing.status_code == 404
    assert missing.json()["message"] == f"{bare_ring.stock_number} has no condition report 9."


def test_roles_that_may_not_read_condition_reports_are_refused(cast: Any, bare_ring: Any, client_for: Any) -> None:
    write(bare_ring, cast.assistant)
    assert client_for(cast.administrator).get(_url(bare_ring)).status_code == 403
    assert client_for(cast.auditor).get(_url(bare_ring)).status_code == 200
    assert client_for(cast.auditor).post(_url(bare_ring), {"report": json.dumps(REPORT)}).status_code == 403


def test_a_report_of_the_wrong_shape_is_refused_naming_the_field(cast: Any, bare_ring: Any, client_for: Any) -> None:
    sent = {**REPORT, "findings": "all fine", "photos": []}
    response = client_for(cast.assistant).post(_url(bare_ring), {"report": json.dumps(sent)})
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["findings"]


def test_comparing_a_version_with_itself_is_refused(cast: Any, bare_ring: Any, client_for: Any) -> None:
    write(bare_ring, cast.assistant)
    response = client_for(cast.assistant).get(_url(bare_ring, "compare") + "?older=1&newer=1")
    assert response.status_code == 422
    assert response.json()["fields"] == {"newer": ["Choose two different versions to compare."]}
