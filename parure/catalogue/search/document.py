"""What a piece's search document holds, read from its catalogue record (and its copy).

:func:`document_of` is pure reading: the indexing service (``parure.catalogue.services.search``)
writes what it returns. Records are read with their rows prefetched (:func:`records_for_index`),
so indexing a thousand pieces issues the same few queries as indexing one.

The copy is read through a reader the copy area registers (:func:`register_copy_reader`): the
catalogue's copy models are theirs, and until one is registered a piece is indexed as recorded,
without copy text.

Confidential provenance never reaches the document: a confidential entry contributes its public
wording only, and the words of its owner's name are taken out of every column (except those the
printed provenance holds anyway), so the name is not findable even where a specialist repeated it
in the design notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from parure.catalogue.choices import Attribution, SearchStatus, StoneRole
from parure.catalogue.models import CatalogueRecord, ProvenanceEntry, RecordStone
from parure.catalogue.search.bands import band_for
from parure.catalogue.search.text import terms
from parure.gemology.errors import PeriodError
from parure.gemology.periods import period as gemology_period
from parure.inventory.choices import ItemCategory

PRIVATE_COLLECTION = "Private collection"
# Terms kept per column (heading, details, body): together inside the 16,383 positions a PostgreSQL
# vector keeps, so both databases index the same terms of even the longest record.
MAX_TERMS = (1_000, 4_000, 11_000)


@dataclass(frozen=True)
class CopyText:
    """A piece's catalogue copy as search reads it: its workflow status and its printed text."""

    status: str  # a CopyStatus value
    heading: str
    description: str


CopyReader = Callable[[Sequence[CatalogueRecord]], Mapping[int, CopyText]]
_copy_readers: list[CopyReader] = []


def register_copy_reader(reader: CopyReader) -> None:
    """Let search read copy: ``reader(records)`` returns each record's copy by the record's pk
    (records without copy are left out), in a fixed number of queries whatever their count."""
    if reader not in _copy_readers:
        _copy_readers.append(reader)


def unregister_copy_reader(reader: CopyReader) -> None:
    if reader in _copy_readers:
        _copy_readers.remove(reader)


def copies_of(records: Sequence[CatalogueRecord]) -> dict[int, CopyText]:
    found: dict[int, CopyText] = {}
    for reader in _copy_readers:
        found.update(reader(records))
    return found


@dataclass(frozen=True)
class DocumentValues:
    """One search document's values (see :class:`parure.catalogue.models.SearchDocument`)."""

    item_id: int
    record_id: int
    record_version: int
    stock_number: str
    title: str
    category: str
    stone: str
    maker: str
    period: str
    price_band: str
    office_id: int
    status: str
    heading_terms: tuple[str, ...]
    detail_terms: tuple[str, ...]
    body_terms: tuple[str, ...]


def records_for_index(records: QuerySet[CatalogueRecord] | None = None) -> QuerySet[CatalogueRecord]:
    """Records with everything :func:`document_of` reads, in one query per relation."""
    rows = records if records is not None else CatalogueRecord.objects.all()
    return rows.select_related("item").prefetch_related(
        Prefetch("stones", queryset=RecordStone.objects.order_by("position", "pk")),
        "metals",
        "makers",
        Prefetch("provenance", queryset=ProvenanceEntry.objects.order_by("position", "pk")),
        "references",
    )


def _principal_stone(stones: Sequence[RecordStone]) -> RecordStone | None:
    for stone in stones:
        if stone.role == StoneRole.PRINCIPAL:
            return stone
    return stones[0] if stones else None


def _principal_maker(record: CatalogueRecord) -> str:
    makers = list(record.makers.all())
    for maker in makers:
        if maker.attribution in (Attribution.BY, Attribution.ATTRIBUTED):
            return maker.name.strip()
    return makers[0].name.strip() if makers else ""


def _period_words(key: str) -> str:
    if not key:
        return ""
    try:
        return f"{key} {gemology_period(key).name}"
    except PeriodError:
        return key


def period_label(key: str) -> str:
    """The period's name as the gemology library gives it ("Art Deco"), else the key itself."""
    try:
        return gemology_period(key).name
    except PeriodError:
        return key


def _stone_words(stone: RecordStone) -> list[str]:
    weight = f"{stone.weight_ct} carats" if stone.weight_ct is not None else ""
    return [
        stone.variety,
        stone.species,
        stone.cut,
        stone.shape,
        weight,
        stone.colour,
        stone.clarity,
        stone.cut_grade,
        stone.fluorescence,
        stone.treatment,
        stone.origin,
    ]


def document_of(record: CatalogueRecord, copy: CopyText | None = None) -> DocumentValues:
    """The search document of ``record``'s piece (its rows prefetched: :func:`records_for_index`)."""
    item = record.item
    stones = list(record.stones.all())
    principal = _principal_stone(stones)
    provenance = list(record.provenance.all())
    withheld: set[str] = set()
    provenance_words: list[str] = []
    printed: set[str] = set()
    for entry in provenance:
        if entry.confidential:
            public = entry.public_wording.strip() or PRIVATE_COLLECTION
            withheld.update(terms(entry.owner))
            printed.update(terms(public))
            provenance_words += [public, entry.date_text]
        else:
            printed.update(terms(entry.owner))
            provenance_words += [entry.owner, entry.date_text, entry.source]
    # A word the printed provenance itself holds ("Mrs", a family name already published) says
    # nothing about the confidential owner; every other word of their name goes.
    withheld -= printed
    heading = [
        item.stock_number,
        copy.heading if copy else "",
        item.title,
        record.object_type,
        record.form,
        str(ItemCategory(item.category).label) if item.category in ItemCategory.values else item.category,
        "pair" if record.is_pair else "",
        "suite" if record.suite_of else "",
    ]
    detail = [word for stone in stones for word in _stone_words(stone)]
    for metal in record.metals.all():
        detail += [metal.colour, metal.metal, str(metal.fineness or ""), metal.marks, metal.part]
    detail += [maker.name for maker in record.makers.all()]
    detail += [
        _period_words(record.period),
        record.date_text,
        record.signature,
        record.serial_number,
        record.workshop_number,
        record.maker_marks,
        record.fitted_case,
    ]
    body = [record.design_notes, copy.description if copy else "", *provenance_words]
    body += [reference.text for reference in record.references.all()]
    band = band_for(item.currency, item.estimate_low, item.estimate_high)

    def column(texts: Iterable[str], limit: int) -> tuple[str, ...]:
        return tuple(term for text in texts if text for term in terms(text) if term not in withheld)[:limit]

    return DocumentValues(
        item_id=item.pk,
        record_id=record.pk,
        record_version=record.version,
        stock_number=item.stock_number,
        title=(copy.heading.strip() if copy and copy.heading.strip() else item.title)[:300],
        category=item.category,
        stone=(principal.name.strip().lower() if principal is not None else "")[:60],
        maker=_principal_maker(record)[:120],
        period=record.period,
        price_band=band.key if band is not None else "",
        office_id=item.office_id,
        status=copy.status if copy is not None else SearchStatus.RECORDED,
        heading_terms=column(heading, MAX_TERMS[0]),
        detail_terms=column(detail, MAX_TERMS[1]),
        body_terms=column(body, MAX_TERMS[2]),
    )
