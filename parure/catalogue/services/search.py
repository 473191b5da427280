"""Keeping the search documents in step with the records and their copy.

The record and copy services call :func:`parure.catalogue.search.reindex` with the record (or
piece) they changed; it runs :func:`index_record` once their transaction has committed, so a
rolled-back edit never reaches the index and a slow index never holds the record's lock.
``parure catalogue reindex`` rebuilds every document (:func:`rebuild_index`), in batches.

A document is derived data, rebuilt from the record whole each time; nothing in it is edited
by hand and no ``by`` is recorded (the record's own services record who changed what).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from parure.catalogue.models import CatalogueRecord, SearchDocument
from parure.catalogue.search.backends import backend
from parure.catalogue.search.document import DocumentValues, copies_of, document_of, records_for_index

BATCH = 500


def _fields(values: DocumentValues) -> dict[str, Any]:
    return {
        "item_id": values.item_id,
        "record_id": values.record_id,
        "record_version": values.record_version,
        "stock_number": values.stock_number,
        "title": values.title,
        "category": values.category,
        "stone": values.stone,
        "maker": values.maker,
        "period": values.period,
        "price_band": values.price_band,
        "office_id": values.office_id,
        "status": values.status,
        "heading_terms": " ".join(values.heading_terms),
        "detail_terms": " ".join(values.detail_terms),
        "body_terms": " ".join(values.body_terms),
    }


def _lock_records(pks: Sequence[int]) -> list[int]:
    """Lock these records' rows (in pk order) for the rest of the transaction: two indexers of one
    record (the record's save and its copy's, finishing together) then write one after the other,
    each from the record as it stands once it holds the lock, never an older reading last."""
    return list(
        CatalogueRecord.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk", flat=True)
    )


def _index(pks: Sequence[int]) -> int:
    """Replace the documents of these records, read after locking them; one transaction."""
    with transaction.atomic():
        locked = _lock_records(pks)
        if not locked:
            return 0
        records = list(records_for_index(CatalogueRecord.objects.filter(pk__in=locked).order_by("pk")))
        copies = copies_of(records)
        documents = [document_of(record, copies.get(record.pk)) for record in records]
        now = timezone.now()
        SearchDocument.objects.filter(item_id__in=[values.item_id for values in documents]).delete()
        made = SearchDocument.objects.bulk_create(
            [SearchDocument(indexed_at=now, **_fields(values)) for values in documents]
        )
        backend().write_vectors([(row.pk, values) for row, values in zip(made, documents, strict=True)])
    return len(made)


def index_record(*, record: CatalogueRecord) -> SearchDocument:
    """Rebuild the search document of ``record``'s piece from the record as saved now."""
    _index([record.pk])
    return SearchDocument.objects.get(record_id=record.pk)


def index_piece(*, item: Any) -> SearchDocument | None:
    """Rebuild the search document of ``item`` (an ``inventory.Item``); a piece without a
    catalogue record has none (an earlier one is removed)."""
    record_pk = CatalogueRecord.objects.filter(item_id=item.pk).values_list("pk", flat=True).first()
    if record_pk is None or not _index([record_pk]):
        SearchDocument.objects.filter(item_id=item.pk).delete()
        return None
    return SearchDocument.objects.get(item_id=item.pk)


def reindex_after_commit(record_or_item: Any) -> None:
    """Index a record (or a piece) once the current transaction commits; at once outside one."""
    if isinstance(record_or_item, CatalogueRecord):
        record_id = record_or_item.pk

        def run() -> None:
            record = CatalogueRecord.objects.filter(pk=record_id).first()
            if record is not None:
                index_record(record=record)

    else:
        item = record_or_item

        def run() -> None:
            index_piece(item=item)

    transaction.on_commit(run)


def rebuild_index(*, say: Callable[[str], None] | None = None, batch: int = BATCH) -> int:
    """Rebuild every search document from the records, ``batch`` records per transaction, and
    remove the documents of records that no longer exist. Returns how many were written."""
    SearchDocument.objects.exclude(record_id__in=CatalogueRecord.objects.values("pk")).delete()
    written = 0
    last = 0
    while True:
        pks = list(CatalogueRecord.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not pks:
            break
        written += _index(pks)
        last = pks[-1]
        if say is not None:
            say(f"  {written:,} pieces indexed")
    return written
