"""The count services: starting, scanning, importing, finishing, resolving and signing off —
with the exact sentence of every refusal, and nothing changed when one is refused."""

from __future__ import annotations

from typing import Any

import pytest

from parure.inventory import services as custody
from parure.inventory.choices import EventKind
from parure.inventory.counts import services
from parure.inventory.counts.choices import CountStatus, DiscrepancyKind, Resolution, ScanResult
from parure.inventory.counts.models import CountDiscrepancy, CountScan, CountSession, CountSignOff
from parure.inventory.errors import InvalidInput
from parure.inventory.models import CustodyEvent
from parure.inventory.numbers import StockNumber
from tests.conftest import Cast
from tests.guards import unchanged
from tests.inventory import world
from tests.inventory.counts.conftest import Stock, finish


def _safe_count(cast: Cast, ny: world.Places, **overrides: Any) -> CountSession:
    fields: dict[str, Any] = {
        "scope": "location",
        "location": ny.safe,
        "mode": "blind",
        "counter": cast.assistant,
        "witness": cast.auditor,
        "by": cast.assistant,
    }
    fields.update(overrides)
    return services.count_start(**fields)


def _state(session: CountSession) -> tuple[Any, ...]:
    session.refresh_from_db()
    return (session.status, session.scanned_count, CountScan.objects.filter(session=session).count())


def test_start_takes_the_expected_set_from_the_ledger(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny)
    expected = dict(session.expected.values_list("item_id", "location_id"))
    assert expected == {stocked.a.pk: ny.tray1.pk, stocked.b.pk: ny.tray1.pk, stocked.c.pk: ny.tray2.pk}
    assert session.expected_count == 3
    assert session.start_seq == CustodyEvent.objects.order_by("-seq").values_list("seq", flat=True).first()


def test_the_witness_may_not_be_a_custodian_of_the_place(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        _safe_count(cast, ny, witness=cast.senior)
    assert refusal.value.message == (
        f"Eleanor Whitcombe is a custodian here (they recorded the custody of {stocked.a.stock_number}); "
        "the witness must be independent of custody of the place counted."
    )
    assert refusal.value.field == "witness"
    assert not CountSession.objects.exists()


def test_the_witness_is_a_second_person_and_may_witness(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    with unchanged(), pytest.raises(InvalidInput) as same:
        _safe_count(cast, ny, witness=cast.assistant)
    assert same.value.message == "The witness must be a second person, not the counter."
    with unchanged(), pytest.raises(services.CountError) as finance:
        _safe_count(cast, ny, witness=cast.finance)
    assert finance.value.message == (
        "Priya Raman (Finance) may not witness counts; choose a specialist, logistics colleague or auditor."
    )
    with unchanged(), pytest.raises(services.CountError) as counter:
        _safe_count(cast, ny, counter=cast.administrator)
    assert counter.value.message == (
        "Simon Achebe (Administrator) may not count; choose a specialist, logistics colleague or auditor."
    )
    assert not CountSession.objects.exists()


def test_scans_give_found_not_here_and_unknown(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny)
    found = services.count_scan(session=session, code=stocked.a.stock_number.lower(), by=cast.assistant, place=ny.tray1)
    assert (found.result, found.message) == (ScanResult.FOUND, f"{stocked.a.stock_number} · Ring A")
    elsewhere = services.count_scan(session=session, code=stocked.b.stock_number, by=cast.auditor, place=ny.tray2)
    assert elsewhere.result == ScanResult.NOT_HERE
    assert elsewhere.message == (
        f"{stocked.b.stock_number} · Ring B is not expected here: the ledger has it at Tray 1 (NY)."
    )
    nobody = str(StockNumber("NY", 26, 999999))
    unknown = services.count_scan(session=session, code=nobody, by=cast.assistant, place=ny.tray1)
    assert (unknown.result, unknown.message) == (
        ScanResult.UNKNOWN,
        f"No piece has stock number {nobody}; noted as unexpected.",
    )
    assert _state(session) == (CountStatus.OPEN, 2, 3)


def test_malformed_duplicate_and_closed_scans_change_nothing(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny)
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    before = _state(session)

    with unchanged(), pytest.raises(services.ScanRefused) as malformed:
        services.count_scan(session=session, code="TRAY?", by=cast.assistant, place=ny.tray1)
    assert malformed.value.result == ScanResult.MALFORMED
    assert malformed.value.message == (
        "‘TRAY?’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, check digit)."
    )
    wrong_digit = stocked.b.stock_number[:-1] + str((int(stocked.b.stock_number[-1]) + 1) % 10)
    with unchanged(), pytest.raises(services.ScanRefused) as misread:
        services.count_scan(session=session, code=wrong_digit, by=cast.assistant, place=ny.tray1)
    assert misread.value.result == ScanResult.MALFORMED
    assert "check digit" in misread.value.message

    with unchanged(), pytest.raises(services.ScanRefused) as duplicate:
        services.count_scan(session=session, code=stocked.a.stock_number, by=cast.auditor, place=ny.tray2)
    assert duplicate.value.result == ScanResult.ALREADY
    assert duplicate.value.message.startswith(
        f"{stocked.a.stock_number} was already scanned at Tray 1 (NY) by Marcus Hale ("
    )
    assert _state(session) == before

    finish(session, by=cast.assistant)
    finished = _state(session)
    with unchanged(), pytest.raises(services.ScanRefused) as closed:
        services.count_scan(session=session, code=stocked.b.stock_number, by=cast.assistant, place=ny.tray1)
    assert closed.value.message == f"Count {session.pk} has finished scanning; no more scans can be added."
    assert _state(session) == finished


def test_a_scan_outside_the_count_is_refused(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny)
    with unchanged(), pytest.raises(InvalidInput) as refusal:
        services.count_scan(session=session, code=stocked.d.stock_number, by=cast.assistant, place=ny.desk)
    assert refusal.value.message == f"Intake desk (NY) is not part of Count {session.pk}; choose a place in it."
    assert _state(session) == (CountStatus.OPEN, 0, 0)


def test_an_import_with_bad_lines_imports_nothing_unless_asked(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny)
    services.count_scan(session=session, code=stocked.c.stock_number, by=cast.assistant, place=ny.tray1)
    content = (
        f"code,scanned_at\n{stocked.a.stock_number},10:01\nNOT-A-TAG,10:02\n\n"
        f"{stocked.b.stock_number},10:03\n{stocked.a.stock_number},10:04\n{stocked.c.stock_number},10:05\n"
    ).encode()
    before = _state(session)
    with unchanged(), pytest.raises(services.CountImportRefused) as refusal:
        services.count_import(
            session=session, content=content, filename="scanner.csv", by=cast.assistant, place=ny.tray1
        )
    assert refusal.value.message == (
        "3 lines of scanner.csv could not be read; nothing was imported. "
        "Correct the file, or choose to keep the good lines."
    )
    assert refusal.value.bad_lines == [
        "Line 3: ‘NOT-A-TAG’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, "
        "check digit).",
        f"Line 6: {stocked.a.stock_number} is already on line 2.",
        f"Line 7: {stocked.c.stock_number} was already scanned in this count.",
    ]
    assert _state(session) == before

    result = services.count_import(
        session=session, content=content, filename="scanner.csv", by=cast.assistant, place=ny.tray1, keep_good=True
    )
    assert (result.imported, result.unknown, len(result.skipped)) == (2, 0, 3)
    assert set(CountScan.objects.filter(session=session).values_list("code", flat=True)) == {
        stocked.a.stock_number,
        stocked.b.stock_number,
        stocked.c.stock_number,
    }
    assert set(
        CountScan.objects.filter(session=session, source="import:scanner.csv").values_list("code", flat=True)
    ) == {
        stocked.a.stock_number,
        stocked.b.stock_number,
    }


def test_plain_text_export_is_read_line_by_line(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny)
    content = f"{stocked.a.stock_number}\r\n{stocked.b.stock_number}\r\n".encode()
    result = services.count_import(
        session=session, content=content, filename="scan.txt", by=cast.assistant, place=ny.tray1
    )
    assert (result.imported, result.skipped) == (2, [])
    assert _state(session)[1] == 2


def _finished_with_discrepancies(cast: Cast, ny: world.Places, stocked: Stock) -> CountSession:
    session = _safe_count(cast, ny)
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    services.count_scan(session=session, code=stocked.c.stock_number, by=cast.assistant, place=ny.tray1)
    return finish(session, by=cast.assistant)


def test_finish_fixes_the_discrepancies(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    rows = {
        (row.kind, row.code, row.found_at_id, row.system_location_id)
        for row in CountDiscrepancy.objects.filter(session=session)
    }
    assert rows == {
        (DiscrepancyKind.MISPLACED, stocked.c.stock_number, ny.tray1.pk, ny.tray2.pk),
        (DiscrepancyKind.MISSING, stocked.b.stock_number, None, ny.tray1.pk),
    }
    assert session.status == CountStatus.RECONCILING
    assert {key: session.summary[key] for key in ("found", "misplaced", "missing", "unexpected")} == {
        "found": 1,
        "misplaced": 1,
        "missing": 1,
        "unexpected": 0,
    }


def test_resolution_by_count_adjustment_recount_and_escalation(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    misplaced = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISPLACED)
    missing = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISSING)

    with unchanged(), pytest.raises(services.CountError) as auditor:
        services.count_resolve(discrepancy=misplaced, action=Resolution.ADJUSTED, by=cast.auditor, reason="Found")
    assert auditor.value.message == "Ruth Klein (Auditor) may not resolve count discrepancies."
    with unchanged(), pytest.raises(InvalidInput) as no_one:
        services.count_resolve(discrepancy=missing, action=Resolution.ESCALATED, by=cast.senior, reason="Gone")
    assert no_one.value.message == "Name the person this is escalated to."
    missing.refresh_from_db()
    assert missing.resolution == ""

    events = CustodyEvent.objects.count()
    adjusted = services.count_resolve(
        discrepancy=misplaced, action=Resolution.ADJUSTED, by=cast.senior, reason="Found in tray 1"
    )
    assert CustodyEvent.objects.count() == events + 1
    event = adjusted.event
    assert event is not None
    assert (event.kind, event.to_location_id, event.staff_id, event.cause) == (
        EventKind.COUNT_ADJUSTMENT,
        ny.tray1.pk,
        cast.senior.pk,
        f"count:{session.pk}",
    )
    assert event.reason == f"Found in tray 1 (Count {session.pk}: counted by Marcus Hale, witnessed by Ruth Klein)"
    assert adjusted.witnessed_by == cast.auditor
    assert event.witness_id == cast.auditor.pk  # the count's witness is on the ledger event itself
    assert world.fresh(stocked.c).location_id == ny.tray1.pk

    with unchanged(), pytest.raises(services.CountError) as twice:
        services.count_resolve(discrepancy=misplaced, action=Resolution.RECOUNT, by=cast.senior, reason="Again")
    assert twice.value.message == (
        f"{stocked.c.stock_number} was already settled: count adjustment recorded by Eleanor Whitcombe."
    )
    escalated = services.count_resolve(
        discrepancy=missing,
        action=Resolution.ESCALATED,
        by=cast.senior,
        reason="Not in the safe",
        escalate_to=cast["harriet"],
    )
    assert (escalated.resolution, escalated.escalated_to) == (Resolution.ESCALATED, cast["harriet"])


def test_a_recount_cannot_settle_a_missing_piece(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    missing = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISSING)
    events = CustodyEvent.objects.count()
    for action in (Resolution.RECOUNT, Resolution.ADJUSTED):
        with pytest.raises(InvalidInput) as refusal:
            services.count_resolve(discrepancy=missing, action=action, by=cast.senior, reason="Recounted: there")
        words = "a recount" if action == Resolution.RECOUNT else "a count adjustment"
        assert refusal.value.message == (
            f"{stocked.b.stock_number} is missing: {words} cannot settle it; record where it was found, "
            "record it missing, or escalate it."
        )
    missing.refresh_from_db()
    assert (missing.resolution, missing.note, missing.event_id) == ("", "", None)
    assert CustodyEvent.objects.count() == events


def test_closing_is_refused_while_a_missing_piece_is_neither_found_nor_recorded_missing(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    with unchanged(), pytest.raises(services.CountError) as unsettled:
        services.count_sign_off(session=session, by=cast.senior)
    assert unsettled.value.message == (
        f"2 discrepancies are not yet resolved or escalated ({stocked.b.stock_number}, {stocked.c.stock_number}); "
        "settle each before signing off."
    )
    misplaced = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISPLACED)
    missing = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISSING)
    services.count_resolve(discrepancy=misplaced, action=Resolution.RECOUNT, by=cast.senior, reason="It was tray 2")
    services.count_resolve(
        discrepancy=missing,
        action=Resolution.ESCALATED,
        by=cast.senior,
        reason="Ask Harriet",
        escalate_to=cast["harriet"],
    )
    with unchanged(), pytest.raises(services.CountError) as disproved:
        services.count_sign_off(session=session, by=cast.senior)
    assert disproved.value.message == (
        f"1 missing piece is neither found nor recorded missing ({stocked.b.stock_number}); the ledger still "
        "places it where the count did not find it. Record where it was found, or record it missing, before "
        "signing off."
    )
    session.refresh_from_db()
    assert (session.status, CountSignOff.objects.filter(session=session).count()) == (CountStatus.RECONCILING, 0)
    assert world.fresh(stocked.b).location_id == ny.tray1.pk


def test_a_missing_piece_recorded_missing_is_flagged_until_found(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    misplaced = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISPLACED)
    missing = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISSING)
    services.count_resolve(discrepancy=misplaced, action=Resolution.RECOUNT, by=cast.senior, reason="It was tray 2")
    recorded = services.count_resolve(
        discrepancy=missing, action=Resolution.RECORDED_MISSING, by=cast.senior, reason="Not in the safe or trays"
    )
    event = recorded.event
    assert event is not None
    assert (event.kind, event.from_location_id, event.to_location_id, event.witness_id, event.cause) == (
        EventKind.COUNT_ADJUSTMENT,
        ny.tray1.pk,
        ny.tray1.pk,
        cast.auditor.pk,
        f"count_missing:{session.pk}",
    )
    assert event.reason == (
        f"Not found by the count: Not in the safe or trays (Count {session.pk}: counted by Marcus Hale, "
        "witnessed by Ruth Klein)"
    )
    assert world.fresh(stocked.b).is_recorded_missing
    assert not world.fresh(stocked.a).is_recorded_missing
    services.count_sign_off(session=session, by=cast.senior)
    assert services.count_sign_off(session=session, by=cast.auditor).status == CountStatus.CLOSED

    # The next count scans it in its tray: the scan says so, and the count adjustment ends the flag.
    later = _safe_count(cast, ny)
    outcome = services.count_scan(session=later, code=stocked.b.stock_number, by=cast.assistant, place=ny.tray1)
    assert (outcome.result, outcome.message) == (
        ScanResult.NOT_HERE,
        f"{stocked.b.stock_number} · Ring B is recorded missing (last known at Tray 1 (NY)); noted as found here, "
        "to be settled when the count is reconciled.",
    )
    later = finish(later, by=cast.assistant)
    again = CountDiscrepancy.objects.get(session=later, code=stocked.b.stock_number)
    assert (again.kind, again.found_at_id, again.system_location_id) == (
        DiscrepancyKind.MISPLACED,
        ny.tray1.pk,
        ny.tray1.pk,
    )
    services.count_resolve(discrepancy=again, action=Resolution.ADJUSTED, by=cast.senior, reason="Back in tray 1")
    assert not world.fresh(stocked.b).is_recorded_missing
    assert world.fresh(stocked.b).location_id == ny.tray1.pk


def test_a_missing_piece_found_where_the_ledger_has_it_needs_no_event(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    missing = CountDiscrepancy.objects.get(session=session, kind=DiscrepancyKind.MISSING)
    events = CustodyEvent.objects.count()
    with pytest.raises(InvalidInput) as nowhere:
        services.count_resolve(discrepancy=missing, action=Resolution.FOUND, by=cast.senior, reason="Under the pad")
    assert nowhere.value.message == f"Choose the place where {stocked.b.stock_number} was found."
    found = services.count_resolve(
        discrepancy=missing, action=Resolution.FOUND, by=cast.senior, reason="Under the pad", found_at=ny.tray1
    )
    assert (found.resolution, found.found_at_id, found.event_id) == (Resolution.FOUND, ny.tray1.pk, None)
    assert CustodyEvent.objects.count() == events
    elsewhere = _finished_with_discrepancies(cast, ny, stocked)
    other = CountDiscrepancy.objects.get(session=elsewhere, kind=DiscrepancyKind.MISSING)
    moved = services.count_resolve(
        discrepancy=other, action=Resolution.FOUND, by=cast.senior, reason="In tray 2", found_at=ny.tray2
    )
    assert moved.event is not None and moved.event.to_location_id == ny.tray2.pk
    assert world.fresh(stocked.b).location_id == ny.tray2.pk


def test_the_witness_signs_the_close_with_their_own_password(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    from django.conf import settings

    from parure.inventory.errors import WitnessRefused

    session = _safe_count(cast, ny)
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    before = _state(session)
    with pytest.raises(WitnessRefused) as wrong:
        services.count_witness_confirm(session=session, username="ruth", password="not-her-password", by=cast.assistant)
    assert wrong.value.message == "The witness's username and password do not match an active account."
    with pytest.raises(WitnessRefused) as counter:
        services.count_witness_confirm(
            session=session, username="marcus", password=settings.PARURE_DEMO_PASSWORD, by=cast.senior
        )
    assert counter.value.message == (
        f"Marcus Hale counted Count {session.pk}; the witness must be a second person, not the counter."
    )
    with pytest.raises(WitnessRefused) as stranger:
        services.count_witness_confirm(
            session=session, username=cast.logistics.username, password=settings.PARURE_DEMO_PASSWORD, by=cast.assistant
        )
    assert stranger.value.message == (
        f"Count {session.pk} is witnessed by Ruth Klein, who must sign here; {cast.logistics} was not named as "
        "its witness."
    )
    session.refresh_from_db()
    assert _state(session) == before and session.witnessed_at is None and session.finished_at is None

    finished = finish(session, by=cast.assistant)
    assert finished.status == CountStatus.RECONCILING
    assert finished.witnessed_at is not None and finished.witnessed_at <= finished.finished_at


def test_progress_counts_only_expected_pieces(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny, mode="guided")
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    services.count_scan(session=session, code=stocked.d.stock_number, by=cast.assistant, place=ny.tray1)  # the desk's
    services.count_scan(session=session, code=str(StockNumber("NY", 26, 999999)), by=cast.assistant, place=ny.tray1)
    session.refresh_from_db()
    assert (session.expected_scanned, session.expected_count, session.scanned_count) == (1, 3, 2)
    assert session.progress_percent == 33


def test_a_piece_of_another_tray_is_misplaced_not_unexpected(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _safe_count(cast, ny, location=ny.tray2)
    outcome = services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray2)
    assert outcome.result == ScanResult.NOT_HERE
    session = finish(session, by=cast.assistant)
    rows = {(row.kind, row.code) for row in CountDiscrepancy.objects.filter(session=session)}
    assert rows == {
        (DiscrepancyKind.MISPLACED, stocked.a.stock_number),
        (DiscrepancyKind.MISSING, stocked.c.stock_number),
    }
    assert (session.summary["misplaced"], session.summary["unexpected"]) == (1, 0)


def test_a_piece_moved_out_during_the_count_stays_to_be_accounted_for(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    from parure.inventory.counts import queries

    session = _safe_count(cast, ny)
    assert queries.move_warning(stock_number=stocked.b.stock_number, place=ny.tray1) == (
        f"Count {session.pk} (Safe A (NY)) is being counted here: moving {stocked.b.stock_number} out now leaves it "
        "for the count to account for when it is reconciled."
    )
    custody.item_move(item=stocked.b, to=ny.desk, by=cast.senior, reason="To the desk")
    assert queries.move_warning(stock_number=stocked.b.stock_number, place=ny.tray1, to=ny.tray2) == ""
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    services.count_scan(session=session, code=stocked.c.stock_number, by=cast.assistant, place=ny.tray2)
    session = finish(session, by=cast.assistant)
    moved = CountDiscrepancy.objects.get(session=session, code=stocked.b.stock_number)
    assert (moved.kind, moved.system_location_id, moved.found_at_id) == (DiscrepancyKind.MOVED, ny.desk.pk, None)
    assert session.summary["moved"] == 1 and session.summary["missing"] == 0
    with pytest.raises(services.CountError):
        services.count_sign_off(session=session, by=cast.senior)
    services.count_resolve(
        discrepancy=moved, action=Resolution.CONFIRMED, by=cast.senior, reason="Seen on the intake desk"
    )
    services.count_sign_off(session=session, by=cast.senior)
    assert services.count_sign_off(session=session, by=cast.auditor).status == CountStatus.CLOSED


def test_a_piece_that_left_is_not_missing_and_one_that_arrived_is_expected(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    session = _safe_count(cast, ny)
    custody.item_move(item=stocked.b, to=ny.desk, by=cast.senior, reason="To the desk")  # left
    custody.item_move(item=stocked.d, to=ny.tray2, by=cast.senior, reason="Into the safe")  # arrived
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    services.count_scan(session=session, code=stocked.c.stock_number, by=cast.assistant, place=ny.tray2)
    from parure.inventory.counts.reconcile import reconcile

    result = reconcile(session)
    assert result.found == 2
    assert [line.code for line in result.missing] == [stocked.d.stock_number]
    assert result.left_during_count == [stocked.b.pk]
    assert result.arrived_during_count == [stocked.d.pk]
    assert result.expected_now == 3
