"""Reads the catalogue's pages and API share: one record with everything its page shows, and the
list of pieces with their records, each bringing what it needs so that a list issues the same
number of queries whatever its length.

Pieces are read through the inventory's queries (``parure.inventory.queries``); the catalogue
adds its record to them by the reverse relation ``catalogue_record``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from parure.catalogue import validation
from parure.catalogue.choices import CopyStatus
from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueCopy, CatalogueRecord, Certificate, FlagAnswer, Laboratory
from parure.core.models import Office
from parure.inventory import queries as inventory
from parure.inventory.errors import StockNumberError

RECORD_STATUSES = (
    ("", "Any state"),
    ("none", "No record yet"),
    ("record", "Record started"),
    ("flags", "Flags open"),
    ("clear", "No open flags"),
)


def _record_rows() -> list[Any]:
    """The record's relations a page shows, the flags' included."""
    return [
        "metals",
        "stones",
        "makers",
        "provenance",
        "references",
        Prefetch("flag_answers", queryset=FlagAnswer.objects.select_related("by")),
        *(lookup for lookup in validation.flag_prefetch() if lookup not in ("metals", "stones", "flag_answers__by")),
    ]


def records() -> QuerySet[CatalogueRecord]:
    """Records with their rows, pieces and editors (for the API's list and the record page)."""
    return (
        CatalogueRecord.objects.select_related("item", "item__office", "created_by", "updated_by")
        .prefetch_related(*_record_rows())
        .order_by("-updated_at", "-pk")
    )


def piece(stock_number: str) -> Any:
    """The piece with this stock number; a mistyped one is refused naming ``stock_number``."""
    try:
        return inventory.item_by_stock_number(stock_number)
    except StockNumberError as refusal:
        raise CatalogueError(refusal.message, field="stock_number", code=CatalogueErrorCode.INVALID) from None


def record_of(item: Any) -> CatalogueRecord | None:
    """The piece's record with everything its page shows, or None before it is started."""
    return records().filter(item_id=item.pk).first()


def record_for(stock_number: str) -> tuple[Any, CatalogueRecord]:
    """The piece and its record; a piece without a record is refused (404) saying so."""
    item = piece(stock_number)
    record = record_of(item)
    if record is None:
        raise CatalogueError(
            f"{item.stock_number} has no catalogue record yet.",
            field="stock_number",
            code=CatalogueErrorCode.UNKNOWN_RECORD,
        )
    return item, record


@dataclass(frozen=True)
class CatalogueRow:
    """A row of the catalogue list: the piece, its record if started, and its open flags."""

    item: Any
    record: CatalogueRecord | None
    open_flags: int
    image: tuple[str, str] | None = None  # the primary photograph's thumbnail (url, alt text)


def catalogue_items(
    *, office: Office | None = None, category: str = "", status: str = "", text: str = ""
) -> QuerySet[Any]:
    """Pieces with their records, newest first, filtered by office, category, the record's state
    and words (a stock number is matched exactly, with its check digit; refused naming ``q``)."""
    chosen = inventory.item_filters(office=office, category=category, text=text)
    rows = inventory.items(chosen).select_related("catalogue_record", "catalogue_record__updated_by")
    rows = rows.prefetch_related(*(f"catalogue_record__{lookup}" for lookup in validation.flag_prefetch()))
    if status == "none":
        rows = rows.filter(catalogue_record__isnull=True)
    elif status == "record":
        rows = rows.filter(catalogue_record__isnull=False)
    elif status in ("flags", "clear"):
        started = CatalogueRecord.objects.filter(item__in=rows.values("pk")).prefetch_related(
            *validation.flag_prefetch()
        )
        flagged = [record.item_id for record in started if validation.open_flags(record)]
        if status == "flags":
            rows = rows.filter(pk__in=flagged)
        else:
            rows = rows.filter(catalogue_record__isnull=False).exclude(pk__in=flagged)
    return rows


def catalogue_rows(items: Any) -> list[CatalogueRow]:
    """Rows for one page of :func:`catalogue_items` (the records' rows are prefetched; the primary
    photographs are asked for once)."""
    from parure.catalogue.photo_queries import primary_images

    page = list(items)
    images = primary_images({item.pk for item in page})
    rows = []
    for item in page:
        record = getattr(item, "catalogue_record", None) if _has_record(item) else None
        flags = len(validation.open_flags(record)) if record else 0
        rows.append(CatalogueRow(item, record, flags, images.get(item.pk)))
    return rows


def _has_record(item: Any) -> bool:
    try:
        item.catalogue_record  # noqa: B018 (loaded by select_related; None raises DoesNotExist)
    except CatalogueRecord.DoesNotExist:
        return False
    return True


def record_for_stock_number(stock_number: str) -> CatalogueRecord:
    """The catalogue record of the piece with this stock number.

    A mistyped stock number is refused (422, naming ``stock_number``); a piece that does not
    exist, or has no record yet, is not found (404).
    """
    try:
        item = piece(stock_number)
    except Http404 as missing:
        raise CatalogueError(str(missing), field="stock_number", code=CatalogueErrorCode.UNKNOWN_PIECE) from None
    record = CatalogueRecord.objects.select_related("item").filter(item=item).first()
    if record is None:
        raise CatalogueError(
            f"{item.stock_number} has no catalogue record yet; start one from the piece's page.",
            field="stock_number",
            code=CatalogueErrorCode.UNKNOWN_RECORD,
        )
    return record


# --- Certificates ---------------------------------------------------------------------------------


def attached_reports(record: CatalogueRecord) -> list[Certificate]:
    """The record's attached reports in :func:`certificates_for`'s order, read through the record's
    relation: a list of records prefetched with ``certificates__laboratory`` and
    ``certificates__stone`` asks nothing more for them (the flag rules and the copy read this)."""
    relation: Any = cast(Any, record).certificates
    attached = [report for report in relation.all() if report.detached_at is None]
    return sorted(
        attached,
        key=lambda report: (report.stone.position if report.stone else 10**6, report.issued_on, report.pk),
    )


def certificates_for(record: CatalogueRecord, *, detached: bool = False) -> QuerySet[Certificate]:
    """The reports attached to the record, with their laboratory and stone, in the order of the
    record's stones (reports on the whole piece last), then by date.

    ``detached=True`` gives the reports taken off the piece instead, newest first.
    """
    rows = Certificate.objects.filter(record=record).select_related("laboratory", "stone")
    if detached:
        return rows.filter(detached_at__isnull=False).select_related("detached_by").order_by("-detached_at", "-pk")
    return rows.filter(detached_at__isnull=True).order_by(F("stone__position").asc(nulls_last=True), "issued_on", "pk")


def certificate_of(record: CatalogueRecord, pk: int) -> Certificate:
    """One report of the record (attached or detached), or not found."""
    certificate = (
        Certificate.objects.select_related("laboratory", "stone", "record", "attached_by", "updated_by", "detached_by")
        .filter(record=record, pk=pk)
        .first()
    )
    if certificate is None:
        raise CatalogueError(
            f"This piece has no report with the id {pk}.",
            field="certificate",
            code=CatalogueErrorCode.UNKNOWN_CERTIFICATE,
        )
    return certificate


def certificate_by_id(pk: int) -> Certificate:
    """One report by its id (the API's address for it), with its piece; not found otherwise."""
    certificate = (
        Certificate.objects.select_related(
            "laboratory", "stone", "record__item", "attached_by", "updated_by", "detached_by"
        )
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise CatalogueError(
            f"No report has the id {pk}.", field="certificate_id", code=CatalogueErrorCode.UNKNOWN_CERTIFICATE
        )
    return certificate


def laboratories(*, active_only: bool = False) -> QuerySet[Laboratory]:
    rows = Laboratory.objects.order_by("code")
    return rows.filter(active=True) if active_only else rows


def laboratory_by_code(code: str, *, field: str = "laboratory") -> Laboratory:
    """The laboratory with this short name (any case), or refused naming the field."""
    laboratory = Laboratory.objects.filter(code__iexact=(code or "").strip()).first()
    if laboratory is None:
        raise CatalogueError(
            f"‘{(code or '').strip()}’ is not a laboratory on the list; see the laboratories page for their codes.",
            field=field,
            code=CatalogueErrorCode.INVALID,
        )
    return laboratory


# --- Copy other apps read ---------------------------------------------------------------------------


def approved_copy_for(item_ids: set[int] | list[int]) -> dict[int, Any]:
    """The approved (or locked) catalogue copy of each of these pieces, keyed by the piece's id, in one
    query whatever their count (a sale's lots read it; a piece without approved copy is absent)."""
    rows = CatalogueCopy.objects.select_related("record").filter(
        record__item_id__in=list(item_ids), status__in=[CopyStatus.APPROVED, CopyStatus.LOCKED]
    )
    return {row.record.item_id: row for row in rows}


# --- For shipping: what customs and the export rules read of a piece ------------------------------------
@dataclass(frozen=True)
class CustomsStone:
    species: str
    variety: str
    origin: str
    count: int
    weight_ct: Any


@dataclass(frozen=True)
class CustomsFacts:
    """A piece as its record describes it, in the plain words customs reads (no copy, no attribution):
    what it is, its metals and stones (with their reported origins), when it was made and its weight."""

    description: str
    metals: tuple[str, ...]
    stones: tuple[CustomsStone, ...]
    year_made: int | None
    gross_weight_g: Any


def _plain_description(record: CatalogueRecord, metals: list[Any], stones: list[Any]) -> str:
    words = [record.object_type[:1].upper() + record.object_type[1:]] if record.object_type else []
    metal_words = []
    for metal in metals:
        text = " ".join(
            part for part in (f"{metal.fineness}" if metal.fineness else "", metal.colour, metal.metal) if part
        )
        if text and text not in metal_words:
            metal_words.append(text)
    if metal_words:
        words.append(" and ".join(metal_words))
    names = []
    for stone in stones:
        name = stone.variety or stone.species
        if name and name not in names:
            names.append(name)
    if names:
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        words.append(f"set with {listed}")
    return ", ".join(words)


def customs_facts(item_ids: set[int] | list[int]) -> dict[int, CustomsFacts]:
    """The pieces' customs facts, by item id, for those with a catalogue record, in three queries."""
    rows = CatalogueRecord.objects.filter(item_id__in=set(item_ids)).prefetch_related("metals", "stones")
    found: dict[int, CustomsFacts] = {}
    for record in rows:
        metals = list(record.metals.all())
        stones = list(record.stones.all())
        found[record.item_id] = CustomsFacts(
            description=_plain_description(record, metals, stones),
            metals=tuple(metal.metal.lower() for metal in metals if metal.metal),
            stones=tuple(
                CustomsStone(
                    species=stone.species.lower(),
                    variety=stone.variety.lower(),
                    origin=stone.origin,
                    count=stone.count,
                    weight_ct=stone.weight_ct,
                )
                for stone in stones
            ),
            year_made=record.year_to or record.year_from,
            gross_weight_g=record.gross_weight_g,
        )
    return found
