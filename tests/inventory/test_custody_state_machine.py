"""Random sequences of custody actions over several pieces and offices keep every invariant.

The machine keeps its own model of the department: for each piece where it is, who holds it,
whether it is checked out and until when, where from, whether it is on its way to another
office, whether it has left our custody and when, and what its last ledger event says; for
each release receipt its piece and status. The model is written from the custody rules
themselves (the table of places below, the four-eyes rule, the order in which a person is
told what is wrong), never from the production code it checks: no ``ledger.state_after``, no
``ledger.status_of``, no place properties.

Every rule may pick any piece, so every action is tried on pieces that may take it and on
pieces that may not. For each, the model predicts success or the exact sentence of the
refusal, and the machine asserts it: a refusal must change no table (tests/guards.py), a
success must append exactly one event. After every step the stored state of each piece and
its last ledger event equal the model, the receipts equal the model and the chain verifies.

``make test-slow`` runs the long version with a larger hypothesis budget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from babel.numbers import format_currency
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from parure.core.models import Office, Staff
from parure.inventory import ledger, services
from parure.inventory.choices import EventKind, ItemStatus, LocationType
from parure.inventory.errors import InventoryError
from parure.inventory.guards import ReleaseOverride
from parure.inventory.models import CustodyEvent, Item, Location, ReleaseReceipt
from tests.conftest import Cast
from tests.guards import unchanged
from tests.inventory import world

OFFICES = ("GE", "LN", "NY")
# Who acts in each office, and who may stand as witness there.
SPECIALIST = {"NY": "marcus", "LN": "oliver", "GE": "luca"}
MOVER = {"NY": "daniel", "LN": "james", "GE": "camille"}
SENIOR = {"NY": "eleanor", "LN": "harriet", "GE": "camille"}
WITNESSES = {"NY": ["sofia", "marcus"], "LN": ["oliver", "james"], "GE": ["luca", "camille"]}
# Each office's four-eyes threshold (world.THRESHOLD) as that office writes it.
CURRENCY = {"NY": ("USD", "en_US"), "LN": ("GBP", "en_GB"), "GE": ("CHF", "fr_CH")}
VALUABLE, MODEST = Decimal("250000"), Decimal("9000")
CARRIER, TRACKING, INVOICE, COLLECTOR = "Malca-Amit", "MA-1", "invoice:X-1", "The consignor"
PAID = "Paid at the counter; the bank's confirmation follows."
# Mostly the right person, sometimes someone from another office (who must be refused).
SOMETIMES = st.sampled_from([False, False, False, True])


@dataclass(frozen=True)
class Place:
    """What the rules say about one of world.build_places' places (and the three singletons)."""

    kind: str  # storage, work, display, outside the house, transit, terminal
    in_vault: bool = False
    check_out_here: bool = False  # pieces are checked out to it (and come back with a return)
    purpose: str = ""
    counterpart: str = ""  # the vendor named on a check-out to it

    @property
    def in_house(self) -> bool:
        return self.kind in ("storage", "work", "display")


PLACES = {
    "vault": Place("storage", in_vault=True),
    "safe": Place("storage", in_vault=True),
    "tray1": Place("storage", in_vault=True),
    "tray2": Place("storage", in_vault=True),
    "desk": Place("work"),
    "workroom": Place("work", check_out_here=True, purpose="work"),
    "studio": Place("work", check_out_here=True, purpose="photography"),
    "viewing": Place("display", check_out_here=True, purpose="viewing"),
    "case": Place("display", check_out_here=True, purpose="display"),
    "bench": Place("outside the house", check_out_here=True, purpose="bench", counterpart="Atelier Moreau"),
    "lab": Place("outside the house", check_out_here=True, purpose="lab", counterpart="GIA Laboratory"),
    "approval": Place("outside the house", check_out_here=True, purpose="approval"),
    "in_transit": Place("transit"),
    "released": Place("terminal"),
    "returned": Place("terminal"),
}
SINGLETONS = {
    "in_transit": LocationType.IN_TRANSIT,
    "released": LocationType.RELEASED,
    "returned": LocationType.RETURNED,
}


@dataclass
class Expected:
    """The model of one piece."""

    pk: int
    stock_number: str
    intake_office: str
    valuable: bool
    consignor: int
    office: str  # the office of the place it is at
    place: str  # a key of PLACES
    status: str
    custody_by: int
    holder: str = ""
    holder_client: int | None = None
    due_back: datetime | None = None
    checked_out_by: int | None = None
    checked_out_from: str | None = None
    destination: str | None = None
    left_on: datetime | None = None
    events: int = 1
    last: dict[str, Any] = field(default_factory=dict)


@dataclass
class Receipt:
    number: str
    piece: int
    status: str = "prepared"


def make_machine(cast: Cast, places: dict[str, world.Places], client: Any) -> type[RuleBasedStateMachine]:
    offices = {code: Office.objects.get(code=code) for code in OFFICES}
    confirmed = {name: world.witness(cast[name], cast["simon"]) for names in WITNESSES.values() for name in names}
    location: dict[tuple[str, str], Location] = {
        (code, key): place for code in OFFICES for key, place in places[code].by_name.items()
    }
    for code in OFFICES:  # made now, so that no refusal is the first to make them
        for key, type_ in SINGLETONS.items():
            location[code, key] = services.singleton_place(offices[code], type_)
    threshold = {
        code: format_currency(world.THRESHOLD, currency, locale=locale, currency_digits=True)
        for code, (currency, locale) in CURRENCY.items()
    }

    def witness_for(code: str, actor: Staff) -> services.Witness:
        return next(confirmed[name] for name in WITNESSES[code] if cast[name] != actor)

    def pk_of(code: str, key: str | None) -> int | None:
        return None if key is None else location[code, key].pk

    def label(code: str, key: str) -> str:
        return f"{location[code, key].name} ({code})"

    def describe(piece: Expected) -> str:
        if piece.status == ItemStatus.CHECKED_OUT:
            return f"checked out to {label(piece.office, piece.place)}"
        if piece.status == ItemStatus.IN_TRANSIT:
            assert piece.destination is not None
            return f"in transit to {offices[piece.destination].name}"
        return f"at {label(piece.office, piece.place)}"

    def gone(piece: Expected) -> str | None:
        """The refusal for a piece that has left our custody, or None."""
        if piece.left_on is None:
            return None
        day = timezone.localtime(piece.left_on).strftime("%-d %B %Y")
        how = "released" if piece.status == ItemStatus.RELEASED else "returned to its consignor"
        return f"{piece.stock_number} was {how} on {day} and is no longer in our custody; only a correction can change that."

    def in_transit(piece: Expected) -> str | None:
        if piece.status != ItemStatus.IN_TRANSIT:
            return None
        return f"{piece.stock_number} is {describe(piece)}; it must be received there first."

    def outsider(actor: Staff, piece: Expected) -> str | None:
        office = offices[piece.office].name
        if actor.office_id == offices[piece.office].pk:
            return None
        return (
            f"{actor} works at {actor.office.name if actor.office else 'no office'}; {piece.stock_number} is in "
            f"{office}. Only {office} staff can record its custody."
        )

    def four_eyes(piece: Expected, origin: str, destination: str, witnessed: bool) -> str | None:
        """The four-eyes rule: a valuable piece leaving the vault or the premises needs a witness."""
        leaves_vault = PLACES[origin].in_vault and not PLACES[destination].in_vault
        leaves_premises = not PLACES[destination].in_house
        if witnessed or not piece.valuable or not (leaves_vault or leaves_premises):
            return None
        where = "out of the vault" if leaves_vault and not leaves_premises else "off the premises"
        return (
            f"{piece.stock_number} is valued at or above {offices[piece.intake_office].name}'s four-eyes threshold "
            f"of {threshold[piece.intake_office]}; moving it {where} needs a witness."
        )

    def first(*refusals: str | None) -> str | None:
        """The first refusal that applies, in the order the person is told."""
        return next((refusal for refusal in refusals if refusal is not None), None)

    class Custody(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.savepoint = transaction.savepoint_create()
            self.pieces: list[Expected] = []
            self.receipts: list[Receipt] = []

        def teardown(self) -> None:
            transaction.savepoint_rollback(self.savepoint)

        # --- helpers ---------------------------------------------------------------------------
        def _pick(self, data: st.DataObject, fits: Callable[[Expected], bool]) -> Expected | None:
            """Mostly a piece the action fits (so that successes are common), sometimes any piece."""
            fitting = [piece for piece in self.pieces if fits(piece)]
            if fitting and data.draw(st.booleans(), label="a piece it fits"):
                return data.draw(st.sampled_from(fitting))
            return data.draw(st.sampled_from(self.pieces)) if self.pieces else None

        def _expect(self, refusal: str | None, action: Callable[[], Any]) -> Any:
            """Run ``action``: it must refuse with exactly ``refusal`` and change nothing, or succeed."""
            if refusal is not None:
                with unchanged(), pytest.raises(InventoryError) as refused:
                    action()
                assert refused.value.message == refusal
                return None
            try:
                return action()
            except InventoryError as unexpected:
                raise AssertionError(f"The model expected success; the service refused: {unexpected.message}") from None

        def _event(
            self,
            piece: Expected,
            action: Callable[[], CustodyEvent],
            *,
            kind: str,
            to: tuple[str, str],
            by: Staff,
            witness: services.Witness | None = None,
            **predicted: Any,
        ) -> CustodyEvent:
            """A custody action the model says succeeds: one event, exactly as predicted."""
            events = CustodyEvent.objects.count()
            event: CustodyEvent = self._expect(None, action)
            assert CustodyEvent.objects.count() == events + 1
            piece.last = {
                "kind": kind,
                "from_location_id": pk_of(piece.office, piece.place),
                "to_location_id": pk_of(*to),
                "staff_id": by.pk,
                "witness_id": witness.staff.pk if witness is not None else None,
                "counterpart": "",
                "counterpart_client_id": None,
                "due_back": None,
                "destination_id": None,
                "cause": "",
                "purpose": "",
                **predicted,
            }
            piece.events += 1
            piece.office, piece.place, piece.custody_by = *to, by.pk
            return event

        def _pending(self, piece: Expected) -> Receipt | None:
            return next((r for r in self.receipts if r.piece == piece.pk and r.status == "prepared"), None)

        @staticmethod
        def _in_house(piece: Expected) -> None:
            piece.status, piece.holder, piece.holder_client = ItemStatus.IN_HOUSE, "", None
            piece.due_back = piece.checked_out_by = piece.checked_out_from = piece.destination = None

        # --- rules -----------------------------------------------------------------------------
        @initialize(intakes=st.lists(st.tuples(st.sampled_from(OFFICES), st.booleans()), min_size=2, max_size=3))
        def the_first_pieces_come_in(self, intakes: list[tuple[str, bool]]) -> None:
            for office, valuable in intakes:
                self.intake(office, valuable)

        @precondition(lambda self: len(self.pieces) < 6)
        @rule(office=st.sampled_from(OFFICES), valuable=st.booleans())
        def intake(self, office: str, valuable: bool) -> None:
            senior = cast[SENIOR[office]]
            value = VALUABLE if valuable else MODEST
            (item,) = world.take_in(senior, client, world.piece(value=str(value)))
            desk = location[office, "desk"]
            self.pieces.append(
                Expected(
                    pk=item.pk,
                    stock_number=item.stock_number,
                    intake_office=office,
                    valuable=valuable,
                    consignor=client.pk,
                    office=office,
                    place="desk",
                    status=ItemStatus.IN_HOUSE,
                    custody_by=senior.pk,
                    last={
                        "kind": EventKind.INTAKE,
                        "from_location_id": None,
                        "to_location_id": desk.pk,
                        "staff_id": senior.pk,
                        "witness_id": None,
                        "counterpart_client_id": client.pk,
                        "due_back": None,
                        "destination_id": None,
                    },
                )
            )

        @rule(
            data=st.data(),
            place=st.sampled_from(["tray1", "tray2", "workroom", "viewing", "studio", "desk", "bench"]),
            witnessed=st.booleans(),
            from_elsewhere=SOMETIMES,
        )
        def move(self, data: st.DataObject, place: str, witnessed: bool, from_elsewhere: bool) -> None:
            piece = self._pick(data, lambda p: p.status == ItemStatus.IN_HOUSE)
            if piece is None:
                return
            code = piece.office
            mover = cast[MOVER[next(c for c in OFFICES if c != code)] if from_elsewhere else MOVER[code]]
            witness = witness_for(code, mover) if witnessed else None
            sn, to = piece.stock_number, location[code, place]
            refusal = first(
                gone(piece),
                f"{sn} is {describe(piece)}; return it before you move it."
                if piece.status == ItemStatus.CHECKED_OUT
                else None,
                in_transit(piece),
                outsider(mover, piece),
                f"{to.name} is outside the house; choose another place." if not PLACES[place].in_house else None,
                f"{sn} is already at {to.name}." if place == piece.place else None,
                four_eyes(piece, piece.place, place, witnessed),
            )
            item = Item.objects.get(pk=piece.pk)

            def action() -> CustodyEvent:
                return services.item_move(item=item, to=to, by=mover, witness=witness)

            if refusal is not None:
                self._expect(refusal, action)
                return
            self._event(piece, action, kind=EventKind.MOVE, to=(code, place), by=mover, witness=witness)
            self._in_house(piece)

        @rule(
            data=st.data(),
            place=st.sampled_from(
                ["studio", "viewing", "case", "bench", "lab", "workroom", "tray1", "desk", "approval"]
            ),
            witnessed=st.booleans(),
        )
        def check_out(self, data: st.DataObject, place: str, witnessed: bool) -> None:
            piece = self._pick(data, lambda p: p.status == ItemStatus.IN_HOUSE)
            if piece is None:
                return
            code = piece.office
            actor = cast[SPECIALIST[code]]
            witness = witness_for(code, actor) if witnessed else None
            sn, to, due = piece.stock_number, location[code, place], world.tomorrow()
            refusal = first(
                gone(piece),
                f"{sn} is already {describe(piece)}; return it before checking it out again."
                if piece.status == ItemStatus.CHECKED_OUT
                else None,
                in_transit(piece),
                outsider(actor, piece),
                f"{to.name} is storage; choose another place to check it out to."
                if PLACES[place].kind == "storage"
                else None,
                f"Pieces are not checked out to {to.name}; choose a studio, room, vendor or client."
                if not PLACES[place].check_out_here
                else None,
                f"{sn} is already at {to.name}." if place == piece.place else None,
                "A piece on approval needs the client who takes it." if place == "approval" else None,
                four_eyes(piece, piece.place, place, witnessed),
            )
            item = Item.objects.get(pk=piece.pk)

            def action() -> CustodyEvent:
                return services.item_check_out(item=item, to=to, by=actor, due_back=due, witness=witness)

            if refusal is not None:
                self._expect(refusal, action)
                return
            taken_from = piece.place
            vendor = PLACES[place].counterpart
            self._event(
                piece,
                action,
                kind=EventKind.CHECK_OUT,
                to=(code, place),
                by=actor,
                witness=witness,
                counterpart=vendor,
                due_back=due,
                purpose=PLACES[place].purpose,
            )
            piece.status, piece.holder, piece.holder_client, piece.due_back = ItemStatus.CHECKED_OUT, vendor, None, due
            piece.checked_out_by, piece.checked_out_from, piece.destination = actor.pk, taken_from, None

        @rule(data=st.data())
        def give_back(self, data: st.DataObject) -> None:
            piece = self._pick(data, lambda p: p.status == ItemStatus.CHECKED_OUT)
            if piece is None:
                return
            code = piece.office
            mover = cast[MOVER[code]]
            back_to = piece.checked_out_from
            refusal = first(
                gone(piece),
                f"{piece.stock_number} is not checked out; it is {describe(piece)}. Use a move instead."
                if piece.status != ItemStatus.CHECKED_OUT
                else None,
                outsider(mover, piece),
                four_eyes(piece, piece.place, back_to or piece.place, False),
            )
            item = Item.objects.get(pk=piece.pk)

            def action() -> CustodyEvent:
                return services.item_return(item=item, by=mover)

            if refusal is not None:
                self._expect(refusal, action)
                return
            assert back_to is not None
            self._event(piece, action, kind=EventKind.RETURN, to=(code, back_to), by=mover)
            self._in_house(piece)

        @rule(
            data=st.data(),
            destination=st.sampled_from(OFFICES),
            witnessed=st.booleans(),
            from_elsewhere=SOMETIMES,
        )
        def transfer(self, data: st.DataObject, destination: str, witnessed: bool, from_elsewhere: bool) -> None:
            piece = self._pick(data, lambda p: p.status == ItemStatus.IN_HOUSE)
            if piece is None:
                return
            code = piece.office
            mover = cast[MOVER[next(c for c in OFFICES if c != code)] if from_elsewhere else MOVER[code]]
            witness = witness_for(code, mover) if witnessed else None
            sn = piece.stock_number
            refusal = first(
                gone(piece),
                f"{sn} is {describe(piece)}; return it before you transfer it."
                if piece.status == ItemStatus.CHECKED_OUT
                else None,
                in_transit(piece),
                outsider(mover, piece),
                f"{sn} is already in {offices[code].name}; choose another office." if destination == code else None,
                four_eyes(piece, piece.place, "in_transit", witnessed),
            )
            item = Item.objects.get(pk=piece.pk)

            def action() -> CustodyEvent:
                return services.item_transfer_out(
                    item=item,
                    destination=offices[destination],
                    carrier=CARRIER,
                    tracking_number=TRACKING,
                    by=mover,
                    witness=witness,
                )

            if refusal is not None:
                self._expect(refusal, action)
                return
            self._event(
                piece,
                action,
                kind=EventKind.TRANSFER_OUT,
                to=(code, "in_transit"),
                by=mover,
                witness=witness,
                counterpart=CARRIER,
                destination_id=offices[destination].pk,
                tracking_number=TRACKING,
            )
            self._in_house(piece)
            piece.status, piece.holder, piece.destination = ItemStatus.IN_TRANSIT, CARRIER, destination

        @rule(data=st.data(), at_the_wrong_office=SOMETIMES)
        def receive(self, data: st.DataObject, at_the_wrong_office: bool) -> None:
            piece = self._pick(data, lambda p: p.status == ItemStatus.IN_TRANSIT)
            if piece is None:
                return
            destination = piece.destination or piece.office
            receiver = cast[MOVER[piece.office if at_the_wrong_office else destination]]
            sn = piece.stock_number
            there = offices[destination].name
            refusal = first(
                gone(piece),
                f"{sn} is not in transit; it is {describe(piece)}." if piece.status != ItemStatus.IN_TRANSIT else None,
                f"{sn} is on its way to {there}; only {there} staff can receive it."
                if receiver.office_id != offices[destination].pk
                else None,
            )
            item = Item.objects.get(pk=piece.pk)
            to = location[destination, "tray1"]

            def action() -> CustodyEvent:
                return services.item_transfer_receive(item=item, to=to, by=receiver)

            if refusal is not None:
                self._expect(refusal, action)
                return
            self._event(piece, action, kind=EventKind.TRANSFER_IN, to=(destination, "tray1"), by=receiver)
            self._in_house(piece)

        @rule(data=st.data(), witnessed=st.booleans())
        def release(self, data: st.DataObject, witnessed: bool) -> None:
            piece = self._pick(data, lambda p: p.status in (ItemStatus.IN_HOUSE, ItemStatus.CHECKED_OUT))
            if piece is None:
                return
            code = piece.office
            senior = cast[SENIOR[code]]
            witness = witness_for(code, senior) if witnessed else None
            refusal = first(
                gone(piece),
                in_transit(piece),
                outsider(senior, piece),
                four_eyes(piece, piece.place, "released", witnessed),
            )
            item = Item.objects.get(pk=piece.pk)

            def action() -> CustodyEvent:
                return services.item_release(
                    item=item,
                    cause=INVOICE,
                    by=senior,
                    witness=witness,
                    override=ReleaseOverride(by=senior, reason=PAID),
                )

            if refusal is not None:
                self._expect(refusal, action)
                return
            event = self._event(
                piece, action, kind=EventKind.RELEASE, to=(code, "released"), by=senior, witness=witness, cause=INVOICE
            )
            self._in_house(piece)
            piece.status, piece.left_on = ItemStatus.RELEASED, event.at

        @rule(data=st.data())
        def prepare_release_receipt(self, data: st.DataObject) -> None:
            piece = self._pick(data, lambda p: p.status == ItemStatus.IN_HOUSE and not self._pending(p))
            if piece is None:
                return
            senior = cast[SENIOR[piece.office]]
            pending = self._pending(piece)
            refusal = first(
                f"{piece.stock_number} is {describe(piece)}; it must be in the house to go back to the consignor."
                if piece.status != ItemStatus.IN_HOUSE
                else None,
                outsider(senior, piece),
                f"{piece.stock_number} is already on release receipt {pending.number}, which is awaiting signature."
                if pending is not None
                else None,
            )
            item = Item.objects.get(pk=piece.pk)
            assert item.consignment is not None
            consignment = item.consignment

            def action() -> ReleaseReceipt:
                return services.release_receipt_prepare(
                    consignment=consignment, items=[item], collected_by=COLLECTOR, by=senior
                )

            receipt: ReleaseReceipt | None = self._expect(refusal, action)
            if receipt is not None:
                assert receipt.number.startswith(f"{piece.office}-R-")
                self.receipts.append(Receipt(receipt.number, piece.pk))

        def _pick_receipt(self, data: st.DataObject) -> Receipt:
            """Mostly a receipt awaiting signature, sometimes any."""
            waiting = [receipt for receipt in self.receipts if receipt.status == "prepared"]
            if waiting and data.draw(st.booleans(), label="a receipt awaiting signature"):
                return data.draw(st.sampled_from(waiting))
            return data.draw(st.sampled_from(self.receipts))

        @precondition(lambda self: bool(self.receipts))
        @rule(data=st.data(), witnessed=st.booleans(), signed=st.sampled_from([True, True, True, False]))
        def return_to_consignor(self, data: st.DataObject, witnessed: bool, signed: bool) -> None:
            receipt = self._pick_receipt(data)
            piece = next(p for p in self.pieces if p.pk == receipt.piece)
            code = piece.office
            senior = cast[SENIOR[code]]
            witness = witness_for(code, senior) if witnessed else None
            status = {"signed": "signed and returned", "cancelled": "cancelled"}
            refusal = first(
                f"Release receipt {receipt.number} is {status[receipt.status]}; prepare a new one."
                if receipt.status != "prepared"
                else None,
                "A return to the consignor needs the release receipt signed by the person collecting; "
                "confirm the signature before recording it."
                if not signed
                else None,
                f"{piece.stock_number} is {describe(piece)}; it must be in the house to go back to the consignor."
                if piece.status != ItemStatus.IN_HOUSE
                else None,
                outsider(senior, piece),
                four_eyes(piece, piece.place, "returned", witnessed),
            )
            stored = ReleaseReceipt.objects.get(number=receipt.number)

            def action() -> CustodyEvent:
                return services.return_to_consignor(receipt=stored, by=senior, signed=signed, witness=witness)[0]

            if refusal is not None:
                self._expect(refusal, action)
                return
            event = self._event(
                piece,
                action,
                kind=EventKind.RETURN_TO_CONSIGNOR,
                to=(code, "returned"),
                by=senior,
                witness=witness,
                counterpart=COLLECTOR,
                counterpart_client_id=piece.consignor,
                cause=f"release_receipt:{receipt.number}",
            )
            self._in_house(piece)
            piece.status, piece.holder, piece.holder_client = ItemStatus.RETURNED, COLLECTOR, piece.consignor
            piece.left_on, receipt.status = event.at, "signed"

        @precondition(lambda self: bool(self.receipts))
        @rule(data=st.data())
        def cancel_release_receipt(self, data: st.DataObject) -> None:
            receipt = self._pick_receipt(data)
            senior = cast[SENIOR[next(p for p in self.pieces if p.pk == receipt.piece).office]]
            status = {"signed": "signed and returned", "cancelled": "cancelled"}
            refusal = (
                f"Release receipt {receipt.number} is already {status[receipt.status]}."
                if receipt.status != "prepared"
                else None
            )
            stored = ReleaseReceipt.objects.get(number=receipt.number)
            cancelled = self._expect(refusal, lambda: services.release_receipt_cancel(receipt=stored, by=senior))
            if cancelled is not None:
                receipt.status = "cancelled"

        @rule(data=st.data(), place=st.sampled_from(["tray1", "tray2", "workroom"]))
        def count_adjust(self, data: st.DataObject, place: str) -> None:
            """A count found the piece elsewhere: recorded by a senior, with the count's witness."""
            piece = self._pick(data, lambda p: p.left_on is None)
            if piece is None:
                return
            code = piece.office
            senior = cast[SENIOR[code]]
            witness = cast.auditor if code == "NY" else None  # Ruth witnesses New York's counts
            found_at = location[code, place]
            day = timezone.localtime(piece.left_on).strftime("%-d %B %Y") if piece.left_on else ""
            refusal = first(
                f"{piece.stock_number} left our custody on {day}; a count cannot adjust it. "
                "If it really is here, record a correction."
                if piece.left_on is not None
                else None,
                f"The ledger already has {piece.stock_number} at {found_at.name}." if place == piece.place else None,
            )
            item = Item.objects.get(pk=piece.pk)
            reason = "Found at the count"

            def action() -> CustodyEvent:
                return services.item_count_adjust(
                    item=item, found_at=found_at, by=senior, witness=witness, reason=reason
                )

            if refusal is not None:
                self._expect(refusal, action)
                return
            self._event(piece, action, kind=EventKind.COUNT_ADJUSTMENT, to=(code, place), by=senior)
            piece.last["witness_id"] = witness.pk if witness is not None else None
            self._in_house(piece)

        @rule(data=st.data(), place=st.sampled_from(["tray1", "workroom", "desk"]), witnessed=st.booleans())
        def correct(self, data: st.DataObject, place: str, witnessed: bool) -> None:
            """Where the piece really is, naming the event that was wrong; it brings back a piece that left."""
            piece = self._pick(data, lambda p: p.left_on is not None)
            if piece is None:
                return
            code = piece.office
            senior = cast[SENIOR[code]]
            witness = witness_for(code, senior) if witnessed else None
            wrong = CustodyEvent.objects.filter(item_id=piece.pk).order_by("-seq").first()
            assert wrong is not None
            to = location[code, place]
            refusal = four_eyes(piece, piece.place, place, witnessed)

            def action() -> CustodyEvent:
                return services.event_correct(
                    event=wrong, to=to, by=senior, reason="Recorded in error", witness=witness
                )

            if refusal is not None:
                self._expect(refusal, action)
                return
            self._event(
                piece,
                action,
                kind=EventKind.CORRECTION,
                to=(code, place),
                by=senior,
                witness=witness,
                corrects_id=wrong.seq,
            )
            self._in_house(piece)
            piece.left_on = None

        # --- invariants ------------------------------------------------------------------------
        @invariant()
        def every_piece_is_where_the_model_says_with_the_holder_it_says(self) -> None:
            stored = {
                row["pk"]: row
                for row in Item.objects.filter(pk__in=[p.pk for p in self.pieces]).values(
                    "pk",
                    "location_id",
                    "status",
                    "holder",
                    "holder_client_id",
                    "due_back",
                    "checked_out_by_id",
                    "checked_out_from_id",
                    "transfer_destination_id",
                    "custody_by_id",
                    "custody_seq",
                    "custody_since",
                )
            }
            for piece in self.pieces:
                row = stored[piece.pk]
                last = CustodyEvent.objects.filter(item_id=piece.pk).order_by("-seq").values("seq", "at").first()
                assert last is not None
                assert row == {
                    "pk": piece.pk,
                    "location_id": pk_of(piece.office, piece.place),
                    "status": piece.status,
                    "holder": piece.holder,
                    "holder_client_id": piece.holder_client,
                    "due_back": piece.due_back,
                    "checked_out_by_id": piece.checked_out_by,
                    "checked_out_from_id": pk_of(piece.office, piece.checked_out_from),
                    "transfer_destination_id": offices[piece.destination].pk if piece.destination else None,
                    "custody_by_id": piece.custody_by,
                    "custody_seq": last["seq"],
                    "custody_since": last["at"],
                }

        @invariant()
        def every_piece_s_last_ledger_event_is_the_one_the_model_predicts(self) -> None:
            for piece in self.pieces:
                events = CustodyEvent.objects.filter(item_id=piece.pk)
                assert events.count() == piece.events
                last = events.order_by("-seq").values(*piece.last).first()
                assert last == piece.last

        @invariant()
        def the_release_receipts_are_the_ones_the_model_keeps(self) -> None:
            stored = {
                receipt.number: (receipt.status, [item.pk for item in receipt.items.all()])
                for receipt in ReleaseReceipt.objects.prefetch_related("items")
            }
            assert stored == {receipt.number: (receipt.status, [receipt.piece]) for receipt in self.receipts}

        @invariant()
        def the_chain_verifies_and_agrees_with_the_pieces(self) -> None:
            result = ledger.verify()
            assert result.ok, result.problem

    return Custody


SUITE_BUDGET = {"max_examples": 15, "stateful_step_count": 20}


def test_custody_actions_succeed_and_refuse_exactly_as_the_model_predicts(
    cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    run_state_machine_as_test(
        make_machine(cast, places, client_file),
        settings=settings(
            **SUITE_BUDGET,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


@pytest.mark.slow
def test_custody_actions_follow_the_model_over_long_random_sequences(
    cast: Cast, places: dict[str, world.Places], client_file: Any
) -> None:
    """Thousands of steps: ``make test-slow`` (its hypothesis profile sets the budget)."""
    run_state_machine_as_test(
        make_machine(cast, places, client_file),
        settings=settings(deadline=None, suppress_health_check=list(HealthCheck)),
    )


def test_threshold_is_the_office_currency(places: dict[str, world.Places]) -> None:
    assert places["NY"].office.custody_settings.four_eyes_threshold == Decimal("50000")
