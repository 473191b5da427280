"""Printed documents: receipt versions, the release receipt, tags and labels with their codes."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pypdf
import pytest

from parure.inventory import pdf, services
from parure.inventory.codes import code128_modules, code128_svg, qr_svg
from parure.inventory.models import Item, LabelProfile
from parure.inventory.services import Terms
from parure.inventory.visibility import PieceViewer
from tests.conftest import Cast, signed_in
from tests.inventory import world


def _pages(content: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def _profile(kind: str) -> LabelProfile:
    profile = LabelProfile.objects.filter(kind=kind).first()
    if profile is None:  # the stocks seeded by migration are gone after a transactional test's flush
        profile = LabelProfile.objects.create(
            name=f"Test {kind}",
            kind=kind,
            page_width_mm=210,
            page_height_mm=297,
            label_width_mm=70,
            label_height_mm=36,
            columns=3,
            rows=8,
        )
    return profile


def test_each_receipt_version_prints_as_it_was_issued(cast: Cast, ny: world.Places, ring: Item) -> None:
    consignment = ring.consignment
    assert consignment is not None
    services.consignment_add_pieces(
        consignment=consignment, pieces=[world.piece("Diamond clip brooch", category="brooch")], by=cast.senior
    )
    services.consignment_amend_terms(
        consignment=consignment,
        terms=Terms(commission_rate=Decimal("10")),
        by=cast.senior,
        reason="Agreed by telephone",
    )
    viewer = PieceViewer(cast.senior)
    first, _, third = (pdf.consignment_receipt(r, viewer) for r in consignment.receipts.order_by("version"))
    first_text, third_text = " ".join(_pages(first)), " ".join(_pages(third))
    assert "Consignment receipt" in first_text and ring.stock_number in first_text and "version 1" in first_text
    assert "Diamond clip brooch" not in first_text and "12.50% of the hammer price" in first_text
    assert "Diamond clip brooch" in third_text and "10.00% of the hammer price" in third_text
    assert "Amended terms: Agreed by telephone." in third_text and "replaces version 2" in third_text
    assert "Mrs Catherine Vandermeer" in first_text and "$12,000.00" in first_text and "$24,000.00" in third_text
    assert "Receiving specialist — Eleanor Whitcombe" in first_text


def test_the_receipt_prints_through_the_page_and_is_logged(cast: Cast, ring: Item) -> None:
    from parure.core.models import AccessLogEntry

    assert ring.consignment is not None
    response = signed_in(cast.senior).get(f"/inventory/consignments/{ring.consignment.number}/receipt/v1.pdf")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("inline; filename=")
    assert ring.stock_number in " ".join(_pages(response.content))
    entry = AccessLogEntry.objects.get(subject_kind="consignment_receipt")
    assert entry.subject_ref == f"{ring.consignment.number} v1" and entry.staff == cast.senior


def test_the_release_receipt_has_signature_lines_and_records_the_signature(
    cast: Cast, ny: world.Places, ring: Item
) -> None:
    assert ring.consignment is not None
    receipt = services.release_receipt_prepare(
        consignment=ring.consignment, items=[ring], collected_by="Mr James Vandermeer (son)", by=cast.senior
    )
    viewer = PieceViewer(cast.senior)
    text = " ".join(_pages(pdf.release_receipt(receipt, viewer)))
    assert (
        "Release receipt" in text and ring.stock_number in text and "Collected by — Mr James Vandermeer (son)" in text
    )
    services.return_to_consignor(receipt=receipt, by=cast.senior, signed=True)
    receipt.refresh_from_db()
    assert "Recorded as signed and handed over" in " ".join(_pages(pdf.release_receipt(receipt, viewer)))


@pytest.mark.parametrize("kind", ["swing_tag", "sheet"])
def test_tags_carry_the_stock_number_once_per_part_of_a_set(
    cast: Cast, ny: world.Places, client_file: Any, kind: str
) -> None:
    ring, earrings = world.take_in(
        cast.senior,
        client_file,
        world.piece(),
        world.piece("Pair of ear pendants", category="earrings", components=("left ear pendant", "right ear pendant")),
    )
    profile = _profile(kind)
    tags = pdf.item_tags([ring, earrings], profile)
    assert [tag.heading for tag in tags] == [
        ring.stock_number,
        f"{earrings.stock_number} · 1/2",
        f"{earrings.stock_number} · 2/2",
    ]
    assert all(tag.code in (ring.stock_number, earrings.stock_number) for tag in tags)
    pages = _pages(pdf.labels(tags, profile, "Tags"))
    assert len(pages) == -(-len(tags) // profile.per_page)
    assert ring.stock_number in " ".join(pages).replace(" ", "") or ring.stock_number in " ".join(pages)


def test_tags_print_from_the_piece_and_the_consignment(cast: Cast, ring: Item) -> None:
    browser = signed_in(cast.assistant)
    profile = _profile("swing_tag")
    piece = browser.get(f"/inventory/items/{ring.stock_number}/tags.pdf", {"profile": profile.pk})
    assert piece.status_code == 200 and piece["Content-Type"] == "application/pdf"
    assert ring.consignment is not None
    whole = browser.get(f"/inventory/consignments/{ring.consignment.number}/tags.pdf")
    assert whole.status_code == 200 and whole.content.startswith(b"%PDF")


def test_tray_labels_carry_the_place_code_the_scan_box_understands(cast: Cast, ny: world.Places) -> None:
    _profile("tray")
    browser = signed_in(cast.assistant)
    response = browser.get(f"/inventory/places/{ny.safe.pk}/labels.pdf", {"within": "1"})
    text = " ".join(_pages(response.content))
    assert "Tray 1" in text and "Tray 2" in text
    scanned = browser.get("/scan/", {"code": "NY/V1-SA-T01"})
    assert scanned.status_code == 200  # the place's page itself, naming its own address
    assert f'<meta name="parure-location" content="/inventory/places/{ny.tray1.pk}/">' in scanned.content.decode()


def test_code_128_bars_are_the_standard_pattern_and_qr_is_an_svg(ring: Item) -> None:
    modules = code128_modules(ring.stock_number)
    svg = code128_svg(ring.stock_number)
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="0" width="(\d+)" height="1"/>', svg)]
    assert sum(widths) == modules.count("1")
    assert modules.startswith("11010010000")  # Start B, as Code 128 begins text like this
    assert modules.endswith("1100011101011")  # the stop pattern
    assert qr_svg(ring.stock_number).startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')


def test_the_consignment_page_and_receipt_address_the_consignor_by_title_unless_hidden(
    cast: Cast, ny: world.Places
) -> None:
    from parure.clients.choices import Confidentiality

    margaret = world.consignor("Margaret Ashdown", title="Mrs")
    (piece,) = world.take_in(cast.senior, margaret, world.piece())
    consignment = piece.consignment
    assert consignment is not None
    page = signed_in(cast.senior).get(f"/inventory/consignments/{consignment.number}/").content.decode()
    assert "Mrs Margaret Ashdown" in page
    text = " ".join(_pages(pdf.consignment_receipt(consignment.receipts.get(), PieceViewer(cast.senior))))
    assert f"Mrs Margaret Ashdown ({margaret.number})" in text and "Consignor — Mrs Margaret Ashdown" in text

    veiled = world.consignor("Isobel Fane", title="Lady", confidentiality=Confidentiality.CONFIDENTIAL)
    (hidden_piece,) = world.take_in(cast.senior, veiled, world.piece())
    hidden = hidden_piece.consignment
    assert hidden is not None
    sees_number = signed_in(cast.assistant).get(f"/inventory/consignments/{hidden.number}/").content.decode()
    assert "Fane" not in sees_number and "Isobel" not in sees_number
