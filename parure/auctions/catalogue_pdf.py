"""The sale catalogue PDF: the lots in order, each with its primary photograph, number, heading, the
approved catalogue copy and the estimate in the sale's currency, then the conditions of sale. Print
quality: the office's paper (Letter or A4), the photographs' print derivatives (full size, so 300 dpi
at the printed width when the photograph allows), the house's vendored fonts.

Built in a background job (:data:`CATALOGUE`) that reports progress per lot while it reads, then
draws the document and keeps it under the job; the catalogue page links the latest built file. The
catalogue is what the house publishes: it never holds a reserve or a maximum, whoever builds it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from parure.auctions import queries
from parure.auctions.choices import LotStatus
from parure.auctions.documents import estimate
from parure.auctions.models import Lot, Sale
from parure.catalogue import photo_queries
from parure.catalogue import queries as catalogue_queries
from parure.catalogue.choices import CopyStatus, DerivativeKind, ImageStatus
from parure.catalogue.services.copy import copy_texts_for_search
from parure.core import jobs
from parure.core.choices import JobState
from parure.core.models import BackgroundJob, Staff
from parure.inventory import queries as inventory
from parure.inventory.pdf import render

CATALOGUE = "auctions.sale_catalogue"
PUBLISHED_COPY = frozenset({CopyStatus.APPROVED, CopyStatus.LOCKED})

#: Printed when a sale has no conditions of sale of its own.
STANDARD_CONDITIONS = (
    "Each lot is offered subject to the conditions of sale printed here, to the notices in this catalogue and"
    " to any announcement made in the saleroom.",
    "The auctioneer takes bids on the increment table of the sale and may refuse any bid. Absentee bids are"
    " executed at the lowest price the other bids and the reserve allow, never above the bidder's maximum; of"
    " two identical absentee bids the earlier received wins.",
    "A lot may be offered subject to a confidential reserve, which is never above the low estimate. The"
    " auctioneer may bid on the seller's behalf up to, but never at or above, the reserve.",
    "The buyer pays the hammer price and the buyer's premium, with any tax due on them, in the currency of the"
    " sale. Estimates are a guide to the price expected and do not include the premium.",
)


def catalogue_path(job: BackgroundJob) -> str:
    return f"jobs/{job.pk}/catalogue.pdf"


def catalogue_filename(sale: Sale) -> str:
    return f"{sale.code} catalogue.pdf"


@dataclass(frozen=True)
class CatalogueLot:
    label: str
    heading: str
    paragraphs: list[str]
    estimate: str
    image: str  # a file or data URI of the print photograph, or "" for none
    image_alt: str
    stock_numbers: list[str]


def _image_uri(piece: Any) -> tuple[str, str]:
    """The piece's primary photograph at print size (else web size), as a URI WeasyPrint reads."""
    for image in photo_queries.piece_images(piece):
        if not image.is_primary or image.status != ImageStatus.READY:
            continue
        derivatives = {derivative.kind: derivative for derivative in image.derivatives.all()}
        chosen = derivatives.get(DerivativeKind.PRINT) or derivatives.get(DerivativeKind.WEB)
        if chosen is None:
            return "", ""
        try:
            return Path(chosen.file.path).resolve().as_uri(), image.alt_text
        except NotImplementedError:  # a store without local paths (S3): inline the bytes
            with chosen.file.open("rb") as stored:
                encoded = base64.b64encode(stored.read()).decode("ascii")
            return f"data:image/jpeg;base64,{encoded}", image.alt_text
    return "", ""


def _offered(sale: Sale) -> QuerySet[Lot]:
    return queries.lots_of(sale).filter(status=LotStatus.OFFERED)


def catalogue_lots(sale: Sale, progress: jobs.Progress | None = None) -> list[CatalogueLot]:
    """The catalogue's entries in the sale's order (withdrawn lots are left out), reporting each lot read."""
    locale = sale.office.locale
    lots = list(_offered(sale))
    items = [entry.item for lot in lots for entry in lot.pieces.all()]
    records = list(catalogue_queries.records().filter(item_id__in=[item.pk for item in items]).prefetch_related(None))
    record_of = {record.item_id: record for record in records}
    copies = copy_texts_for_search(records)
    if progress is not None:
        progress(0, len(lots), stage=f"Reading {len(lots)} lots")
    entries = []
    for done, lot in enumerate(lots, start=1):
        pieces = [entry.item for entry in lot.pieces.all()]
        paragraphs: list[str] = []
        for piece in pieces:
            record = record_of.get(piece.pk)
            copy = copies.get(record.pk) if record is not None else None
            if copy is not None and copy.status in PUBLISHED_COPY and copy.description:
                paragraphs.extend(line.strip() for line in copy.description.splitlines() if line.strip())
        image, alt = _image_uri(pieces[0]) if pieces else ("", "")
        entries.append(
            CatalogueLot(
                label=lot.label,
                heading=lot.heading,
                paragraphs=paragraphs,
                estimate=estimate(lot.low_estimate, lot.high_estimate, sale.currency, locale),
                image=image,
                image_alt=alt or lot.heading,
                stock_numbers=[piece.stock_number for piece in pieces],
            )
        )
        if progress is not None:
            progress(done)
    return entries


def conditions(sale: Sale) -> list[str]:
    own = [line.strip() for line in sale.conditions_of_sale.splitlines() if line.strip()]
    return own or list(STANDARD_CONDITIONS)


def paper(sale: Sale) -> str:
    """``letter`` or ``A4``: the paper the sale's office prints on."""
    width, _height = inventory.office_paper_mm(sale.office)
    return "letter" if width == inventory.LETTER_MM[0] else "A4"


def draw(sale: Sale, lots: list[CatalogueLot]) -> bytes:
    """The catalogue as PDF bytes."""
    return render(
        "auctions/pdf/catalogue.html",
        {
            "sale": sale,
            "office": sale.office,
            "lots": lots,
            "conditions": conditions(sale),
            "paper": paper(sale),
            "starts_at": timezone.localtime(sale.starts_at, _zone(sale)),
        },
    )


def _zone(sale: Sale) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(sale.office.time_zone)


def _run_catalogue(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    sale = queries.sale_by_code(job.params["sale"])
    lots = catalogue_lots(sale, progress)
    progress(len(lots), stage=f"Laying out {len(lots)} lots")
    content = draw(sale, lots)
    default_storage.delete(catalogue_path(job))
    default_storage.save(catalogue_path(job), ContentFile(content))
    return jobs.JobOutcome(
        summary=f"The catalogue of {sale.code}, {len(lots)} lot{'s' if len(lots) != 1 else ''}, ready to print.",
        result_url=reverse("auctions:catalogue_pdf", kwargs={"code": sale.code}),
        result={"sale": sale.code, "lots": len(lots)},
    )


def start_catalogue(*, sale: Sale, by: Staff) -> BackgroundJob:
    return jobs.job_start(
        kind=CATALOGUE,
        by=by,
        params={"sale": sale.code, "back_url": reverse("auctions:catalogue", kwargs={"code": sale.code})},
    )


def latest_catalogue(sale: Sale) -> BackgroundJob | None:
    """The sale's latest built catalogue (any specialist's: the catalogue is what the house publishes)."""
    return (
        BackgroundJob.objects.select_related("started_by")
        .filter(kind=CATALOGUE, params__sale=sale.code, state=JobState.SUCCEEDED)
        .order_by("-finished_at", "-pk")
        .first()
    )


def catalogue_bytes(job: BackgroundJob) -> bytes | None:
    path = catalogue_path(job)
    if not default_storage.exists(path):
        return None
    with default_storage.open(path) as stored:
        return bytes(stored.read())


def register() -> None:
    jobs.register(jobs.JobKind(CATALOGUE, "Building a sale catalogue", _run_catalogue))
