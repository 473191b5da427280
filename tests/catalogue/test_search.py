"""The catalogue's search: one suite, run on SQLite and on PostgreSQL, asserting the same answers.

Run it on both (``DATABASE_URL=postgres://…`` for the second): every assertion is an exact list
of stock numbers, facet counts or rows, so the two databases must agree to pass.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.catalogue import search
from parure.catalogue.errors import CatalogueError
from parure.catalogue.models import CatalogueRecord, SearchDocument
from parure.catalogue.search.bands import band_for, band_named, bands
from parure.catalogue.search.document import CopyText, register_copy_reader, unregister_copy_reader
from parure.catalogue.search.text import fold, question, terms
from parure.catalogue.services.search import index_piece, index_record, rebuild_index
from tests.catalogue.world import cartier_ring, record
from tests.conftest import Cast, signed_in
from tests.guards import unchanged
from tests.inventory import world as inventory

D = Decimal


# --- The world: five pieces in New York and London, four of them catalogued -----------------------
@pytest.fixture
def pieces(cast: Cast) -> SimpleNamespace:
    inventory.build_all_places(cast)
    client = inventory.consignor()
    ring, brooch, emerald, uncatalogued = inventory.take_in(
        cast.senior,
        client,
        inventory.piece(),  # "Sapphire and diamond ring", estimate USD 8,000–12,000
        inventory.piece(
            "Belle Époque diamond bow brooch",
            category="brooch",
            estimate_low=D("25000"),
            estimate_high=D("35000"),
            stones=(),
        ),
        inventory.piece("Emerald and diamond ring", estimate_low=D("150000"), estimate_high=D("200000"), stones=()),
        inventory.piece("Ruby ring", stones=()),
    )
    (pendants,) = inventory.take_in(
        cast["harriet"],
        inventory.consignor("Lady Ashcombe"),
        inventory.piece(
            "Pair of natural pearl and diamond ear pendants",
            category="earrings",
            estimate_low=D("3000"),
            estimate_high=D("5000"),
            stones=(),
        ),
    )
    cartier_ring(ring, by=cast.senior)
    record(
        brooch,
        by=cast.senior,
        object_type="brooch",
        form="bow",
        date_text="circa 1905",
        period="edwardian",
        design_notes="Designed as a ribbon bow, millegrain-set throughout",
        metals=[{"metal": "platinum", "fineness": 950}],
        stones=[{"role": "principal", "species": "diamond", "cut": "old European", "count": 48,
                 "weight_ct": D("6.50"), "weight_basis": "estimated"}],
        makers=[{"name": "Boucheron", "attribution": "attributed"}],
    )  # fmt: skip
    record(
        emerald,
        by=cast.senior,
        object_type="ring",
        date_text="1940s",
        period="retro",
        design_notes="The emerald was long thought to be a sapphire; set in rose gold scrolls",
        metals=[{"metal": "gold", "colour": "rose", "fineness": 750}],
        stones=[
            {"role": "principal", "species": "beryl", "variety": "emerald", "cut": "step", "count": 1,
             "weight_ct": D("5.02"), "weight_basis": "report", "origin": "Colombia", "treatment": "minor oil"},
            {"role": "accent", "species": "diamond", "cut": "baguette", "count": 6},
        ],
        makers=[{"name": "Van Cleef & Arpels", "attribution": "by"}],
        provenance=[{"owner": "Mrs Catherine Vandermeer", "confidential": True, "public_wording": ""}],
    )  # fmt: skip
    record(
        pendants,
        by=cast["harriet"],
        object_type="ear pendants",
        is_pair=True,
        stones=[{"role": "principal", "species": "pearl", "count": 2},
                {"role": "secondary", "species": "diamond", "cut": "rose", "count": 20}],
        references=[{"kind": "exhibition", "text": "Bijoux Anciens, Musée des Arts Décoratifs, Paris, 1962"}],
    )  # fmt: skip
    rebuild_index()
    return SimpleNamespace(ring=ring, brooch=brooch, emerald=emerald, pendants=pendants, uncatalogued=uncatalogued)


def numbers(results: search.SearchResults) -> list[str]:
    return [hit.stock_number for hit in results.hits]


def ranked(results: search.SearchResults) -> list[tuple[str, int | None]]:
    return [(hit.stock_number, hit.tier) for hit in results.hits]


def counts(results: search.SearchResults, key: str) -> list[tuple[str, str, int]]:
    return [(value.value, value.label, value.count) for value in results.facet(key).values]


def find(viewer: Any, text: str = "", facets: Mapping[str, Sequence[str]] | None = None, **options: Any) -> Any:
    return search.search(viewer=viewer, text=text, facets=facets, **options)


# --- Folding: the one place both databases' terms come from ---------------------------------------
def test_text_is_folded_once_for_both_databases() -> None:
    assert fold("Belle Époque") == "belle epoque"
    assert terms("Christie's Genève, 17 May 1987, lot 412") == ["christie", "geneve", "17", "may", "1987", "lot", "412"]
    assert terms("4.12 carats, art-deco, Ø Straße Œuvre") == [
        "4",
        "12",
        "carats",
        "art",
        "deco",
        "o",
        "strasse",
        "oeuvre",
    ]
    assert [(w.terms, w.prefix) for w in question("art-deco sapph")] == [(("art", "deco"), False), (("sapph",), True)]
    assert [(w.terms, w.prefix) for w in question("sapphire ")] == [(("sapphire",), False)]
    assert question(" -- ") == ()


# --- Words --------------------------------------------------------------------------------------
def test_every_word_must_match_and_heading_matches_rank_first(cast: Cast, pieces: SimpleNamespace) -> None:
    # The sapphire ring's heading says sapphire; the emerald ring's design notes only mention one.
    assert ranked(find(cast.assistant, "sapphire")) == [
        (pieces.ring.stock_number, 0),
        (pieces.emerald.stock_number, 2),
    ]
    assert numbers(find(cast.assistant, "sapphire rose gold")) == [pieces.emerald.stock_number]
    assert numbers(find(cast.assistant, "sapphire ruby")) == []


def test_ties_are_broken_by_stock_number(cast: Cast, pieces: SimpleNamespace) -> None:
    # "diamond" is in the heading of all four: one tier, so in stock-number order.
    assert ranked(find(cast.assistant, "diamond")) == sorted(
        [(p.stock_number, 0) for p in (pieces.ring, pieces.brooch, pieces.emerald, pieces.pendants)]
    )
    # In the details (stones, makers, period) for the brooch only: the ring says platinum there too.
    assert ranked(find(cast.assistant, "platinum diamond")) == sorted(
        [(pieces.ring.stock_number, 1), (pieces.brooch.stock_number, 1)]
    )


def test_the_last_word_is_a_prefix_until_it_is_finished(cast: Cast, pieces: SimpleNamespace) -> None:
    assert numbers(find(cast.assistant, "Kashm")) == [pieces.ring.stock_number]
    assert numbers(find(cast.assistant, "Kashm ")) == []
    assert numbers(find(cast.assistant, "kashm sapphire")) == []  # only the last word is a prefix
    assert numbers(find(cast.assistant, "Van Cleef & Arp")) == [pieces.emerald.stock_number]


def test_accents_and_case_do_not_matter(cast: Cast, pieces: SimpleNamespace) -> None:
    for text in ("epoque", "Époque", "ÉPOQUE", "belle epoque bow"):
        assert numbers(find(cast.assistant, text)) == [pieces.brooch.stock_number], text
    assert numbers(find(cast.assistant, "musee des arts decoratifs")) == [pieces.pendants.stock_number]


def test_a_word_of_several_terms_is_a_phrase(cast: Cast, pieces: SimpleNamespace) -> None:
    assert numbers(find(cast.assistant, "4.12")) == [pieces.ring.stock_number]
    assert numbers(find(cast.assistant, "12.4")) == []
    assert numbers(find(cast.assistant, "art-deco")) == [pieces.ring.stock_number]
    assert numbers(find(cast.assistant, "art-nouveau")) == []
    assert numbers(find(cast.assistant, pieces.emerald.stock_number)) == [pieces.emerald.stock_number]


def test_phrases_never_run_from_one_column_into_the_next(cast: Cast, pieces: SimpleNamespace) -> None:
    # The pendants' heading ends "... earrings pair" and their details begin "pearl"; no phrase spans them.
    document = SearchDocument.objects.get(item=pieces.pendants)
    assert document.heading_terms.endswith("earrings pair")
    assert document.detail_terms.startswith("pearl")
    assert numbers(find(cast.assistant, "pair-pearl")) == []
    assert numbers(find(cast.assistant, "earrings-pair")) == [pieces.pendants.stock_number]


def test_stemming_is_left_to_the_prefix(cast: Cast, pieces: SimpleNamespace) -> None:
    assert numbers(find(cast.assistant, "ring ")) == sorted([pieces.ring.stock_number, pieces.emerald.stock_number])
    assert numbers(find(cast.assistant, "rings ")) == []
    assert numbers(find(cast.assistant, "scroll")) == [pieces.emerald.stock_number]  # "scrolls", as a prefix


def test_a_piece_without_a_record_is_not_in_the_catalogue_search(cast: Cast, pieces: SimpleNamespace) -> None:
    assert numbers(find(cast.assistant, "ruby")) == []
    assert index_piece(item=pieces.uncatalogued) is None


# --- Confidential provenance: never indexed ------------------------------------------------------
@pytest.mark.parametrize("role", ["specialist_assistant", "senior_specialist", "finance", "logistics", "auditor",
                                  "administrator"])  # fmt: skip
def test_a_confidential_owner_is_found_by_no_role(cast: Cast, pieces: SimpleNamespace, role: str) -> None:
    viewer = cast.by_role()[role]
    for text in ("Vandermeer", "Catherine", "vander", "Catherine Vandermeer"):
        assert numbers(find(viewer, text)) == [], (role, text)
    # Their public wording is found; and the owners the provenance prints.
    assert numbers(find(viewer, "private collection new york")) == [pieces.ring.stock_number]
    assert numbers(find(viewer, "private collection")) == sorted(
        [pieces.ring.stock_number, pieces.emerald.stock_number]
    )
    assert numbers(find(viewer, "Mrs Harrison Williams")) == [pieces.ring.stock_number]


def test_no_column_of_any_document_holds_a_confidential_owner(pieces: SimpleNamespace) -> None:
    for document in SearchDocument.objects.all():
        for column in (document.heading_terms, document.detail_terms, document.body_terms):
            assert "vandermeer" not in column.split() and "catherine" not in column.split()
    # "Mrs" stays: the printed provenance holds it ("Mrs Harrison Williams").
    ring = SearchDocument.objects.get(item=pieces.ring)
    assert "mrs harrison williams" in ring.body_terms
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM catalogue_searchdocument WHERE search_vector::text LIKE %s", ["%vandermeer%"]
            )
            assert cursor.fetchone() == (0,)


# --- Facets ----------------------------------------------------------------------------------------
def test_facet_counts_without_words(cast: Cast, pieces: SimpleNamespace) -> None:
    results = find(cast.assistant)
    assert results.total == 4
    assert numbers(results) == sorted(p.stock_number for p in (pieces.ring, pieces.brooch, pieces.emerald,
                                                               pieces.pendants))  # fmt: skip
    assert counts(results, "category") == [("ring", "Ring", 2), ("brooch", "Brooch", 1), ("earrings", "Earrings", 1)]
    assert counts(results, "stone") == [
        ("diamond", "Diamond", 1),
        ("emerald", "Emerald", 1),
        ("pearl", "Pearl", 1),
        ("sapphire", "Sapphire", 1),
    ]
    assert counts(results, "maker") == [("Boucheron", "Boucheron", 1), ("Cartier", "Cartier", 1),
                                        ("Van Cleef & Arpels", "Van Cleef & Arpels", 1)]  # fmt: skip
    assert counts(results, "period") == [("art-deco", "Art Deco", 1), ("edwardian", "Edwardian (Belle Époque)", 1),
                                         ("retro", "Retro", 1)]  # fmt: skip
    assert counts(results, "price_band") == [
        ("GBP:-5000", "Under GBP 5,000", 1),
        ("USD:5000-20000", "USD 5,000–20,000", 1),
        ("USD:20000-100000", "USD 20,000–100,000", 1),
        ("USD:100000-500000", "USD 100,000–500,000", 1),
    ]
    assert counts(results, "office") == [("NY", "New York", 3), ("LN", "London", 1)]
    assert counts(results, "status") == [("recorded", "Recorded, no copy yet", 4)]


def test_a_facet_counts_with_the_other_facets_chosen_but_not_its_own(cast: Cast, pieces: SimpleNamespace) -> None:
    results = find(cast.assistant, facets={"stone": ["sapphire", "emerald"]})
    assert numbers(results) == sorted([pieces.ring.stock_number, pieces.emerald.stock_number])
    assert results.total == 2
    # Its own counts are as before, the chosen ones marked; the others count the two rings.
    assert [(v.value, v.count, v.selected) for v in results.facet("stone").values] == [
        ("diamond", 1, False),
        ("emerald", 1, True),
        ("pearl", 1, False),
        ("sapphire", 1, True),
    ]
    assert counts(results, "category") == [("ring", "Ring", 2)]
    assert counts(results, "office") == [("NY", "New York", 2)]

    narrowed = find(cast.assistant, "ring", facets={"stone": ["sapphire", "emerald"], "maker": ["Cartier"]})
    assert numbers(narrowed) == [pieces.ring.stock_number]
    assert counts(narrowed, "stone") == [("sapphire", "Sapphire", 1), ("emerald", "Emerald", 0)]
    assert counts(narrowed, "maker") == [("Cartier", "Cartier", 1), ("Van Cleef & Arpels", "Van Cleef & Arpels", 1)]


def test_a_chosen_value_without_pieces_is_still_shown_to_be_unticked(cast: Cast, pieces: SimpleNamespace) -> None:
    results = find(cast.assistant, "pearl", facets={"maker": ["Cartier"]})
    assert results.total == 0
    assert counts(results, "maker") == [("Cartier", "Cartier", 0)]
    assert counts(results, "category") == []
    assert counts(find(cast.assistant, facets={"office": ["LN"], "price_band": ["USD:-5000"]}), "price_band") == [
        ("GBP:-5000", "Under GBP 5,000", 1),
        ("USD:-5000", "Under USD 5,000", 0),
    ]


def test_words_and_facets_together(cast: Cast, pieces: SimpleNamespace) -> None:
    results = find(cast.assistant, "diamond", facets={"office": ["NY"], "price_band": ["USD:20000-100000",
                                                                                         "USD:100000-500000"]})  # fmt: skip
    assert numbers(results) == sorted([pieces.brooch.stock_number, pieces.emerald.stock_number])
    assert counts(results, "office") == [("NY", "New York", 2)]
    assert counts(results, "price_band") == [
        ("USD:5000-20000", "USD 5,000–20,000", 1),
        ("USD:20000-100000", "USD 20,000–100,000", 1),
        ("USD:100000-500000", "USD 100,000–500,000", 1),
    ]


def test_price_bands_are_data_in_the_pieces_currency() -> None:
    assert [band.label for band in bands("CHF")] == [
        "Under CHF 5,000",
        "CHF 5,000–20,000",
        "CHF 20,000–100,000",
        "CHF 100,000–500,000",
        "CHF 500,000 and above",
    ]
    # A boundary belongs to the band above; the low estimate decides, else the high.
    assert band_for("USD", D("4999.99"), D("6000")).key == "USD:-5000"  # type: ignore[union-attr]
    assert band_for("USD", D("5000"), D("7000")).key == "USD:5000-20000"  # type: ignore[union-attr]
    assert band_for("HKD", None, D("4000000")).key == "HKD:4000000-"  # type: ignore[union-attr]
    assert band_for("USD", None, None) is None
    assert band_for("JPY", D("100")) is None
    assert band_named("USD:500000-").label == "USD 500,000 and above"  # type: ignore[union-attr]
    assert band_named("USD:1-2") is None


# --- Pages of hits -----------------------------------------------------------------------------------
def test_hits_come_a_page_at_a_time(cast: Cast, pieces: SimpleNamespace) -> None:
    everything = sorted(p.stock_number for p in (pieces.ring, pieces.brooch, pieces.emerald, pieces.pendants))
    first = find(cast.assistant, page_size=3)
    second = find(cast.assistant, page=2, page_size=3)
    assert (numbers(first), first.pages, first.has_next) == (everything[:3], 2, True)
    assert (numbers(second), second.total, second.has_next, second.has_previous) == (everything[3:], 4, False, True)
    assert numbers(find(cast.assistant, page=3, page_size=3)) == []


def test_a_hit_says_what_the_row_shows(cast: Cast, pieces: SimpleNamespace) -> None:
    (hit,) = find(cast.assistant, "Boucheron").hits
    assert hit == search.Hit(
        stock_number=pieces.brooch.stock_number,
        title="Belle Époque diamond bow brooch",
        category="brooch",
        category_label="Brooch",
        stone="diamond",
        maker="Boucheron",
        period="edwardian",
        period_label="Edwardian (Belle Époque)",
        price_band="USD:20000-100000",
        price_band_label="USD 20,000–100,000",
        office_code="NY",
        office_name="New York",
        status="recorded",
        status_label="Recorded, no copy yet",
        tier=1,
    )


def test_the_search_issues_the_same_queries_whatever_it_finds(cast: Cast, pieces: SimpleNamespace) -> None:
    def queries(text: str, facets: dict[str, list[str]]) -> int:
        with CaptureQueriesContext(connection) as captured:
            find(cast.assistant, text, facets)
        return len(captured)

    few = queries("pearl", {})
    assert queries("diamond", {"stone": ["diamond", "pearl"], "office": ["NY"]}) == few
    assert queries("", {}) == few == 2 + len(search.FACETS)


# --- Refusals ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"text": "x" * 201}, "q", "Search for at most 200 characters."),
        ({"text": " ".join(["ring"] * 13)}, "q", "Search for at most 12 words at a time."),
        ({"facets": {"colour": ["blue"]}}, "colour",
         "‘colour’ is not a search facet; the facets are category, stone, maker, period, price_band, office, status."),
        ({"facets": {"maker": ["C" * 121]}}, "maker", "A maker is at most 120 characters."),
        ({"page": 0}, "page", "The page is a whole number from 1."),
        ({"page_size": 101}, "page_size", "Show from 1 to 100 pieces a page."),
    ],
)  # fmt: skip
def test_bad_questions_are_refused_naming_the_field(
    cast: Cast, pieces: SimpleNamespace, options: dict[str, Any], field: str, message: str
) -> None:
    with unchanged(), pytest.raises(CatalogueError) as refusal:
        search.search(viewer=cast.assistant, **options)
    assert (refusal.value.field, refusal.value.message) == (field, message)


# --- Keeping documents in step -----------------------------------------------------------------------
def test_reindex_runs_after_the_change_commits(
    cast: Cast, pieces: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    ring = CatalogueRecord.objects.get(item=pieces.ring)
    ring.signature = "Cartier Londres"
    ring.version += 1
    ring.save()
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        search.reindex(ring)
    assert numbers(find(cast.assistant, "Londres")) == []  # not before the commit
    for callback in waiting:
        callback()
    assert numbers(find(cast.assistant, "Londres")) == [pieces.ring.stock_number]
    assert SearchDocument.objects.get(item=pieces.ring).record_version == ring.version


def test_reindexing_a_piece_after_its_record_is_gone_removes_it(
    cast: Cast, pieces: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    CatalogueRecord.objects.filter(item=pieces.pendants).delete()  # the document goes with it
    assert numbers(find(cast.assistant, "pearl")) == []
    with django_capture_on_commit_callbacks(execute=True):
        search.reindex(pieces.pendants)
    assert not SearchDocument.objects.filter(item=pieces.pendants).exists()


def test_the_full_rebuild_writes_every_record_and_drops_stale_documents(cast: Cast, pieces: SimpleNamespace) -> None:
    SearchDocument.objects.filter(item=pieces.brooch).delete()
    SearchDocument.objects.filter(item=pieces.ring).update(title="Stale", heading_terms="stale")
    lines: list[str] = []
    assert rebuild_index(say=lines.append, batch=3) == 4
    assert lines == ["  3 pieces indexed", "  4 pieces indexed"]
    assert numbers(find(cast.assistant, "stale")) == []
    assert numbers(find(cast.assistant, "bow")) == [pieces.brooch.stock_number]
    assert SearchDocument.objects.count() == 4


@pytest.fixture
def copy_of_the_ring(pieces: SimpleNamespace) -> Iterator[None]:
    """Copy as the copy area's reader will return it (their models are not in this branch)."""
    ring = CatalogueRecord.objects.get(item=pieces.ring)

    def reader(records: Sequence[CatalogueRecord]) -> dict[int, CopyText]:
        return {
            r.pk: CopyText(
                status="approved",
                heading="A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925",
                description="The cushion-shaped sapphire weighing 4.12 carats, between pear-shaped diamonds.",
            )
            for r in records
            if r.pk == ring.pk
        }

    register_copy_reader(reader)
    yield
    unregister_copy_reader(reader)


def test_copy_heading_description_and_status_are_searched(
    cast: Cast, pieces: SimpleNamespace, copy_of_the_ring: None
) -> None:
    index_record(record=CatalogueRecord.objects.get(item=pieces.ring))
    results = find(cast.assistant, "pear-shaped")
    assert numbers(results) == [pieces.ring.stock_number]
    assert results.hits[0].title == "A SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"
    assert ranked(find(cast.assistant, "circa 1925")) == [(pieces.ring.stock_number, 0)]
    assert counts(find(cast.assistant), "status") == [
        ("recorded", "Recorded, no copy yet", 3),
        ("approved", "Copy approved", 1),
    ]
    assert numbers(find(cast.assistant, facets={"status": ["approved"]})) == [pieces.ring.stock_number]


# --- The search page -----------------------------------------------------------------------------
def test_the_search_page_shows_hits_and_facets_with_counts(cast: Cast, pieces: SimpleNamespace) -> None:
    response = signed_in(cast.assistant).get("/catalogue/search/", {"q": "diamond", "stone": ["sapphire", "emerald"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 pieces for ‘diamond’" in page
    rows = re.findall(r'<td class="stock"><a href="/catalogue/([^/]+)/">', page)
    assert rows == sorted([pieces.ring.stock_number, pieces.emerald.stock_number])
    assert (
        '<input type="checkbox" name="stone" value="sapphire" checked> <span>Sapphire</span> '
        '<span class="figure count">1</span>'
    ) in page
    assert (
        '<input type="checkbox" name="stone" value="pearl"> <span>Pearl</span> <span class="figure count">1</span>'
    ) in page
    assert (
        '<input type="checkbox" name="maker" value="Van Cleef &amp; Arpels"> <span>Van Cleef &amp; Arpels</span> '
        '<span class="figure count">1</span>'
    ) in page
    assert '<label for="id_q">Words</label>' in page
    assert "Vandermeer" not in page


def test_the_search_page_refuses_a_question_beside_its_field(cast: Cast, pieces: SimpleNamespace) -> None:
    response = signed_in(cast.assistant).get("/catalogue/search/", {"q": "ring " * 13})
    assert response.status_code == 422
    assert '<p class="error" id="id_q-error">Search for at most 12 words at a time.</p>' in response.content.decode()


def test_the_search_page_issues_the_same_queries_at_any_size(cast: Cast, pieces: SimpleNamespace) -> None:
    browser = signed_in(cast.assistant)

    def page_queries() -> int:
        browser.get("/catalogue/search/", {"q": "ring"})  # warm the session and permissions
        with CaptureQueriesContext(connection) as captured:
            response = browser.get("/catalogue/search/", {"q": "ring", "office": "NY"})
        assert response.status_code == 200
        return len(captured)

    before = page_queries()
    more = inventory.take_in(cast.senior, inventory.consignor("Mr Aldous Fenwick"),
                             *[inventory.piece(f"Gold ring {n}", stones=()) for n in range(6)])  # fmt: skip
    for piece in more:
        record(piece, by=cast.senior, object_type="ring", makers=[{"name": f"Maker {piece.pk}"}],
               stones=[{"species": "diamond"}])  # fmt: skip
    rebuild_index()
    assert find(cast.assistant, "ring", {"office": ["NY"]}).total == 8
    assert page_queries() == before


# --- The API --------------------------------------------------------------------------------------
def test_the_api_answers_hits_and_facets(cast: Cast, pieces: SimpleNamespace) -> None:
    response = signed_in(cast.logistics).get(
        "/api/v1/catalogue/search", {"q": "boucheron", "category": "brooch", "page_size": 5}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert {key: body[key] for key in ("q", "total", "page", "page_size", "pages")} == {
        "q": "boucheron", "total": 1, "page": 1, "page_size": 5, "pages": 1,
    }  # fmt: skip
    assert body["hits"] == [
        {
            "stock_number": pieces.brooch.stock_number,
            "title": "Belle Époque diamond bow brooch",
            "category": "brooch",
            "category_label": "Brooch",
            "stone": "diamond",
            "maker": "Boucheron",
            "period": "edwardian",
            "period_label": "Edwardian (Belle Époque)",
            "price_band": "USD:20000-100000",
            "price_band_label": "USD 20,000–100,000",
            "office": "NY",
            "office_name": "New York",
            "status": "recorded",
            "status_label": "Recorded, no copy yet",
            "tier": 1,
        }
    ]
    facets = {facet["key"]: facet for facet in body["facets"]}
    assert list(facets) == list(search.FACETS)
    assert facets["category"] == {
        "key": "category",
        "label": "Category",
        "values": [{"value": "brooch", "label": "Brooch", "count": 1, "selected": True}],
    }


def test_the_api_refuses_a_bad_question_in_the_one_error_shape(cast: Cast, pieces: SimpleNamespace) -> None:
    browser = signed_in(cast.assistant)
    response = browser.get("/api/v1/catalogue/search", {"q": "ring " * 13})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "code": "invalid",
        "message": "Search for at most 12 words at a time.",
        "fields": {"q": ["Search for at most 12 words at a time."]},
    }
    assert browser.get("/api/v1/catalogue/search", {"status": "sold"}).status_code == 422


@pytest.mark.parametrize("role", ["specialist_assistant", "senior_specialist", "finance", "logistics", "auditor",
                                  "administrator"])  # fmt: skip
def test_no_role_finds_a_confidential_owner_through_the_api(cast: Cast, pieces: SimpleNamespace, role: str) -> None:
    response = signed_in(cast.by_role()[role]).get("/api/v1/catalogue/search", {"q": "Vandermeer"})
    assert (response.status_code, response.json()["total"], response.json()["hits"]) == (200, 0, [])


# --- The global search box and the command ------------------------------------------------------
def test_the_global_search_box_answers_with_catalogued_pieces(cast: Cast, pieces: SimpleNamespace) -> None:
    response = signed_in(cast.assistant).post("/search/", {"q": "art deco sapphire"})
    page = response.content.decode()
    assert "<h2>Catalogue</h2>" in page
    assert (
        f'<li><a href="/catalogue/{pieces.ring.stock_number}/">{pieces.ring.stock_number} · '
        "Sapphire and diamond ring</a><br><small>Cartier · Art Deco · New York · Recorded, no copy yet</small></li>"
    ) in page
    owner = signed_in(cast.assistant).post("/search/", {"q": "Vandermeer"}).content.decode()
    assert "<h2>Catalogue</h2>" not in owner


def test_the_global_search_box_offers_the_rest_in_the_catalogue_search(cast: Cast, pieces: SimpleNamespace) -> None:
    from parure.catalogue.search.hooks import global_search

    request = SimpleNamespace(user=cast.assistant)
    hits = global_search(request, "diamond")  # type: ignore[arg-type]
    assert [hit.title for hit in hits] == [
        f"{p.stock_number} · {p.title}" for p in sorted((pieces.ring, pieces.brooch, pieces.emerald, pieces.pendants),
                                                        key=lambda p: p.stock_number)
    ]  # fmt: skip


def test_parure_catalogue_reindex_rebuilds_every_document(cast: Cast, pieces: SimpleNamespace) -> None:
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("catalogue", "reindex", "--batch", "2", stdout=out)
    assert out.getvalue().splitlines() == [
        "  2 pieces indexed",
        "  4 pieces indexed",
        "Catalogue search rebuilt: 4 pieces indexed.",
    ]
    assert numbers(find(cast.assistant, "epoque")) == [pieces.brooch.stock_number]


def test_the_demonstration_indexes_the_records_the_other_demos_made(cast: Cast, pieces: SimpleNamespace) -> None:
    from parure.core import registry

    SearchDocument.objects.all().delete()
    builder = registry.demo_builders["catalogue.search"]
    lines: list[str] = []
    builder.build(lines.append)
    assert (builder.order, lines) == (45, ["  catalogue search: 4 pieces indexed"])
    assert SearchDocument.objects.count() == 4
