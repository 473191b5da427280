"""The duplicate check on a new file answers within the viewer's visibility, and a person is not
the same client as an organisation because they share a surname.

The cast: Eleanor (senior, NY) looks after Ada and the confidential Béatrice; Marcus (assistant)
supports Eleanor; Luca (assistant, Geneva) supports Camille, nobody with a file here; Harriet
(senior, London) looks after Henrietta Vane, whom Marcus does not see.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from parure.clients.models import Client, FollowUp
from parure.clients.queries import likely_duplicates
from parure.clients.services.clients import client_create
from parure.clients.services.duplicates import (
    HIDDEN_DUPLICATE,
    DuplicateAnswer,
    DuplicateShown,
    NewFile,
    duplicate_check,
)
from parure.clients.services.imports import import_preview
from parure.core.models import AccessLogEntry
from tests.clients.conftest import Book

HIDDEN_EMAIL = "h.vane@example.co.uk"
HIDDEN_PHONE = "+442079460777"
NEW_FILE_FORM = {
    "kind": "person", "phones": "", "confidentiality": "standard", "address-TOTAL_FORMS": "1",
    "address-INITIAL_FORMS": "0",
}  # fmt: skip


@dataclass
class Hidden:
    """Harriet's client, whom neither Marcus nor Luca may see."""

    client: Client

    def traces(self) -> list[str]:
        """Everything that would identify the file; none may reach a viewer who cannot see it."""
        return [self.client.number, "Henrietta", "Vane", HIDDEN_EMAIL, HIDDEN_PHONE, "7946 0777"]


@pytest.fixture
def hidden(book: Book, cast: Any) -> Hidden:
    return Hidden(
        client_create(
            display_name="Henrietta Vane",
            given_name="Henrietta",
            family_name="Vane",
            email=HIDDEN_EMAIL,
            phones=[HIDDEN_PHONE],
            country="GB",
            by=cast["harriet"],
        )
    )


def absent(text: str, traces: list[str]) -> list[str]:
    return [trace for trace in traces if trace in text]


def routed() -> list[tuple[str, str, str, str, str, Any, str | None]]:
    return [
        (f.owner.username, f.created_by.username if f.created_by else "", f.client.number if f.client else "",
         f.title, f.notes, f.due_on, f.recurrence or None)
        for f in FollowUp.objects.select_related("owner", "created_by", "client").order_by("pk")
    ]  # fmt: skip


# --- What each role is told -------------------------------------------------------------------
def test_the_assistant_supporting_eleanor_is_told_of_her_files_as_he_sees_them(book: Book, cast: Any) -> None:
    marcus = cast.assistant
    ada = duplicate_check(typed=NewFile(given_name="A", family_name="Lovelace"), by=marcus)
    assert ada == DuplicateAnswer(shown=(DuplicateShown(number=book.ada.number, label="Lady Ada Lovelace"),))
    assert ada.sentences == [f"Files that may be the same client exist: Lady Ada Lovelace ({book.ada.number})."]
    # Béatrice is confidential: Marcus sees her file by its number only.
    beatrice = duplicate_check(typed=NewFile(display_name="B. Renaud", emails=["beatrice@example.fr"]), by=marcus)
    assert beatrice.sentences == [f"Files that may be the same client exist: Client {book.beatrice.number}."]
    assert FollowUp.objects.count() == 0


def test_a_file_the_assistant_may_not_see_is_routed_to_its_specialist(hidden: Hidden, cast: Any) -> None:
    typed = NewFile(given_name="Harriet", family_name="Smith", emails=["H.Vane@example.co.uk"])
    answer = duplicate_check(typed=typed, by=cast.assistant)
    assert answer == DuplicateAnswer(shown=(), hidden=True)
    assert answer.sentences == [
        "A file that you cannot see may be the same client; its specialist has been asked to check."
    ]
    assert routed() == [
        ("harriet", "marcus", hidden.client.number, "Possible duplicate: is Harriet Smith this client?",
         "Marcus Hale was opening a file for Harriet Smith (H.Vane@example.co.uk); it matches this file's e-mail "
         "address. They were told only that a file they cannot see may be the same client: tell them whether it is.",
         timezone.localdate(), None),
    ]  # fmt: skip
    # Asking again (a resubmitted form, a retried call) asks the specialist once.
    assert duplicate_check(typed=typed, by=cast.assistant) == answer
    assert FollowUp.objects.count() == 1


def test_the_assistant_supporting_nobody_here_sees_no_file_of_eleanor_s(book: Book, cast: Any) -> None:
    luca = cast["luca"]
    answer = duplicate_check(typed=NewFile(display_name="Madame Château", phones=["+33142685300"]), by=luca)
    assert answer.sentences == [HIDDEN_DUPLICATE]
    assert [(row[0], row[2], row[3]) for row in routed()] == [
        ("eleanor", book.beatrice.number, "Possible duplicate: is Madame Château this client?")
    ]
    assert "matches this file's phone number." in routed()[0][4]


def test_a_senior_and_the_file_s_specialist_are_told_the_name(book: Book, hidden: Hidden, cast: Any) -> None:
    senior = duplicate_check(
        typed=NewFile(emails=["beatrice@example.fr"], display_name="Xavier Quill"), by=cast["harriet"]
    )
    assert senior.sentences == [
        f"Files that may be the same client exist: Béatrice Château-Renaud ({book.beatrice.number})."
    ]
    specialist = duplicate_check(typed=NewFile(phones=[HIDDEN_PHONE], display_name="Xavier Quill"), by=cast["harriet"])
    assert specialist.sentences == [
        f"Files that may be the same client exist: Henrietta Vane ({hidden.client.number})."
    ]
    both = duplicate_check(
        typed=NewFile(emails=[HIDDEN_EMAIL, "ada@example.com"], display_name="Xavier Quill"), by=cast.senior
    )
    assert [shown.label for shown in both.shown] == ["Lady Ada Lovelace", "Henrietta Vane"] and not both.hidden
    assert FollowUp.objects.count() == 0


# --- The page and the API ---------------------------------------------------------------------
def test_the_page_names_no_part_of_a_hidden_file(
    hidden: Hidden, cast: Any, client_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    browser = client_for(cast.assistant)
    form = {**NEW_FILE_FORM, "given_name": "Harriet", "family_name": "Smith", "phones": "+44 20 7946 0777"}
    with caplog.at_level(logging.DEBUG):
        response = browser.post("/clients/new/", form)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="hidden-duplicate">{HIDDEN_DUPLICATE}</p>' in page
    assert "Confirm this is someone else to open the file now, or wait for the specialist&#x27;s answer." in page
    # What was typed stays in the form; nothing of the matching file is on the page or in the logs.
    assert absent(page, [hidden.client.number, "Henrietta", "Vane", HIDDEN_EMAIL]) == []
    assert absent(caplog.text, hidden.traces()) == []
    assert AccessLogEntry.objects.filter(subject_ref=hidden.client.number).count() == 0
    assert [(row[0], row[2]) for row in routed()] == [("harriet", hidden.client.number)]
    assert Client.objects.count() == 4
    # Opening the file anyway stays possible, and asks the specialist nothing more.
    created = browser.post("/clients/new/", {**form, "not_a_duplicate": "on"})
    assert created.status_code == 302 and Client.objects.count() == 5
    assert FollowUp.objects.count() == 1


def test_the_page_lists_a_visible_file_and_says_a_hidden_one_exists(
    book: Book, hidden: Hidden, cast: Any, client_for: Any
) -> None:
    form = {**NEW_FILE_FORM, "given_name": "Ada", "family_name": "Lovelace", "emails": HIDDEN_EMAIL}
    page = client_for(cast.assistant).post("/clients/new/", form).content.decode()
    assert (
        f'<a href="/clients/{book.ada.number}/">Lady Ada Lovelace</a> · <span class="figure">{book.ada.number}</span>'
        in page
    )
    assert HIDDEN_DUPLICATE in page
    assert "These files may be the same client. Open one of them, or confirm this is someone else." in page
    assert absent(page, [hidden.client.number, "Henrietta", "Vane", HIDDEN_PHONE, "7946 0777"]) == []


def test_the_api_names_no_part_of_a_hidden_file(hidden: Hidden, cast: Any, client_for: Any) -> None:
    api = client_for(cast.assistant)
    body = {"given_name": "Harriet", "family_name": "Smith", "emails": [HIDDEN_EMAIL]}
    refused = api.post("/api/v1/clients/", data=body, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json() == {
        "status": 409, "code": "possible_duplicates", "fields": {},
        "message": "A file that you cannot see may be the same client; its specialist has been asked to check. "
        "Send allow_duplicate: true to open a new file anyway.",
    }  # fmt: skip
    assert absent(refused.content.decode(), [hidden.client.number, "Henrietta", "Vane", HIDDEN_PHONE]) == []
    assert [(row[0], row[2]) for row in routed()] == [("harriet", hidden.client.number)]
    created = api.post("/api/v1/clients/", data={**body, "allow_duplicate": True}, content_type="application/json")
    assert created.status_code == 201 and created.json()["display_name"] == "Harriet Smith"
    assert FollowUp.objects.count() == 1


def test_the_routed_question_is_not_shown_to_the_asker_on_the_specialist_s_list(
    hidden: Hidden, cast: Any, client_for: Any
) -> None:
    duplicate_check(typed=NewFile(display_name="Harriet Smith", emails=[HIDDEN_EMAIL]), by=cast.assistant)
    browser = client_for(cast.assistant)
    page = browser.get(f"/clients/follow-ups/?owner={cast['harriet'].pk}").content.decode()
    assert "Possible duplicate: is Harriet Smith this client?" in page and "A file you cannot see" in page
    assert absent(page, [hidden.client.number, "Henrietta", "Vane", HIDDEN_PHONE]) == []
    listed = browser.get("/api/v1/clients/follow-ups?owner=harriet").json()
    assert [(row["client"], row["client_name"]) for row in listed] == [(None, "A file you cannot see")]
    # The specialist reads the file it is about.
    own = client_for(cast["harriet"]).get("/api/v1/clients/follow-ups").json()
    assert [(row["client"], row["client_name"]) for row in own] == [(hidden.client.number, "Henrietta Vane")]


def test_the_import_warns_within_the_importer_s_visibility(book: Book, cast: Any, client_for: Any) -> None:
    content = b"Name,E-mail\nAda Again,ada@example.com\nBea,beatrice@example.fr\nNew Person,new@example.com\n"
    preview = import_preview(filename="list.csv", content=content, by=cast["luca"], specialist=cast["luca"])
    assert [row["warnings"] for row in preview.rows] == [[HIDDEN_DUPLICATE], [HIDDEN_DUPLICATE], []]
    assert [(row[0], row[2], row[3]) for row in routed()] == [
        ("eleanor", book.ada.number, "Possible duplicate: is Ada Again this client?"),
        ("eleanor", book.beatrice.number, "Possible duplicate: is Bea this client?"),
    ]
    by_marcus = import_preview(filename="list.csv", content=content, by=cast.assistant, specialist=cast.senior)
    assert [row["warnings"] for row in by_marcus.rows] == [
        [
            f"A file with this e-mail address already exists (a likely duplicate): Lady Ada Lovelace ({book.ada.number})."
        ],
        [f"A file with this e-mail address already exists (a likely duplicate): Client {book.beatrice.number}."],
        [],
    ]
    # Through the API the answer holds no part of the files Luca may not see.
    response = client_for(cast["luca"]).post(
        "/api/v1/clients/imports",
        {"rows": [{"Name": "Ada Again", "E-mail": "ada@example.com"}], "dry_run": True},
        content_type="application/json",
    )
    assert response.json() == {"rows": [{"line": 2, "errors": {}, "warnings": [HIDDEN_DUPLICATE]}], "created": 0}
    assert FollowUp.objects.count() == 2  # the same row asked again the same day asks nothing more


# --- People and organisations -----------------------------------------------------------------
def test_a_person_is_not_the_same_client_as_organisations_sharing_her_surname(cast: Any, client_for: Any) -> None:
    firms = [
        client_create(display_name="Whitcombe & Hale", kind="organisation", email=f"office{n}@whitcombe-hale.example",
                      by=cast.senior)
        for n in range(10)
    ]  # fmt: skip
    assert list(likely_duplicates(kind="person", given_name="Eleanor", family_name="Whitcombe")) == []
    assert list(likely_duplicates(kind="person", display_name="Mrs Eleanor Whitcombe")) == []
    shared = likely_duplicates(kind="person", given_name="Eleanor", family_name="Whitcombe",
                               emails=["office3@whitcombe-hale.example"])  # fmt: skip
    assert list(shared) == [firms[3]]
    # Organisations are still matched against organisations by name.
    assert len(likely_duplicates(kind="organisation", display_name="Whitcombe, Hale")) == 10
    response = client_for(cast.senior).post(
        "/clients/new/", {**NEW_FILE_FORM, "title": "Mrs", "given_name": "Eleanor", "family_name": "Whitcombe"}
    )
    assert response.status_code == 302 and FollowUp.objects.count() == 0


def test_across_kinds_only_the_whole_name_matches(cast: Any) -> None:
    """A firm trading under its owner's name, filed once as a firm, is found for the person."""
    firm = client_create(display_name="Li Wei-Chung", kind="organisation", by=cast.senior)
    assert list(likely_duplicates(kind="person", display_name="li wei-chung")) == [firm]
    assert list(likely_duplicates(kind="person", given_name="Wei-Chung", family_name="Li")) == []
    assert list(likely_duplicates(kind="person", given_name="Li", family_name="Wei-Chung")) == [firm]
