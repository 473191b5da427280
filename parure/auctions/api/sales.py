"""The sales API: the list of sales."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from parure.auctions import queries
from parure.core.api import requires

router = Router()


class SaleOut(Schema):
    code: str
    title: str
    office: str
    saleroom: str
    starts_at: datetime
    currency: str
    status: str
    lots_offered: int


@router.get("/sales", response=list[SaleOut], operation_id="auctions_sales")
@requires("auctions.view_sales")
def list_sales(request: HttpRequest) -> list[SaleOut]:
    return [
        SaleOut(
            code=sale.code,
            title=sale.title,
            office=sale.office.code,
            saleroom=sale.saleroom,
            starts_at=sale.starts_at,
            currency=sale.currency,
            status=sale.status,
            lots_offered=sale.lots_offered,  # type: ignore[attr-defined]
        )
        for sale in queries.sales()
    ]
