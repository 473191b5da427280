"""The copy page: writing the copy from the record, editing it, the buttons each role may press,
refusals beside what they concern, versions, the difference between two, and a fixed number of
queries whatever the number of versions."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.catalogue.models import CatalogueCopy
from parure.catalogue.services.copy import copy_approve, copy_edit, copy_generate, copy_submit
from tests.catalogue.copy_world import HEADING, SAPPHIRE_STATEMENT, cartier_record
from tests.conftest import signed_in
from tests.guards import unchanged
from tests.inventory import world


def url(record: Any, name: str = "") -> str:
    return f"/catalogue/{record.item.stock_number}/copy/{name}"


def text(response: Any) -> str:
    """The page's words, without tags, on one line."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_an_assistant_writes_the_copy_from_the_record(cast: Any) -> None:
    record = cartier_record(cast)
    browser = signed_in(cast.assistant)
    page = browser.get(url(record))
    assert page.status_code == 200
    assert "This piece has no copy yet. Write the copy from the record" in text(page)
    response = browser.post(url(record, "generate/"))
    assert response.status_code == 302 and response["Location"] == url(record)
    page = browser.get(url(record))
    body = page.content.decode()
    assert f'<h2 class="lot-heading" id="copy-heading">{HEADING}</h2>' in body
    # The sapphire's attached report gives the laboratory statement.
    assert f'statement">{SAPPHIRE_STATEMENT}</p>' in body
    words = text(page)
    assert "The copy was written from the record." in words
    assert (
        "Provenance Mrs Harrison Williams, by 1930 Christie&#x27;s Geneva, 17 May 1987, lot 412 A private collection, New York"
        in words
    )
    assert "Vandermeer" not in body
    assert "Draft version 1" in words
    assert "1 Generated from the record Draft Marcus Hale" in words
    assert 'action="/catalogue/' in body and "Submit for approval" in words and "Approve</button>" not in body


def test_a_reader_who_may_not_write_sees_the_copy_without_its_form_or_buttons(cast: Any) -> None:
    record = cartier_record(cast)
    copy_generate(record=record, by=cast.assistant)
    page = signed_in(cast.finance).get(url(record))
    body = page.content.decode()
    assert page.status_code == 200 and HEADING in body
    for absent in ("Edit the copy", "Submit for approval", "Approve</button>", "Lock</button>", "Write again"):
        assert absent not in body


def test_an_edit_saves_a_new_version_and_a_stale_one_keeps_what_was_typed(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_generate(record=record, by=cast.assistant)
    browser = signed_in(cast.assistant)
    form = {**copy.text.as_dict(), "version": "1", "note": "Bombé in the heading",
            "heading": "A SAPPHIRE AND DIAMOND BOMBÉ RING, BY CARTIER, CIRCA 1925"}  # fmt: skip
    assert browser.post(url(record, "edit/"), form).status_code == 302
    copy.refresh_from_db()
    assert (copy.version, copy.heading) == (2, "A SAPPHIRE AND DIAMOND BOMBÉ RING, BY CARTIER, CIRCA 1925")
    sofia = signed_in(cast["sofia"])
    with unchanged():
        stale = sofia.post(url(record, "edit/"), {**form, "heading": "A SAPPHIRE RING"})
    assert stale.status_code == 409
    assert ("The copy has changed since you opened version 1: version 2 is the latest. Reload it and make your "
            "change again.") in text(stale)  # fmt: skip
    assert 'value="A SAPPHIRE RING"' in stale.content.decode()


def test_a_missing_heading_is_refused_beside_the_heading(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_generate(record=record, by=cast.assistant)
    browser = signed_in(cast.assistant)
    with unchanged():
        response = browser.post(url(record, "edit/"), {**copy.text.as_dict(), "version": "1",
                                                                         "heading": "   "})  # fmt: skip
    assert response.status_code == 422
    assert '<p class="error" id="id_heading-error">The heading is required.</p>' in response.content.decode()


def test_the_author_cannot_approve_and_another_senior_can_then_lock(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_submit(copy=copy_generate(record=record, by=cast.senior), by=cast.senior, expected_version=1)
    eleanor = signed_in(cast.senior)
    page = eleanor.get(url(record))
    assert "Approve</button>" not in page.content.decode()
    assert "You wrote words of this copy; another senior specialist approves it." in text(page)
    with unchanged():
        refused = eleanor.post(url(record, "approve/"), {"version": "2"})
    assert refused.status_code == 409
    assert "You wrote words of this copy; another senior specialist must approve it." in text(refused)
    harriet = signed_in(cast["harriet"])
    assert "Approve</button>" in harriet.get(url(record)).content.decode()
    assert harriet.post(url(record, "approve/"), {"version": "2"}).status_code == 302
    with unchanged():
        no_reason = harriet.post(url(record, "lock/"), {"reason": ""})
    assert no_reason.status_code == 422
    assert ('<p class="error">Give the reason for locking the copy (the sale it is published in).</p>'
            in no_reason.content.decode())  # fmt: skip
    assert harriet.post(url(record, "lock/"), {"reason": "Published in NY-J2611, lot 12"}).status_code == 302
    marcus = signed_in(cast.assistant)
    page = marcus.get(url(record))
    words = text(page)
    assert "Locked (published) version 4" in words
    assert "Locked by Harriet" in words and ": Published in NY-J2611, lot 12." in words
    assert "Edit the copy" not in page.content.decode()
    with unchanged():
        edit = marcus.post(url(record, "edit/"), {**copy.text.as_dict(), "version": "4"})
    assert edit.status_code == 409
    assert "The copy is locked (Published in NY-J2611, lot 12); it can no longer be changed." in text(edit)


def test_open_flags_are_shown_and_refuse_approval(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_generate(record=record, by=cast.assistant)
    copy = copy_edit(copy=copy, by=cast.assistant, expected_version=1,
                     text=replace(copy.text, lab_statements="Accompanied by report no. 12345 from the GIA."))  # fmt: skip
    copy_submit(copy=copy, by=cast.assistant, expected_version=2)
    browser = signed_in(cast.senior)
    page = browser.get(url(record))
    assert ("Open flags: the copy is approved once each is corrected or answered by a senior specialist. The "
            "laboratory statements state report no. 12345, a report number the record and its reports do not hold: "
            "correct the copy or the record.") in text(page)  # fmt: skip
    with unchanged():
        assert browser.post(url(record, "approve/"), {"version": "3"}).status_code == 409


def test_the_diff_page_shows_insertions_and_deletions(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_generate(record=record, by=cast.assistant)
    copy_edit(copy=copy, by=cast.assistant, expected_version=1, note="Kashmir",
              text=replace(copy.text, heading="A KASHMIR SAPPHIRE AND DIAMOND RING, BY CARTIER, CIRCA 1925"))  # fmt: skip
    page = signed_in(cast.auditor).get(url(record, "diff/?from=1&to=2"))
    body = page.content.decode()
    assert page.status_code == 200
    assert ('<section id="diff-heading"><h2>Heading</h2><p>A <ins>KASHMIR </ins>SAPPHIRE AND DIAMOND RING, BY '
            "CARTIER, CIRCA 1925</p></section>") in body  # fmt: skip
    assert 'id="diff-description"' not in body
    assert "Version 1 (Generated from the record, Marcus Hale," in text(page)
    same = signed_in(cast.auditor).get(url(record, "diff/?from=2&to=2"))
    assert "The words are the same in both versions." in text(same)
    bad = signed_in(cast.auditor).get(url(record, "diff/?from=1&to=9"))
    assert bad.status_code == 422
    assert '<p class="error">Choose a version from 1 to 2 for ‘to’.</p>' in bad.content.decode()


def test_a_piece_without_a_record_has_no_copy_page(cast: Any) -> None:
    world.build_all_places(cast)
    piece = world.take_in(cast.senior, world.consignor(), world.piece())[0]
    response = signed_in(cast.assistant).get(f"/catalogue/{piece.stock_number}/copy/")
    assert response.status_code == 404


def _queries(browser: Any, address: str) -> int:
    browser.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(address)
    assert response.status_code == 200
    return len(captured)


def test_the_copy_page_issues_a_fixed_number_of_queries_whatever_its_versions(cast: Any) -> None:
    record = cartier_record(cast)
    copy = copy_generate(record=record, by=cast.assistant)
    browser = signed_in(cast["harriet"])
    few = _queries(browser, url(record))
    for number in range(1, 7):
        by = cast.assistant if number % 2 else cast["sofia"]
        copy = copy_edit(copy=copy, by=by, expected_version=number, text=replace(copy.text, heading=f"A RING {number}"))
    copy = copy_submit(copy=copy, by=cast.assistant, expected_version=7)
    copy = copy_approve(copy=copy, by=cast.senior, expected_version=8)
    assert CatalogueCopy.objects.get().versions.count() == 9
    assert _queries(browser, url(record)) == few


def test_the_page_says_when_the_record_changed_after_the_copy_was_written(cast: Any) -> None:
    record = cartier_record(cast)
    copy_generate(record=record, by=cast.assistant)
    browser = signed_in(cast.assistant)
    assert 'id="record-changed"' not in browser.get(url(record)).content.decode()
    record.signature = "Cartier London"
    record.version += 1  # as the records area's save does
    record.save()
    notice = ("The record has changed since this copy was written from it (record version 2, copy written from "
              "version 1). Write the copy again from the record, or check that the words still agree with it.")  # fmt: skip
    assert notice in text(browser.get(url(record)))
    assert browser.post(url(record, "generate/"), {"version": "1"}).status_code == 302
    page = browser.get(url(record))
    assert 'id="record-changed"' not in page.content.decode() and "Signed Cartier London" in text(page)
