"""One length rule for what the ledger keeps for good: the page, the API and the services agree.

A custody reason longer than the page's field is refused the same way whichever door it comes
through, with a sentence naming the field, and no ledger event is written.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from parure.core.models import ApiToken
from parure.inventory import services
from parure.inventory.errors import InvalidInput
from parure.inventory.forms import CustodyForm, TransferForm
from parure.inventory.limits import COUNTERPART_MAX, REASON_MAX, TRACKING_NUMBER_MAX
from parure.inventory.models import CustodyEvent, Item
from tests.conftest import Cast
from tests.guards import unchanged
from tests.inventory import world

A_MEGABYTE = "x" * 1_000_000


def _api(staff: Any) -> Client:
    """A token client that has already been used once, so the refusal's request writes nothing of its own."""
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api.get("/api/v1/me").status_code == 200
    return api


def test_the_forms_and_the_services_share_the_limits() -> None:
    assert CustodyForm.base_fields["reason"].max_length == REASON_MAX == 500  # type: ignore[attr-defined]
    assert TransferForm.base_fields["carrier"].max_length == COUNTERPART_MAX == 200  # type: ignore[attr-defined]
    assert TransferForm.base_fields["tracking_number"].max_length == TRACKING_NUMBER_MAX == 64  # type: ignore[attr-defined]


def test_a_reason_as_long_as_the_page_allows_is_kept_whole(cast: Cast, ny: world.Places, ring: Item) -> None:
    event = services.item_move(item=ring, to=ny.tray1, by=cast.assistant, reason="r" * REASON_MAX)
    assert CustodyEvent.objects.get(pk=event.pk).reason == "r" * 500


def test_a_megabyte_reason_is_refused_by_the_service_naming_the_field(cast: Cast, ny: world.Places, ring: Item) -> None:
    with unchanged(), pytest.raises(InvalidInput) as refused:
        services.item_move(item=ring, to=ny.tray1, by=cast.assistant, reason=A_MEGABYTE)
    assert refused.value.message == "The reason is 1,000,000 characters long; at most 500 are kept, shorten it."
    assert refused.value.field == "reason"


def test_one_character_over_is_refused_too(cast: Cast, ny: world.Places, ring: Item) -> None:
    with unchanged(), pytest.raises(InvalidInput) as refused:
        services.item_check_out(
            item=ring, to=ny.studio, by=cast.assistant, due_back=world.tomorrow(), reason="r" * (REASON_MAX + 1)
        )
    assert refused.value.message == "The reason is 501 characters long; at most 500 are kept, shorten it."


@pytest.mark.parametrize(
    ("field", "label", "limit"),
    [("carrier", "The carrier's name", 200), ("tracking_number", "The tracking number", 64)],
)
def test_a_transfer_refuses_a_carrier_or_tracking_number_longer_than_its_field(
    cast: Cast, places: dict[str, world.Places], ring: Item, field: str, label: str, limit: int
) -> None:
    values = {"carrier": "Brink's", "tracking_number": "BR-1", field: "9" * (limit + 1)}
    with unchanged(), pytest.raises(InvalidInput) as refused:
        services.item_transfer_out(
            item=ring,
            destination=places["LN"].office,
            by=cast.assistant,
            **values,  # type: ignore[arg-type]
        )
    assert refused.value.message == f"{label} is {limit + 1} characters long; at most {limit} are kept, shorten it."
    assert refused.value.field == field


def test_a_megabyte_reason_through_the_api_is_a_422_naming_the_field(cast: Cast, ny: world.Places, ring: Item) -> None:
    body = {"to": ny.tray1.pk, "expected_seq": ring.custody_seq, "reason": A_MEGABYTE}
    api = _api(cast.assistant)
    with unchanged():
        response = api.post(
            f"/api/v1/inventory/items/{ring.stock_number}/move", data=json.dumps(body), content_type="application/json"
        )
    assert response.status_code == 422
    assert response.json()["fields"] == {"reason": ["String should have at most 500 characters"]}


def test_a_megabyte_reason_through_the_page_is_refused_next_to_the_field(
    cast: Cast, ny: world.Places, ring: Item, client_for: Any
) -> None:
    browser = client_for(cast.assistant)
    with unchanged():
        response = browser.post(
            f"/inventory/items/{ring.stock_number}/move/",
            {"to": ny.tray1.pk, "expected_seq": ring.custody_seq, "reason": A_MEGABYTE},
        )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "reason": ["Ensure this value has at most 500 characters (it has 1000000)."]
    }
