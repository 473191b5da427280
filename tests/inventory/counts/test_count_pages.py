"""The count pages and API end to end: scanning with htmx, the API's answers and errors, the
reports read back, the My-day panel, and list pages whose query count does not grow with rows."""

from __future__ import annotations

import io
import json
import zoneinfo
from collections.abc import Callable
from typing import Any

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from parure.inventory import services as custody
from parure.inventory.counts import services
from parure.inventory.counts.choices import Resolution
from parure.inventory.counts.models import CountDiscrepancy, CountScan, CountSession
from tests.conftest import Cast, signed_in
from tests.inventory import world
from tests.inventory.counts.conftest import Stock, finish


def _count(cast: Cast, ny: world.Places, mode: str = "blind") -> CountSession:
    return services.count_start(
        scope="location", location=ny.safe, mode=mode, counter=cast.assistant, witness=cast.auditor, by=cast.assistant
    )


def test_scanning_on_the_page_answers_at_once(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _count(cast, ny, mode="guided")
    browser = signed_in(cast.assistant)
    page = browser.get(f"/inventory/counts/{session.pk}/")
    assert page.status_code == 200
    assert b'<progress id="count-progress-bar" value="0" max="3">' in page.content
    url = f"/inventory/counts/{session.pk}/scan/"
    found = browser.post(url, {"code": stocked.a.stock_number, "place": ny.tray1.pk}, headers={"HX-Request": "true"})
    assert found.status_code == 200
    body = found.content.decode()
    assert 'data-result="found"' in body and "Ring A" in body
    assert '<progress id="count-progress-bar" value="1" max="3">' in body
    again = browser.post(url, {"code": stocked.a.stock_number, "place": ny.tray1.pk}, headers={"HX-Request": "true"})
    assert 'data-result="already"' in again.content.decode()
    bad = browser.post(url, {"code": "hello", "place": ny.tray1.pk}, headers={"HX-Request": "true"})
    assert 'data-result="malformed"' in bad.content.decode()
    assert "‘hello’ is not a stock number" in bad.content.decode()
    assert CountScan.objects.filter(session=session).count() == 1


def test_import_page_lists_each_bad_line(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    session = _count(cast, ny)
    upload = SimpleUploadedFile("scan.txt", f"{stocked.a.stock_number}\nXX\n".encode(), content_type="text/plain")
    response = signed_in(cast.auditor).post(
        f"/inventory/counts/{session.pk}/import/", {"file": upload, "place": ny.tray1.pk}
    )
    assert response.status_code == 422
    assert "Line 2: ‘XX’ is not a stock number" in response.content.decode()
    assert not CountScan.objects.filter(session=session).exists()


def test_the_api_scans_and_reconciles(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    browser = signed_in(cast.auditor)
    started = browser.post(
        "/api/v1/inventory/counts",
        data=json.dumps(
            {"scope": "location", "location": ny.safe.pk, "mode": "guided", "counter": "ruth", "witness": "daniel"}
        ),
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    count_id = started.json()["id"]
    assert started.json()["expected"] == 3
    url = f"/api/v1/inventory/counts/{count_id}/scans"
    scan = browser.post(
        url, data={"code": stocked.c.stock_number, "place": ny.tray1.pk}, content_type="application/json"
    )
    assert scan.status_code == 201
    assert scan.json()["result"] == "not_here" and scan.json()["scanned"] == 1
    duplicate = browser.post(
        url, data={"code": stocked.c.stock_number, "place": ny.tray1.pk}, content_type="application/json"
    )
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "already")
    malformed = browser.post(url, data={"code": "??"}, content_type="application/json")
    assert (malformed.status_code, malformed.json()["code"]) == (422, "malformed")
    result = browser.get(f"/api/v1/inventory/counts/{count_id}/reconciliation").json()
    assert [line["item"] for line in result["misplaced"]] == [stocked.c.stock_number]
    assert result["misplaced"][0]["system_location"] == ny.tray2.pk
    assert sorted(line["item"] for line in result["missing"]) == sorted(
        [stocked.a.stock_number, stocked.b.stock_number]
    )
    figures = browser.get("/api/v1/inventory/accountability").json()
    ny_figures = next(office for office in figures["offices"] if office["office"] == "NY")
    assert ny_figures["in_custody"] == 4 and ny_figures["by_kind"] == {"storage": 3, "work": 1}
    assert ny_figures["not_verified"] == 4


def test_reports_show_every_discrepancy_and_its_resolution(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _count(cast, ny)
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    services.count_scan(session=session, code=stocked.c.stock_number, by=cast.assistant, place=ny.tray1)
    finish(session, by=cast.assistant)
    for row in CountDiscrepancy.objects.filter(session=session):
        action = Resolution.FOUND if row.kind == "missing" else Resolution.RECOUNT
        services.count_resolve(
            discrepancy=row, action=action, by=cast.senior, reason="Seen again", found_at=row.system_location
        )
    services.count_sign_off(session=session, by=cast.senior)
    services.count_sign_off(session=session, by=cast.auditor)
    browser = signed_in(cast.auditor)
    pdf = browser.get(f"/inventory/counts/{session.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in (stocked.b.stock_number, stocked.c.stock_number, "Missing", "Misplaced", "Recounted", "Found"):
        assert expected in text
    session.refresh_from_db()
    assert session.witnessed_at is not None
    signed = timezone.localtime(session.witnessed_at, zoneinfo.ZoneInfo("America/New_York"))
    assert f"Witnessed by Ruth Klein, signed {signed:%-d %B %Y, %H:%M} {signed.tzname()}" in text
    xlsx = browser.get(f"/inventory/counts/{session.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["Discrepancies"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == sorted(
        [stocked.b.stock_number, stocked.c.stock_number], key=lambda n: n != stocked.c.stock_number
    )
    totals = {row[0]: row[1] for row in book["Count"].iter_rows(values_only=True) if row and row[0]}
    assert (totals["Found in place"], totals["Misplaced"], totals["Missing"]) == (1, 1, 1)
    history = browser.get(f"/inventory/counts/?place={ny.tray1.pk}")
    assert f"Count {session.pk}".encode() in history.content


def _pdf_text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)


def test_a_blind_count_shows_only_what_was_scanned_until_it_is_finished(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    session = _count(cast, ny)
    browser = signed_in(cast.assistant)
    started = browser.get(f"/inventory/counts/{session.pk}/").content.decode()
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    scanned = browser.post(
        f"/inventory/counts/{session.pk}/scan/",
        {"code": stocked.c.stock_number, "place": ny.tray2.pk},
        headers={"HX-Request": "true"},
    ).content.decode()
    page = browser.get(f"/inventory/counts/{session.pk}/").content.decode()
    reconciliation = browser.get(f"/inventory/counts/{session.pk}/reconciliation/").content.decode()
    listed = browser.get("/inventory/counts/").content.decode()
    report = _pdf_text(browser.get(f"/inventory/counts/{session.pk}/report.pdf"))
    assert 'Scanned <strong class="figure" data-scanned>2</strong> pieces' in page
    assert 'Pieces scanned <span class="figure">2</span>' in reconciliation
    leaks = ("of 3 expected", "data-expected", "Expected at the start", "Expected here", "3 pieces expected")
    for shown in (started, scanned, page, reconciliation, listed, report):
        assert not [leak for leak in leaks if leak in shown]
        assert stocked.b.stock_number not in shown  # the piece nobody scanned
    assert "Missing" not in reconciliation and "Expected at the start" not in report
    api = signed_in(cast.auditor)
    assert api.get(f"/api/v1/inventory/counts/{session.pk}").json()["expected"] is None
    refused = api.get(f"/api/v1/inventory/counts/{session.pk}/reconciliation")
    assert refused.status_code == 409
    assert refused.json()["message"] == (
        f"Count {session.pk} is a blind count still being scanned; its reconciliation is shown once scanning is "
        "finished."
    )

    finish(session, by=cast.assistant)
    after = browser.get(f"/inventory/counts/{session.pk}/reconciliation/").content.decode()
    assert 'Expected at the start <span class="figure">3</span>' in after
    assert stocked.b.stock_number in after


def test_finishing_on_the_page_needs_the_witness_password(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    from django.conf import settings

    session = _count(cast, ny)
    browser = signed_in(cast.assistant)
    url = f"/inventory/counts/{session.pk}/finish/"
    wrong = browser.post(url, {"witness_username": "ruth", "witness_password": "guess"})
    assert wrong.status_code == 422
    assert "The witness&#x27;s username and password do not match an active account." in wrong.content.decode()
    own = browser.post(url, {"witness_username": "marcus", "witness_password": settings.PARURE_DEMO_PASSWORD})
    assert own.status_code == 422
    assert (
        f"Marcus Hale counted Count {session.pk}; the witness must be a second person, not the counter."
        in own.content.decode()
    )
    session.refresh_from_db()
    assert (session.status, session.witnessed_at, session.finished_at) == ("open", None, None)
    done = browser.post(url, {"witness_username": "ruth", "witness_password": settings.PARURE_DEMO_PASSWORD})
    assert done.status_code == 302
    session.refresh_from_db()
    assert session.status == "reconciling" and session.witnessed_at is not None
    assert "· signed " in browser.get(f"/inventory/counts/{session.pk}/").content.decode()


def test_a_move_out_of_a_place_being_counted_warns_the_mover(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _count(cast, ny)
    browser = signed_in(cast.senior)
    form = browser.get(f"/inventory/items/{stocked.b.stock_number}/move/")
    sentence = (
        f"Count {session.pk} (Safe A (NY)) is being counted here: moving {stocked.b.stock_number} out now leaves it "
        "for the count to account for when it is reconciled."
    )
    assert sentence in form.content.decode()
    moved = browser.post(
        f"/inventory/items/{stocked.b.stock_number}/move/",
        {"to": ny.desk.pk, "reason": "To the desk", "expected_seq": stocked.b.custody_seq},
        follow=True,
    )
    assert (
        f"{stocked.b.stock_number} left a place that Count {session.pk} (Safe A (NY)) is counting: the count will "
        "ask for it to be accounted for when it is reconciled."
    ) in moved.content.decode()
    assert world.fresh(stocked.b).location_id == ny.desk.pk


def test_a_piece_recorded_missing_is_flagged_on_its_page_and_in_lists(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    session = _count(cast, ny)
    services.count_scan(session=session, code=stocked.a.stock_number, by=cast.assistant, place=ny.tray1)
    services.count_scan(session=session, code=stocked.c.stock_number, by=cast.assistant, place=ny.tray2)
    finish(session, by=cast.assistant)
    browser = signed_in(cast.assistant)
    flag = "Missing · not found at its count"
    assert flag not in browser.get(f"/inventory/items/{stocked.b.stock_number}/").content.decode()
    missing = CountDiscrepancy.objects.get(session=session, code=stocked.b.stock_number)
    services.count_resolve(
        discrepancy=missing, action=Resolution.RECORDED_MISSING, by=cast.senior, reason="Not in the safe"
    )
    assert flag in browser.get(f"/inventory/items/{stocked.b.stock_number}/").content.decode()
    listing = browser.get(reverse("inventory:items")).content.decode()
    assert listing.count(flag) == 1
    custody.item_move(item=world.fresh(stocked.b), to=ny.desk, by=cast.senior, reason="Found behind the safe")
    assert flag not in browser.get(f"/inventory/items/{stocked.b.stock_number}/").content.decode()


def test_my_day_shows_counts_due_for_the_office(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    home = signed_in(cast.assistant).get("/").content.decode()
    assert "Counts due" in home
    assert "Tray 1 (NY · V1/V1-SA/V1-SA-T01)" in home


def test_my_day_lists_six_places_due_then_links_to_the_rest(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    from django.test import RequestFactory

    from parure.core.registry import PanelRow
    from parure.inventory.counts import queries
    from parure.inventory.counts.hooks import counts_due_rows

    request = RequestFactory().get("/")
    request.user = cast.assistant
    due = queries.due_places(office=cast.assistant.office)
    rows = counts_due_rows(request)
    assert len(due) > 6
    assert len(rows) == 7
    assert rows[-1] == PanelRow(title=f"{len(due) - 6} more places are due", url="/inventory/counts/due/")


def _queries(fetch: Callable[[], Any]) -> int:
    fetch()
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def _grow(cast: Cast, ny: world.Places, client_file: Any, pieces: int, counts: int) -> CountSession:
    made = world.take_in(cast.senior, client_file, *[world.piece(f"Brooch {n}") for n in range(pieces)])
    for piece in made:
        custody.item_move(item=piece, to=ny.tray2, by=cast.senior, reason="Into the safe")
    session = None
    for _ in range(counts):
        session = _count(cast, ny, mode="guided")
        for piece in made[: pieces // 2]:
            services.count_scan(session=session, code=piece.stock_number, by=cast.assistant, place=ny.tray1)
    assert session is not None
    return session


@pytest.mark.parametrize(
    "url",
    [
        "/inventory/counts/",
        "/inventory/counts/{pk}/",
        "/inventory/counts/{pk}/reconciliation/",
        "/inventory/counts/due/",
        "/inventory/counts/accountability/",
    ],
)
def test_count_pages_do_not_grow_with_rows(cast: Cast, ny: world.Places, client_file: Any, url: str) -> None:
    browser = signed_in(cast.senior)
    small = _grow(cast, ny, client_file, 4, 2)
    few = _queries(lambda: browser.get(url.format(pk=small.pk)))
    large = _grow(cast, ny, client_file, 30, 6)
    many = _queries(lambda: browser.get(url.format(pk=large.pk)))
    assert many == few, f"{url}: {few} queries with few rows, {many} with many"
