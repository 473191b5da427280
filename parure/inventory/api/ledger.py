"""The custody ledger: its head (to record outside the system) and a full verification."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router

from parure.core.api import requires
from parure.inventory import ledger
from parure.inventory.api.schemas import HeadOut, VerificationOut
from parure.inventory.errors import InvalidInput, InventoryErrorCode

router = Router()  # tagged "inventory" by the router it is mounted on


@router.get("/ledger/head", response=HeadOut, summary="The ledger's head, to record outside the system")
@requires("inventory.view_ledger")
def ledger_head(request: HttpRequest) -> dict[str, Any]:
    seq, link = ledger.head()
    return {"seq": seq, "link": link, "head": f"{seq}:{link}"}


@router.get("/ledger/verify", response=VerificationOut, summary="Re-walk the whole chain and the pieces' state")
@requires("inventory.verify_ledger")
def ledger_verify(
    request: HttpRequest, head: Query[Annotated[str, Field(max_length=100)] | None] = None
) -> dict[str, Any]:
    expected = None
    if head:
        try:
            expected = ledger.parse_head(head)
        except ValueError as error:
            raise InvalidInput(str(error), field="head", code=InventoryErrorCode.INVALID) from None
    result = ledger.verify(expected_head=expected)
    return {
        "ok": result.ok,
        "events": result.events,
        "items": result.items,
        "head": result.head_text,
        "problem": result.problem,
        "problem_seq": result.problem_seq,
        "seconds": round(result.seconds, 3),
    }
