"""Photography's pages end to end: shot lists, the board moved by buttons (htmx), the check-out and
the scan box for returns, uploads with their refusals beside the field, the bundle, the served
images — and the fixed query count of the shot list page and of a piece's photographs."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parure.catalogue.models import PieceImage, ShotList
from parure.catalogue.services import photography as photo
from parure.inventory.models import CustodyEvent
from tests.catalogue.photo_world import in_vault, jpeg, upload
from tests.conftest import signed_in
from tests.guards import unchanged
from tests.inventory import world

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_an_assistant_creates_a_shot_list_and_adds_a_piece(cast: Any, ny: Any, pieces: list[Any]) -> None:
    client = signed_in(cast.assistant)
    page = client.get(reverse("catalogue:shot_list_new"))
    assert page.status_code == 200 and 'for="id_name"' in page.content.decode()
    refused = client.post(reverse("catalogue:shot_list_new"), {"name": "", "office": ny.office.pk})
    assert refused.status_code == 422 and "This field is required." in text(refused)
    made = client.post(reverse("catalogue:shot_list_new"), {"name": "Ad hoc: press", "office": ny.office.pk})
    shot_list = ShotList.objects.get()
    assert made["Location"] == reverse("catalogue:shot_list", args=[shot_list.pk])
    ring = pieces[0]
    added = client.post(reverse("catalogue:shot_list_add", args=[shot_list.pk]),
                        {"stock_number": ring.stock_number.lower(), "style": "ring_stand", "to_clean": "on"})  # fmt: skip
    assert added.status_code == 302
    page = client.get(reverse("catalogue:shot_list", args=[shot_list.pk]))
    assert f"{ring.stock_number} is on the list, requested." in text(page)
    assert "Ring stand · clean" in text(page)
    with unchanged():
        again = client.post(reverse("catalogue:shot_list_add", args=[shot_list.pk]),
                            {"stock_number": ring.stock_number, "style": "bust"})  # fmt: skip
    assert again.status_code == 422
    assert f"{ring.stock_number} is already on Ad hoc: press.</p>" in again.content.decode()
    assert f'value="{ring.stock_number}"' in again.content.decode()  # the form keeps what was typed


def test_check_out_then_the_board_and_the_scan_box(cast: Any, ny: Any, shot_list: Any, pieces: list[Any]) -> None:
    ring, brooch, _ = pieces
    for piece in (ring, brooch):
        photo.shot_list_add_piece(shot_list=shot_list, stock_number=piece.stock_number, by=cast.assistant)
    client = signed_in(cast.assistant)
    url = reverse("catalogue:shot_list", args=[shot_list.pk])
    with unchanged():
        refused = client.post(reverse("catalogue:shot_list_check_out", args=[shot_list.pk]), {"due_back": "yesterday"})
    assert refused.status_code == 422
    checked = client.post(reverse("catalogue:shot_list_check_out", args=[shot_list.pk]), {"due_back": "in 2 days"})
    assert checked.status_code == 302
    assert "2 pieces checked out to the studio." in text(client.get(url))
    assert CustodyEvent.objects.filter(cause=f"shot_list:{shot_list.pk}", kind="check_out").count() == 2

    move = reverse("catalogue:shot_list_move", args=[shot_list.pk, ring.stock_number])
    board = client.post(move, {"to": "shot", "from": "in_studio"}, headers={"HX-Request": "true"})
    assert board.status_code == 200 and board.content.decode().startswith('<section id="board"')
    column = re.search(r'data-status="shot">(.*?)</ol>', board.content.decode(), re.S)
    assert column is not None and ring.stock_number in column.group(1)
    stale = client.post(move, {"to": "retouched", "from": "in_studio"}, headers={"HX-Request": "true"})
    assert stale.status_code == 422
    assert f"{ring.stock_number} was moved to ‘Shot’ by someone else; look again before moving it." in text(stale)

    scan = reverse("catalogue:shot_list_return", args=[shot_list.pk])
    returned = client.post(scan, {"code": ring.stock_number}, headers={"HX-Request": "true"})
    assert returned.status_code == 200
    assert text(returned) == f"Returned: {ring.stock_number} · {ring.title}: returned to {ny.tray1.label}."
    again = client.post(scan, {"code": ring.stock_number}, headers={"HX-Request": "true"})
    assert (again.status_code, text(again)) == (
        422, f"Already returned: {ring.stock_number} is not out for this list; it is at {ny.tray1.label}."
    )  # fmt: skip
    assert 'class="scan-result already"' in again.content.decode()
    plain = client.post(scan, {"code": "NY-26-000001-0"})  # without JavaScript: the whole page, answer shown
    assert plain.status_code == 422 and "Unknown: NY-26-000001-0 has a wrong check digit" in text(plain)
    page = client.get(url).content.decode()
    assert 'id="return-code"' in page and 'label for="return-code"' in page and "photography.js" in page


def test_an_auditor_reads_the_board_without_the_desk(cast: Any, shot_list: Any, pieces: list[Any]) -> None:
    photo.shot_list_add_piece(shot_list=shot_list, stock_number=pieces[0].stock_number, by=cast.assistant)
    page = signed_in(cast.auditor).get(reverse("catalogue:shot_list", args=[shot_list.pk])).content.decode()
    assert pieces[0].stock_number in page
    assert 'id="return-code"' not in page and "Check out to the studio</button>" not in page
    assert "Download bundle" in page
    assert signed_in(cast.finance).get(reverse("catalogue:shot_list", args=[shot_list.pk])).status_code == 403


def test_shot_lists_page_counts_each_column(cast: Any, shot_list: Any, pieces: list[Any]) -> None:
    for piece in pieces[:2]:
        photo.shot_list_add_piece(shot_list=shot_list, stock_number=piece.stock_number, by=cast.assistant)
    page = signed_in(cast.assistant).get(reverse("catalogue:shot_lists"))
    assert "NY-J2612 Magnificent Jewels NY-J2612 New York 2 2 0 0 0 0" in text(page)


def test_upload_refusals_sit_beside_the_field_and_save_nothing(cast: Any, pieces: list[Any], settings: Any) -> None:
    ring = pieces[0]
    client = signed_in(cast.assistant)
    url = reverse("catalogue:piece_images_upload", args=[ring.stock_number])
    with unchanged():
        response = client.post(url, {"files": [SimpleUploadedFile("front.jpg", jpeg()),
                                               SimpleUploadedFile("notes.jpg", b"Lot 12 notes")]})  # fmt: skip
    assert response.status_code == 422
    assert ('<div class="notice error" role="alert" id="files-error">‘notes.jpg’ is not an image: its content is not '
            "JPEG, PNG, WebP or TIFF, whatever its name says.</div>") in response.content.decode()  # fmt: skip
    settings.PARURE_IMAGE_MAX_BYTES = 100_000
    with unchanged():
        big = client.post(url, {"files": [SimpleUploadedFile("huge.jpg", b"\xff" * 150_000)]})
    assert big.status_code == 422 and "‘huge.jpg’ is 0.1 MB; a photograph may be at most 0.1 MB." in text(big)
    with unchanged():
        none = client.post(url, {"alt_text": "x"})
    assert none.status_code == 422 and "Choose one or more photographs to upload." in text(none)


def test_upload_order_primary_and_the_served_images(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    client = signed_in(cast.assistant)
    response = client.post(
        reverse("catalogue:piece_images_upload", args=[ring.stock_number]),
        {"files": [SimpleUploadedFile("front.jpg", jpeg((2000, 1500))), SimpleUploadedFile("side.jpg", jpeg((900, 1200)))],
         "alt_text": "The ring", "credit": "J. Lee"},
    )  # fmt: skip
    assert response.status_code == 302
    first, second = PieceImage.objects.order_by("position")
    page = client.get(reverse("catalogue:piece_images", args=[ring.stock_number]))
    assert "2 photographs added; 2 photographs ready." in text(page)
    assert "1. Primary front.jpg 2000 × 1500 px" in text(page) and "2. side.jpg 900 × 1200 px" in text(page)
    client.post(reverse("catalogue:piece_image_edit", args=[second.pk]), {"action": "primary"})
    client.post(reverse("catalogue:piece_image_edit", args=[second.pk]), {"action": "earlier"})
    client.post(reverse("catalogue:piece_image_edit", args=[first.pk]),
                {f"image-{first.pk}-alt_text": "The ring, front", f"image-{first.pk}-credit": "Parure Studio"})  # fmt: skip
    assert list(PieceImage.objects.order_by("position").values_list("pk", "is_primary", "alt_text")) == [
        (second.pk, True, "The ring"), (first.pk, False, "The ring, front")
    ]  # fmt: skip
    thumb = client.get(reverse("catalogue:image_file", args=[second.pk, "thumbnail"]))
    assert (thumb.status_code, thumb["Content-Type"]) == (200, "image/jpeg")
    from PIL import Image

    assert Image.open(io.BytesIO(b"".join(thumb.streaming_content))).size == (240, 320)  # type: ignore[attr-defined]
    assert client.get(f"/catalogue/photography/images/{second.pk}/original.jpg").status_code == 404
    # Any member of staff reads published images (the catalogue record shows them); nobody signed out does.
    assert signed_in(cast.finance).get(reverse("catalogue:image_file", args=[second.pk, "web"])).status_code == 200
    from django.test import Client

    assert Client().get(reverse("catalogue:image_file", args=[second.pk, "web"])).status_code == 302


def test_the_bundle_downloads_named_by_stock_number_and_position(cast: Any, shot_list: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    entry = photo.shot_list_add_piece(shot_list=shot_list, stock_number=ring.stock_number, by=cast.assistant)
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=world.tomorrow())
    for step in ("shot", "retouched", "approved"):
        entry = photo.entry_move(entry=entry, to_status=step, by=cast.assistant)
    upload(ring, cast.assistant, (2000, 1500), (1000, 1000))
    response = signed_in(cast.auditor).get(reverse("catalogue:shot_list_bundle", args=[shot_list.pk]) + "?kind=print")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="NY-J2612-print.zip"'
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:  # type: ignore[attr-defined]
        assert archive.namelist() == [f"{ring.stock_number}-01.jpg", f"{ring.stock_number}-02.jpg"]


def test_a_large_bundle_is_built_in_the_background(
    cast: Any, shot_list: Any, pieces: list[Any], monkeypatch: Any
) -> None:
    from parure.catalogue import photo_jobs

    monkeypatch.setattr(photo_jobs, "BUNDLE_IN_REQUEST", 1)
    ring = pieces[0]
    entry = photo.shot_list_add_piece(shot_list=shot_list, stock_number=ring.stock_number, by=cast.assistant)
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=world.tomorrow())
    for step in ("shot", "retouched", "approved"):
        entry = photo.entry_move(entry=entry, to_status=step, by=cast.assistant)
    upload(ring, cast.assistant, (800, 600), (600, 800))
    client = signed_in(cast.assistant)
    started = client.get(reverse("catalogue:shot_list_bundle", args=[shot_list.pk]))
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    job_page = client.get(started["Location"])
    assert "2 web photographs of NY-J2612 Magnificent Jewels, ready to download." in text(job_page)
    job_id = int(started["Location"].strip("/").split("/")[-1])
    download = client.get(reverse("catalogue:photo_bundle_job", args=[job_id]))
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:  # type: ignore[attr-defined]
        assert archive.namelist() == [f"{ring.stock_number}-01.jpg", f"{ring.stock_number}-02.jpg"]
    # Another member of staff may download bundles, but not this person's.
    assert signed_in(cast["sofia"]).get(reverse("catalogue:photo_bundle_job", args=[job_id])).status_code == 404


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_shot_list_page_and_a_pieces_photographs_issue_a_fixed_number_of_queries(
    cast: Any, ny: Any, shot_list: Any
) -> None:
    client = signed_in(cast.assistant)
    pieces = in_vault(cast, ny, world.piece("Ring one"), world.piece("Ring two"))
    for piece in pieces:
        photo.shot_list_add_piece(shot_list=shot_list, stock_number=piece.stock_number, by=cast.assistant)
        upload(piece, cast.assistant, (400, 300))
    url = reverse("catalogue:shot_list", args=[shot_list.pk])
    images_url = reverse("catalogue:piece_images", args=[pieces[0].stock_number])
    client.get(url)  # the session's first request of the test writes its own rows
    few, few_images = _queries(client, url), _queries(client, images_url)
    more = in_vault(cast, ny, *(world.piece(f"Ring {n}") for n in range(3, 9)))
    for piece in more:
        photo.shot_list_add_piece(shot_list=shot_list, stock_number=piece.stock_number, by=cast.assistant)
        upload(piece, cast.assistant, (400, 300))
    upload(pieces[0], cast.assistant, (300, 400), (500, 500), (200, 100))
    assert _queries(client, url) == few
    assert _queries(client, images_url) == few_images
    lists = reverse("catalogue:shot_lists")
    listed = _queries(client, lists)
    for n in range(4):
        photo.shot_list_create(name=f"Ad hoc {n}", office=ny.office, by=cast.assistant)
    assert _queries(client, lists) == listed


def test_a_request_over_the_site_wide_limit_is_refused_unread(cast: Any, pieces: list[Any], settings: Any) -> None:
    settings.PARURE_UPLOAD_MAX_BYTES = 20_000
    url = reverse("catalogue:piece_images_upload", args=[pieces[0].stock_number])
    client = signed_in(cast.assistant)
    client.get(reverse("catalogue:piece_images", args=[pieces[0].stock_number]))
    with unchanged():
        response = client.post(url, {"files": [SimpleUploadedFile("big.jpg", jpeg((2000, 1500)))]})
    assert response.status_code == 422
    assert "These photographs are more than the site takes in one upload; send fewer at a time." in text(response)


def test_a_piece_returned_through_the_inventory_is_shown_away_from_the_studio(
    cast: Any, shot_list: Any, pieces: list[Any]
) -> None:
    """The board keeps the photographer's column, but says when custody has already brought the
    piece back, so nobody looks for it in the studio."""
    from parure.inventory.services import custody

    ring = pieces[0]
    photo.shot_list_add_piece(shot_list=shot_list, stock_number=ring.stock_number, by=cast.assistant)
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=world.tomorrow())
    page = signed_in(cast.assistant).get(reverse("catalogue:shot_list", args=[shot_list.pk])).content.decode()
    assert f'id="entry-{ring.stock_number}-away"' not in page
    custody.item_return(item=world.fresh(ring), by=cast.assistant)
    page = signed_in(cast.assistant).get(reverse("catalogue:shot_list", args=[shot_list.pk])).content.decode()
    assert (
        f'<span class="warning" id="entry-{ring.stock_number}-away">No longer in the studio: returned through '
        "the inventory. Move it on once it is shot.</span>"
    ) in page
