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
from tests.inventory.counts.conftest import Stock


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

    services.count_finish(session=session, by=cast.assistant)
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
    return services.count_finish(session=session, by=cast.assistant)


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
    with unchanged(), pytest.raises(InvalidInput) as nowhere:
        services.count_resolve(discrepancy=missing, action=Resolution.ADJUSTED, by=cast.senior, reason="Gone")
    assert nowhere.value.message == (
        f"{stocked.b.stock_number} was not found anywhere in the count, so there is no place to adjust it to; "
        "recount or escalate it."
    )
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


def test_closing_needs_every_discrepancy_settled_and_two_people(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _finished_with_discrepancies(cast, ny, stocked)
    with unchanged(), pytest.raises(services.CountError) as unsettled:
        services.count_sign_off(session=session, by=cast.senior)
    assert unsettled.value.message == (
        f"2 discrepancies are not yet resolved or escalated ({stocked.b.stock_number}, {stocked.c.stock_number}); "
        "settle each before signing off."
    )
    assert not CountSignOff.objects.exists()
    for row in CountDiscrepancy.objects.filter(session=session):
        services.count_resolve(discrepancy=row, action=Resolution.RECOUNT, by=cast.senior, reason="Recounted: there")

    services.count_sign_off(session=session, by=cast.senior)
    with unchanged(), pytest.raises(services.CountError) as again:
        services.count_sign_off(session=session, by=cast.senior)
    assert again.value.message == f"You have already signed off Count {session.pk}; a second person must sign."
    session.refresh_from_db()
    assert (session.status, CountSignOff.objects.filter(session=session).count()) == (CountStatus.RECONCILING, 1)

    closed = services.count_sign_off(session=session, by=cast.auditor)
    assert closed.status == CountStatus.CLOSED
    assert closed.closed_at is not None
    with unchanged(), pytest.raises(services.CountError) as done:
        services.count_sign_off(session=session, by=cast["harriet"])
    assert done.value.message == f"Count {session.pk} is already closed."


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
