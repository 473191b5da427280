"""Documents a printer and a consignor accept: the receipt's signatures stay with its lines, metals
read in the department's words, and every label stock carries each part's own number."""

from __future__ import annotations

import importlib
import io
import re
from decimal import Decimal
from typing import Any

import pypdf
import pytest

from parure.core.models import Office
from parure.inventory import pdf, queries, services
from parure.inventory.models import Item, LabelProfile
from parure.inventory.visibility import PieceViewer
from tests.conftest import Cast, signed_in
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
    for page in earlier:  # the total prints once, under the last line, not at the foot of each page
        assert "Receiving specialist" not in page and "Seller's commission" not in page
        assert "Total stated value" not in page
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


LONG_TITLE = "Art Deco sapphire and diamond double-clip brooch, circa 1930"


def _seed_stocks() -> list[LabelProfile]:
    """Every label stock the department prints on (seeded again if a flushing test removed them)."""
    from django.apps import apps

    importlib.import_module("parure.inventory.migrations.0003_ledger_head_and_label_stocks").seed(apps, None)
    return list(LabelProfile.objects.order_by("pk"))


@pytest.fixture
def stocks(db: Any) -> list[LabelProfile]:
    return _seed_stocks()


def _label_texts(content: bytes) -> list[str]:
    # A tall tag breaks its number after a hyphen; read it back whole.
    return [page.replace("- ", "-") for page in _pages(content)]


def test_wrapping_breaks_at_words_and_marks_what_is_left_off() -> None:
    assert pdf.wrap_words(LONG_TITLE, 30, 2) == ["Art Deco sapphire and diamond", "double-clip brooch, circa 1930"]
    assert pdf.wrap_words(LONG_TITLE, 30, 1) == ["Art Deco sapphire and diamond…"]
    assert pdf.wrap_words(LONG_TITLE, 25, 2) == ["Art Deco sapphire and", "diamond double-clip…"]
    assert pdf.wrap_words("Ring", 30, 2) == ["Ring"]


def test_every_stock_carries_each_parts_own_number(cast: Cast, ny: world.Places, client_file: Any, stocks: Any) -> None:
    (earrings,) = world.take_in(
        cast.senior,
        client_file,
        world.piece("Pair of ear pendants", category="earrings", components=("left ear pendant", "right ear pendant")),
    )
    assert len(stocks) == 5
    for profile in stocks:
        tags = pdf.item_tags([earrings], profile)
        assert [(tag.number, tag.part) for tag in tags] == [
            (earrings.stock_number, "1/2"),
            (earrings.stock_number, "2/2"),
        ], profile.name
        pages = _label_texts(pdf.labels(tags, profile, "Tags"))
        if profile.per_page == 1:  # a roll: one tag a page, each with its own part number
            assert len(pages) == 2, profile.name
            for part, page in zip(("1/2", "2/2"), pages, strict=True):
                assert earrings.stock_number in page and part in page, (profile.name, page)
                assert ("2/2" if part == "1/2" else "1/2") not in page, profile.name
        else:
            (page,) = pages
            page = page.replace(" ·", "·")  # text extraction may or may not keep the space before the dot
            assert f"{earrings.stock_number}· 1/2" in page and f"{earrings.stock_number}· 2/2" in page, profile.name


def test_titles_wrap_or_shrink_and_are_never_cut_mid_word(
    cast: Cast, ny: world.Places, client_file: Any, stocks: Any
) -> None:
    brooch, long_one = world.take_in(
        cast.senior,
        client_file,
        world.piece(LONG_TITLE, category="brooch"),
        world.piece(
            "Belle Époque natural pearl, diamond and platinum-topped gold devant-de-corsage brooch with "
            "detachable pendant and original fitted case by the same house, circa 1905",
            category="brooch",
        ),
    )
    words = long_one.title.split()
    elided = []
    for profile in stocks:
        short, long_tag = pdf.item_tags([brooch, long_one], profile)
        assert " ".join(short.lines) == LONG_TITLE, profile.name  # the whole title, on as many lines as it needs
        text = " ".join(_label_texts(pdf.labels([short, long_tag], profile, "Tags")))
        for line in (*short.lines, *long_tag.lines):
            assert line in text, (profile.name, line)
        printed = " ".join(long_tag.lines)
        if printed == long_one.title:  # room enough on this stock, at a smaller size if need be
            assert long_tag.title_pt <= short.title_pt, profile.name
            continue
        elided.append(profile.name)
        assert printed.endswith("…"), profile.name
        kept = printed.removesuffix("…").split()
        # Whole words from the start of the title: the last kept word is a word of the title, not a piece of one.
        assert kept == words[: len(kept)] or [*kept[:-1], kept[-1] + ","] == words[: len(kept)], profile.name
    assert "Dumbbell swing tag 13 × 55 mm (roll)" in elided  # the smallest tag has room for part of it only


@pytest.mark.parametrize(
    ("office", "stock"),
    [
        ("NY", "US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm"),
        ("HK", "US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm"),
        ("LN", "A4 sheet, 3 × 8 labels 70 × 36 mm"),
        ("GE", "A4 sheet, 3 × 8 labels 70 × 36 mm"),
    ],
)
def test_each_office_prints_tags_on_its_own_paper(cast: Cast, stocks: Any, office: str, stock: str) -> None:
    profile = queries.default_tag_profile(Office.objects.get(code=office))
    assert profile is not None and profile.name == stock


def test_an_offices_chosen_stock_comes_before_its_paper(cast: Cast, stocks: Any) -> None:
    london = Office.objects.get(code="LN")
    dumbbell = LabelProfile.objects.get(name="Dumbbell swing tag 13 × 55 mm (roll)")
    services.custody_settings_update(
        office=london, four_eyes_threshold=Decimal("50000"), default_tag_profile=dumbbell, by=cast.administrator
    )
    assert queries.default_tag_profile(london) == dumbbell


def test_a_pieces_tags_open_on_new_yorks_letter_stock_or_download(cast: Cast, ring: Item, stocks: Any) -> None:
    browser = signed_in(cast.assistant)
    page = browser.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    letter = LabelProfile.objects.get(name="US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm")
    assert f'<option value="{letter.pk}" selected>{letter.name}</option>' in page
    assert 'id="tags-open"' in page and 'id="tags-download" name="download" value="1"' in page

    opened = browser.get(f"/inventory/items/{ring.stock_number}/tags.pdf")
    assert opened.status_code == 200
    assert opened["Content-Disposition"] == f'inline; filename="{ring.stock_number} tags, US Letter sheet.pdf"'
    sheet = pypdf.PdfReader(io.BytesIO(opened.content)).pages[0].mediabox
    assert (round(float(sheet.width)), round(float(sheet.height))) == (612, 792)  # 8½ × 11 in

    saved = browser.get(f"/inventory/items/{ring.stock_number}/tags.pdf", {"profile": letter.pk, "download": "1"})
    assert saved["Content-Disposition"] == f'attachment; filename="{ring.stock_number} tags, US Letter sheet.pdf"'
    assert saved.content.startswith(b"%PDF")


def test_a_consignments_tags_download_under_a_name_that_says_what_they_are(cast: Cast, ring: Item, stocks: Any) -> None:
    assert ring.consignment is not None
    number = ring.consignment.number
    browser = signed_in(cast.assistant)
    page = browser.get(f"/inventory/consignments/{number}/").content.decode()
    assert 'id="tags-open"' in page and 'id="tags-download"' in page
    dumbbell = LabelProfile.objects.get(name="Dumbbell swing tag 13 × 55 mm (roll)")
    saved = browser.get(f"/inventory/consignments/{number}/tags.pdf", {"profile": dumbbell.pk, "download": "1"})
    assert (
        saved["Content-Disposition"] == f'attachment; filename="{number} tags, Dumbbell swing tag 13 x 55 mm roll.pdf"'
    )
    opened = browser.get(f"/inventory/consignments/{number}/tags.pdf", {"profile": dumbbell.pk})
    assert opened["Content-Disposition"].startswith("inline; ")


def test_a_large_consignments_tags_are_drawn_in_the_background_for_whoever_asked(
    cast: Cast, ny: world.Places, client_file: Any, stocks: Any
) -> None:
    from parure.core.choices import JobState
    from parure.core.models import BackgroundJob

    pairs = [world.piece(f"Pair of ear pendants {n}", components=("left", "right")) for n in range(1, 32)]
    first = world.take_in(cast.senior, client_file, *pairs)[0]
    assert first.consignment is not None
    number = first.consignment.number
    browser = signed_in(cast.assistant)
    started = browser.get(f"/inventory/consignments/{number}/tags.pdf", {"download": "1"})
    job = BackgroundJob.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.started_by, job.done, job.total) == (
        "inventory.tag_sheet",
        JobState.SUCCEEDED,
        cast.assistant,
        31,
        31,
    )
    assert job.summary == f"62 tags for {number} on US Letter sheet, 3 × 10 labels 66.7 × 25.4 mm, ready to print."
    assert job.result_url == f"/inventory/tags/jobs/{job.pk}.pdf?download=1"
    assert f'href="{job.result_url}"' in browser.get(f"/jobs/{job.pk}/").content.decode()

    saved = browser.get(job.result_url)
    assert saved["Content-Disposition"] == f'attachment; filename="{number} tags, US Letter sheet.pdf"'
    pages = [page.replace(" ·", "·") for page in _pages(saved.content)]
    assert len(pages) == 3  # 62 tags, 30 to a sheet
    assert f"{first.stock_number}· 1/2" in pages[0] and f"{first.stock_number}· 2/2" in pages[0]
    opened = browser.get(f"/inventory/tags/jobs/{job.pk}.pdf")
    assert opened["Content-Disposition"].startswith("inline; ") and opened.content == saved.content
    # Someone else who may print tags does not see this person's sheet.
    assert signed_in(cast.logistics).get(job.result_url).status_code == 404


def test_a_small_consignments_tags_are_drawn_at_once(cast: Cast, ring: Item, stocks: Any) -> None:
    from parure.core.models import BackgroundJob

    assert ring.consignment is not None
    response = signed_in(cast.assistant).get(f"/inventory/consignments/{ring.consignment.number}/tags.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not BackgroundJob.objects.exists()


def test_the_fonts_are_unpacked_once_and_embedded_in_every_document(cast: Cast, ring: Item) -> None:
    from pathlib import Path
    from urllib.parse import urlparse

    pdf.warm()
    fonts = pdf._fonts()
    assert sorted(fonts) == ["sans-400", "sans-600", "serif-500", "serif-600"]
    for url in fonts.values():
        with Path(urlparse(url).path).open("rb") as unpacked:
            assert unpacked.read(4) in (b"\x00\x01\x00\x00", b"OTTO")  # plain OpenType, no longer WOFF2
    assert pdf._fonts() is fonts  # once per process
    assert ring.consignment is not None
    reader = pypdf.PdfReader(
        io.BytesIO(pdf.consignment_receipt(ring.consignment.receipts.get(), PieceViewer(cast.senior)))
    )
    embedded = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index, union-attr]
    }
    # The house's own faces, under the names the documents' @font-face give them, not a fallback.
    assert {"Parure-Sans", "Parure-Sans-Semi-Bold", "Parure-Serif-Semi-Bold"} <= embedded, embedded


def test_the_release_receipt_keeps_its_acknowledgement_and_signatures_with_its_last_lines(
    cast: Cast, ny: world.Places, client_file: Any
) -> None:
    items = world.take_in(cast.senior, client_file, *[world.piece(f"Sapphire ring number {n}") for n in range(1, 25)])
    assert items[0].consignment is not None
    receipt = services.release_receipt_prepare(
        consignment=items[0].consignment, items=items, collected_by="Mr James Vandermeer (son)", by=cast.senior
    )
    pages = _pages(pdf.release_receipt(receipt, PieceViewer(cast.senior)))
    assert len(pages) > 1
    *earlier, last = pages
    assert all("I acknowledge" not in page and "Released by —" not in page for page in earlier)
    assert "I acknowledge that I have received the pieces listed above" in last
    assert "Released by — Eleanor Whitcombe" in last and items[-1].stock_number in last
