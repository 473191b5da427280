"""Reads the catalogue's pages, API, copy and flags share, each with what its callers show.

Certificates: :func:`certificates_for` is what the copy reads its laboratory statements from.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from parure.catalogue.errors import CatalogueError, CatalogueErrorCode
from parure.catalogue.models import CatalogueRecord, Certificate, Laboratory
from parure.inventory import queries as inventory_queries
from parure.inventory.errors import StockNumberError


def record_for_stock_number(stock_number: str) -> CatalogueRecord:
    """The catalogue record of the piece with this stock number.

    A mistyped stock number is refused (422, naming ``stock_number``); a piece that does not
    exist, or has no record yet, is not found (404).
    """
    try:
        item = inventory_queries.item_by_stock_number(stock_number)
    except StockNumberError as refusal:
        raise CatalogueError(refusal.message, field="stock_number", code=CatalogueErrorCode.INVALID) from None
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
