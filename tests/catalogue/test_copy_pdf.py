"""The catalogue entry PDF: the copy on the house letterhead, parsed back to its words."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from pypdf import PdfReader

from parure.catalogue.services.copy import copy_approve, copy_edit, copy_generate, copy_submit
from tests.catalogue.copy_world import SAPPHIRE_STATEMENT, cartier_record
from tests.conftest import signed_in


def words(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_catalogue_entry_prints_the_copy_on_the_letterhead(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_generate(record=record, by=cast.assistant)
    copy = copy_edit(copy=copy, by=cast.assistant, expected_version=1, text=replace(
        copy.text, literature="H. Nadelhoffer, Cartier, London 1984, p. 52",
        exhibitions="Cartier 1899-1949, Paris, 1976"))  # fmt: skip
    stock_number = record.item.stock_number
    response = signed_in(cast.logistics).get(f"/catalogue/{stock_number}/copy/entry.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{stock_number} catalogue entry.pdf"'
    text = words(response.content)
    assert text.startswith("P A R U R E · Jewelry department · New York Rockefeller Plaza, New York, NY 10020")
    assert (
        f"{stock_number} Draft for review: draft, not yet approved for publication. "
        "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925 "
        "Of bombé design, set to the centre with a cushion-shaped sapphire. The cushion-shaped sapphire weighing "
        "4.12 carats. With two pear-shaped diamonds weighing approximately 0.80 carats in total, F-G colour, VS1-VS2 "
        "clarity, as gauged in the mounting. Mounted in platinum. Ring size 6 (US), gross weight 6.40 g. Signed "
        "Cartier Paris, numbered 1234, marks for platinum (dog's head). With fitted case by Cartier. "
        f"{SAPPHIRE_STATEMENT} PROVENANCE Mrs Harrison Williams, by 1930 Christie's Geneva, 17 May 1987, lot 412 A private collection, "
        "New York LITERATURE H. Nadelhoffer, Cartier, London 1984, p. 52 EXHIBITED Cartier 1899-1949, Paris, 1976 "
        f"Catalogue entry {stock_number} · version 2 · Draft Page 1 of 1"
    ) in text
    assert "Vandermeer" not in text


def test_approved_copy_prints_without_the_draft_banner(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_submit(copy=copy_generate(record=record, by=cast.assistant), by=cast.assistant, expected_version=1)
    copy_approve(copy=copy, by=cast.senior, expected_version=2)
    response = signed_in(cast.assistant).get(f"/catalogue/{record.item.stock_number}/copy/entry.pdf?download=1")
    assert response["Content-Disposition"].startswith("attachment;")
    text = words(response.content)
    assert "Draft for review" not in text
    assert f"Catalogue entry {record.item.stock_number} · version 3 · Approved Page 1 of 1" in text
