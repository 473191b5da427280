"""Hypothesis: whatever the starting places, the scans (duplicates, unknown codes, pieces from
outside the count) and the custody moves during the count, reconciliation puts every piece in
exactly the group an independent set-arithmetic oracle says: a piece the ledger has elsewhere in
the house is misplaced, and one moved out unscanned during the count is still to account for."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parure.inventory import services as custody
from parure.inventory.counts import services
from parure.inventory.counts.choices import ScanResult
from parure.inventory.counts.reconcile import reconcile
from parure.inventory.models import Item, Location
from parure.inventory.numbers import StockNumber
from tests.conftest import Cast
from tests.inventory import world

PIECES = 7
UNKNOWN = 3
# Places 0–2 are the count's scope (the safe and its two trays); 3–5 lie outside it, all in the house.
IN_SCOPE = {0, 1, 2}
IN_HOUSE = {0, 1, 2, 3, 4, 5}
PLACES = 6

scan_op = st.tuples(st.just("scan"), st.integers(0, PIECES + UNKNOWN - 1), st.sampled_from(sorted(IN_SCOPE)))
move_op = st.tuples(st.just("move"), st.integers(0, PIECES - 1), st.integers(0, PLACES - 1))
example = st.tuples(
    st.lists(st.integers(0, PLACES - 1), min_size=PIECES, max_size=PIECES),
    st.lists(st.one_of(scan_op, scan_op, move_op), max_size=24),
)


@pytest.fixture
def setting(cast: Cast, ny: world.Places, client_file: Any) -> tuple[list[Item], list[Location]]:
    pieces = world.take_in(cast.senior, client_file, *[world.piece(f"Ring {n}") for n in range(PIECES)])
    return pieces, [ny.safe, ny.tray1, ny.tray2, ny.desk, ny.workroom, ny.vault]


def _move(cast: Cast, piece: Item, to: Location) -> None:
    piece = world.fresh(piece)
    if piece.location_id != to.pk:
        custody.item_move(item=piece, to=to, by=cast.senior, reason="Shuffled")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(example=example)
def test_reconciliation_groups_are_exactly_right(
    cast: Cast, ny: world.Places, setting: tuple[list[Item], list[Location]], example: Any
) -> None:
    pieces, places = setting
    starts, operations = example
    unknown_codes = [str(StockNumber("NY", 26, 990000 + n)) for n in range(UNKNOWN)]
    savepoint = transaction.savepoint_create()
    try:
        where: dict[int, int] = {}
        for index, start in enumerate(starts):
            _move(cast, pieces[index], places[start])
            where[index] = start
        session = services.count_start(
            scope="location",
            location=ny.safe,
            mode="blind",
            counter=cast.assistant,
            witness=cast.auditor,
            by=cast.assistant,
        )
        expected_at_start = {index for index, place in where.items() if place in IN_SCOPE}
        scanned: dict[int, tuple[int, int]] = {}  # piece → (scanned at, where the ledger had it then)
        unknown_scanned: set[int] = set()
        for kind, target, place in operations:
            if kind == "move":
                _move(cast, pieces[target], places[place])
                where[target] = place
                continue
            is_piece = target < PIECES
            code = pieces[target].stock_number if is_piece else unknown_codes[target - PIECES]
            seen = target in scanned if is_piece else target in unknown_scanned
            if seen:
                with pytest.raises(services.ScanRefused) as refusal:
                    services.count_scan(session=session, code=code, by=cast.assistant, place=places[place])
                assert refusal.value.result == ScanResult.ALREADY
                continue
            outcome = services.count_scan(session=session, code=code, by=cast.assistant, place=places[place])
            if is_piece:
                scanned[target] = (place, where[target])
                assert outcome.result == (ScanResult.FOUND if place == where[target] else ScanResult.NOT_HERE)
            else:
                unknown_scanned.add(target)
                assert outcome.result == ScanResult.UNKNOWN

        # The oracle: plain set arithmetic on what happened.
        found = {p for p, (at, ledger) in scanned.items() if at == ledger}
        misplaced = {p for p, (at, ledger) in scanned.items() if at != ledger and ledger in IN_HOUSE}
        unexpected_known = {p for p, (at, ledger) in scanned.items() if at != ledger and ledger not in IN_HOUSE}
        resting_now = {p for p, place in where.items() if place in IN_SCOPE}
        missing = resting_now - set(scanned)
        moved = expected_at_start - resting_now - set(scanned)
        result = reconcile(session)
        number = {index: piece.stock_number for index, piece in enumerate(pieces)}
        assert result.found == len(found)
        assert {line.code for line in result.misplaced} == {number[p] for p in misplaced}
        assert {line.code for line in result.missing} == {number[p] for p in missing}
        assert {line.code for line in result.moved} == {number[p] for p in moved}
        for line in result.moved:
            index = next(p for p, code in number.items() if code == line.code)
            assert (line.found_at_id, line.system_location_id) == (None, places[where[index]].pk)
        assert {line.code for line in result.unexpected} == {number[p] for p in unexpected_known} | {
            unknown_codes[n - PIECES] for n in unknown_scanned
        }
        for line in result.misplaced:
            index = next(p for p, code in number.items() if code == line.code)
            assert (line.found_at_id, line.system_location_id) == (
                places[scanned[index][0]].pk,
                places[scanned[index][1]].pk,
            )
        assert result.expected_at_start == len(expected_at_start)
        assert result.expected_now == len(resting_now)
        ids = {index: piece.pk for index, piece in enumerate(pieces)}
        assert set(result.left_during_count) == {ids[p] for p in expected_at_start - resting_now}
        assert set(result.arrived_during_count) == {ids[p] for p in resting_now - expected_at_start}
        # Every piece scanned or expected is in exactly one group.
        groups = [found, misplaced, unexpected_known, missing, moved]
        assert sum(len(group) for group in groups) == len(set().union(*groups))
    finally:
        transaction.savepoint_rollback(savepoint)
