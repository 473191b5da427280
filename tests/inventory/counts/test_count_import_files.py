"""A scanner's file into a count: bounded, refused plainly when it is not a scanner export, and
imported in the background, with its progress, when it is large."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parure.core.models import BackgroundJob
from parure.inventory.counts import services
from parure.inventory.counts.models import CountScan, CountSession
from parure.inventory.errors import InvalidInput
from parure.inventory.numbers import StockNumber
from tests.conftest import Cast, signed_in
from tests.inventory import world
from tests.inventory.counts.conftest import Stock

UNREADABLE = (
    "scanner.csv is not a scanner export that can be read; export it again as plain text or CSV, one code a line."
)


def _count(cast: Cast, ny: world.Places) -> CountSession:
    return services.count_start(
        scope="location", location=ny.safe, mode="blind", counter=cast.assistant, witness=cast.auditor,
        by=cast.assistant,
    )  # fmt: skip


def _state(session: CountSession) -> tuple[Any, ...]:
    session.refresh_from_db()
    return (session.status, session.scanned_count, CountScan.objects.filter(session=session).count())


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 64,  # random binary (an image, a zip)
        b"NY-26-000001-" + b"7" * 131_073 + b"\n",  # one line over the CSV reader's 131,072 characters
        b'"NY-26-000001-7\n' + b"x" * 140_000,  # a quote left open: one field runs to the end
    ],
    ids=["binary", "over-long line", "open quote"],
)
def test_a_file_that_is_not_a_scanner_export_is_refused_plainly(
    cast: Cast, ny: world.Places, stocked: Stock, content: bytes
) -> None:
    session = _count(cast, ny)
    before = _state(session)
    with pytest.raises(InvalidInput) as refusal:
        services.count_import(session=session, content=content, filename="scanner.csv", by=cast.assistant,
                              place=ny.tray1)  # fmt: skip
    assert refusal.value.message == UNREADABLE
    assert _state(session) == before
    browser = signed_in(cast.assistant)
    page = browser.post(
        f"/inventory/counts/{session.pk}/import/",
        {"file": SimpleUploadedFile("scanner.csv", content), "place": ny.tray1.pk},
    )
    if len(content) > services.IMPORT_BACKGROUND_FROM_BYTES:  # read by the worker; refused there
        job = BackgroundJob.objects.get()
        assert (job.state, job.summary, job.errors, job.upload) == ("failed", UNREADABLE, [], None)
        shown = browser.get(page["Location"]).content
    else:
        assert page.status_code == 422
        shown = page.content
    assert UNREADABLE in shown.decode()
    assert b"7777777777" not in shown and b"xxxxxxxxxx" not in shown
    assert _state(session) == before


def test_a_file_over_the_limit_is_refused_unread(
    cast: Cast, ny: world.Places, stocked: Stock, monkeypatch: Any
) -> None:
    from django.core.files.uploadedfile import TemporaryUploadedFile

    def never(*args: Any) -> None:
        raise AssertionError("the upload was read")

    monkeypatch.setattr(TemporaryUploadedFile, "read", property(lambda upload: never))
    session = _count(cast, ny)
    content = (stocked.a.stock_number + "\n").encode() * 180_000  # 2.7 MB, kept on disk while the request is read
    page = signed_in(cast.assistant).post(
        f"/inventory/counts/{session.pk}/import/",
        {"file": SimpleUploadedFile("scanner.csv", content), "place": ny.tray1.pk},
    )
    assert page.status_code == 413
    assert "The file is larger than 2 MB; split it into smaller files." in page.content.decode()
    assert stocked.a.stock_number.encode() not in page.content.split(b'id="import-heading"', 1)[1][:2000]
    assert _state(session)[2] == 0


def test_a_large_file_is_imported_in_the_background_and_its_progress_reaches_the_total(
    cast: Cast, ny: world.Places, stocked: Stock
) -> None:
    session = _count(cast, ny)
    codes = [stocked.a.stock_number, stocked.b.stock_number] + [
        str(StockNumber("NY", 26, 900_000 + n)) for n in range(598)
    ]
    content = "code,scanned_at,device\n" + "".join(
        f"{code},2026-12-01T10:01:00+00:00,scanner-7 battery ok\n" for code in codes
    )
    assert len(content) > services.IMPORT_BACKGROUND_FROM_BYTES
    browser = signed_in(cast.assistant)
    response = browser.post(
        f"/inventory/counts/{session.pk}/import/",
        {"file": SimpleUploadedFile("scanner.csv", content.encode()), "place": ny.tray1.pk},
    )
    job = BackgroundJob.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.done, job.total, job.upload) == (
        "inventory.count_import",
        "succeeded",
        600,
        600,
        None,
    )
    assert job.summary == "Imported 600 codes (598 unknown)."
    assert job.result_url == f"/inventory/counts/{session.pk}/"
    assert _state(session)[1:] == (2, 600)
    assert "Imported 600 codes (598 unknown)." in browser.get(response["Location"]).content.decode()


def test_the_api_imports_a_scanner_file_through_the_same_service(cast: Cast, ny: world.Places, stocked: Stock) -> None:
    session = _count(cast, ny)
    api = signed_in(cast.assistant)
    url = f"/api/v1/inventory/counts/{session.pk}/import"
    bad = f"{stocked.a.stock_number}\nNOT-A-TAG\n".encode()
    refused = api.post(url, {"file": SimpleUploadedFile("scan.txt", bad), "place": ny.tray1.pk})
    assert (refused.status_code, refused.json()) == (
        422,
        {
            "status": 422, "code": "bad_lines", "fields": {"file": [
                "Line 2: ‘NOT-A-TAG’ is not a stock number; they look like NY-26-000123-7 (office, year, six digits, "
                "check digit)."
            ]},
            "message": "1 line of scan.txt could not be read; nothing was imported. Correct the file, or choose to keep "
            "the good lines.",
        },
    )  # fmt: skip
    assert _state(session)[2] == 0
    kept = api.post(url, {"file": SimpleUploadedFile("scan.txt", bad), "place": ny.tray1.pk, "keep_good": "true"})
    assert kept.json() == {
        "imported": 1, "unknown": 0, "skipped": [refused.json()["fields"]["file"][0]],
    }  # fmt: skip
    too_large = api.post(url, {"file": SimpleUploadedFile("scan.txt", b"NY\n" * 800_000)})
    assert (too_large.status_code, too_large.json()["message"]) == (
        413, "The file is larger than 2 MB; split it into smaller files.",
    )  # fmt: skip
    assert _state(session)[2] == 1
