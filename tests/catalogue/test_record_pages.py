"""The record's pages: the catalogue list (rows, filters, a fixed number of queries), the record
page with its flags and a senior's override, the desk screen (save, refusals that keep what was
typed, rows added without JavaScript, the inline estimate and mark reading), the htmx fragments
and the link from the piece's page."""

from __future__ import annotations

import html as html_text
import re
import zoneinfo
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.catalogue.forms import FORMSET_PREFIXES, RecordForm, rows_initial
from parure.catalogue.models import CatalogueRecord, FlagAnswer
from parure.catalogue.services import records as services
from tests.catalogue.certificate_world import attach, sapphire_report
from tests.catalogue.world import cartier_ring, record
from tests.conftest import signed_in
from tests.guards import unchanged
from tests.inventory import world
from tests.inventory.conftest import client_file, ny, places  # noqa: F401 (fixtures)

D = Decimal


@pytest.fixture
def pieces(cast: Any, ny: world.Places, client_file: Any) -> list[Any]:  # noqa: F811
    return world.take_in(
        cast.senior,
        client_file,
        world.piece(),
        world.piece("Diamond clip brooch", category="brooch"),
        world.piece("Edwardian diamond tiara", category="tiara"),
    )


def desk_data(made: CatalogueRecord, **changes: Any) -> dict[str, str]:
    """What the browser sends back from the desk screen as it was rendered, with ``changes``."""
    fresh = CatalogueRecord.objects.get(pk=made.pk)
    data: dict[str, str] = {}

    def put(name: str, value: Any) -> None:
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)

    for name, value in RecordForm.initial_for(fresh).items():
        put(name, value)
    for prefix, rows in rows_initial(fresh, withheld=set()).items():
        data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows)),
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
        for index, row in enumerate(rows):
            for name, value in row.items():
                put(f"{prefix}-{index}-{name}", value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = str(value)
    return data


def text_of(html: str) -> str:
    return " ".join(html_text.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def shown(moment: Any, pattern: str) -> str:
    """A time as the New York office's pages print it."""
    return moment.astimezone(zoneinfo.ZoneInfo("America/New_York")).strftime(pattern)


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_each_piece_with_its_records_state(cast: Any, pieces: list[Any]) -> None:
    ring, brooch, tiara = pieces
    # The sapphire's weight is stated by its report: attached, the ring's record is clear.
    attach(ring_record := cartier_ring(ring, by=cast.senior), sapphire_report(ring_record), by=cast.senior)
    record(brooch, by=cast.senior, period="art-deco", year_from=1890, year_to=1890)
    page = signed_in(cast.assistant).get("/catalogue/")
    html = page.content.decode()
    rows = re.findall(r'<tr id="row-([^"]+)">(.*?)</tr>', html, re.S)
    assert [(number, text_of(row)) for number, row in rows] == [
        (tiara.stock_number, f"{tiara.stock_number} Edwardian diamond tiara Tiara NY Intake desk No record yet"),
        (brooch.stock_number,
         f"{brooch.stock_number} Diamond clip brooch Brooch NY Intake desk Version 1 1 open "
         f"{shown(CatalogueRecord.objects.get(item=brooch).updated_at, '%-d %b %Y')} · Eleanor Whitcombe"),
        (ring.stock_number,
         f"{ring.stock_number} Sapphire and diamond ring Ring NY Intake desk Version 1 None open "
         f"{shown(CatalogueRecord.objects.get(item=ring).updated_at, '%-d %b %Y')} · Eleanor Whitcombe"),
    ]  # fmt: skip
    assert "3 pieces" in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [("none", ["tiara"]), ("record", ["brooch", "ring"]), ("flags", ["brooch"]), ("clear", ["ring"])],
)
def test_the_list_filters_by_the_records_state(cast: Any, pieces: list[Any], status: str, expected: list[str]) -> None:
    ring, brooch, tiara = pieces
    # The sapphire's weight is stated by its report: attached, the ring's record is clear.
    attach(ring_record := cartier_ring(ring, by=cast.senior), sapphire_report(ring_record), by=cast.senior)
    record(brooch, by=cast.senior, period="art-deco", year_from=1890, year_to=1890)
    names = {ring.stock_number: "ring", brooch.stock_number: "brooch", tiara.stock_number: "tiara"}
    html = signed_in(cast.assistant).get("/catalogue/", {"status": status}).content.decode()
    assert [names[number] for number in re.findall(r'<tr id="row-([^"]+)">', html)] == expected


def test_the_list_refuses_part_of_a_stock_number_beside_the_box(cast: Any, pieces: list[Any]) -> None:
    page = signed_in(cast.assistant).get("/catalogue/", {"q": "NY-26"})
    assert page.status_code == 422
    assert "is only part of a stock number; type all of it with its check digit" in page.content.decode()


def _queries(fetch: Callable[[], Any]) -> int:
    fetch()  # warm caches (content types, permissions) so both counts measure the same work
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def _catalogue_three_kinds(cast: Any, three: list[Any]) -> None:
    """A clear record, one with an open flag, one with its flag answered."""
    clear, flagged, answered = three
    cartier_ring(clear, by=cast.senior)
    for piece in (flagged, answered):
        made = record(piece, by=cast.senior, ring_size="6.3", ring_size_system="us")
    services.flag_override(record=made, key="ring-size:record", reason="Sized on a mandrel.", by=cast.senior)


def test_the_list_issues_the_same_queries_whatever_its_length(cast: Any, pieces: list[Any], client_file: Any) -> None:  # noqa: F811
    _catalogue_three_kinds(cast, pieces)
    browser = signed_in(cast.senior)
    fetches: list[Callable[[], Any]] = [
        lambda: browser.get("/catalogue/"),
        lambda: browser.get("/catalogue/", {"status": "flags"}),
        lambda: browser.get("/catalogue/", {"status": "clear"}),
        lambda: browser.get("/api/v1/catalogue/records"),
    ]
    few = [_queries(fetch) for fetch in fetches]
    more = world.take_in(cast.senior, client_file, *(world.piece(f"Ring {n}") for n in range(9)))
    for start in range(0, 9, 3):
        _catalogue_three_kinds(cast, more[start : start + 3])
    assert [_queries(fetch) for fetch in fetches] == few
    assert browser.get("/api/v1/catalogue/records").json()["count"] == 12


@pytest.mark.parametrize("role", ["specialist_assistant", "finance", "administrator"])
def test_the_catalogue_is_an_area_of_the_top_bar(cast: Any, role: str) -> None:
    html = signed_in(cast.by_role()[role]).get("/catalogue/").content.decode()
    assert '<li><a href="/catalogue/" aria-current="page">Catalogue</a></li>' in html


# --- The record page ---------------------------------------------------------------------------


def test_the_record_page_shows_flags_beside_their_fields_and_a_senior_overrides_one(
    cast: Any, pieces: list[Any]
) -> None:
    ring = pieces[0]
    made = record(ring, by=cast.assistant, object_type="ring", period="art-deco", year_from=1890, year_to=1890,
                  metals=[{"metal": "gold", "fineness": 585, "marks": "750"}])  # fmt: skip
    url = f"/catalogue/{ring.stock_number}/"
    assistant = signed_in(cast.assistant).get(url).content.decode()
    date_section = re.search(r'<section aria-labelledby="date-title">(.*?)</section>', assistant, re.S)
    metal_row = re.search(r'<div class="record-row" id="metal-1">(.*?)</div>\s*\n', assistant, re.S)
    assert date_section and "The period Art Deco (1920–1935) does not match the date 1890" in date_section.group(1)
    assert metal_row and "Metal 1: the mark ‘750’ reads 750, not the 585 stated." in metal_row.group(1)
    assert '<p><strong>gold</strong> <span class="figure">585</span></p>' in metal_row.group(1)  # no colour given
    assert '<p class="flag-count" id="open-flags">2 flags to answer</p>' in assistant
    assert "Override" not in assistant

    senior = signed_in(cast.senior)
    assert 'name="key" value="period-vs-date:record"' in senior.get(url).content.decode()
    response = senior.post(f"{url}flags/override/", {"key": "period-vs-date:record", "reason": "A later remodelling."})
    assert (response.status_code, response["Location"]) == (302, url)
    answer = FlagAnswer.objects.get(record=made)
    html = senior.get(url).content.decode()
    assert f"Overridden by Eleanor Whitcombe on {shown(answer.at, '%-d %b %Y, %H:%M')}: A later remodelling." in html
    assert '<p class="flag-count" id="open-flags">1 flag to answer</p>' in html


def test_an_override_without_a_reason_is_refused_and_nothing_is_kept(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    record(ring, by=cast.assistant, period="art-deco", year_from=1890, year_to=1890)
    senior = signed_in(cast.senior)
    senior.get("/catalogue/")  # the first request records the sign-in
    with unchanged():
        response = senior.post(f"/catalogue/{ring.stock_number}/flags/override/", {"key": "period-vs-date:record"})
    assert response.status_code == 302
    assert (
        "Give the reason the flagged value stands; it is kept with the override."
        in senior.get(response["Location"]).content.decode()
    )


def test_a_piece_without_a_record_offers_to_start_one(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    assistant = signed_in(cast.assistant)
    html = assistant.get(f"/catalogue/{ring.stock_number}/").content.decode()
    assert "This piece has no catalogue record yet." in html and "Start the catalogue record" in html
    assert (
        "Start the catalogue record"
        not in signed_in(cast.finance).get(f"/catalogue/{ring.stock_number}/").content.decode()
    )


def test_the_piece_page_links_to_its_record(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    assistant = signed_in(cast.assistant)
    item_page = assistant.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert 'id="catalogue-record-start">Start the catalogue record</button>' in item_page
    response = assistant.post(f"/catalogue/{ring.stock_number}/open/")
    assert (response.status_code, response["Location"]) == (302, f"/catalogue/{ring.stock_number}/edit/")
    item_page = assistant.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert f'id="catalogue-record-link" href="/catalogue/{ring.stock_number}/">Catalogue record</a>' in item_page
    logistics_page = signed_in(cast.logistics).get(f"/inventory/items/{ring.stock_number}/").content.decode()
    assert "Catalogue record</a>" in logistics_page and "Start the catalogue record" not in logistics_page


# --- The desk screen ---------------------------------------------------------------------------


def test_the_desk_screen_saves_the_whole_record(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    desk = signed_in(cast.assistant)
    url = f"/catalogue/{ring.stock_number}/edit/"
    html = desk.get(url).content.decode()
    assert 'name="stones-0-species" value="corundum"' in html and 'name="stones-1-species" value="diamond"' in html
    data = desk_data(made, form="bombé", ring_size="6", ring_size_system="us", **{"stones-1-clarity": "VS1-VS2",
                     "metals-0-marks": "PT950", "stones-1-DELETE": None})  # fmt: skip
    response = desk.post(url, {**data, "save": "1"})
    assert (response.status_code, response["Location"]) == (302, f"/catalogue/{ring.stock_number}/")
    stored = CatalogueRecord.objects.get(pk=made.pk)
    assert (stored.version, stored.form, stored.ring_size, stored.updated_by) == (2, "bombé", "6", cast.assistant)
    assert [s.clarity for s in stored.stones.all()] == ["", "VS1-VS2"]
    assert stored.metals.get().mark_reading["marks"][0]["meaning"] == "platinum 950"


def test_a_deleted_row_is_left_out(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    response = signed_in(cast.assistant).post(
        f"/catalogue/{ring.stock_number}/edit/", {**desk_data(made, **{"stones-1-DELETE": "on"}), "save": "1"}
    )
    assert response.status_code == 302
    assert [s.variety for s in CatalogueRecord.objects.get(pk=made.pk).stones.all()] == ["sapphire"]


def test_a_refusal_keeps_what_was_typed_beside_its_field_and_saves_nothing(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    data = desk_data(made, form="bombé, typed", **{"stones-1-clarity": "VS3", "stones-1-DELETE": None})
    desk = signed_in(cast.assistant)
    desk.get("/catalogue/")  # the first request records the sign-in
    with unchanged():
        response = desk.post(f"/catalogue/{ring.stock_number}/edit/", {**data, "save": "1"})
    html = response.content.decode()
    assert response.status_code == 422
    assert 'value="bombé, typed"' in html and 'name="stones-1-clarity" value="VS3"' in html
    assert (
        '<p class="error" id="id_stones-1-clarity-error">Stone 2: ‘VS3’ is not a clarity grade; valid grades are FL, IF, '
        "VVS1, VVS2, VS1, VS2, SI1, SI2, I1, I2, I3.</p>"
    ) in html


def test_a_stale_screen_is_refused_with_who_saved_and_keeps_what_was_typed(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    data = desk_data(made, form="my change")
    services.record_save(record=made, expected_version=1, fields={"form": "theirs"}, by=cast.senior)
    desk = signed_in(cast.assistant)
    desk.get("/catalogue/")  # the first request records the sign-in
    with unchanged():
        response = desk.post(f"/catalogue/{ring.stock_number}/edit/", {**data, "save": "1"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Eleanor Whitcombe saved this record (version 2) at " in html
    assert "after you opened version 1; reload it to see their changes, then make yours again." in html
    assert 'value="my change"' in html


def test_a_row_is_added_without_javascript_keeping_what_was_typed(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    desk = signed_in(cast.assistant)
    desk.get("/catalogue/")  # the first request records the sign-in
    with unchanged():
        response = desk.post(
            f"/catalogue/{ring.stock_number}/edit/", {**desk_data(made, form="typed first"), "add": "stones"}
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="stones-TOTAL_FORMS" value="3"' in html
    assert 'id="stones-2"' in html and 'name="stones-2-species"' in html
    assert 'value="typed first"' in html
    assert '<p class="error"' not in html


def test_the_estimate_button_shows_the_formula_and_range_and_keep_fills_the_weight(
    cast: Any, pieces: list[Any]
) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    desk = signed_in(cast.assistant)
    url = f"/catalogue/{ring.stock_number}/edit/"
    data = desk_data(made, **{"stones-1-shape": "round", "stones-1-length_mm": "6.50", "stones-1-depth_mm": "3.90",
                              "stones-1-count": "1", "stones-1-weight_ct": ""})  # fmt: skip
    shown = text_of(desk.post(url, {**data, "estimate": "1"}).content.decode())
    assert "1.01 ct estimated (0.90–1.11 ct, ±10%), round brilliant, diamond." in shown
    assert "average diameter² × depth × factor: 6.50² × 3.90 × 0.0061 = 1.0051 ct → 1.01 ct" in shown

    kept = desk.post(url, {**data, "keep": "1"}).content.decode()
    assert 'name="stones-1-weight_ct" value="1.01"' in kept
    assert '<option value="estimated" selected>' in kept
    assert re.search(r'name="stones-1-keep_estimate"[^>]* checked', kept)
    with_weight = dict(data, **{"stones-1-weight_ct": "1.01", "stones-1-weight_basis": "estimated",
                                "stones-1-keep_estimate": "on"})  # fmt: skip
    assert desk.post(url, {**with_weight, "save": "1"}).status_code == 302
    stone = CatalogueRecord.objects.get(pk=made.pk).stones.get(position=2)
    assert (stone.weight_ct, stone.estimate["low"], stone.estimate["high"]) == (D("1.01"), "0.90", "1.11")


def test_read_marks_shows_the_librarys_reading(cast: Any, pieces: list[Any]) -> None:
    ring = pieces[0]
    made = services.record_open(item=ring, by=cast.assistant)
    data = desk_data(made, **{"metals-0-marks": "750, eagle's head, a star"})
    shown = text_of(
        signed_in(cast.assistant)
        .post(f"/catalogue/{ring.stock_number}/edit/", {**data, "read_marks": "0"})
        .content.decode()
    )
    assert "750 : fineness 750: gold" in shown
    assert "eagle's head : 18 carat gold (750), France, since 1838 (France)" in shown
    assert "a star : ‘a star’ is not a mark this decoder knows." in shown


def test_the_htmx_tools_answer_with_fragments(cast: Any, pieces: list[Any]) -> None:
    desk = signed_in(cast.assistant)
    estimate = desk.post("/catalogue/tools/estimate/", {"row": "0", "stones-0-species": "diamond", "stones-0-shape": "round",
                                                        "stones-0-length_mm": "6.5", "stones-0-depth_mm": "3.9"})  # fmt: skip
    assert estimate.status_code == 200
    assert text_of(estimate.content.decode()).startswith(
        "1.01 ct estimated (0.90–1.11 ct, ±10%), round brilliant, diamond."
    )
    refused = desk.post(
        "/catalogue/tools/estimate/", {"row": "0", "stones-0-species": "diamond", "stones-0-shape": "round"}
    )
    assert refused.status_code == 422
    assert text_of(refused.content.decode()) == "Give the stone's length in millimetres to estimate its weight."
    from_htmx = desk.post(
        "/catalogue/tools/estimate/", {"row": "0", "stones-0-species": "diamond"}, HTTP_HX_REQUEST="true"
    )
    assert (from_htmx.status_code, text_of(from_htmx.content.decode())) == (
        200,
        "Give the stone's shape (round, oval, cushion…) to estimate its weight.",
    )
    marks = desk.post("/catalogue/tools/marks/", {"row": "0", "metals-0-marks": "PT950"})
    assert text_of(marks.content.decode()) == "PT950 : platinum 950"


def test_every_formset_the_desk_renders_is_sent_back(cast: Any, pieces: list[Any]) -> None:
    made = services.record_open(item=pieces[0], by=cast.assistant)
    html = signed_in(cast.assistant).get(f"/catalogue/{pieces[0].stock_number}/edit/").content.decode()
    for prefix in FORMSET_PREFIXES:
        total = made.metals.count() if prefix == "metals" else made.stones.count() if prefix == "stones" else (
            made.makers.count() if prefix == "makers" else 0)  # fmt: skip
        assert f'name="{prefix}-TOTAL_FORMS" value="{total}"' in html


def test_the_record_page_leads_to_the_pieces_reports_copy_condition_and_photographs(
    cast: Any, pieces: list[Any]
) -> None:
    """Each area's link shows for a role that may open it, with where the piece stands there."""
    from parure.catalogue.services.copy import copy_generate

    ring = pieces[0]
    made = cartier_ring(ring, by=cast.senior)
    attach(made, sapphire_report(made), by=cast.senior)
    copy_generate(record=made, by=cast.assistant)
    seen = {}
    for person in (cast.assistant, cast.finance, cast.administrator):
        html = signed_in(person).get(f"/catalogue/{ring.stock_number}/").content.decode()
        areas = re.search(r'<nav class="record-areas no-print"[^>]*>(.*?)</nav>', html, re.S)
        assert areas is not None
        seen[person.username] = text_of(areas.group(1))
    # The intake condition report is version 1 (the test world writes it at intake).
    assert seen == {
        "marcus": "Laboratory reports 1 Catalogue copy Draft Condition reports latest: version 1 Photographs",
        "priya": "Laboratory reports 1 Catalogue copy Draft Condition reports latest: version 1",
        "simon": "Laboratory reports 1 Catalogue copy Draft",
    }


def test_the_list_shows_each_pieces_primary_photograph_or_a_neutral_square(
    cast: Any, pieces: list[Any], condition_media: Any
) -> None:
    from tests.catalogue.photo_world import upload

    ring, brooch, tiara = pieces
    (image,) = upload(ring, cast.assistant, (400, 300), alt_text="The ring, face up")
    html = signed_in(cast.assistant).get("/catalogue/").content.decode()
    rows = dict(re.findall(r'<tr id="row-([^"]+)">\s*<td class="thumb-col">(.*?)</td>', html, re.S))
    assert rows[ring.stock_number] == (
        f'<img class="thumb" src="/catalogue/photography/images/{image.pk}/thumbnail.jpg" '
        'alt="The ring, face up" width="48" height="48" loading="lazy">'
    )
    assert (
        rows[tiara.stock_number]
        == rows[brooch.stock_number]
        == '<span class="thumb placeholder" aria-hidden="true"></span>'
    )
