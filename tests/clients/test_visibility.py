"""Who sees what of a client's file, on pages, in the API and in search: the role × field rules.

Ada is Eleanor's client (standard); Béatrice is Eleanor's client (confidential); Henri is
Harriet's (London). Marcus supports Eleanor.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.contrib.auth.models import Permission

from parure.clients.queries import client_search
from parure.clients.services.compliance import kyc_record
from parure.clients.services.interactions import interaction_log
from parure.clients.services.wants import want_create
from parure.core.models import AccessLogEntry
from tests.clients.conftest import Book

NOTE = "Collects Georgian paste; never call before ten."


@pytest.fixture
def filled(book: Book, cast: Any) -> Book:
    from datetime import timedelta

    from django.utils import timezone

    interaction_log(client=book.ada, by=cast.senior, kind="call", subject="Spoke about the tiara sale")
    want_create(client=book.ada, by=cast.senior, description="A Belle Époque tiara", categories=["tiara"])
    kyc_record(client=book.ada, by=cast.senior, status="verified", document="passport",
               document_expires_on=timezone.localdate() + timedelta(days=300),
               proof_of_address_on=timezone.localdate())  # fmt: skip
    return book


# role → (sees identity, private note, timeline and wants, KYC, may change)
EXPECTED = {
    "senior": (True, True, True, True, True),
    "assistant": (True, False, True, True, True),
    "finance": (True, False, False, True, False),
    "logistics": (True, False, False, False, False),
    "auditor": (True, False, True, True, False),
}


def _person(cast: Any, role: str) -> Any:
    return getattr(cast, role)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_file_page_shows_each_role_only_its_fields(filled: Book, cast: Any, client_for: Any, role: str) -> None:
    identity, note, activity, kyc, change = EXPECTED[role]
    page = client_for(_person(cast, role)).get(f"/clients/{filled.ada.number}/").content.decode()
    assert ("ada@example.com" in page) is identity
    assert ("+44 20 7946 0001" in page) is identity
    assert (NOTE in page) is note
    assert ("Spoke about the tiara sale" in page) is activity
    assert ("A Belle Époque tiara" in page) is activity
    assert ("Passport" in page) is kyc
    assert (f"/clients/{filled.ada.number}/change/" in page) is change


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_api_leaves_out_what_a_role_may_not_see(filled: Book, cast: Any, client_for: Any, role: str) -> None:
    identity, note, activity, kyc, _ = EXPECTED[role]
    body = client_for(_person(cast, role)).get(f"/api/v1/clients/{filled.ada.number}").json()
    assert (body["emails"] == ["ada@example.com"]) is identity
    assert (body["private_note"] == NOTE) is note
    assert (body["kyc"] is not None) is kyc
    assert (body["consents"] is not None) is activity
    assert NOTE not in str(body) or note
    wants = client_for(_person(cast, role)).get(f"/api/v1/clients/{filled.ada.number}/wants")
    assert (wants.status_code == 200) is activity


def test_administrators_have_no_client_book(filled: Book, cast: Any, client_for: Any) -> None:
    assert client_for(cast.administrator).get(f"/clients/{filled.ada.number}/").status_code == 403


def test_a_confidential_identity_is_absent_for_assistants_everywhere(filled: Book, cast: Any, client_for: Any) -> None:
    number = filled.beatrice.number
    browser = client_for(cast.assistant)
    page = browser.get(f"/clients/{number}/").content.decode()
    assert f"Client {number}" in page
    for secret in ("Béatrice", "Château", "beatrice@example.fr", "+33", "Sells through an agent only."):
        assert secret not in page
    body = browser.get(f"/api/v1/clients/{number}").json()
    assert body["name"] == f"Client {number}" and body["emails"] is None and body["display_name"] is None
    listing = browser.get("/clients/").content.decode()
    assert f"Client {number}" in listing and "Château" not in listing
    assert browser.get(f"/clients/{number}/change/").status_code == 302  # sent back: identity is confidential
    assert (
        browser.patch(f"/api/v1/clients/{number}", data={"title": "Mme"}, content_type="application/json").status_code
        == 403
    )
    # The senior specialist sees it all.
    assert "Château-Renaud" in client_for(cast.senior).get(f"/clients/{number}/").content.decode()


def test_an_assistant_sees_only_the_clients_of_the_specialists_they_support(
    filled: Book, cast: Any, client_for: Any
) -> None:
    marcus = client_for(cast.assistant)
    assert marcus.get(f"/clients/{filled.henri.number}/").status_code == 404
    assert marcus.get(f"/api/v1/clients/{filled.henri.number}").status_code == 404
    assert "Henri" not in marcus.get("/clients/").content.decode()
    oliver = client_for(cast["oliver"])  # supports Harriet
    assert oliver.get(f"/clients/{filled.ada.number}/").status_code == 404
    assert oliver.get(f"/clients/{filled.henri.number}/").status_code == 200


def test_an_assistant_granted_the_whole_book_sees_every_file(filled: Book, cast: Any, client_for: Any) -> None:
    cast.assistant.user_permissions.add(
        Permission.objects.get(codename="view_all_clients", content_type__app_label="clients")
    )
    assert client_for(cast.assistant).get(f"/clients/{filled.henri.number}/").status_code == 200


def test_an_assistant_assigned_to_the_file_reads_its_private_note(filled: Book, cast: Any, client_for: Any) -> None:
    filled.ada.specialists.add(cast.assistant)
    assert NOTE in client_for(cast.assistant).get(f"/clients/{filled.ada.number}/").content.decode()


def test_auditors_read_and_change_nothing(filled: Book, cast: Any, client_for: Any) -> None:
    ruth = client_for(cast.auditor)
    assert ruth.post(f"/clients/{filled.ada.number}/change/", {"kind": "person"}).status_code == 403
    assert ruth.post(f"/api/v1/clients/{filled.ada.number}/interactions", data={"kind": "note", "body": "x"},
                     content_type="application/json").status_code == 403  # fmt: skip
    assert filled.ada.interactions.count() == 1


def test_logistics_never_sees_notes_or_the_timeline(filled: Book, cast: Any, client_for: Any) -> None:
    daniel = client_for(cast.logistics)
    assert daniel.get(f"/api/v1/clients/{filled.ada.number}/interactions").status_code == 403
    page = daniel.get(f"/clients/{filled.ada.number}/").content.decode()
    assert NOTE not in page and "Spoke about the tiara sale" not in page


def test_search_is_accent_case_partial_and_phone_format_insensitive(filled: Book, cast: Any) -> None:
    def found(query: str, who: Any = None) -> list[str]:
        return [c.number for c in client_search(who or cast.senior, query)]

    assert found("chateau renaud") == [filled.beatrice.number]
    assert found("BÉAT") == [filled.beatrice.number]
    assert found("love") == [filled.ada.number]
    assert found("ada@exa") == [filled.ada.number]
    assert found("+44 20 7946 0001") == [filled.ada.number]
    assert found("(020) 7946-0001") == [filled.ada.number]
    assert found("0033 1 42 68 53 00") == [filled.beatrice.number]
    assert found(filled.henri.number) == [filled.henri.number]
    assert found(filled.henri.number[:8]) == [filled.henri.number]  # "C-000003": partial number
    assert found("nobody at all") == []


def test_search_never_reveals_a_confidential_client_to_an_assistant(filled: Book, cast: Any) -> None:
    assert list(client_search(cast.assistant, "Château")) == []
    assert list(client_search(cast.assistant, "beatrice@example.fr")) == []
    assert [c.number for c in client_search(cast.assistant, filled.beatrice.number)] == [filled.beatrice.number]
    assert list(client_search(cast.assistant, "Dupont")) == []  # not a file he may see


def test_viewing_personal_data_is_in_the_access_log_by_number_only(filled: Book, cast: Any, client_for: Any) -> None:
    client_for(cast.senior).get(f"/clients/{filled.ada.number}/")
    client_for(cast.finance).get(f"/api/v1/clients/{filled.ada.number}")
    entries = list(AccessLogEntry.objects.filter(subject_kind="client").order_by("id"))
    assert [(e.staff, e.action, e.subject_ref) for e in entries] == [
        (cast.senior, "view", filled.ada.number),
        (cast.finance, "view", filled.ada.number),
    ]
    assert all("Lovelace" not in f"{e.subject_ref} {e.detail}" for e in entries)
    # An assistant looking at a confidential file read no personal data: nothing to log.
    client_for(cast.assistant).get(f"/clients/{filled.beatrice.number}/")
    assert not AccessLogEntry.objects.filter(subject_ref=filled.beatrice.number).exists()


def test_searches_put_no_personal_data_in_urls_or_logs(
    filled: Book, cast: Any, client_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    browser = client_for(cast.senior)
    response = browser.post("/clients/", {"q": "Lovelace"})
    assert response.status_code == 200 and filled.ada.number in response.content.decode()
    assert "Lovelace" not in caplog.text
    # The search form posts; the page never links a name into a URL.
    assert 'method="post"' in browser.get("/clients/").content.decode()
    api = browser.post("/api/v1/clients/search", data={"query": "ada@example.com"}, content_type="application/json")
    assert [c["number"] for c in api.json()] == [filled.ada.number]
    assert "ada@example.com" not in caplog.text


def test_the_global_search_and_scan_box_find_clients_as_the_person_may_see_them(
    filled: Book, cast: Any, client_for: Any
) -> None:
    page = client_for(cast.assistant).post("/search/", {"q": filled.beatrice.number}).content.decode()
    assert f"Client {filled.beatrice.number}" in page and "Château" not in page
    response = client_for(cast.senior).get("/scan/", {"code": filled.ada.number})
    assert response.status_code == 200  # the client's page itself, naming its own address
    assert f'<meta name="parure-location" content="/clients/{filled.ada.number}/">' in response.content.decode()
    wrong = filled.ada.number[:-1] + str((int(filled.ada.number[-1]) + 1) % 10)
    response = client_for(cast.senior).get("/scan/", {"code": wrong})
    assert f"‘{wrong}’ has a wrong check digit: read the client number again." in response.content.decode()
