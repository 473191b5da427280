"""Documents a printer and a consignor accept: the receipt's signatures stay with its lines, metals
read in the department's words, and every label stock carries each part's own number."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest

from parure.inventory import pdf
from parure.inventory.visibility import PieceViewer
from tests.conftest import Cast
from tests.inventory import world


def _pages(content: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def _receipt(cast: Cast, client_file: Any, count: int) -> tuple[list[str], list[Any]]:
    pieces = [world.piece(f"Sapphire ring number {line}") for line in range(1, count + 1)]
    items = world.take_in(cast.senior, client_file, *pieces)
    consignment = items[0].consignment
    assert consignment is not None
    return _pages(pdf.consignment_receipt(consignment.receipts.get(), PieceViewer(cast.senior))), items


def test_a_short_receipt_fits_one_page_with_its_signatures(cast: Cast, ny: world.Places, client_file: Any) -> None:
    pages, _ = _receipt(cast, client_file, 1)
    assert len(pages) == 1
    assert "Consignor — Mrs Catherine Vandermeer" in pages[0] and "Receiving specialist — Eleanor Whitcombe" in pages[0]


@pytest.mark.parametrize(("count", "page_count"), [(3, 2), (5, 2), (8, 2)])
def test_the_signatures_sit_on_the_last_page_with_the_last_lines(
    cast: Cast, ny: world.Places, client_file: Any, count: int, page_count: int
) -> None:
    pages, items = _receipt(cast, client_file, count)
    assert len(pages) == page_count
    *earlier, last = pages
    assert all("Receiving specialist" not in page and "Seller's commission" not in page for page in earlier)
    # The consignor signs on the page that lists the last piece and the total, never on a page of its own.
    assert "Receiving specialist — Eleanor Whitcombe" in last and "Seller's commission" in last
    assert items[-1].stock_number in last and "Total stated value" in last
    assert items[0].stock_number in earlier[0]


@pytest.mark.parametrize(
    ("metal", "fineness", "printed"),
    [
        ("white gold", "18k", "18k white gold, 6.40 g gross"),
        ("platinum", "", "Platinum, 6.40 g gross"),
        ("platinum", "950", "Platinum (950), 6.40 g gross"),
        ("18k yellow gold", "750", "18k yellow gold, 6.40 g gross"),
        ("silver", "925", "Sterling silver, 6.40 g gross"),
        ("silver-gilt", "", "Silver-gilt, 6.40 g gross"),
    ],
)
def test_the_receipt_prints_metals_in_the_departments_words(
    cast: Cast, ny: world.Places, client_file: Any, metal: str, fineness: str, printed: str
) -> None:
    (item,) = world.take_in(cast.senior, client_file, world.piece(metal=metal, fineness=fineness))
    assert item.consignment is not None
    text = " ".join(_pages(pdf.consignment_receipt(item.consignment.receipts.get(), PieceViewer(cast.senior))))
    assert printed in text
