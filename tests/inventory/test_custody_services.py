"""Every custody action and every refusal: the exact sentence, and nothing changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.core.models import Office
from parure.inventory import ledger, services
from parure.inventory.choices import EventKind, ItemStatus, LocationType
from parure.inventory.errors import CustodyConflict, CustodyError, InventoryError, WitnessRefused
from parure.inventory.guards import ReleaseOverride
from parure.inventory.models import CustodyEvent, Item, ReleaseReceipt
from tests.conftest import Cast
from tests.guards import unchanged as every_table_unchanged
from tests.inventory import world


@contextmanager
def unchanged(*items: Item) -> Iterator[None]:
    """The block refuses, and no table changed: the pieces (with their check-out and transfer
    state), the ledger and its head, consignments, receipts, the access log... (tests/guards.py).

    The pieces named are compared row by row as well, so that a failure names the piece.
    """
    before = [Item.objects.filter(pk=item.pk).values().get() for item in items]
    with every_table_unchanged():
        yield
    assert [Item.objects.filter(pk=item.pk).values().get() for item in items] == before


def refused(call: Callable[[], Any], kind: type[InventoryError] = InventoryError) -> InventoryError:
    with pytest.raises(kind) as refusal:
        call()
    return refusal.value


# --- Moves ----------------------------------------------------------------------------------------


def test_a_move_appends_one_chained_event_and_updates_the_piece_in_the_same_step(
    cast: Cast, ny: world.Places, ring: Item
) -> None:
    intake = ring.custody_events.get()
    event = services.item_move(
        item=ring, to=ny.tray1, by=cast.assistant, reason="Into the vault", expected_seq=ring.custody_seq
    )
    assert (event.seq, event.prev_link) == (intake.seq + 1, intake.link)
    assert event.link == ledger.link_of(ledger.event_canonical(event))
    assert (event.kind, event.from_location, event.to_location, event.staff, event.witness) == (
        EventKind.MOVE,
        ny.desk,
        ny.tray1,
        cast.assistant,
        None,
    )
    piece = world.fresh(ring)
    assert (piece.location, piece.status, piece.custody_seq, piece.custody_by) == (
        ny.tray1,
        ItemStatus.IN_HOUSE,
        event.seq,
        cast.assistant,
    )
    assert ledger.head() == (event.seq, event.link)
    assert ledger.verify().ok


def test_a_move_is_refused_when_the_piece_moved_since_the_person_looked(
    cast: Cast, ny: world.Places, ring: Item
) -> None:
    seen = ring.custody_seq
    services.item_move(item=ring, to=ny.tray1, by=cast.senior, expected_seq=seen)
    with unchanged(ring):
        refusal = refused(
            lambda: services.item_move(item=ring, to=ny.tray2, by=cast.assistant, expected_seq=seen), CustodyConflict
        )
    assert refusal.message == "This piece was just moved by Eleanor Whitcombe to Tray 1 (NY); check and retry."


@pytest.mark.parametrize(
    ("destination", "actor", "message", "field"),
    [
        (
            lambda places: places["NY"].desk,
            "marcus",
            "{sn} is already at Intake desk.",
            "to",
        ),
        (
            lambda places: places["LN"].tray1,
            "marcus",
            "Tray 1 (LN) is not in New York; choose a place in New York.",
            "to",
        ),
        (
            lambda places: places["NY"].bench,
            "marcus",
            "Bench: Atelier Moreau is outside the house; choose another place.",
            "to",
        ),
        (lambda places: None, "marcus", "Choose the place.", "to"),
        (
            lambda places: places["NY"].tray1,
            "harriet",
            "Harriet Ashdown works at London; {sn} is in New York. Only New York staff can record its custody.",
            None,
        ),
    ],
)
def test_move_refusals(
    cast: Cast,
    places: dict[str, world.Places],
    ring: Item,
    destination: Any,
    actor: str,
    message: str,
    field: str | None,
) -> None:
    with unchanged(ring):
        refusal = refused(lambda: services.item_move(item=ring, to=destination(places), by=cast[actor]))
    assert refusal.message == message.format(sn=ring.stock_number)
    assert refusal.field == field


def test_no_move_reaches_a_terminal_place_without_its_paperwork(cast: Cast, ny: world.Places, ring: Item) -> None:
    released = services.singleton_place(ny.office, LocationType.RELEASED)
    with unchanged(ring):
        refusal = refused(lambda: services.item_move(item=ring, to=released, by=cast.senior))
    assert refusal.message == (
        "A piece reaches a terminal place only with its paperwork: use Release (with the invoice or shipment) "
        "or Return to consignor (with the signed release receipt)."
    )


# --- Four eyes ------------------------------------------------------------------------------------


def test_a_valuable_piece_leaving_the_vault_needs_a_witness_who_is_recorded(
    cast: Cast, ny: world.Places, tiara: Item
) -> None:
    services.item_move(item=tiara, to=ny.tray1, by=cast.assistant)  # into the vault: no witness needed
    services.item_move(item=tiara, to=ny.tray2, by=cast.assistant)  # within the vault: none either
    with unchanged(tiara):
        refusal = refused(lambda: services.item_move(item=tiara, to=ny.studio, by=cast.assistant), CustodyError)
    assert refusal.message == (
        f"{tiara.stock_number} is valued at or above New York's four-eyes threshold of $50,000.00; "
        "moving it out of the vault needs a witness."
    )
    assert (refusal.code, refusal.field) == ("witness_required", "witness")
    event = services.item_move(
        item=tiara, to=ny.studio, by=cast.assistant, witness=world.witness(cast["sofia"], cast.assistant)
    )
    assert event.witness == cast["sofia"]


def test_a_piece_below_the_threshold_moves_without_a_witness_but_an_unvalued_one_does_not(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    cheap, unvalued = world.take_in(
        cast.senior,
        client_file,
        world.piece(value="900"),
        world.piece(value=None, estimate_low=None, estimate_high=None),
    )
    for piece in (cheap, unvalued):
        services.item_move(item=piece, to=ny.tray1, by=cast.senior)
    services.item_move(item=cheap, to=ny.studio, by=cast.senior)
    with unchanged(unvalued):
        refusal = refused(lambda: services.item_move(item=unvalued, to=ny.studio, by=cast.senior))
    assert (
        refusal.message
        == f"{unvalued.stock_number} has no value recorded yet, so moving it out of the vault needs a witness."
    )


@pytest.mark.parametrize(
    ("witness_name", "password", "message", "field"),
    [
        (
            "marcus",
            None,
            "The witness must be a second member of staff, not the person recording the move.",
            "witness_username",
        ),
        (
            "sofia",
            "wrong password",
            "The witness's username and password do not match an active account.",
            "witness_password",
        ),
        ("nobody", None, "The witness's username and password do not match an active account.", "witness_password"),
        (
            "priya",
            None,
            "Priya Raman (Finance) may not witness custody moves; ask a specialist or a logistics colleague.",
            "witness_username",
        ),
        (
            "ruth",
            None,
            "Ruth Klein (Auditor) may not witness custody moves; ask a specialist or a logistics colleague.",
            "witness_username",
        ),
    ],
)
def test_a_witness_proves_who_they_are_and_may_witness(
    cast: Cast, witness_name: str, password: str | None, message: str, field: str
) -> None:
    from django.conf import settings

    with unchanged():
        refusal = refused(
            lambda: services.witness_confirm(
                username=witness_name,
                password=password or settings.PARURE_DEMO_PASSWORD,
                actor=cast.assistant,
            ),
            WitnessRefused,
        )
    assert (refusal.message, refusal.field) == (message, field)


def test_the_witness_must_be_present_at_the_office(cast: Cast, ny: world.Places, tiara: Item) -> None:
    services.item_move(item=tiara, to=ny.tray1, by=cast.assistant)
    with unchanged(tiara):
        refusal = refused(
            lambda: services.item_move(
                item=tiara, to=ny.studio, by=cast.assistant, witness=world.witness(cast["harriet"], cast.assistant)
            )
        )
    assert refusal.message == "Harriet Ashdown works at London; the witness must be present at New York."


def test_a_witness_with_an_authenticator_must_give_its_code(cast: Cast) -> None:
    from django.conf import settings
    from django.http import HttpRequest
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=cast["sofia"], name="Phone", confirmed=True)
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"

    def confirm(code: str) -> services.Witness:
        return services.witness_confirm(
            username="sofia",
            password=settings.PARURE_DEMO_PASSWORD,
            otp_code=code,
            actor=cast.assistant,
        )

    assert (
        refused(lambda: confirm("")).message
        == "Sofia Marchetti uses two-factor sign-in; enter the code their authenticator app shows now."
    )
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert confirm(code).staff == cast["sofia"]
    # A wrong code is refused (and, as at sign-in, the device then throttles further tries).
    assert (
        refused(lambda: confirm("000000")).message
        == "That authenticator code for Sofia Marchetti is not right or has expired."
    )


def test_a_witness_cannot_be_made_up_by_hand(cast: Cast) -> None:
    with pytest.raises(TypeError, match="witness_confirm"):
        services.Witness(staff=cast["sofia"], confirmed_at=timezone.now())


# --- Check-out and return -------------------------------------------------------------------------


def test_check_out_to_photography_and_back_to_where_it_came_from(cast: Cast, ny: world.Places, ring: Item) -> None:
    services.item_move(item=ring, to=ny.tray1, by=cast.assistant)
    due = world.tomorrow()
    event = services.item_check_out(
        item=ring, to=ny.studio, by=cast.assistant, due_back=due, counterpart="Anna Lindqvist"
    )
    assert (event.kind, event.purpose, event.due_back) == (EventKind.CHECK_OUT, "photography", due)
    piece = world.fresh(ring)
    assert (
        piece.status,
        piece.location,
        piece.holder,
        piece.due_back,
        piece.checked_out_by,
        piece.checked_out_from,
    ) == (
        ItemStatus.CHECKED_OUT,
        ny.studio,
        "Anna Lindqvist",
        due,
        cast.assistant,
        ny.tray1,
    )
    back = services.item_return(item=ring, by=cast.senior)
    assert (back.kind, back.to_location) == (EventKind.RETURN, ny.tray1)
    piece = world.fresh(ring)
    assert (piece.status, piece.location, piece.holder, piece.due_back, piece.checked_out_by) == (
        ItemStatus.IN_HOUSE,
        ny.tray1,
        "",
        None,
        None,
    )


def test_a_check_out_to_a_vendor_names_the_vendor(cast: Cast, ny: world.Places, ring: Item) -> None:
    event = services.item_check_out(item=ring, to=ny.bench, by=cast.assistant, due_back=world.tomorrow())
    assert (event.counterpart, event.purpose) == ("Atelier Moreau", "bench")
    assert world.fresh(ring).holder == "Atelier Moreau"


@pytest.mark.parametrize(
    ("place", "due", "extra", "message", "field"),
    [
        ("studio", None, {}, "A check-out needs a due-back date and time.", "due_back"),
        ("studio", -1, {}, "The due-back time must be in the future.", "due_back"),
        ("tray2", 1, {}, "Tray 2 is storage; choose another place to check it out to.", "to"),
        ("approval", 1, {}, "A piece on approval needs the client who takes it.", "counterpart"),
        ("desk", 1, {}, "Pieces are not checked out to Intake desk; choose a studio, room, vendor or client.", "to"),
    ],
)
def test_check_out_refusals(
    cast: Cast,
    ny: world.Places,
    ring: Item,
    place: str,
    due: int | None,
    extra: dict[str, Any],
    message: str,
    field: str,
) -> None:
    services.item_move(item=ring, to=ny.tray1, by=cast.assistant)
    due_back = None if due is None else timezone.now() + timedelta(days=due)
    with unchanged(ring):
        refusal = refused(
            lambda: services.item_check_out(
                item=ring, to=getattr(ny, place), by=cast.assistant, due_back=due_back, **extra
            )
        )
    assert (refusal.message, refusal.field) == (message, field)


def test_a_checked_out_piece_is_neither_moved_nor_checked_out_again_and_a_piece_in_the_house_is_not_returned(
    cast: Cast, ny: world.Places, ring: Item
) -> None:
    with unchanged(ring):
        refusal = refused(lambda: services.item_return(item=ring, by=cast.assistant))
    assert refusal.message == f"{ring.stock_number} is not checked out; it is at Intake desk (NY). Use a move instead."
    services.item_check_out(item=ring, to=ny.viewing, by=cast.assistant, due_back=world.tomorrow())
    with unchanged(ring):
        assert refused(lambda: services.item_move(item=ring, to=ny.tray1, by=cast.assistant)).message == (
            f"{ring.stock_number} is checked out to Viewing room 1 (NY); return it before you move it."
        )
        assert refused(
            lambda: services.item_check_out(item=ring, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
        ).message == (
            f"{ring.stock_number} is already checked out to Viewing room 1 (NY); return it before checking it out again."
        )


# --- Transfers ------------------------------------------------------------------------------------


def test_a_transfer_goes_through_the_carrier_and_is_received_at_the_other_office(
    cast: Cast, places: dict[str, world.Places], ring: Item
) -> None:
    geneva = Office.objects.get(code="GE")
    out = services.item_transfer_out(
        item=ring, destination=geneva, carrier="Malca-Amit", tracking_number="MA-7730-2291", by=cast.logistics
    )
    piece = world.fresh(ring)
    assert (out.kind, out.counterpart, out.destination, out.tracking_number) == (
        EventKind.TRANSFER_OUT,
        "Malca-Amit",
        geneva,
        "MA-7730-2291",
    )
    assert (
        piece.status,
        piece.location.type,
        piece.location.office.code,
        piece.holder,
        piece.transfer_destination,
    ) == (
        ItemStatus.IN_TRANSIT,
        LocationType.IN_TRANSIT,
        "NY",
        "Malca-Amit",
        geneva,
    )
    with unchanged(ring):
        assert (
            refused(lambda: services.item_transfer_receive(item=ring, to=places["GE"].tray1, by=cast.logistics)).message
            == f"{ring.stock_number} is on its way to Geneva; only Geneva staff can receive it."
        )
        assert (
            refused(
                lambda: services.item_transfer_receive(item=ring, to=places["NY"].tray1, by=cast["camille"])
            ).message
            == "Tray 1 (NY) is not in Geneva; choose a place in Geneva."
        )
        assert refused(lambda: services.item_move(item=ring, to=places["NY"].tray1, by=cast.senior)).message == (
            f"{ring.stock_number} is in transit to Geneva; it must be received there first."
        )
    received = services.item_transfer_receive(item=ring, to=places["GE"].tray1, by=cast["camille"])
    piece = world.fresh(ring)
    assert received.kind == EventKind.TRANSFER_IN
    assert (piece.status, piece.location, piece.holder, piece.transfer_destination) == (
        ItemStatus.IN_HOUSE,
        places["GE"].tray1,
        "",
        None,
    )
    assert ledger.verify().ok


@pytest.mark.parametrize(
    ("destination", "carrier", "tracking", "message", "field"),
    [
        ("NY", "Malca-Amit", "1", "{sn} is already in New York; choose another office.", "destination"),
        ("GE", " ", "1", "Name the carrier taking the piece.", "carrier"),
        ("GE", "Malca-Amit", "", "Enter the carrier's tracking number.", "tracking_number"),
    ],
)
def test_transfer_refusals(
    cast: Cast, places: Any, ring: Item, destination: str, carrier: str, tracking: str, message: str, field: str
) -> None:
    with unchanged(ring):
        refusal = refused(
            lambda: services.item_transfer_out(
                item=ring,
                destination=Office.objects.get(code=destination),
                carrier=carrier,
                tracking_number=tracking,
                by=cast.logistics,
            )
        )
    assert (refusal.message, refusal.field) == (message.format(sn=ring.stock_number), field)


# --- Leaving our custody ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cause", "message"),
    [
        (
            "",
            "A release needs its paperwork: give the invoice, shipment, private sale or service job it is for (e.g. invoice:NY-I-26-00042-1).",
        ),
        (
            "repair:NY-12",
            "A release needs its paperwork: give the invoice, shipment, private sale or service job it is for (e.g. invoice:NY-I-26-00042-1).",
        ),
        (
            "sold to Mrs X",
            "‘sold to Mrs X’ is not a record reference; write it as kind:number, e.g. shipment:NY-S-26-00012-4.",
        ),
    ],
)
def test_a_release_needs_its_paperwork(cast: Cast, ny: world.Places, ring: Item, cause: str, message: str) -> None:
    with unchanged(ring):
        refusal = refused(lambda: services.item_release(item=ring, cause=cause, by=cast.senior))
    assert (refusal.message, refusal.field) == (message, "cause")


def test_a_released_piece_cannot_move_again_except_by_a_correction(cast: Cast, ny: world.Places, ring: Item) -> None:
    release = services.item_release(
        item=ring,
        cause="invoice:NY-I-26-00042-1",
        counterpart="Collected by the buyer",
        by=cast.senior,
        override=ReleaseOverride(by=cast.senior, reason="Paid at the counter; the bank's confirmation follows."),
    )
    piece = world.fresh(ring)
    assert (piece.status, piece.location.type, piece.holder) == (
        ItemStatus.RELEASED,
        LocationType.RELEASED,
        "Collected by the buyer",
    )
    day = timezone.localtime(release.at).strftime("%-d %B %Y")
    gone = (
        f"{ring.stock_number} was released on {day} and is no longer in our custody; only a correction can change that."
    )
    with unchanged(ring):
        assert refused(lambda: services.item_move(item=ring, to=ny.tray1, by=cast.senior)).message == gone
        assert refused(lambda: services.item_release(item=ring, cause="invoice:X-1", by=cast.senior)).message == gone
        assert refused(
            lambda: services.item_count_adjust(item=ring, found_at=ny.tray1, by=cast.senior, reason="Found")
        ).message == (
            f"{ring.stock_number} left our custody on {day}; a count cannot adjust it. If it really is here, record a correction."
        )
    correction = services.event_correct(
        event=release, to=ny.tray1, by=cast.senior, reason="Released in error; invoice unpaid"
    )
    assert (correction.kind, correction.corrects) == (EventKind.CORRECTION, release)
    assert world.fresh(ring).status == ItemStatus.IN_HOUSE
    services.item_move(item=ring, to=ny.tray2, by=cast.assistant)
    assert ledger.verify().ok


def test_returning_to_the_consignor_needs_a_signed_release_receipt(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    ring, brooch = world.take_in(
        cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch", category="brooch")
    )
    services.item_check_out(item=brooch, to=ny.studio, by=cast.senior, due_back=world.tomorrow())
    consignment = ring.consignment
    assert consignment is not None
    with unchanged(ring, brooch):
        assert (
            refused(
                lambda: services.release_receipt_prepare(
                    consignment=consignment, items=[ring], collected_by=" ", by=cast.senior
                )
            ).message
            == "Name the person collecting: the consignor or their named agent."
        )
        assert (
            refused(
                lambda: services.release_receipt_prepare(
                    consignment=consignment, items=[brooch], collected_by="Mrs V", by=cast.senior
                )
            ).message
            == f"{brooch.stock_number} is checked out to Photo studio (NY); it must be in the house to go back to the consignor."
        )
    receipt = services.release_receipt_prepare(
        consignment=consignment,
        items=[ring],
        collected_by="Mrs Catherine Vandermeer",
        by=cast.senior,
        identity_checked="Passport 4471",
    )
    assert receipt.number.startswith("NY-R-") and world.fresh(ring).status == ItemStatus.IN_HOUSE
    with unchanged(ring):
        assert (
            refused(
                lambda: services.release_receipt_prepare(
                    consignment=consignment, items=[ring], collected_by="Mrs V", by=cast.senior
                )
            ).message
            == f"{ring.stock_number} is already on release receipt {receipt.number}, which is awaiting signature."
        )
    with unchanged(ring):
        refusal = refused(lambda: services.return_to_consignor(receipt=receipt, by=cast.senior, signed=False))
    assert (refusal.message, refusal.field) == (
        "A return to the consignor needs the release receipt signed by the person collecting; "
        "confirm the signature before recording it.",
        "signed",
    )
    (event,) = services.return_to_consignor(receipt=receipt, by=cast.senior, signed=True)
    assert (event.kind, event.cause, event.counterpart, event.counterpart_client) == (
        EventKind.RETURN_TO_CONSIGNOR,
        f"release_receipt:{receipt.number}",
        "Mrs Catherine Vandermeer",
        client_file,
    )
    piece = world.fresh(ring)
    assert (piece.status, piece.location.type) == (ItemStatus.RETURNED, LocationType.RETURNED)
    receipt.refresh_from_db()
    assert receipt.status == "signed" and receipt.recorded_by == cast.senior
    with unchanged(ring):
        assert refused(lambda: services.return_to_consignor(receipt=receipt, by=cast.senior, signed=True)).message == (
            f"Release receipt {receipt.number} is signed and returned; prepare a new one."
        )
    assert ReleaseReceipt.objects.count() == 1 and ledger.verify().ok


# --- Counts and corrections -------------------------------------------------------------------------


def test_a_count_records_where_a_piece_was_found(cast: Cast, ny: world.Places, ring: Item) -> None:
    services.item_check_out(item=ring, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    with unchanged(ring):
        assert (
            refused(
                lambda: services.item_count_adjust(item=ring, found_at=ny.tray2, by=cast.senior, reason=" ")
            ).message
            == "Say what the count found, e.g. ‘Found in tray 4 during the March count’."
        )
        assert (
            refused(
                lambda: services.item_count_adjust(item=ring, found_at=ny.studio, by=cast.senior, reason="Found")
            ).message
            == f"The ledger already has {ring.stock_number} at Photo studio."
        )
        assert (
            refused(
                lambda: services.item_count_adjust(
                    item=ring, found_at=ny.tray2, by=cast.senior, witness=cast.senior, reason="Found"
                )
            ).message
            == "Eleanor Whitcombe witnessed this count and cannot also record its adjustment; "
            "ask another senior specialist."
        )
    event = services.item_count_adjust(
        item=ring, found_at=ny.tray2, by=cast.senior, witness=cast.auditor, reason="Found in tray 2 at the March count"
    )
    piece = world.fresh(ring)
    assert event.kind == EventKind.COUNT_ADJUSTMENT and event.witness_id == cast.auditor.pk
    assert (piece.status, piece.location, piece.due_back) == (ItemStatus.IN_HOUSE, ny.tray2, None)


def test_a_correction_names_the_event_it_corrects_and_keeps_it(cast: Cast, ny: world.Places, ring: Item) -> None:
    wrong = services.item_move(item=ring, to=ny.tray1, by=cast.assistant)
    returned = services.singleton_place(ny.office, LocationType.RETURNED)
    with unchanged(ring):
        assert refused(lambda: services.event_correct(event=wrong, to=ny.tray2, by=cast.senior, reason="")).message == (
            "Say what was wrong and what is right."
        )
        assert (
            refused(
                lambda: services.event_correct(event=wrong, to=ny.bench, by=cast.senior, reason="Was at the bench")
            ).message
            == "A piece outside the house needs a due-back date and time."
        )
        assert refused(
            lambda: services.event_correct(event=wrong, to=returned, by=cast.senior, reason="Gone")
        ).message == (
            "A correction cannot put a piece in a terminal place; record the release or the return to the "
            "consignor with its paperwork."
        )
    correction = services.event_correct(event=wrong, to=ny.tray2, by=cast.senior, reason="Put in tray 2, not tray 1")
    assert CustodyEvent.objects.filter(seq=wrong.seq).exists()
    assert (correction.corrects_id, correction.from_location, correction.to_location) == (wrong.seq, ny.tray1, ny.tray2)
    assert world.fresh(ring).location == ny.tray2


# --- Batches --------------------------------------------------------------------------------------


def test_a_batch_moves_every_scanned_piece_or_none(cast: Cast, ny: world.Places, client_file: Any) -> None:
    first, second, third = world.take_in(cast.senior, client_file, world.piece(), world.piece(), world.piece())
    services.item_check_out(item=third, to=ny.studio, by=cast.assistant, due_back=world.tomorrow())
    lines = [services.BatchLine(first), services.BatchLine(second), services.BatchLine(third)]
    with unchanged(first, second, third):
        refusal = refused(
            lambda: services.custody_batch(lines=lines, action=services.item_move, by=cast.assistant, to=ny.tray1)
        )
    # The piece is named once: the refusal already says which one.
    assert refusal.message == (
        f"{third.stock_number} is checked out to Photo studio (NY); return it before you move it."
    )
    # A refusal that does not name its piece is prefixed with it.
    bad_cause = refused(
        lambda: services.custody_batch(
            lines=lines[:1], action=services.item_move, by=cast.assistant, to=ny.tray1, cause="a note"
        )
    )
    assert bad_cause.message == (
        f"{first.stock_number}: ‘a note’ is not a record reference; write it as kind:number, "
        "e.g. shipment:NY-S-26-00012-4."
    )
    events = services.custody_batch(lines=lines[:2], action=services.item_move, by=cast.assistant, to=ny.tray1)
    assert [e.item_id for e in events] == [first.pk, second.pk]
    assert {world.fresh(p).location for p in (first, second)} == {ny.tray1}


def test_wrong_witness_passwords_are_throttled_without_locking_the_witness_out_of_signing_in(cast: Cast) -> None:
    from django.conf import settings
    from django.test import Client

    for _ in range(5):
        refusal = refused(
            lambda: services.witness_confirm(username="sofia", password="not her password", actor=cast.assistant),
            WitnessRefused,
        )
        assert refusal.code == "witness_refused"
    throttled = refused(
        lambda: services.witness_confirm(
            username="sofia", password=settings.PARURE_DEMO_PASSWORD, actor=cast.assistant
        ),
        WitnessRefused,
    )
    assert (throttled.message, throttled.code) == (
        "Too many wrong witness passwords in the last 15 minutes; wait, or ask another colleague to witness.",
        "witness_throttled",
    )
    # The limit is per witness too: another colleague cannot go on guessing Sofia's password.
    other = refused(
        lambda: services.witness_confirm(username="sofia", password="guess", actor=cast.senior), WitnessRefused
    )
    assert other.code == "witness_throttled"
    # Sofia herself still signs in.
    response = Client().post("/sign-in/", {"username": "sofia", "password": settings.PARURE_DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
