"""A client's own piece taken in for a repair or another service (``client_piece_intake``): its stock
number and intake event, its standing as the client's own, its way to the bench and back out to the
client by a release against the service job."""

from __future__ import annotations

from typing import Any

import pytest

from parure.inventory import services
from parure.inventory.choices import EventKind, ItemStatus, LocationType, SaleState
from parure.inventory.errors import InvalidInput
from parure.inventory.models import CustodyEvent, Item
from parure.inventory.numbers import parse_stock_number
from tests.conftest import Cast
from tests.inventory import world

RING = world.piece("White metal ring set with a white stone", "4500", stones=(), estimate_low=None,
                   estimate_high=None, metal="white metal", fineness="")  # fmt: skip


def test_a_clients_piece_gets_a_stock_number_and_one_intake_event_naming_the_client(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    item = services.client_piece_intake(
        client=client_file, piece=RING, by=cast.assistant, reason="Repair job NY-R-26-00001-3: re-tipping"
    )
    assert parse_stock_number(item.stock_number) == item.stock_number
    assert (item.consignment_id, item.sale_state, item.location, item.status) == (
        None,
        SaleState.CLIENT_OWN,
        ny.desk,
        ItemStatus.IN_HOUSE,
    )
    assert (item.title, item.insurance_value, item.currency) == (RING.title, RING.insurance_value, "USD")
    event = CustodyEvent.objects.get(item=item)
    assert (event.kind, event.to_location, event.counterpart_client_id, event.staff, event.reason) == (
        EventKind.INTAKE,
        ny.desk,
        client_file.pk,
        cast.assistant,
        "Repair job NY-R-26-00001-3: re-tipping",
    )


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"reason": "  "}, "Say why the piece is taken in.", "reason"),
        ({"reason": "x" * 2000}, None, "reason"),
        ({"piece": world.piece(title=" ")}, None, "pieces.0.title"),
        ({"currency": "XYZ"}, None, "currency"),
    ],
)
def test_a_wrong_take_in_is_refused_and_writes_nothing(
    cast: Cast, ny: world.Places, client_file: Any, changes: dict[str, Any], message: str | None, field: str
) -> None:
    arguments: dict[str, Any] = {"client": client_file, "piece": RING, "by": cast.assistant, "reason": "Repair"}
    arguments.update(changes)
    with pytest.raises(InvalidInput) as refused:
        services.client_piece_intake(**arguments)
    assert refused.value.field == field
    if message is not None:
        assert refused.value.message == message
    assert Item.objects.count() == 0 and CustodyEvent.objects.count() == 0


def test_a_clients_piece_goes_to_the_bench_without_a_catalogue_condition_report_and_leaves_against_its_job(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    """Its condition is on the job's envelope; a consigned piece still needs its report (test_custody_services)."""
    item = services.client_piece_intake(client=client_file, piece=RING, by=cast.assistant, reason="Repair")
    services.item_check_out(item=item, to=ny.bench, by=cast.assistant, due_back=world.tomorrow(), reason="Re-tipping")
    at_bench = world.fresh(item)
    assert (at_bench.location, at_bench.status) == (ny.bench, ItemStatus.CHECKED_OUT)
    assert at_bench.location.type == LocationType.BENCH_JEWELER
    services.item_return(item=at_bench, by=cast.assistant, to=ny.workroom, reason="Back from Atelier Moreau")
    event = services.item_release(
        item=world.fresh(item),
        cause="service:NY-R-26-00001-3",
        by=cast.assistant,
        counterpart=client_file.display_name,
        reason="Collected by the client",
    )
    assert (event.kind, event.cause) == (EventKind.RELEASE, "service:NY-R-26-00001-3")
    assert world.fresh(item).status == ItemStatus.RELEASED
    kinds = list(CustodyEvent.objects.filter(item=item).order_by("seq").values_list("kind", flat=True))
    assert kinds == [EventKind.INTAKE, EventKind.CHECK_OUT, EventKind.RETURN, EventKind.RELEASE]
