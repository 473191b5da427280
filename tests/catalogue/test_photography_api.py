"""Photography's API end to end, with an API token: shot lists, the board, custody through the
studio, photographs uploaded as multipart, ordered, made primary and downloaded; refusals in the
API's one shape and nothing saved."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from parure.catalogue.models import PieceImage, ShotList
from parure.core.models import ApiToken
from parure.inventory.models import CustodyEvent
from tests.catalogue.photo_world import jpeg
from tests.guards import unchanged

pytestmark = pytest.mark.django_db
BASE = "/api/v1/catalogue/photography"


def api(staff: Any) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get("/api/v1/me").status_code == 200
    return client


def send(client: Client, method: str, url: str, body: Any = None) -> Any:
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def test_shot_lists_through_the_api(cast: Any, ny: Any, pieces: list[Any]) -> None:
    client = api(cast.assistant)
    made = send(client, "post", f"{BASE}/shot-lists", {"name": "NY-J2612 Jewels", "sale_code": "ny-j2612"})
    assert made.status_code == 201, made.content
    body = made.json()
    shot_list_id = body["id"]
    assert {k: body[k] for k in ("name", "office", "sale_code", "status", "created_by", "entries")} == {
        "name": "NY-J2612 Jewels", "office": "NY", "sale_code": "NY-J2612", "status": "open",
        "created_by": "Marcus Hale", "entries": [],
    }  # fmt: skip
    ring, brooch, _ = pieces
    for piece, style in ((ring, "ring_stand"), (brooch, "bust")):
        added = send(client, "post", f"{BASE}/shot-lists/{shot_list_id}/entries",
                     {"stock_number": piece.stock_number, "style": style, "to_polish": True})  # fmt: skip
        assert added.status_code == 201
    entries = client.get(f"{BASE}/shot-lists/{shot_list_id}").json()["entries"]
    assert [(e["stock_number"], e["position"], e["style"], e["status"]) for e in entries] == [
        (ring.stock_number, 1, "ring_stand", "requested"), (brooch.stock_number, 2, "bust", "requested")
    ]  # fmt: skip
    listed = client.get(f"{BASE}/shot-lists", {"office": "NY"}).json()
    assert (listed["count"], listed["items"][0]["name"]) == (1, "NY-J2612 Jewels")

    checked = send(client, "post", f"{BASE}/shot-lists/{shot_list_id}/check-out", {"due_back": "2099-01-01T17:00:00Z"})
    assert checked.json()["checked_out"] == [ring.stock_number, brooch.stock_number]
    with unchanged():
        kept = send(client, "delete", f"{BASE}/shot-lists/{shot_list_id}")
    assert (kept.status_code, kept.json()["code"]) == (409, "photo_step")
    moved = send(client, "post", f"{BASE}/shot-lists/{shot_list_id}/entries/{ring.stock_number}/status",
                 {"to": "shot", "expected": "in_studio"})  # fmt: skip
    assert (moved.status_code, moved.json()["status"], moved.json()["status_changed_by"]) == (
        200,
        "shot",
        "Marcus Hale",
    )
    with unchanged():
        stale = send(client, "post", f"{BASE}/shot-lists/{shot_list_id}/entries/{ring.stock_number}/status",
                     {"to": "retouched", "expected": "in_studio"})  # fmt: skip
    assert stale.status_code == 409 and stale.json()["fields"] == {
        "status": [f"{ring.stock_number} was moved to ‘Shot’ by someone else; look again before moving it."]
    }
    with unchanged():
        wrong = send(client, "post", f"{BASE}/shot-lists/{shot_list_id}/entries/{ring.stock_number}/status",
                     {"to": "framed"})  # fmt: skip
    assert wrong.status_code == 422 and list(wrong.json()["fields"]) == ["to"]
    scanned = send(client, "post", f"{BASE}/shot-lists/{shot_list_id}/returns", {"code": ring.stock_number})
    event = CustodyEvent.objects.order_by("-seq").first()
    assert event is not None and scanned.json() == {
        "status": "returned", "message": f"{ring.stock_number} · {ring.title}: returned to {ny.tray1.label}.",
        "stock_number": ring.stock_number, "seq": event.seq,
    }  # fmt: skip
    closed = send(client, "patch", f"{BASE}/shot-lists/{shot_list_id}", {"status": "closed", "notes": "Done."})
    assert (closed.json()["status"], closed.json()["notes"]) == ("closed", "Done.")
    empty = send(client, "post", f"{BASE}/shot-lists", {"name": "Ad hoc"})
    assert send(client, "delete", f"{BASE}/shot-lists/{empty.json()['id']}").status_code == 204
    assert ShotList.objects.count() == 1


def test_photographs_through_the_api(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    client = api(cast.assistant)
    url = f"{BASE}/pieces/{ring.stock_number}/images"
    uploaded = client.post(url, {"file": [io.BytesIO(jpeg((2000, 1500))), io.BytesIO(jpeg((600, 800)))],
                                 "alt_text": "The ring", "credit": "J. Lee"})  # fmt: skip
    assert uploaded.status_code == 201, uploaded.content
    images = uploaded.json()["images"]
    assert [(i["position"], i["is_primary"], i["width"], i["height"], i["status"], i["content_type"]) for i in images] == [
        (1, True, 2000, 1500, "ready", "image/jpeg"), (2, False, 600, 800, "ready", "image/jpeg")
    ]  # fmt: skip
    assert [(d["kind"], d["width"], d["height"]) for d in images[0]["derivatives"]] == [
        ("print", 2000, 1500), ("thumbnail", 320, 240), ("web", 1600, 1200)
    ]  # fmt: skip
    assert images[0]["derivatives"][1]["url"] == f"/catalogue/photography/images/{images[0]['id']}/thumbnail.jpg"
    first, second = images[0]["id"], images[1]["id"]
    reordered = send(client, "post", f"{url}/order", {"images": [second, first]})
    assert [i["id"] for i in reordered.json()] == [second, first]
    primary = send(client, "post", f"{BASE}/images/{second}/primary")
    assert [(i["id"], i["is_primary"]) for i in primary.json()] == [(second, True), (first, False)]
    download = client.get(f"{BASE}/images/{second}/download", {"kind": "thumbnail"})
    assert download["Content-Type"] == "image/jpeg"
    assert download["Content-Disposition"] == f'inline; filename="{ring.stock_number}-01-thumbnail.jpg"'
    assert Image.open(io.BytesIO(b"".join(download.streaming_content))).size == (240, 320)  # type: ignore[attr-defined]
    assert client.get(f"{BASE}/images/{second}/download", {"kind": "original"}).status_code == 422
    assert [i["id"] for i in client.get(url).json()] == [second, first]


def test_upload_refusals_through_the_api(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    client = api(cast.assistant)
    url = f"{BASE}/pieces/{ring.stock_number}/images"
    with unchanged():
        text_file = io.BytesIO(b"Lot 12 notes")
        text_file.name = "ring.jpg"
        refused = client.post(url, {"file": [io.BytesIO(jpeg()), text_file]})
    assert refused.status_code == 422
    assert refused.json() == {
        "status": 422, "code": "not_an_image",
        "message": "‘ring.jpg’ is not an image: its content is not JPEG, PNG, WebP or TIFF, whatever its name says.",
        "fields": {"file": ["‘ring.jpg’ is not an image: its content is not JPEG, PNG, WebP or TIFF, "
                            "whatever its name says."]},
    }  # fmt: skip
    with unchanged():
        nothing = client.post(url, {"alt_text": "x"})
    assert nothing.json()["fields"] == {"file": ["Choose one or more photographs to upload."]}
    with unchanged():
        unknown = client.get(f"{BASE}/pieces/NY-26-000001-0/images")
    assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_piece"
    assert PieceImage.objects.count() == 0
    # Logistics reads photography but may not upload.
    forbidden = api(cast.logistics).post(url, {"file": [io.BytesIO(jpeg())]})
    assert forbidden.status_code == 403
