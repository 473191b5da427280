"""Demonstration photography: placeholder photographs for the demo pieces, and New York's shot list
for the next sale with pieces in every column of the status board.

Built on the pieces the inventory's demo made (and, first, those the records demo described),
through the real services: the check-out to the studio and the returns are ledger events like
any other. Placeholders are drawn with Pillow (an ivory ground with the stock number and title),
so nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from parure.catalogue import images as imaging
from parure.catalogue.choices import PhotoStatus, PhotoStyle
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, PieceImage
from parure.catalogue.services import photography as photo
from parure.core.models import Office, Staff
from parure.inventory import queries as inventory
from parure.inventory.choices import ItemStatus, LocationKind
from parure.inventory.services import four_eyes_needed

PHOTOGRAPHED = 24
SALE_CODE = "NY-J2612"
# Where each piece of the demo shot list stands: the first ones went furthest.
BOARD = [
    PhotoStatus.APPROVED,
    PhotoStatus.APPROVED,
    PhotoStatus.RETOUCHED,
    PhotoStatus.SHOT,
    PhotoStatus.IN_STUDIO,
    PhotoStatus.IN_STUDIO,
    PhotoStatus.REQUESTED,
    PhotoStatus.REQUESTED,
]
STYLES = [PhotoStyle.RING_STAND, PhotoStyle.BUST, PhotoStyle.FLAT_LAY, PhotoStyle.HAND, PhotoStyle.MODEL]


def _candidates(office: Office, studio: Any) -> list[Any]:
    """Pieces of the office in a storage place that may go to the studio without a witness."""
    described = set(CatalogueRecord.objects.values_list("item_id", flat=True))
    rows = [
        item
        for item in inventory.items(inventory.ItemFilters(office=office, status=ItemStatus.IN_HOUSE)).order_by("pk")[
            :400
        ]
        if item.location.kind == LocationKind.STORAGE and four_eyes_needed(item, item.location, studio) is None
    ]
    return sorted(rows, key=lambda item: (item.pk not in described, item.pk))


def _photograph(item: Any, by: Staff) -> None:
    content = imaging.placeholder(item.stock_number, item.title, size=(1200, 900))
    photo.images_upload(
        piece=item,
        files=[photo.Upload(f"{item.stock_number}.jpg", content)],
        by=by,
        alt_text=f"{item.title}, photographed on an ivory ground",
        credit="Parure Studio, New York",
        derivatives_now=True,
    )


def build(say: Callable[[str], None]) -> None:
    office = Office.objects.filter(code="NY").first()
    assistant = Staff.objects.filter(username="marcus").first()
    if office is None or assistant is None:
        say("Photography: no New York office or assistant; skipped.")
        return
    try:
        studio = photo.studio_of(office)
    except CatalogueError:
        say("Photography: New York has no photo studio among its places; skipped.")
        return
    pieces = _candidates(office, studio)
    if not pieces:
        say("Photography: no pieces in New York's storage to photograph; skipped.")
        return
    shot_list = photo.shot_list_create(
        name=f"{SALE_CODE} Magnificent Jewels", office=office, sale_code=SALE_CODE, by=assistant,
        notes="Catalogue photography for the December sale.",
    )  # fmt: skip
    on_list = pieces[: len(BOARD)]
    for index, item in enumerate(on_list):
        if BOARD[index] != PhotoStatus.REQUESTED:
            photo.shot_list_add_piece(
                shot_list=shot_list, stock_number=item.stock_number, by=assistant, to_clean=True,
                to_polish=index % 2 == 0, style=STYLES[index % len(STYLES)],
            )  # fmt: skip
    photo.shot_list_check_out(shot_list=shot_list, by=assistant, due_back=timezone.now() + timedelta(days=2))
    for index, item in enumerate(on_list):
        target = BOARD[index]
        if target == PhotoStatus.REQUESTED:
            photo.shot_list_add_piece(shot_list=shot_list, stock_number=item.stock_number, by=assistant,
                                      style=STYLES[index % len(STYLES)], notes="Needs a polish first.")  # fmt: skip
            continue
        entry = shot_list.entries.get(item=item)
        for step in (PhotoStatus.SHOT, PhotoStatus.RETOUCHED, PhotoStatus.APPROVED):
            if list(PhotoStatus.values).index(step) > list(PhotoStatus.values).index(target):
                break
            entry = photo.entry_move(entry=entry, to_status=step, by=assistant)
        if target != PhotoStatus.IN_STUDIO:
            photo.shot_list_return_scan(shot_list=shot_list, code=item.stock_number, by=assistant)
    photographed = [item for item in pieces if item not in on_list[-2:]][:PHOTOGRAPHED]
    for item in photographed:
        _photograph(item, assistant)
    # The approved pieces have a second view, so the bundle shows the numbering.
    for item in on_list[:2]:
        _photograph(item, assistant)
    say(
        f"Photography: {PieceImage.objects.count()} placeholder photographs of {len(photographed)} pieces; "
        f"shot list {shot_list.name} with {len(on_list)} pieces across the board."
    )
