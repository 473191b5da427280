"""The client book's import preview and the merge of duplicate files, in Debian's Chromium: what a
person sees on the page, and what the book holds afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from parure.clients.choices import ImportStatus
from parure.clients.models import Client, ClientImport
from parure.clients.services.clients import client_create
from tests.browser.test_platform import _watch_console, sign_in
from tests.clients.conftest import Book
from tests.clients.test_import_export import GOOD_AND_BAD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start(page: Any, live_server: Any, username: str, width: int = 1280) -> list[str]:
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": width, "height": 900})
    problems = _watch_console(page)
    sign_in(page, live_server, username)
    return problems


def script_problems(problems: list[str]) -> list[str]:
    """Console errors and CSP violations, without the 422 a refused form is answered with."""
    return [problem for problem in problems if "status of 422" not in problem]


@pytest.mark.parametrize("width", [1280, 768])
def test_the_import_preview_shows_every_row_s_problem_before_anything_is_saved(
    live_server: Any, page: Any, cast: Any, tmp_path: Any, width: int
) -> None:
    upload = tmp_path / "book.csv"
    upload.write_text(GOOD_AND_BAD, encoding="utf-8")
    problems = start(page, live_server, "eleanor", width)
    page.goto(f"{live_server.url}/clients/import/")
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_label("Assign the clients to").select_option(str(cast.senior.pk))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(f"{live_server.url}/clients/import/*/")

    # Every row checked, the two bad ones say why, and nothing is in the book yet.
    expect(page.get_by_role("heading", name="book.csv")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("2 rows have problems")
    expect(page.get_by_text("This e-mail address is not valid; it should look like name@example.com.")).to_be_visible()
    expect(
        page.get_by_text(
            "Give the client's name: a display name, or given and family names (or the organisation's name)."
        )
    ).to_be_visible()
    rows = page.locator("table.import tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("Grace Hopper")
    expect(rows.nth(3)).to_contain_text("Marie Curie")
    assert Client.objects.count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Import only the good rows: two files, for Eleanor, and the import is closed.
    page.get_by_role("button", name="Import only the").click()
    page.wait_for_url(f"{live_server.url}/clients/")
    expect(page.locator(".messages")).to_contain_text("2 client files opened.")
    assert sorted(Client.objects.values_list("display_name", flat=True)) == ["Grace Hopper", "Marie Curie"]
    assert set(Client.objects.values_list("specialists__username", flat=True)) == {"eleanor"}
    assert ClientImport.objects.get().status == ImportStatus.SAVED
    assert script_problems(problems) == []


def test_a_duplicate_file_is_merged_into_the_one_kept_with_its_contact_details(
    live_server: Any, page: Any, book: Book, cast: Any
) -> None:
    duplicate = client_create(
        display_name="Lady Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        email="ada.lovelace@example.org",
        phones=["+44 20 7946 0999"],
        country="GB",
        by=cast.senior,
    )
    problems = start(page, live_server, "eleanor")
    page.goto(f"{live_server.url}/clients/{book.ada.number}/")
    page.get_by_role("link", name="Merge a duplicate into this file").click()
    page.wait_for_url(f"{live_server.url}/clients/{book.ada.number}/merge/")

    # A file cannot absorb itself: refused beside the field, nothing merged.
    page.get_by_label("Merge this file into the one above").fill(book.ada.number)
    page.get_by_label("I have checked both files are the same client").check()
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("Choose two different files to merge.")).to_be_visible()
    assert Client.objects.filter(merged_into__isnull=False).count() == 0

    page.get_by_label("Merge this file into the one above").fill(duplicate.number)
    page.get_by_label("I have checked both files are the same client").check()
    page.get_by_role("button", name="Merge").click()
    page.wait_for_url(f"{live_server.url}/clients/{book.ada.number}/")
    expect(page.locator(".messages")).to_contain_text(f"File {duplicate.number} merged into {book.ada.number}.")
    expect(page.get_by_text("ada.lovelace@example.org")).to_be_visible()

    duplicate.refresh_from_db()
    assert (duplicate.merged_into, duplicate.merged_by) == (book.ada, cast.senior)
    ada = Client.objects.get(pk=book.ada.pk)
    assert ada.email == "ada@example.com"  # the kept file's primary address stays primary
    assert sorted(ada.emails.values_list("address", "is_primary")) == [
        ("ada.lovelace@example.org", False),
        ("ada@example.com", True),
    ]
    assert sorted(ada.phones.values_list("e164", flat=True)) == ["+442079460001", "+442079460999"]
    assert script_problems(problems) == []
