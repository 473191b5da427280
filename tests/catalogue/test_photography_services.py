"""Photography's services: shot lists and the board, the check-out to the studio and the return by
scan through the inventory (ledger events asserted), photographs and the sale's bundle. Every
refusal is a sentence and leaves every table unchanged."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from parure.catalogue import photo_jobs, photo_queries
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import ImageDerivative, PieceImage, ShotListEntryChange
from parure.catalogue.services import photography as photo
from parure.core.models import BackgroundJob, Office
from parure.inventory.errors import InventoryError
from parure.inventory.models import CustodyEvent
from parure.inventory.numbers import StockNumber
from tests.catalogue.photo_world import jpeg, upload
from tests.guards import unchanged
from tests.inventory import world

pytestmark = pytest.mark.django_db


def due() -> Any:
    return timezone.now() + timedelta(days=2)


def listed(shot_list: Any, by: Any, *items: Any, **fields: Any) -> list[Any]:
    return [photo.shot_list_add_piece(shot_list=shot_list, stock_number=i.stock_number, by=by, **fields) for i in items]


# --- Shot lists and the board --------------------------------------------------------------------


def test_a_shot_list_is_made_for_a_sale_and_takes_pieces_in_order(cast: Any, shot_list: Any, pieces: list[Any]) -> None:
    assert (shot_list.name, shot_list.sale_code, shot_list.status, shot_list.created_by) == (
        "NY-J2612 Magnificent Jewels", "NY-J2612", "open", cast.assistant
    )  # fmt: skip
    ring, brooch, _ = pieces
    entries = listed(shot_list, cast.assistant, ring, to_clean=True, style="ring_stand", notes="Loupe the shank")
    entries += listed(shot_list, cast.assistant, brooch, to_polish=True, style="bust")
    assert [(e.item.stock_number, e.position, e.to_clean, e.to_polish, e.style, e.status) for e in entries] == [
        (ring.stock_number, 1, True, False, "ring_stand", "requested"),
        (brooch.stock_number, 2, False, True, "bust", "requested"),
    ]
    assert list(
        ShotListEntryChange.objects.values_list("entry__item__stock_number", "from_status", "to_status", "by")
    ) == [
        (ring.stock_number, "", "requested", cast.assistant.pk),
        (brooch.stock_number, "", "requested", cast.assistant.pk),
    ]


def test_shot_list_refusals_name_their_field(cast: Any, shot_list: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    listed(shot_list, cast.assistant, ring)
    london = world.take_in(cast.senior, world.consignor("Mr Julian Ashby"), world.piece())[0]
    london.office = Office.objects.get(code="LN")
    cases = [
        (lambda: photo.shot_list_create(name="  ", office=shot_list.office, by=cast.assistant), "name",
         "Give the shot list's name."),
        (lambda: photo.shot_list_add_piece(shot_list=shot_list, stock_number=ring.stock_number, by=cast.assistant),
         "stock_number", f"{ring.stock_number} is already on NY-J2612 Magnificent Jewels."),
        (lambda: photo.shot_list_add_piece(shot_list=shot_list, stock_number="NY-26-000001-0", by=cast.assistant),
         "stock_number",
         "NY-26-000001-0 has a wrong check digit, so it is not a stock number we issued; check the tag and type it again."),
        (lambda: photo.shot_list_add_piece(shot_list=shot_list, stock_number=str(StockNumber("NY", 26, 999999)),
                                           by=cast.assistant),
         "stock_number", f"No piece has stock number {StockNumber('NY', 26, 999999)}."),
        (lambda: photo.shot_list_add_piece(shot_list=shot_list, stock_number=pieces[1].stock_number, style="poster",
                                           by=cast.assistant),
         "style", "Choose how the piece is styled: flat lay, ring stand, bust, hand, on a model."),
    ]  # fmt: skip
    for action, field, message in cases:
        with unchanged(), pytest.raises(CatalogueError) as refused:
            action()
        assert (refused.value.field, refused.value.message) == (field, message)


def test_a_closed_list_takes_no_more_pieces(cast: Any, shot_list: Any, pieces: list[Any]) -> None:
    photo.shot_list_update(shot_list=shot_list, status="closed", by=cast.senior)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        listed(shot_list, cast.assistant, pieces[0])
    assert refused.value.message == "NY-J2612 Magnificent Jewels is closed; reopen it before changing its pieces."
    assert refused.value.code == CatalogueErrorCode.SHOT_LIST_CLOSED


def test_the_board_moves_one_column_at_a_time_and_keeps_who_and_when(
    cast: Any, shot_list: Any, pieces: list[Any]
) -> None:
    ring = pieces[0]
    (entry,) = listed(shot_list, cast.assistant, ring)
    for to_status, message in [
        ("in_studio", f"{ring.stock_number} is not checked out to the studio for this list; use "
                      "‘Check out to the studio’ to take it there."),
        ("retouched", f"{ring.stock_number} is ‘Requested’; it moves one column at a time."),
    ]:  # fmt: skip
        with unchanged(), pytest.raises(CatalogueError) as refused:
            photo.entry_move(entry=entry, to_status=to_status, by=cast.assistant)
        assert refused.value.message == message
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    entry = photo.entry_move(entry=entry, to_status="shot", by=cast["sofia"], expected_status="in_studio")
    with unchanged(), pytest.raises(CatalogueError) as stale:
        photo.entry_move(entry=entry, to_status="retouched", by=cast.assistant, expected_status="in_studio")
    assert stale.value.message == (
        f"{ring.stock_number} was moved to ‘Shot’ by someone else; look again before moving it."
    )
    assert stale.value.code == CatalogueErrorCode.STALE
    photo.entry_move(entry=entry, to_status="retouched", by=cast.assistant)
    entry = photo.entry_move(entry=entry, to_status="approved", by=cast.senior)
    assert (entry.status, entry.status_changed_by) == ("approved", cast.senior)
    assert list(entry.changes.values_list("from_status", "to_status", "by__username")) == [
        ("", "requested", "marcus"),
        ("requested", "in_studio", "marcus"),
        ("in_studio", "shot", "sofia"),
        ("shot", "retouched", "marcus"),
        ("retouched", "approved", "eleanor"),
    ]


# --- Custody: to the studio and back by scanning -------------------------------------------------


def test_check_out_to_the_studio_records_one_ledger_event_per_piece(
    cast: Any, ny: world.Places, shot_list: Any, pieces: list[Any]
) -> None:
    ring, brooch, _ = pieces
    listed(shot_list, cast.assistant, ring, brooch)
    before = CustodyEvent.objects.count()
    events = photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    assert CustodyEvent.objects.count() == before + 2
    assert [
        (e.item.stock_number, e.kind, e.purpose, e.from_location, e.to_location, e.staff, e.cause, e.reason)
        for e in events
    ] == [
        (p.stock_number, "check_out", "photography", ny.tray1, ny.studio, cast.assistant, f"shot_list:{shot_list.pk}",
         "Photography: NY-J2612 Magnificent Jewels")
        for p in (ring, brooch)
    ]  # fmt: skip
    assert [world.fresh(p).status for p in (ring, brooch)] == ["checked_out", "checked_out"]
    assert list(shot_list.entries.values_list("status", flat=True)) == ["in_studio", "in_studio"]


def test_check_out_is_all_or_none_and_a_valuable_piece_needs_a_witness(
    cast: Any, ny: world.Places, shot_list: Any, pieces: list[Any]
) -> None:
    ring, _, tiara = pieces
    listed(shot_list, cast.assistant, ring, tiara)
    with unchanged(), pytest.raises(InventoryError) as refused:
        photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    assert refused.value.message.startswith(f"{tiara.stock_number}") and "witness" in refused.value.message.lower()
    with unchanged(), pytest.raises(InventoryError) as past:
        photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=timezone.now() - timedelta(hours=1))
    assert past.value.message == f"{ring.stock_number}: The due-back time must be in the future."
    events = photo.shot_list_check_out(
        shot_list=shot_list, by=cast.assistant, due_back=due(), witness=world.witness(cast.senior, cast.assistant)
    )
    # One witness covers the list, as in a batch: it is recorded on every piece's event.
    assert [(e.item.stock_number, e.witness) for e in events] == [
        (ring.stock_number, cast.senior), (tiara.stock_number, cast.senior)
    ]  # fmt: skip
    with unchanged(), pytest.raises(CatalogueError) as nothing_left:
        photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    assert nothing_left.value.message == "No piece on NY-J2612 Magnificent Jewels is waiting to go to the studio."


def test_an_office_without_a_studio_is_told_so(cast: Any, ny: world.Places, shot_list: Any, pieces: list[Any]) -> None:
    from parure.inventory import services as custody

    listed(shot_list, cast.assistant, pieces[0])
    custody.location_deactivate(location=ny.studio, by=cast.administrator)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    assert refused.value.message == (
        "New York has no photo studio among its custody places; a senior specialist adds one under "
        "Places (type Photo studio) before pieces can go there."
    )


def test_return_by_scanning_answers_every_case(cast: Any, ny: world.Places, shot_list: Any, pieces: list[Any]) -> None:
    ring, brooch, tiara = pieces
    listed(shot_list, cast.assistant, ring, brooch)
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    scan = photo.shot_list_return_scan(shot_list=shot_list, code=ring.stock_number.lower().replace("-", ""),
                                       by=cast["sofia"])  # fmt: skip
    assert (scan.status, scan.message) == (
        "returned",
        f"{ring.stock_number} · {ring.title}: returned to {ny.tray1.label}.",
    )
    event = CustodyEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.kind, event.item, event.from_location, event.to_location, event.staff, event.reason) == (
        "return", ring, ny.studio, ny.tray1, cast["sofia"], "Back from the studio: NY-J2612 Magnificent Jewels"
    )  # fmt: skip
    assert world.fresh(ring).status == "in_house"
    unknown = str(StockNumber("NY", 26, 999999))
    answers = []
    with unchanged():
        for code in (ring.stock_number, tiara.stock_number, unknown, "NY-26-000001-0", ""):
            answer = photo.shot_list_return_scan(shot_list=shot_list, code=code, by=cast.assistant)
            answers.append((answer.status, answer.message))
    assert answers == [
        ("already", f"{ring.stock_number} is not out for this list; it is at {ny.tray1.label}."),
        ("not_on_list", f"{tiara.stock_number} is not on NY-J2612 Magnificent Jewels; keep it aside."),
        ("unknown", f"No piece has stock number {unknown}."),
        ("unknown", "NY-26-000001-0 has a wrong check digit, so it is not a stock number we issued; "
                    "check the tag and type it again."),
        ("unknown", "Scan a tag, or type a stock number and press Enter."),
    ]  # fmt: skip
    assert world.fresh(brooch).status == "checked_out"


# --- Photographs ---------------------------------------------------------------------------------


def test_uploads_are_ordered_the_first_is_primary_and_derivatives_are_made(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    first = upload(ring, cast.assistant, (2000, 1500), (1200, 1600), alt_text="The ring, front", credit="J. Lee")
    more = upload(ring, cast["sofia"], (800, 600))
    rows = list(photo_queries.piece_images(ring))
    assert [(i.position, i.is_primary, i.width, i.height, i.status, i.alt_text, i.credit, i.uploaded_by.username)
            for i in rows] == [
        (1, True, 2000, 1500, "ready", "The ring, front", "J. Lee", "marcus"),
        (2, False, 1200, 1600, "ready", "The ring, front", "J. Lee", "marcus"),
        (3, False, 800, 600, "ready", "", "", "sofia"),
    ]  # fmt: skip
    assert [i.pk for i in first + more] == [i.pk for i in rows]
    sizes = {(d.image.position, d.kind): (d.width, d.height) for d in ImageDerivative.objects.select_related("image")}
    assert sizes == {
        (1, "print"): (2000, 1500), (1, "web"): (1600, 1200), (1, "thumbnail"): (320, 240),
        (2, "print"): (1200, 1600), (2, "web"): (1200, 1600), (2, "thumbnail"): (240, 320),
        (3, "print"): (800, 600), (3, "web"): (800, 600), (3, "thumbnail"): (320, 240),
    }  # fmt: skip
    job = BackgroundJob.objects.filter(kind=photo_jobs.DERIVATIVES).order_by("pk").first()
    assert job is not None
    assert (job.state, job.summary, job.done, job.total) == ("succeeded", "2 photographs ready.", 2, 2)
    assert rows[0].file.name.startswith(f"catalogue/images/{rows[0].sha256[:2]}/{rows[0].sha256}")
    assert default_storage.exists(rows[0].file.name)


def test_one_file_that_is_not_an_image_refuses_the_whole_upload(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    stored_before = default_storage.listdir("catalogue/images")[0] if default_storage.exists("catalogue/images") else []
    files = [photo.Upload("front.jpg", jpeg()), photo.Upload("notes.jpg", b"not a photograph")]
    with unchanged(), pytest.raises(CatalogueError) as refused:
        photo.images_upload(piece=ring, files=files, by=cast.assistant)
    assert (refused.value.field, refused.value.message) == (
        "files", "‘notes.jpg’ is not an image: its content is not JPEG, PNG, WebP or TIFF, whatever its name says."
    )  # fmt: skip
    stored_after = default_storage.listdir("catalogue/images")[0] if default_storage.exists("catalogue/images") else []
    assert stored_after == stored_before
    for action, field, message in [
        (lambda: photo.images_upload(piece=ring, files=[], by=cast.assistant), "files",
         "Choose one or more photographs to upload."),
        (lambda: photo.images_upload(piece=ring, files=[photo.Upload("a.jpg", jpeg())], by=cast.assistant,
                                     alt_text="x" * 301), "alt_text",
         "The alt text is 301 characters long; keep it to 300."),
    ]:  # fmt: skip
        with unchanged(), pytest.raises(CatalogueError) as caught:
            action()
        assert (caught.value.field, caught.value.message) == (field, message)


def test_primary_order_alt_text_and_credit(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    a, b, c = upload(ring, cast.assistant, (400, 300), (300, 400), (500, 500))
    photo.image_set_primary(image=c, by=cast["sofia"])
    assert list(PieceImage.objects.filter(is_primary=True).values_list("pk", "updated_by__username")) == [
        (c.pk, "sofia")
    ]
    photo.images_reorder(piece=ring, order=[c.pk, a.pk, b.pk], by=cast.assistant)
    photo.image_move(image=b, step=-1, by=cast.assistant)
    assert list(photo_queries.piece_images(ring).values_list("pk", flat=True)) == [c.pk, b.pk, a.pk]
    photo.image_update(image=a, alt_text="The ring, side view", credit="Parure Studio", by=cast.assistant)
    a.refresh_from_db()
    assert (a.alt_text, a.credit, a.updated_by) == ("The ring, side view", "Parure Studio", cast.assistant)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        photo.images_reorder(piece=ring, order=[c.pk, a.pk], by=cast.assistant)
    assert (refused.value.field, refused.value.message) == (
        "order", f"Give the order of all 3 photographs of {ring.stock_number}, each once."
    )  # fmt: skip


def test_the_bundle_holds_the_approved_pieces_photographs_named_by_stock_number_and_position(
    cast: Any, shot_list: Any, pieces: list[Any]
) -> None:
    ring, brooch, _ = pieces
    entries = listed(shot_list, cast.assistant, brooch, ring)
    photo.shot_list_check_out(shot_list=shot_list, by=cast.assistant, due_back=due())
    for entry in entries:
        for step in ("shot", "retouched", "approved"):
            entry = photo.entry_move(entry=entry, to_status=step, by=cast.assistant)
    upload(ring, cast.assistant, (2000, 1500), (1500, 2000))
    upload(brooch, cast.assistant, (1800, 1200))
    photo.images_reorder(piece=ring, order=list(photo_queries.piece_images(ring).values_list("pk", flat=True))[::-1],
                         by=cast.assistant)  # fmt: skip
    out = io.BytesIO()
    names = photo_jobs.write_bundle(shot_list, "web", out)
    assert names == [f"{brooch.stock_number}-01.jpg", f"{ring.stock_number}-01.jpg", f"{ring.stock_number}-02.jpg"]
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert archive.namelist() == names
        from PIL import Image

        with Image.open(archive.open(f"{ring.stock_number}-01.jpg")) as first:
            assert first.size == (1200, 1600)  # the portrait, put first
    # A piece not yet approved is not in the bundle.
    photo.entry_move(entry=entries[0], to_status="retouched", by=cast.assistant)
    assert [name for name, _ in photo_queries.bundle_members(shot_list, "print")] == [
        f"{ring.stock_number}-01.jpg", f"{ring.stock_number}-02.jpg"
    ]  # fmt: skip


def test_a_photograph_that_cannot_be_decoded_later_is_marked_failed_and_the_others_go_on(
    cast: Any, pieces: list[Any]
) -> None:
    from django.core.files.base import ContentFile

    from parure.core import jobs

    ring = pieces[0]
    broken, sound = upload(ring, cast.assistant, (400, 300), (300, 400))
    # The stored original is damaged after it was checked (a disk fault, a bad copy).
    name = broken.file.name
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"no longer a photograph"))
    job = jobs.job_start(kind=photo_jobs.DERIVATIVES, by=cast.assistant, params={"images": [broken.pk, sound.pk]})
    assert (job.state, job.summary) == ("succeeded", "1 photograph ready; 1 could not be read: view-1.jpg.")
    assert list(PieceImage.objects.order_by("position").values_list("status", flat=True)) == ["failed", "ready"]
    broken.refresh_from_db()
    photo.image_set_primary(image=sound, by=cast.assistant)
    with unchanged(), pytest.raises(CatalogueError) as refused:
        photo.image_set_primary(image=broken, by=cast.assistant)
    assert refused.value.message == "view-1.jpg could not be processed; upload it again before making it the primary."
