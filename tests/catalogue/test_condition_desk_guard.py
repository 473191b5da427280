"""A piece leaves the intake desk for anywhere but the vault only with a condition report: every
custody path that can take it off the desk asks the catalogue's guard, inside its transaction."""

from __future__ import annotations

from typing import Any

import pytest

from parure.inventory import services
from parure.inventory.errors import CustodyError, InventoryErrorCode
from parure.inventory.services.viewings import viewing_check_out
from tests.catalogue.condition_world import write
from tests.guards import unchanged
from tests.inventory import world

pytestmark = pytest.mark.django_db


def _message(item: Any) -> str:
    return (
        f"{item.stock_number} has no condition report yet; write one before it leaves the intake desk "
        "for anywhere but the vault."
    )


def _refused(item: Any, action: Any) -> None:
    with unchanged(), pytest.raises(CustodyError) as refusal:
        action()
    assert refusal.value.message == _message(item)
    assert refusal.value.code == InventoryErrorCode.NO_CONDITION_REPORT


def test_a_move_to_a_workroom_or_a_display_case_is_refused(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    _refused(bare_ring, lambda: services.item_move(item=bare_ring, to=condition_places.workroom, by=cast.assistant))
    _refused(bare_ring, lambda: services.item_move(item=bare_ring, to=condition_places.case, by=cast.assistant))
    assert world.fresh(bare_ring).location == condition_places.desk


def test_a_move_into_the_vault_a_safe_or_a_tray_is_allowed(cast: Any, condition_places: Any, client_file: Any) -> None:
    pieces = world.take_in(
        cast.senior, client_file, world.piece(), world.piece(), world.piece(), condition_reported=False
    )
    for piece, place in zip(
        pieces, [condition_places.vault, condition_places.safe, condition_places.tray1], strict=True
    ):
        assert services.item_move(item=piece, to=place, by=cast.assistant).to_location == place


def test_a_check_out_is_refused(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    for place in (condition_places.studio, condition_places.viewing, condition_places.bench, condition_places.lab):
        _refused(
            bare_ring,
            lambda place=place: services.item_check_out(
                item=bare_ring, to=place, by=cast.assistant, due_back=world.tomorrow()
            ),
        )


def test_a_check_out_on_approval_is_refused(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    _refused(
        bare_ring,
        lambda: services.item_check_out(
            item=bare_ring,
            to=condition_places.approval,
            by=cast.senior,
            due_back=world.tomorrow(),
            counterpart="Mrs Ada Lowell",
        ),
    )


def test_a_transfer_to_another_office_is_refused(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    london = cast.senior.office.__class__.objects.get(code="LN")
    _refused(
        bare_ring,
        lambda: services.item_transfer_out(
            item=bare_ring, destination=london, carrier="Malca-Amit", tracking_number="MA-1", by=cast.senior
        ),
    )


def test_a_release_and_a_return_to_the_consignor_are_refused(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    _refused(
        bare_ring,
        lambda: services.item_release(item=bare_ring, cause="invoice:NY-I-26-00042-1", by=cast.senior),
    )
    receipt = services.release_receipt_prepare(
        consignment=bare_ring.consignment, items=[bare_ring], collected_by="Mrs Catherine Vandermeer", by=cast.senior
    )
    _refused(bare_ring, lambda: services.return_to_consignor(receipt=receipt, by=cast.senior, signed=True))


def test_a_batch_refuses_all_its_pieces_when_one_has_no_report(
    cast: Any, condition_places: Any, client_file: Any
) -> None:
    reported, bare = world.take_in(cast.senior, client_file, world.piece(), world.piece(), condition_reported=False)
    write(reported, cast.assistant)
    with unchanged(), pytest.raises(CustodyError) as refusal:
        services.custody_batch(
            lines=[services.BatchLine(reported), services.BatchLine(bare)],
            action=services.item_move,
            by=cast.assistant,
            to=condition_places.workroom,
        )
    assert refusal.value.message == _message(bare)


def test_a_viewing_check_out_is_refused(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    with unchanged(), pytest.raises(CustodyError) as refusal:
        viewing_check_out(
            stock_numbers=[bare_ring.stock_number],
            office=cast.senior.office,
            room_name="Viewing room 1",
            due_back=world.tomorrow(),
            cause="appointment:12",
            by=cast.senior,
        )
    assert refusal.value.message == _message(bare_ring)


def test_with_a_report_the_piece_goes_anywhere(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    write(bare_ring, cast.assistant)
    event = services.item_check_out(
        item=bare_ring, to=condition_places.studio, by=cast.assistant, due_back=world.tomorrow()
    )
    assert event.to_location == condition_places.studio


def test_the_rule_is_the_desks_alone(cast: Any, condition_places: Any, bare_ring: Any) -> None:
    """A piece already in the vault (a tray) without a report may go to the studio: the rule is
    about leaving the intake desk."""
    services.item_move(item=bare_ring, to=condition_places.tray1, by=cast.assistant)
    event = services.item_check_out(
        item=bare_ring, to=condition_places.studio, by=cast.assistant, due_back=world.tomorrow()
    )
    assert event.to_location == condition_places.studio


def test_the_page_shows_the_refusal_next_to_the_place(
    cast: Any, condition_places: Any, bare_ring: Any, client_for: Any
) -> None:
    response = client_for(cast.assistant).post(
        f"/inventory/items/{bare_ring.stock_number}/move/",
        {"to": condition_places.workroom.pk, "expected_seq": world.fresh(bare_ring).custody_seq, "reason": ""},
    )
    assert response.status_code == 422
    assert _message(bare_ring) in response.content.decode()


@pytest.fixture
def client_file(db: Any) -> Any:
    return world.consignor()
