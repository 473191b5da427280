"""Places: an office's tree of places and holders outside it, with the ids the custody actions take."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from parure.core.api import requires
from parure.inventory import queries
from parure.inventory.api.common import office_named
from parure.inventory.api.schemas import LocationOut, OfficeCode

router = Router()  # tagged "inventory" by the router it is mounted on


@router.get("/locations", response=list[LocationOut], summary="Places, in tree order")
@requires("inventory.view_locations")
def location_list(request: HttpRequest, office: Query[OfficeCode | None] = None) -> list[dict[str, Any]]:
    return [
        {
            "id": place.pk,
            "office": place.office.code,
            "code": place.code,
            "name": place.name,
            "type": place.type,
            "kind": place.kind,
            "in_vault": place.in_vault,
            "parent": place.parent_id,
            "pieces": place.piece_count,  # type: ignore[attr-defined]
        }
        for place in queries.locations(office_named(office, "office"))
    ]
