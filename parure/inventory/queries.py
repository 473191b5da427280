"""Reads shared by the inventory's pages, API, panels and tasks.

Each query brings what its callers show (``select_related`` / ``prefetch_related``) so a list
issues the same number of queries whatever its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from babel import Locale
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from parure.clients import queries as client_book
from parure.clients.errors import ClientError
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.inventory.choices import ItemStatus, LabelKind, LocationKind
from parure.inventory.errors import InvalidInput, InventoryErrorCode, StockNumberError
from parure.inventory.models import (
    Consignment,
    ConsignmentReceipt,
    CustodyEvent,
    CustodySettings,
    Item,
    LabelProfile,
    Location,
    ReleaseReceipt,
    Stone,
)
from parure.inventory.numbers import looks_like_stock_number, parse_consignment_number, parse_stock_number


@dataclass(frozen=True)
class ItemFilters:
    office: Office | None = None
    location: Location | None = None
    status: str = ""
    category: str = ""
    consignment: Consignment | None = None
    text: str = ""


_PARTIAL_STOCK_NUMBER = re.compile(r"^[A-Z]{2}-\d{2}(-\d{0,6}(-\d?)?)?-?$")


def item_filters(
    *,
    office: Office | None = None,
    location_id: int | None = None,
    status: str = "",
    category: str = "",
    consignment: str = "",
    text: str = "",
) -> ItemFilters:
    """The filters of a list of pieces from what a person typed; an identifier that does not parse
    (a partial or mistyped consignment or stock number, an unknown place) is refused with the
    field it came in, never matched to the nearest record."""
    location = None
    if location_id is not None:
        location = Location.objects.select_related("office").filter(pk=location_id).first()
        if location is None:
            raise InvalidInput(f"No place has the id {location_id}.", field="location", code=InventoryErrorCode.INVALID)
    chosen = None
    if consignment.strip():
        number = _consignment_number(consignment, field="consignment")
        chosen = Consignment.objects.filter(number=number).first()
        if chosen is None:
            raise InvalidInput(
                f"No consignment has the number {number}.", field="consignment", code=InventoryErrorCode.INVALID
            )
    text = text.strip()
    if looks_like_stock_number(text):
        try:
            parse_stock_number(text)
        except StockNumberError as refusal:
            raise StockNumberError(refusal.message, field="q", code=InventoryErrorCode.BAD_STOCK_NUMBER) from None
    elif _PARTIAL_STOCK_NUMBER.match(text.upper()):
        raise StockNumberError(
            f"‘{text}’ is only part of a stock number; type all of it with its check digit, e.g. NY-26-000123-8.",
            field="q",
            code=InventoryErrorCode.BAD_STOCK_NUMBER,
        )
    return ItemFilters(
        office=office, location=location, status=status, category=category, consignment=chosen, text=text
    )


def _consignment_number(text: str, *, field: str) -> str:
    try:
        number = parse_consignment_number(text)
    except StockNumberError as refusal:
        raise StockNumberError(refusal.message, field=field, code=InventoryErrorCode.BAD_STOCK_NUMBER) from None
    if number is None:
        raise StockNumberError(
            f"‘{text.strip()}’ is not a whole consignment number; they look like NY-C-26-00012-2 "
            "(office, C, year, five digits, check digit).",
            field=field,
            code=InventoryErrorCode.BAD_STOCK_NUMBER,
        )
    return number


def items(filters: ItemFilters | None = None) -> QuerySet[Item]:
    """Pieces for a list: their place, office and consignment come in the same query."""
    rows = Item.objects.with_place().order_by("-pk")
    if filters is None:
        return rows
    if filters.office is not None:
        rows = rows.filter(location__office=filters.office)
    if filters.location is not None:
        rows = rows.filter(location__path__startswith=filters.location.path, location__office=filters.location.office)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.consignment is not None:
        rows = rows.filter(consignment=filters.consignment)
    if filters.text:
        rows = rows.filter(_text_match(filters.text))
    return rows


# What a batch reads of each piece: what it is, its values and where it is (its place's name and office).
_PIECE_FIELDS = (
    "stock_number", "office_id", "category", "title", "metal", "gross_weight_g", "currency", "insurance_value",
    "sale_state", "status", "holder", "due_back", "custody_seq", "location__type", "location__kind",
    "location__name", "location__code", "location__office_id", "location__office__name", "location__office__code",
    "transfer_destination__name",
)  # fmt: skip


def pieces_by_stock_number(numbers: Iterable[str]) -> dict[str, Item]:
    """The pieces with these (parsed) stock numbers, by stock number, with their place and stones, in two
    queries: for a batch that checks every piece (a shipment's pieces)."""
    rows = (
        Item.objects.select_related("location", "location__office", "transfer_destination")
        .only(*_PIECE_FIELDS)
        .prefetch_related(Prefetch("stones", queryset=Stone.objects.only("item_id", "species", "count")))
        .filter(stock_number__in=list(numbers))
    )
    return {item.stock_number: item for item in rows}


def _text_match(text: str) -> Q:
    text = text.strip()
    if looks_like_stock_number(text):
        try:
            return Q(stock_number=parse_stock_number(text))
        except StockNumberError:
            return Q(pk__in=[])
    condition = Q()
    for word in text.split():
        condition &= Q(title__icontains=word) | Q(stock_number__icontains=word)
    return condition


def item_by_stock_number(text: str) -> Item:
    """The piece with this stock number (a bad check digit is refused, never looked up)."""
    number = parse_stock_number(text)
    # Few joins on purpose: PostgreSQL's planning time grows quickly with each one, and on this
    # page it outweighed the query itself. The rarer relations load only when shown.
    item = (
        Item.objects.select_related("location", "location__office", "office", "consignment", "custody_by")
        .prefetch_related("stones", "components")
        .filter(stock_number=number)
        .first()
    )
    if item is None:
        raise Http404(f"No piece has stock number {number}.")
    return item


def history(item: Item) -> QuerySet[CustodyEvent]:
    """A piece's custody events, newest first, with everything a history row shows."""
    return (
        CustodyEvent.objects.filter(item=item)
        .select_related("from_location", "to_location", "staff", "witness")
        .prefetch_related("destination", "to_location__office")
        .order_by("-seq")
    )


def ledger_events(*, kind: str = "", office: Office | None = None) -> QuerySet[CustodyEvent]:
    rows = (
        CustodyEvent.objects.select_related("item", "from_location", "to_location", "staff", "witness")
        .prefetch_related("to_location__office")
        .order_by("-seq")
    )
    if kind:
        rows = rows.filter(kind=kind)
    if office is not None:
        rows = rows.filter(to_location__office=office)
    return rows


def overdue(*, now: datetime | None = None) -> QuerySet[Item]:
    """Check-outs past their due-back time, the longest overdue first."""
    return (
        Item.objects.with_place()
        .filter(status=ItemStatus.CHECKED_OUT, due_back__lt=now or timezone.now())
        .order_by("due_back")
    )


def overdue_for(staff: Staff, *, now: datetime | None = None) -> QuerySet[Item]:
    """What one person should chase: their own check-outs, and their office's if they are a specialist."""
    rows = overdue(now=now)
    mine = Q(checked_out_by=staff)
    if staff.role in (Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST) and staff.office_id is not None:
        mine |= Q(location__office_id=staff.office_id)
    return rows.filter(mine)


def in_transit(office: Office | None = None) -> QuerySet[Item]:
    rows = Item.objects.with_place().filter(status=ItemStatus.IN_TRANSIT).order_by("custody_since")
    if office is not None:
        rows = rows.filter(Q(transfer_destination=office) | Q(location__office=office))
    return rows


def arriving(office: Office) -> QuerySet[Item]:
    """Pieces a carrier is bringing to this office, the longest on the road first."""
    return in_transit().filter(transfer_destination=office)


def locations(office: Office | None = None, *, active_only: bool = True) -> QuerySet[Location]:
    """An office's places in tree order, with how many pieces each holds now."""
    rows = (
        Location.objects.select_related("office").annotate(piece_count=Count("items")).order_by("office__code", "path")
    )
    if office is not None:
        rows = rows.filter(office=office)
    if active_only:
        rows = rows.filter(is_active=True)
    return rows


def places_for(office: Office, kinds: tuple[str, ...]) -> QuerySet[Location]:
    return (
        Location.objects.select_related("office").filter(office=office, kind__in=kinds, is_active=True).order_by("path")
    )


def in_house_places(office: Office) -> QuerySet[Location]:
    return places_for(office, (LocationKind.STORAGE, LocationKind.WORK, LocationKind.DISPLAY))


def consignments(*, office: Office | None = None, text: str = "") -> QuerySet[Consignment]:
    """Consignments, newest first. ``text`` is part of a number to look for, or a whole number,
    which is matched exactly (a wrong check digit is refused, naming the field ``q``)."""
    rows = (
        Consignment.objects.select_related("office", "received_by")
        .annotate(
            piece_count=Count("items", distinct=True),
            in_custody=Count(
                "items", filter=~Q(items__status__in=[ItemStatus.RELEASED, ItemStatus.RETURNED]), distinct=True
            ),
        )
        .order_by("-received_at", "-pk")
    )
    if office is not None:
        rows = rows.filter(office=office)
    text = text.strip()
    if text:
        try:
            whole = parse_consignment_number(text)
        except StockNumberError as refusal:
            raise StockNumberError(refusal.message, field="q", code=InventoryErrorCode.BAD_STOCK_NUMBER) from None
        rows = rows.filter(number=whole) if whole else rows.filter(number__icontains=text)
    return rows


def consignment_by_number(text: str) -> Consignment:
    try:
        number = parse_consignment_number(text)
    except StockNumberError:
        number = None
    consignment = (
        Consignment.objects.select_related("office", "received_by")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=Item.objects.with_place().order_by("line"),
            ),
            Prefetch("receipts", queryset=ConsignmentReceipt.objects.select_related("issued_by").order_by("-version")),
            Prefetch(
                "release_receipts",
                queryset=ReleaseReceipt.objects.select_related("prepared_by", "recorded_by").prefetch_related("items"),
            ),
        )
        .filter(number=number)
        .first()
        if number
        else None
    )
    if consignment is None:
        raise Http404(f"No consignment has the number {text}.")
    return consignment


def consignor_candidates(text: str, *, viewer: Staff, limit: int = 12) -> list[client_book.ClientChoice]:
    """Client files matching a name or client number, for choosing a consignor at intake: the
    client book decides which files ``viewer`` may find and how each is labelled for them.

    A client number with a wrong check digit is refused (:class:`InvalidInput`)."""
    try:
        return client_book.consignor_search(text, viewer=viewer, limit=limit)
    except ClientError as refusal:
        raise InvalidInput(refusal.message, field="consignor", code=InventoryErrorCode.INVALID) from None


def consignor_choice(number: str, *, viewer: Staff) -> client_book.ClientChoice:
    """A file ``viewer`` has just opened, as they may see it (for the consignor box)."""
    found = client_book.client_for_viewer(number, viewer=viewer)
    if found is None:
        raise InvalidInput(
            f"Client file {number} is not one you may see; ask its specialist.",
            field="consignor",
            code=InventoryErrorCode.INVALID,
        )
    return found


def client_by_number(number: str, *, viewer: Staff, field: str = "client_number") -> client_book.ClientFile | None:
    """The client file with this number if ``viewer`` may see it; a malformed or mistyped number is
    refused (:class:`InvalidInput` under ``field``), never looked up."""
    try:
        found = client_book.client_for_viewer(number, viewer=viewer)
    except ClientError as refusal:
        raise InvalidInput(refusal.message, field=field, code=InventoryErrorCode.INVALID) from None
    return found.client if found is not None else None


# Offices that print on US Letter: North America's Letter countries, and Hong Kong, whose office
# keeps the house's Letter label stock (issue 10). Every other office prints on A4.
LETTER_PAPER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "HK"})
LETTER_MM = (Decimal("215.9"), Decimal("279.4"))
A4_MM = (Decimal("210.0"), Decimal("297.0"))


def office_paper_mm(office: Office) -> tuple[Decimal, Decimal]:
    """The sheet size an office's printers take, from the territory of its locale."""
    territory = Locale.parse(office.locale).territory or ""
    return LETTER_MM if territory in LETTER_PAPER_TERRITORIES else A4_MM


def default_tag_profile(office: Office) -> LabelProfile | None:
    """The label stock an office prints tags on unless someone picks another: the office's own
    choice under Custody settings, else the sheet of labels on the office's paper."""
    own = (
        CustodySettings.objects.filter(office=office, default_tag_profile__is_active=True)
        .values_list("default_tag_profile", flat=True)
        .first()
    )
    if own is not None:
        return LabelProfile.objects.get(pk=own)
    width, height = office_paper_mm(office)
    on_paper = label_profiles(LabelKind.SHEET).filter(page_width_mm=width, page_height_mm=height).first()
    return on_paper or label_profiles(LabelKind.SHEET).first() or label_profiles().first()


def consignment_pieces_to_tag(consignment: Consignment) -> list[Item]:
    """The consignment's pieces still with the house, in line order, with the parts each tag names."""
    return list(
        Item.objects.filter(consignment=consignment)
        .exclude(status__in=[ItemStatus.RELEASED, ItemStatus.RETURNED])
        .prefetch_related("components")
        .order_by("line")
    )


def label_profiles(kind: str | None = None) -> QuerySet[LabelProfile]:
    rows = LabelProfile.objects.filter(is_active=True)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("kind", "name")


def staff_choices(office: Office | None) -> QuerySet[Staff]:
    rows = Staff.objects.filter(is_active=True).order_by("last_name")
    if office is not None:
        rows = rows.filter(office=office)
    return rows


def summary_counts(office: Office | None) -> dict[str, Any]:
    rows = Item.objects.all()
    if office is not None:
        rows = rows.filter(location__office=office)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {status: counts.get(status, 0) for status in ItemStatus.values}


# --- For the client book: pieces by stock number --------------------------------------------------


@dataclass(frozen=True)
class PieceSummary:
    """A piece as another app shows it in a list: number, title, where it is, and its page."""

    stock_number: str
    title: str
    status: str
    status_label: str
    place: str
    url: str  # empty when the viewer may not open pieces' pages
    cause: str  # the record that caused its latest custody event ("appointment:12"), if any


def piece_summaries(stock_numbers: list[str] | set[str], *, viewer: Staff) -> dict[str, PieceSummary]:
    """The pieces with these stock numbers that exist, keyed by stock number, in one query.

    Titles, places and statuses are seen by every member of staff; the link is given only to those
    who may open a piece's page.
    """
    from django.db.models import OuterRef, Subquery
    from django.urls import reverse

    numbers = sorted(set(stock_numbers))
    if not numbers:
        return {}
    opens = viewer.has_perm("inventory.view_items")
    latest_cause = CustodyEvent.objects.filter(item=OuterRef("pk"), seq=OuterRef("custody_seq")).values("cause")[:1]
    rows = (
        Item.objects.filter(stock_number__in=numbers)
        .select_related("location", "location__office")
        .annotate(latest_cause=Subquery(latest_cause))
        .only("stock_number", "title", "status", "location__name", "location__office__code")
    )
    return {
        item.stock_number: PieceSummary(
            stock_number=item.stock_number,
            title=item.title,
            status=item.status,
            status_label=item.get_status_display(),
            place=item.location.label,
            url=reverse("inventory:item", args=[item.stock_number]) if opens else "",
            cause=item.latest_cause or "",  # type: ignore[attr-defined]
        )
        for item in rows
    }


# Other apps hold pieces these reads return (a lot's pieces, a record's piece) and name the type with
# this alias; they never query the inventory's tables.
Piece = Item


def pieces_with_diamonds(item_ids: Iterable[int]) -> set[int]:
    """The ids among ``item_ids`` of pieces with a diamond among their recorded stones (one query):
    billing prints the World Diamond Council's System of Warranties statement on such a line."""
    ids = set(item_ids)
    if not ids:
        return set()
    return set(
        Stone.objects.filter(item_id__in=ids, species__icontains="diamond").values_list("item_id", flat=True).distinct()
    )


def piece_categories(item_ids: Iterable[int]) -> dict[int, str]:
    """Each piece's category (ring, watch, loose_stone…) by id, in one query: the auctions charge a lot of
    pieces their schedule excludes by the schedule that applies to them instead."""
    ids = set(item_ids)
    if not ids:
        return {}
    return dict(Item.objects.filter(pk__in=ids).values_list("pk", "category"))


# --- For billing: a consignment's terms, and which consignment each piece is under ------------------
@dataclass(frozen=True)
class ConsignmentTerms:
    """What a consignor agreed to pay, as billing settles it. Rates are fractions (0.15 for 15%), fees
    amounts in ``currency``; ``commission_bands`` are (threshold, fraction) pairs from 0 up."""

    consignment_id: int
    number: str
    office_id: int
    consignor_id: int
    currency: str
    commission_basis: str
    commission_scope: str
    commission_rate: Decimal
    commission_bands: tuple[tuple[Decimal, Decimal], ...]
    minimum_commission: Decimal
    performance_fee_rate: Decimal
    insurance_fee_rate: Decimal
    insurance_basis: str
    photography_fee: Decimal
    unsold_fee_rate: Decimal
    unsold_fee_basis: str
    withdrawal_fee: Decimal

    def snapshot(self) -> dict[str, Any]:
        """The terms as a settlement keeps them, in text, so it reads the same whatever later amendments."""
        return {
            "consignment": self.number,
            "currency": self.currency,
            "commission_basis": self.commission_basis,
            "commission_scope": self.commission_scope,
            "commission_rate": str(self.commission_rate),
            "commission_bands": [[str(threshold), str(rate)] for threshold, rate in self.commission_bands],
            "minimum_commission": str(self.minimum_commission),
            "performance_fee_rate": str(self.performance_fee_rate),
            "insurance_fee_rate": str(self.insurance_fee_rate),
            "insurance_basis": self.insurance_basis,
            "photography_fee": str(self.photography_fee),
            "unsold_fee_rate": str(self.unsold_fee_rate),
            "unsold_fee_basis": self.unsold_fee_basis,
            "withdrawal_fee": str(self.withdrawal_fee),
        }


HUNDRED = Decimal(100)


def consignment_terms(consignment_ids: Iterable[int]) -> dict[int, ConsignmentTerms]:
    """The terms of each consignment among ``consignment_ids``, by id, in one query."""
    ids = {pk for pk in consignment_ids if pk is not None}
    if not ids:
        return {}
    found = {}
    for row in Consignment.objects.filter(pk__in=ids):
        found[row.pk] = ConsignmentTerms(
            consignment_id=row.pk,
            number=row.number,
            office_id=row.office_id,
            consignor_id=row.consignor_id,
            currency=row.currency,
            commission_basis=row.commission_basis,
            commission_scope=row.commission_scope,
            commission_rate=row.commission_rate / HUNDRED,
            commission_bands=tuple(
                (Decimal(str(threshold)), Decimal(str(rate)) / HUNDRED)
                for threshold, rate in row.commission_bands or ()
            ),
            minimum_commission=row.minimum_commission,
            performance_fee_rate=row.performance_fee_rate / HUNDRED,
            insurance_fee_rate=row.insurance_fee_rate / HUNDRED,
            insurance_basis=row.insurance_basis,
            photography_fee=row.photography_fee,
            unsold_fee_rate=row.unsold_fee_rate / HUNDRED,
            unsold_fee_basis=row.unsold_fee_basis,
            withdrawal_fee=row.withdrawal_fee,
        )
    return found


def consignments_of_pieces(item_ids: Iterable[int]) -> dict[int, int | None]:
    """The consignment each piece among ``item_ids`` is under (None for a piece of the house's own), in
    one query: billing groups a sale's lots by consignment through their pieces."""
    ids = set(item_ids)
    if not ids:
        return {}
    return dict(Item.objects.filter(pk__in=ids).values_list("pk", "consignment_id"))


def consignment_number_of(consignment_id: int) -> str:
    return Consignment.objects.filter(pk=consignment_id).values_list("number", flat=True).first() or ""


def consignment_id_by_number(text: str) -> int | None:
    """The id of the consignment with this number (a wrong check digit refused as :class:`StockNumberError`)."""
    number = _consignment_number(text, field="consignment")
    return Consignment.objects.filter(number=number).values_list("pk", flat=True).first()


def consigned_pieces_free_to_sell(office: Office, *, limit: int = 10) -> list[Item]:
    """Consigned pieces of ``office`` in our custody and in no sale (consigned, or unsold), oldest first:
    what the demonstration's private sales may sell."""
    from parure.inventory.choices import TERMINAL_STATUSES, SaleState

    return list(
        Item.objects.select_related("consignment", "consignment__office")
        .filter(office=office, consignment__isnull=False, sale_state__in=[SaleState.CONSIGNED, SaleState.UNSOLD])
        .exclude(status__in=TERMINAL_STATUSES)
        .order_by("pk")[:limit]
    )
