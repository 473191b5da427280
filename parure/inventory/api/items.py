"""Reading pieces: the filtered list, one piece, and its custody events."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from parure.core.api import requires
from parure.core.pagination import LimitOffset
from parure.inventory import queries
from parure.inventory.api.common import Shaped, event_out, item_named, item_out, office_named
from parure.inventory.api.schemas import EventOut, ItemOut, ItemQuery
from parure.inventory.visibility import PieceViewer

router = Router()  # tagged "inventory" by the router it is mounted on


@router.get("/items", response=list[ItemOut], exclude_unset=True, summary="Pieces, filtered")
@requires("inventory.view_items")
@paginate(LimitOffset)
def item_list(request: HttpRequest, filters: Query[ItemQuery]) -> Any:
    chosen = queries.item_filters(
        office=office_named(filters.office, "office"),
        location_id=filters.location,
        status=filters.status or "",
        category=filters.category or "",
        consignment=filters.consignment or "",
        text=filters.q or "",
    )
    viewer = PieceViewer(request.user)
    return Shaped(
        queries.items(chosen),
        lambda item: item_out(item, viewer),
        lambda page: viewer.know(items=page),
    )


@router.get("/items/{stock_number}", response=ItemOut, exclude_unset=True, summary="One piece")
@requires("inventory.view_items")
def item_detail(request: HttpRequest, stock_number: str) -> dict[str, Any]:
    item = item_named(stock_number)
    viewer = PieceViewer(request.user)
    viewer.know(items=[item])
    out = item_out(item, viewer)
    out["stones"] = [
        {"species": s.species, "cut": s.cut, "count": s.count, "approx_carats": s.approx_carats}
        for s in item.stones.all()
    ]
    out["components"] = [c.description for c in item.components.all()]
    return out


@router.get("/items/{stock_number}/ledger", response=list[EventOut], summary="A piece's custody events, newest first")
@requires("inventory.view_items")
@paginate(LimitOffset)
def item_ledger(request: HttpRequest, stock_number: str) -> Any:
    item = item_named(stock_number)
    viewer = PieceViewer(request.user)
    return Shaped(
        queries.history(item),
        lambda event: event_out(event, viewer, item.stock_number),
        lambda page: viewer.know(events=page),
    )
