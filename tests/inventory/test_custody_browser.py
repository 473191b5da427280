"""Custody flows a person walks, in Debian's Chromium: four eyes on a valuable piece leaving the
vault, a transfer received by the other office, batch scanning, a release and a return to the
consignor. Each asserts what the page says and what the ledger and the pieces hold afterwards."""

from __future__ import annotations

import os
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from parure.inventory import services
from parure.inventory.choices import EventKind, ItemStatus, ReleaseReceiptStatus
from parure.inventory.models import CustodyEvent, Item, ReleaseReceipt
from tests.browser.test_platform import _watch_console, sign_in
from tests.conftest import Cast
from tests.inventory import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the test's own ORM reads are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def start(page: Any, live_server: Any, username: str, width: int = 1280) -> list[str]:
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch_console(page)
    sign_in(page, live_server, username)
    return problems


def script_problems(problems: list[str]) -> list[str]:
    """Console errors and CSP violations, without the 422 a refused form is answered with."""
    return [problem for problem in problems if "status of 422" not in problem]


def scan_to_item(page: Any, live_server: Any, stock_number: str) -> None:
    """``/`` focuses the scan box; the scanner types the code and Enter; the piece's page opens."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "scan-code"
    page.keyboard.type(stock_number)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{stock_number}/")


def last_event(item: Item) -> CustodyEvent:
    event = CustodyEvent.objects.filter(item=item).order_by("-seq").first()
    assert event is not None
    return event


def test_a_valuable_piece_leaves_the_vault_only_with_a_witness_who_types_their_password(
    live_server: Any, page: Any, cast: Cast, ny: world.Places, tiara: Item
) -> None:
    from django.conf import settings

    services.item_move(item=tiara, to=ny.tray1, by=cast.assistant)
    events = CustodyEvent.objects.count()
    problems = start(page, live_server, "marcus")
    scan_to_item(page, live_server, tiara.stock_number)

    # "m" opens the move; the place has the focus; the studio is out of the vault.
    page.keyboard.press("m")
    page.wait_for_url(f"{live_server.url}/inventory/items/{tiara.stock_number}/move/")
    assert page.evaluate("document.activeElement.name") == "to"
    page.keyboard.type("Photo")
    page.keyboard.press("Tab")  # reason
    page.keyboard.type("For the catalogue photographs")
    page.keyboard.press("Enter")

    # Without a witness: refused with the sentence, the form keeps what was typed, nothing moved.
    refusal = (
        f"{tiara.stock_number} is valued at or above New York's four-eyes threshold of $50,000.00; "
        "moving it out of the vault needs a witness."
    )
    expect(page.get_by_text(refusal)).to_be_visible()
    expect(page.get_by_label("Reason (optional)")).to_have_value("For the catalogue photographs")
    assert (world.fresh(tiara).location, CustodyEvent.objects.count()) == (ny.tray1, events)

    # Sofia witnesses: her own username and password, typed at the same screen.
    page.get_by_label("Witness's username").focus()
    page.keyboard.type("sofia")
    page.keyboard.press("Tab")
    page.keyboard.type(settings.PARURE_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{tiara.stock_number}/")
    assert page.inner_text("#where-now").startswith("Photo studio")
    event = last_event(tiara)
    assert (event.kind, event.from_location, event.to_location, event.staff, event.witness, event.reason) == (
        EventKind.MOVE,
        ny.tray1,
        ny.studio,
        cast.assistant,
        cast["sofia"],
        "For the catalogue photographs",
    )
    expect(page.locator(".messages")).to_contain_text(
        f"{tiara.stock_number}: move recorded (Photo studio (NY), ledger event {event.seq})."
    )
    assert CustodyEvent.objects.count() == events + 1
    assert script_problems(problems) == []


def test_a_transfer_goes_with_the_carrier_and_is_received_by_the_other_office(
    live_server: Any, page: Any, cast: Cast, places: dict[str, world.Places], ring: Item
) -> None:
    geneva = places["GE"]
    problems = start(page, live_server, "daniel")
    scan_to_item(page, live_server, ring.stock_number)

    # New York's logistics hands it to the carrier: "t", the office, carrier, tracking, Enter.
    page.keyboard.press("t")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/transfer/")
    assert page.evaluate("document.activeElement.name") == "destination"
    page.keyboard.type("Geneva")
    page.keyboard.press("Tab")
    page.keyboard.type("Malca-Amit")
    page.keyboard.press("Tab")
    page.keyboard.type("MA-7730-2291")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/")
    expect(page.locator(".custody-card")).to_contain_text("In transit")
    piece = world.fresh(ring)
    assert (piece.status, piece.holder, piece.transfer_destination) == (
        ItemStatus.IN_TRANSIT,
        "Malca-Amit",
        geneva.office,
    )
    out = last_event(ring)
    assert (out.kind, out.staff, out.counterpart, out.tracking_number, out.destination) == (
        EventKind.TRANSFER_OUT,
        cast.logistics,
        "Malca-Amit",
        "MA-7730-2291",
        geneva.office,
    )

    # In Geneva, Camille scans it in from the carrier and puts it in a tray: "r", the place, Enter.
    page.context.clear_cookies()
    sign_in(page, live_server, "camille")
    scan_to_item(page, live_server, ring.stock_number)
    page.keyboard.press("r")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/receive/")
    assert page.evaluate("document.activeElement.name") == "to"
    page.get_by_label("Put it in").select_option(str(geneva.tray1.pk))
    page.keyboard.press("Tab")
    page.keyboard.type("Seals intact, matches the manifest")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/")
    assert page.inner_text("#where-now").startswith("Tray 1")
    expect(page.locator(".custody-card")).to_contain_text("In the house")
    piece = world.fresh(ring)
    assert (piece.status, piece.location, piece.office.code, piece.holder, piece.transfer_destination) == (
        ItemStatus.IN_HOUSE,
        geneva.tray1,
        "NY",  # the intake office stays; the place is Geneva's
        "",
        None,
    )
    received = last_event(ring)
    assert (received.kind, received.staff, received.to_location, received.reason) == (
        EventKind.TRANSFER_IN,
        cast["camille"],
        geneva.tray1,
        "Seals intact, matches the manifest",
    )
    assert script_problems(problems) == []


@pytest.mark.parametrize("width", [1280, 768])
def test_batch_scanning_says_what_each_scan_found_and_moves_all_the_pieces_at_once(
    live_server: Any, page: Any, cast: Cast, ny: world.Places, client_file: Any, width: int
) -> None:
    first, second = world.take_in(cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch"))
    problems = start(page, live_server, "marcus", width)
    page.goto(f"{live_server.url}/inventory/batch/")
    assert page.evaluate("document.activeElement.id") == "batch-code"
    feedback = page.locator("#scan-feedback")

    box = page.locator("#batch-code")

    def scan(code: str) -> None:
        """The scanner types the code and Enter; the box is cleared and keeps the focus for the next."""
        page.keyboard.type(code)
        page.keyboard.press("Enter")
        expect(feedback).not_to_have_text("Ready to scan.")
        expect(box).to_have_value("")
        expect(box).to_be_focused()

    scan(first.stock_number)
    expect(feedback).to_have_text(f"{first.stock_number} · {first.title}")
    expect(page.locator("#batch-lines tr")).to_have_count(1)
    mistyped = first.stock_number[:-1] + str((int(first.stock_number[-1]) + 1) % 10)
    scan(mistyped)
    expect(feedback).to_contain_text("wrong check digit")
    scan(first.stock_number)
    expect(feedback).to_contain_text(f"{first.stock_number} is already in this batch.")
    scan(second.stock_number)
    expect(feedback).to_have_text(f"{second.stock_number} · {second.title}")
    expect(page.locator("#batch-lines tr")).to_have_count(2)
    expect(page.locator("[data-batch-count]")).to_have_text("2")
    assert CustodyEvent.objects.filter(kind=EventKind.MOVE).count() == 0  # scanning records nothing

    page.get_by_label("What to do").select_option("move")
    page.get_by_label("Place", exact=True).select_option(str(ny.tray2.pk))
    page.get_by_role("button", name="Confirm for all scanned pieces").click()
    expect(page.locator(".messages")).to_contain_text("2 pieces: move to a place recorded.")
    assert {world.fresh(piece).location for piece in (first, second)} == {ny.tray2}
    moves = CustodyEvent.objects.filter(kind=EventKind.MOVE).order_by("seq")
    assert [(event.item_id, event.to_location_id, event.staff_id) for event in moves] == [
        (first.pk, ny.tray2.pk, cast.assistant.pk),
        (second.pk, ny.tray2.pk, cast.assistant.pk),
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert script_problems(problems) == []


def test_a_release_needs_its_paperwork_and_takes_the_piece_out_of_our_custody(
    live_server: Any, page: Any, cast: Cast, ny: world.Places, ring: Item
) -> None:
    problems = start(page, live_server, "eleanor")
    scan_to_item(page, live_server, ring.stock_number)
    page.get_by_role("link", name="Release", exact=True).click()
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/release/")
    assert page.evaluate("document.activeElement.name") == "cause"

    # A description where the record reference belongs is refused beside the field.
    page.keyboard.type("sold to Mrs X")
    page.keyboard.press("Tab")
    page.keyboard.type("Collected by the buyer")
    page.keyboard.press("Enter")
    expect(
        page.get_by_text(
            "‘sold to Mrs X’ is not a record reference; write it as kind:number, e.g. shipment:NY-S-26-00012-4."
        )
    ).to_be_visible()
    expect(page.get_by_label("Handed to")).to_have_value("Collected by the buyer")
    assert world.fresh(ring).status == ItemStatus.IN_HOUSE and ring.custody_events.count() == 1

    # No invoice of that number is paid: billing refuses, and the senior specialist overrides with a reason.
    page.get_by_label("Paperwork").fill("invoice:NY-I-26-00042-1")
    page.get_by_label("Handed to").press("Enter")
    expect(page.get_by_text("A senior specialist may release it before payment, with a reason.")).to_be_visible()
    assert world.fresh(ring).status == ItemStatus.IN_HOUSE
    page.get_by_label("Release before the invoice is paid in full (senior specialist)").check()
    page.get_by_label("Reason").fill("Paid at the counter; the bank's confirmation follows.")
    page.get_by_label("Handed to").press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/")
    assert page.inner_text("#where-now").startswith("Released")
    piece = world.fresh(ring)
    assert (piece.status, piece.holder) == (ItemStatus.RELEASED, "Collected by the buyer")
    event = last_event(ring)
    assert (event.kind, event.cause, event.counterpart, event.staff, event.from_location) == (
        EventKind.RELEASE,
        "invoice:NY-I-26-00042-1",
        "Collected by the buyer",
        cast.senior,
        ny.desk,
    )
    # The piece's page no longer offers to move it.
    expect(page.get_by_role("link", name=re.compile(r"^Move"))).to_have_count(0)
    assert script_problems(problems) == []


def test_a_return_to_the_consignor_is_recorded_only_against_a_signed_release_receipt(
    live_server: Any, page: Any, cast: Cast, ny: world.Places, client_file: Any
) -> None:
    ring, brooch = world.take_in(cast.senior, client_file, world.piece(), world.piece("Diamond clip brooch"))
    consignment = ring.consignment
    assert consignment is not None
    problems = start(page, live_server, "eleanor")
    page.goto(f"{live_server.url}/inventory/consignments/{consignment.number}/")
    page.get_by_role("link", name="Return to consignor").click()
    page.wait_for_url(f"{live_server.url}/inventory/consignments/{consignment.number}/return/")

    # The ring goes back; the brooch stays.
    page.get_by_label(re.compile(re.escape(ring.stock_number))).check()
    page.get_by_label("Collected by").fill("Mrs Catherine Vandermeer")
    page.get_by_label("Identity seen").fill("Passport ending 4471")
    page.get_by_role("button", name="Prepare the release receipt").click()
    page.wait_for_url(re.compile(r".*/inventory/release-receipts/NY-R-[^/]+/$"))
    receipt = ReleaseReceipt.objects.get()
    expect(page.locator(".messages")).to_contain_text(
        f"Release receipt {receipt.number} prepared: print it for signature."
    )
    assert list(receipt.items.all()) == [ring] and receipt.status == ReleaseReceiptStatus.PREPARED
    assert world.fresh(ring).status == ItemStatus.IN_HOUSE  # nothing moves before the signature

    # Recording it before the signature is confirmed is refused, and nothing leaves.
    page.get_by_role("button", name="Record the return").click()
    expect(
        page.get_by_text(
            "A return to the consignor needs the release receipt signed by the person collecting; "
            "confirm the signature before recording it."
        )
    ).to_be_visible()
    assert world.fresh(ring).status == ItemStatus.IN_HOUSE and ring.custody_events.count() == 1

    page.get_by_label("The person collecting has signed the release receipt, and I have the signed copy.").check()
    page.get_by_role("button", name="Record the return").click()
    page.wait_for_url(f"{live_server.url}/inventory/consignments/{consignment.number}/")
    receipt.refresh_from_db()
    assert (receipt.status, receipt.recorded_by) == (ReleaseReceiptStatus.SIGNED, cast.senior)
    assert (world.fresh(ring).status, world.fresh(brooch).status) == (ItemStatus.RETURNED, ItemStatus.IN_HOUSE)
    event = last_event(ring)
    assert (event.kind, event.cause, event.counterpart, event.counterpart_client, event.staff) == (
        EventKind.RETURN_TO_CONSIGNOR,
        f"release_receipt:{receipt.number}",
        "Mrs Catherine Vandermeer",
        client_file,
        cast.senior,
    )
    assert script_problems(problems) == []


def test_a_check_out_due_tomorrow_typed_in_words_and_a_return_with_enter_on_the_place_list(
    live_server: Any, page: Any, cast: Cast, ny: world.Places, ring: Item
) -> None:
    from django.utils import timezone

    from parure.inventory.due_back import parse_due_back

    problems = start(page, live_server, "marcus", width=768)
    scan_to_item(page, live_server, ring.stock_number)
    page.keyboard.press("c")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/check-out/")
    assert page.evaluate("document.activeElement.name") == "to"
    page.keyboard.type("Photo")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "due_back"
    page.keyboard.press("Control+a")
    page.keyboard.type("tomorrow 17:00")
    page.keyboard.press("Tab")  # the picker is out of the Tab order: on to "Taken by"
    assert page.evaluate("document.activeElement.name") == "counterpart"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/")
    zone = ZoneInfo("America/New_York")
    assert world.fresh(ring).due_back == parse_due_back("tomorrow 17:00", now=timezone.now(), zone=zone)
    assert world.fresh(ring).location == ny.studio

    # The return form opens on its place list, offering where the piece came from; Enter submits.
    page.keyboard.press("r")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/return/")
    assert page.evaluate("document.activeElement.name") == "to"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inventory/items/{ring.stock_number}/")
    assert last_event(ring).kind == EventKind.RETURN
    assert world.fresh(ring).status == ItemStatus.IN_HOUSE
    assert script_problems(problems) == []
