"""Photography's reads that pages, the API and the jobs share, each in a fixed number of queries
whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from parure.catalogue.choices import DerivativeKind, ImageStatus, PhotoStatus
from parure.catalogue.models import ImageDerivative, PieceImage, ShotList, ShotListEntry
from parure.core.models import Office


def shot_lists(*, office: Office | None = None, status: str = "") -> QuerySet[ShotList]:
    """Shot lists, newest first, with their office and how many pieces stand in each column."""
    counts = {
        f"count_{step}": Count("entries", filter=Q(entries__status=step), distinct=True) for step in PhotoStatus.values
    }
    rows = ShotList.objects.select_related("office", "created_by").annotate(
        piece_count=Count("entries", distinct=True), **counts
    )
    if office is not None:
        rows = rows.filter(office=office)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-pk")


def shot_list_by_id(shot_list_id: int) -> ShotList:
    found = ShotList.objects.select_related("office", "created_by", "updated_by").filter(pk=shot_list_id).first()
    if found is None:
        raise Http404("No shot list has this number.")
    return found


def _primary_thumbnails() -> Prefetch[Any]:
    return Prefetch(
        "item__images",
        queryset=PieceImage.objects.filter(is_primary=True).prefetch_related(
            Prefetch("derivatives", queryset=ImageDerivative.objects.filter(kind=DerivativeKind.THUMBNAIL))
        ),
        to_attr="primary_images",
    )


def entries(shot_list: ShotList) -> QuerySet[ShotListEntry]:
    """The list's entries in order, with each piece, its place and its primary thumbnail."""
    return (
        shot_list.entries.select_related("item", "item__location", "item__location__office", "status_changed_by")
        .prefetch_related(_primary_thumbnails())
        .order_by("position")
    )


def entry_of(shot_list: ShotList, stock_number: str) -> ShotListEntry:
    found = shot_list.entries.select_related("item", "shot_list").filter(item__stock_number=stock_number).first()
    if found is None:
        raise Http404(f"{stock_number} is not on {shot_list.name}.")
    return found


def piece_images(piece: Any) -> QuerySet[PieceImage]:
    """A piece's photographs in their order, with their derivatives and who uploaded them."""
    return (
        PieceImage.objects.filter(item_id=piece.pk)
        .select_related("uploaded_by")
        .prefetch_related("derivatives")
        .order_by("position", "pk")
    )


def image_by_id(image_id: int) -> PieceImage:
    found = PieceImage.objects.select_related("item").filter(pk=image_id).first()
    if found is None:
        raise Http404("No photograph has this number.")
    return found


def derivative_of(image: PieceImage, kind: str) -> ImageDerivative:
    found = ImageDerivative.objects.filter(image=image, kind=kind).first()
    if found is None:
        raise Http404("This photograph has no such derivative (yet).")
    return found


def image_url(derivative: ImageDerivative) -> str:
    """Where a page finds a derivative: the view that checks permission, or the store's own URL
    when ``PARURE_PUBLIC_IMAGES`` says derivatives are public."""
    if settings.PARURE_PUBLIC_IMAGES:
        return str(derivative.file.url)
    return reverse("catalogue:image_file", args=[derivative.image_id, derivative.kind])


def bundle_members(shot_list: ShotList, kind: str) -> list[tuple[str, ImageDerivative]]:
    """The approved photographs of the list as ``(name in the zip, derivative)``, pieces in the list's
    order, each piece's photographs in their order, numbered from 1 (``NY-26-000123-7-01.jpg``)."""
    if kind not in (DerivativeKind.WEB, DerivativeKind.PRINT):
        raise ValueError(f"A bundle holds web or print images, not {kind}.")
    approved = list(
        shot_list.entries.filter(status=PhotoStatus.APPROVED).order_by("position").values_list("item_id", flat=True)
    )
    rows = (
        ImageDerivative.objects.filter(kind=kind, image__status=ImageStatus.READY, image__item_id__in=approved)
        .select_related("image", "image__item")
        .order_by("image__position", "image__pk")
    )
    rank = {item_id: index for index, item_id in enumerate(approved)}
    members, seen = [], dict[str, int]()
    for derivative in sorted(rows, key=lambda row: rank[row.image.item_id]):  # stable: keeps each piece's order
        number = derivative.image.item.stock_number
        seen[number] = seen.get(number, 0) + 1
        members.append((f"{number}-{seen[number]:02d}.jpg", derivative))
    return members


def primary_images(item_ids: list[int] | set[int], kind: str = DerivativeKind.THUMBNAIL) -> dict[int, tuple[str, str]]:
    """For other pages that show pieces (the catalogue record and list): each piece's primary
    photograph as ``(url of its kind, alt text)``, in one query; pieces without one are absent."""
    rows = ImageDerivative.objects.filter(
        kind=kind, image__is_primary=True, image__status=ImageStatus.READY, image__item_id__in=list(item_ids)
    ).select_related("image")
    return {row.image.item_id: (image_url(row), row.image.alt_text) for row in rows}
