"""The sale's documents: the auctioneer's book (page, PDF and API, only for the roles that read
reserves and maxima), the bidder's absentee form and the sale catalogue built in the background,
each parsed back to its words."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from parure.auctions import catalogue_pdf, documents
from parure.auctions.choices import LotStatus
from parure.auctions.models import AbsenteeBid, Lot, Sale, TelephoneBid
from parure.auctions.visibility import AuctionViewer
from parure.catalogue.services.copy import copy_approve, copy_generate, copy_submit
from parure.core.choices import JobState
from parure.core.models import BackgroundJob, Staff
from tests.auctions import world
from tests.catalogue import photo_world
from tests.catalogue.copy_world import HEADING, cartier_record

pytestmark = pytest.mark.django_db


def words(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def granted_assistant() -> Staff:
    sofia = Staff.objects.get(username="sofia")
    sofia.user_permissions.add(Permission.objects.get(codename="view_reserves", content_type__app_label="core"))
    return Staff.objects.get(pk=sofia.pk)


@pytest.fixture
def book_sale(cast: Any, places: Any) -> Any:
    """Two lots: the first with a reserve and three absentee bids (a tie at 9,000 and a rounded OR bid),
    the second without reserve, with the OR bid's other half and a telephone line."""
    sale = world.sale(cast.senior)
    ring = world.lot(sale, cast.senior, heading="A sapphire and diamond ring", low="8000", high="12000", reserve="6100")
    brooch = world.lot(sale, cast.senior, heading="A diamond bow brooch", low="3000", high="5000", reserve=None)
    julian = world.bidder(sale)
    ada = world.bidder(sale, name="Mrs Ada Lindqvist")
    ben = world.bidder(sale, name="Mr Ben Okafor")
    world.absentee(ring, julian, "9000", minutes_before=120)
    world.absentee(ring, ada, "9000", minutes_before=60, channel="email")
    world.absentee(ring, ben, "7600", minutes_before=90, or_group="A")
    world.absentee(brooch, ben, "3000", minutes_before=90, or_group="A")
    # No telephone service on main yet: the line is recorded as the bids office would.
    TelephoneBid.objects.create(
        lot=brooch, registration=ada, line="1", staff=cast.assistant, language="Swedish", requested_by=cast.assistant
    )
    # Withdrawn before the sale (no service on main yet: the row as the sales service would leave it).
    tiara = world.lot(sale, cast.senior, heading="A diamond tiara", low="20000", high="30000", reserve="15000")
    Lot.objects.filter(pk=tiara.pk).update(
        status=LotStatus.WITHDRAWN, withdrawn_reason="The consignor sold it privately."
    )
    return sale, ring, brooch, julian, ada, ben


def test_the_book_lists_each_lot_with_its_reserve_bids_in_execution_order_lines_and_opening(
    cast: Any, book_sale: Any, client_for: Any
) -> None:
    sale, _ring, _brooch, julian, ada, ben = book_sale
    book = documents.auctioneers_book(sale, AuctionViewer(cast.senior))
    ring_row, brooch_row, tiara_row = book
    assert (tiara_row.label, tiara_row.withdrawn, tiara_row.withdrawn_reason, tiara_row.opening) == (
        "3", True, "The consignor sold it privately.", "",
    )  # fmt: skip
    # Two maxima of 9,000: the earlier received holds the bid at 9,000 from the start.
    assert (ring_row.label, ring_row.reserve, ring_row.opening) == (
        "1",
        Decimal("6100.00"),
        "Open at 9,000 on the book",
    )
    assert [(bid.rank, bid.paddle, bid.maximum, bid.given, bid.or_group) for bid in ring_row.bids] == [
        (1, julian.paddle, Decimal("9000.00"), None, ""),
        (2, ada.paddle, Decimal("9000.00"), None, ""),
        (3, ben.paddle, Decimal("7500.00"), Decimal("7600.00"), "A"),
    ]
    assert ring_row.bids[2].leaves_note == "Leaves the book if lot 2 is won."
    assert (brooch_row.reserve, brooch_row.opening) == (None, "Open at 1,500 on the book")
    assert [(phone.line, phone.paddle, phone.staff, phone.language) for phone in brooch_row.phones] == [
        ("1", ada.paddle, "Marcus Hale", "Swedish")
    ]

    response = client_for(cast.senior).get(f"/auctions/sales/{sale.code}/book.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = words(response.content)
    landscape = PdfReader(io.BytesIO(response.content)).pages[0].mediabox
    assert (float(landscape.width), float(landscape.height)) == (792.0, 612.0)  # Letter, landscape
    written = AbsenteeBid.objects.get(registration=julian, maximum=Decimal("9000"))
    received = written.received_at.astimezone(_ny()).strftime("%d %b %Y %H:%M")
    assert (
        "Lot 1 · A sapphire and diamond ring Estimate $8,000–$12,000 · Reserve $6,100 Opening: Open at 9,000 on the book"
        in text
    )
    assert f"1 {julian.paddle} Mr Julian Ashcombe $9,000 {received} Absentee bid form" in text
    assert f"3 {ben.paddle} Mr Ben Okafor $7,500" in text
    assert "A Leaves the book if lot 2 is won. Written as $7,600." in text
    assert "Lot 2 · A diamond bow brooch Estimate $3,000–$5,000 · No reserve Opening: Open at 1,500 on the book" in text
    assert f"1 {ada.paddle} Mrs Ada Lindqvist Marcus Hale Swedish" in text
    assert "Lot 3 · A diamond tiara Withdrawn: The consignor sold it privately." in text

    page = client_for(cast.senior).get(f"/auctions/sales/{sale.code}/book/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'Reserve <span class="num">$6,100</span>' in html and "$9,000" in html


def _ny() -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo("America/New_York")


def test_only_the_roles_that_read_reserves_get_the_book(cast: Any, book_sale: Any, client_for: Any) -> None:
    sale, _ring, _brooch, julian, _ada, _ben = book_sale
    for person in (cast.assistant, cast.finance, cast.logistics, cast.administrator):
        assert client_for(person).get(f"/auctions/sales/{sale.code}/book/").status_code == 403, person
        assert client_for(person).get(f"/auctions/sales/{sale.code}/book.pdf").status_code == 403, person
        assert client_for(person).get(f"/api/v1/auctions/sales/{sale.code}/book").status_code == 403, person
    for person in (cast.senior, cast.auditor, granted_assistant()):
        response = client_for(person).get(f"/api/v1/auctions/sales/{sale.code}/book")
        assert response.status_code == 200, person
        body = response.json()
        first = body["lots"][0]
        assert (body["sale"], first["lot"], first["reserve"], first["opening"]) == (
            sale.code, "1", "6100.00", "Open at 9,000 on the book",
        )  # fmt: skip
        leader = first["absentee_bids"][0]
        assert (leader["paddle"], leader["maximum"]) == (julian.paddle, "9000.00")
        assert body["lots"][1]["telephone_bids"][0]["line"] == "1"
        assert client_for(person).get(f"/auctions/sales/{sale.code}/book/").status_code == 200


def test_the_book_reads_any_sale_in_the_same_number_of_queries(cast: Any, places: Any) -> None:
    def count(lots: int, code: str) -> int:
        sale = world.sale(cast.senior, code=code)
        for number in range(lots):
            made = world.lot(sale, cast.senior, heading=f"Ring {number}")
            world.absentee(made, world.bidder(sale, name=f"Mr Bidder {code} {number}"), "9000")
        sale = Sale.objects.select_related("office", "increment_table", "premium_schedule").get(pk=sale.pk)
        viewer = AuctionViewer(cast.senior)
        _ = viewer.sees_reserves, viewer.sees_maxima
        with CaptureQueriesContext(connection) as queries:
            documents.auctioneers_book(sale, viewer)
        return len(queries)

    assert count(2, "NY-J-2801") == count(8, "NY-J-2802")


def test_the_absentee_form_prints_the_terms_the_lots_and_the_increment_table(
    cast: Any, book_sale: Any, client_for: Any
) -> None:
    sale, _ring, _brooch, julian, _ada, _ben = book_sale
    response = client_for(cast.assistant).get(f"/auctions/sales/{sale.code}/absentee-form.pdf?paddle={julian.paddle}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="{sale.code} absentee bid form {julian.paddle}.pdf"'
    text = words(response.content)
    assert f"Bidder Mr Julian Ashcombe Paddle {julian.paddle}" in text
    assert (
        "Bids are executed at the lowest price the other bids and the reserve allow, never above your maximum." in text
    )
    assert "rounded down to the step beneath it" in text
    assert "“Buy” or unlimited bids are refused" in text
    assert "OR bids: to buy only one of several lots" in text
    assert "1 A sapphire and diamond ring $8,000–$12,000 2 A diamond bow brooch $3,000–$5,000" in text
    assert "$1,000 $1,000–$1,900 by $100; $2,000–$3,000 by $200; $3,200, $3,500, $3,800, $4,000, $4,200," in text
    assert "Signature of the bidder" in text
    assert "A diamond tiara" not in text  # withdrawn lots take no bids
    assert "$6,100" not in text and "$9,000" not in text and "$7,500" not in text and "$7,600" not in text

    blank = words(client_for(cast.logistics).get(f"/auctions/sales/{sale.code}/absentee-form.pdf").content)
    assert "Mr Julian Ashcombe" not in blank and "A diamond bow brooch" in blank

    mistyped = client_for(cast.assistant).get(f"/auctions/sales/{sale.code}/absentee-form.pdf?paddle=1011")
    assert mistyped.status_code == 422
    assert "1011" in mistyped.content.decode()
    assert client_for(cast.assistant).get("/auctions/sales/NY-J-0000/absentee-form.pdf").status_code == 404


def test_the_catalogue_is_built_in_the_background_with_the_approved_copy_and_no_reserve(
    cast: Any, client_for: Any
) -> None:
    record = cartier_record(cast)
    copy = copy_submit(copy=copy_generate(record=record, by=cast.assistant), by=cast.assistant, expected_version=1)
    copy_approve(copy=copy, by=cast.senior, expected_version=2)
    photo_world.upload(record.item, cast.assistant, (2400, 1800))  # the first photograph is the primary
    sale = world.sale(cast.senior)
    world.lot(sale, cast.senior, items=[record.item], heading=HEADING, low="30000", high="50000", reserve="26100")
    world.lot(sale, cast.senior, heading="A diamond bow brooch", low="3000", high="5000", reserve="2100")
    world.lot(sale, cast.senior, heading="A pearl necklace", low="3000", high="5000", reserve=None, number="1A")

    assert client_for(cast.assistant).get(f"/auctions/sales/{sale.code}/catalogue.pdf").status_code == 404
    page = client_for(cast.assistant).get(f"/auctions/sales/{sale.code}/catalogue/")
    assert page.status_code == 200 and "Not built yet." in page.content.decode()

    response = client_for(cast.assistant).post(f"/auctions/sales/{sale.code}/catalogue/")
    job = BackgroundJob.objects.get(kind=catalogue_pdf.CATALOGUE)
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.state, job.done, job.total, job.summary) == (
        JobState.SUCCEEDED, 3, 3, f"The catalogue of {sale.code}, 3 lots, ready to print.",
    )  # fmt: skip
    assert job.result_url == f"/auctions/sales/{sale.code}/catalogue.pdf"

    pdf = client_for(cast.senior).get(job.result_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = words(pdf.content)
    first = text.index(f"Lot 1 {HEADING}")
    inserted = text.index("Lot 1A A PEARL NECKLACE Estimate $3,000–$5,000")
    second = text.index("Lot 2 A DIAMOND BOW BROOCH Estimate $3,000–$5,000")
    assert first < inserted < second
    assert "Of bombé design, set to the centre with a cushion-shaped sapphire." in text[first:inserted]
    assert "Estimate $30,000–$50,000" in text[first:inserted]
    assert "Conditions of sale" in text[second:]
    assert "26,100" not in text and "2,100" not in text
    assert "Magnificent Jewels" in text
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) >= 3
    # New York prints on US Letter (8.5 × 11 in).
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (612.0, 792.0)
    # The ring's photograph at print size: 2,400 pixels across a print width of at most 120 mm (over 300 dpi).
    # (WeasyPrint shares one resource dictionary between pages, so each page lists the one image.)
    drawn = {image.image.size for page in reader.pages for image in page.images}
    assert drawn == {(2400, 1800)}
    assert (
        f"{sale.code} catalogue (PDF)"
        in client_for(cast.assistant).get(f"/auctions/sales/{sale.code}/catalogue/").content.decode()
    )
