"""The client book's pages end to end, and lists that issue a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parure.clients.models import Appointment, Client, FollowUp, Inquiry
from parure.clients.services.appointments import appointment_book
from parure.clients.services.clients import client_create
from parure.clients.services.follow_ups import follow_up_create
from parure.clients.services.inquiries import inquiry_receive
from parure.clients.services.wants import want_create
from tests.clients.conftest import Book, at, piece
from tests.conftest import office_today


def test_opening_a_file_shows_likely_duplicates_first(book: Book, cast: Any, client_for: Any) -> None:
    browser = client_for(cast.assistant)
    form = {
        "kind": "person", "given_name": "Ada", "family_name": "LOVELACE", "emails": "other@example.com",
        "phones": "", "confidentiality": "standard", "address-TOTAL_FORMS": "1", "address-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = browser.post("/clients/new/", form)
    page = response.content.decode()
    assert response.status_code == 200 and "Likely the same client" in page and book.ada.number in page
    assert Client.objects.count() == 3
    response = browser.post("/clients/new/", {**form, "not_a_duplicate": "on"})
    assert response.status_code == 302
    created = Client.objects.get(email="other@example.com")
    assert response["Location"] == f"/clients/{created.number}/"
    assert list(created.specialists.all()) == [cast.senior]


def test_a_refused_field_is_shown_beside_it_and_the_form_keeps_what_was_typed(cast: Any, client_for: Any) -> None:
    response = client_for(cast.senior).post(
        "/clients/new/",
        {"kind": "person", "given_name": "Grace", "family_name": "Hopper", "phones": "+1 212 55",
         "confidentiality": "standard", "address-TOTAL_FORMS": "1", "address-INITIAL_FORMS": "0"},
    )  # fmt: skip
    page = response.content.decode()
    assert "This is not a valid phone number for its country; check the digits and the country code." in page
    assert 'value="Hopper"' in page and Client.objects.count() == 0


def test_changing_a_file_through_its_page(book: Book, cast: Any, client_for: Any) -> None:
    browser = client_for(cast.senior)
    page = browser.get(f"/clients/{book.ada.number}/change/").content.decode()
    assert "ada@example.com" in page and "Collects Georgian paste" in page
    response = browser.post(
        f"/clients/{book.ada.number}/change/",
        {"kind": "person", "given_name": "Ada", "family_name": "Lovelace", "display_name": "Ada, Countess of Lovelace",
         "emails": "ada@example.com\nada.king@example.com", "phones": "+44 20 7946 0001", "country": "GB",
         "specialists": [cast.senior.pk, cast.assistant.pk], "tags": "Pearls, Trade", "confidentiality": "standard",
         "private_note": "Updated note", "address-TOTAL_FORMS": "1", "address-INITIAL_FORMS": "0",
         "address-0-kind": "home", "address-0-lines": "St James's Square", "address-0-city": "London",
         "address-0-country": "GB"},
    )  # fmt: skip
    assert response.status_code == 302
    book.ada.refresh_from_db()
    assert book.ada.display_name == "Ada, Countess of Lovelace" and book.ada.private_note == "Updated note"
    assert book.ada.emails.count() == 2 and book.ada.addresses.get().city == "London"
    assert sorted(t.name for t in book.ada.tags.all()) == ["Pearls", "Trade"]


def test_an_assistant_s_edit_leaves_the_private_note_alone(book: Book, cast: Any, client_for: Any) -> None:
    browser = client_for(cast.assistant)
    page = browser.get(f"/clients/{book.ada.number}/change/").content.decode()
    assert "Collects Georgian paste" not in page and 'name="private_note"' not in page
    browser.post(
        f"/clients/{book.ada.number}/change/",
        {"kind": "person", "display_name": "Ada Lovelace", "emails": "ada@example.com", "confidentiality": "standard",
         "private_note": "Overwritten!", "address-TOTAL_FORMS": "0", "address-INITIAL_FORMS": "0"},
    )  # fmt: skip
    book.ada.refresh_from_db()
    assert book.ada.private_note == "Collects Georgian paste; never call before ten."


def test_want_kyc_consent_email_and_log_forms(book: Book, cast: Any, client_for: Any) -> None:
    browser = client_for(cast.senior)
    number = book.ada.number
    assert browser.post(f"/clients/{number}/wants/new/", {"categories": ["ring"], "ring_size": "6",
                        "ring_size_system": "us", "currency": "USD"}).status_code == 302  # fmt: skip
    assert browser.post(f"/clients/{number}/consent/", {"channel": "email", "granted": "yes",
                        "source": "Signed form"}).status_code == 302  # fmt: skip
    response = browser.post(f"/clients/{number}/email/", {"template": "viewing_invitation", "when": "Thursday at 11"})
    assert response.status_code == 302
    assert browser.post(f"/clients/{number}/log/", {"kind": "call", "body": "Confirmed Thursday."}).status_code == 302
    response = browser.post(f"/clients/{number}/kyc/", {"status": "verified", "document": "passport"})
    assert "Give the identity document&#x27;s expiry date." in response.content.decode()
    page = browser.get(f"/clients/{number}/").content.decode()
    assert "An invitation to a private viewing" in page and "Confirmed Thursday." in page
    assert "US 6 · UK L · 51.8 mm" in page


def test_booking_and_logging_an_outcome_through_the_pages(book: Book, cast: Any, client_for: Any) -> None:
    browser = client_for(cast.assistant)
    day = timezone.localdate() + timedelta(days=1)
    response = browser.post(
        "/clients/appointments/new/?office=NY",
        {"client": book.ada.number, "day": day.isoformat(), "starts": "10:00", "ends": "11:00", "room": book.room.pk,
         "staff": [cast.senior.pk, cast.assistant.pk], "purpose": "Sapphires", "pieces": f"{piece(1)}\n{piece(2)}\n"},
    )  # fmt: skip
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (
        timezone.localtime(appointment.starts_at, timezone=__import__("zoneinfo").ZoneInfo("America/New_York")).hour
        == 10
    )
    clash = browser.post(
        "/clients/appointments/new/?office=NY",
        {"client": book.ada.number, "day": day.isoformat(), "starts": "10:30", "ends": "11:30",
         "room": book.room_two.pk, "staff": [cast["sofia"].pk], "pieces": piece(2)},
        follow=True,
    ).content.decode()  # fmt: skip
    assert f"{piece(2)} is also to be shown at another appointment " in clash
    assert Appointment.objects.count() == 2


def test_follow_ups_page_marks_overdue_and_completes(book: Book, cast: Any, client_for: Any) -> None:
    task = follow_up_create(owner=cast.assistant, by=cast.senior, title="Chase KYC", client=book.ada,
                            due_on=office_today(cast.assistant) - timedelta(days=1), recurrence="monthly")  # fmt: skip
    browser = client_for(cast.assistant)
    page = browser.get("/clients/follow-ups/").content.decode()
    assert "Chase KYC" in page and "overdue" in page
    assert browser.post(f"/clients/follow-ups/{task.pk}/done/").status_code == 302
    assert FollowUp.objects.filter(done_at__isnull=True).get().due_on > timezone.localdate()


def test_merging_and_erasing_through_the_pages(book: Book, cast: Any, client_for: Any) -> None:
    browser = client_for(cast.senior)
    twin = client_create(display_name="Ada L.", email="ada.l@example.com", by=cast.senior)
    assert (
        browser.post(f"/clients/{book.ada.number}/merge/", {"absorb": twin.number, "confirm": "on"}).status_code == 302
    )
    response = browser.get(f"/clients/{twin.number}/")
    assert response.status_code == 302 and response["Location"] == f"/clients/{book.ada.number}/"
    refused = browser.post(f"/clients/{book.ada.number}/erase/", {"reason": "DSR-9", "confirm_number": "C-1"})
    assert f"Type {book.ada.number} to confirm." in refused.content.decode()
    browser.post(f"/clients/{book.ada.number}/erase/", {"reason": "DSR-9", "confirm_number": book.ada.number})
    book.ada.refresh_from_db()
    assert book.ada.is_erased
    download = browser.get(f"/clients/{book.henri.number}/personal-data/")
    assert download.status_code == 200 and download.json()["client"]["display_name"] == "Henri Dupont"


def test_the_inquiry_page_answers_links_and_opens_files(cast: Any, client_for: Any) -> None:
    inquiry = inquiry_receive(channel="phone", category="buying", name="Louis Moreau", office=cast.senior.office,
                              message="Is the Deco bracelet still available?", email="louis@example.fr")  # fmt: skip
    browser = client_for(cast.assistant)
    url = f"/clients/inquiries/{inquiry.number}/"
    assert "Louis Moreau" in browser.get(url).content.decode()
    browser.post(url, {"action": "create_client"})
    inquiry.refresh_from_db()
    assert inquiry.client is not None and inquiry.client.email == "louis@example.fr"
    browser.post(url, {"action": "answer", "answer-note": "Sent the condition report.", "answer-close": "on"})
    inquiry.refresh_from_db()
    assert inquiry.status == "closed"
    assert client_for(cast.auditor).post(url, {"action": "spam"}).status_code == 403
    assert Inquiry.objects.get().status == "closed"


def test_the_matching_page_lists_who_wants_a_piece(book: Book, cast: Any, client_for: Any) -> None:
    want_create(client=book.ada, by=cast.senior, categories=["ring"], stones=["sapphire"], ring_size="6")
    page = client_for(cast.assistant).post(
        "/clients/matching/", {"category": "ring", "stones": ["sapphire"], "ring_size": "6¼", "ring_size_system": "us",
                               "currency": "USD"},
    ).content.decode()  # fmt: skip
    assert "Ada Lovelace" in page and "1 client" in page


def _make_clients(cast: Any, first: int, last: int) -> None:
    """Files numbered first..last-1, each with a want, a follow-up, an inquiry and an appointment."""
    for n in range(first, last):
        client = client_create(
            display_name=f"Client {n:03d}", email=f"c{n}@example.com", tags=["Trade"], by=cast.senior
        )
        want_create(client=client, by=cast.senior, categories=["ring"])
        follow_up_create(
            owner=cast.assistant, by=cast.senior, title=f"Call {n}", client=client, due_on=timezone.localdate()
        )
        inquiry_receive(
            channel="email", category="buying", name=f"Inquirer {n}", office=cast.senior.office,
            message="About the ring in the sale.", email=f"q{n}@example.com",
        )  # fmt: skip
        start = at(n * 2)
        appointment_book(
            client=client, starts_at=start, ends_at=start + timedelta(hours=1), staff=[cast.senior], by=cast.senior,
            off_site="Claridge's", pieces=[piece(n + 1)],
        )  # fmt: skip


def _queries(browser: Any, url: str, method: str = "get", data: Any = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(browser, method)(url, data or {})
        assert response.status_code == 200, url
    return len(captured)


LISTS = [
    ("/clients/", "get", None),
    ("/clients/", "post", {"q": "client"}),
    ("/clients/follow-ups/", "get", None),
    ("/clients/inquiries/", "get", None),
    ("/clients/calendar/week/?staff={senior}", "get", None),
    ("/", "get", None),
    ("/api/v1/clients/", "get", None),
    ("/api/v1/clients/inquiries", "get", None),
    ("/api/v1/clients/follow-ups", "get", None),
]


@pytest.mark.parametrize(("url", "method", "data"), LISTS)
def test_list_pages_issue_a_fixed_number_of_queries(
    cast: Any, client_for: Any, url: str, method: str, data: Any
) -> None:
    url = url.format(senior=cast.senior.pk)
    browser = client_for(cast.assistant)
    _make_clients(cast, 0, 3)
    _queries(browser, url, method, data)  # the first request of a session renews it (one write)
    few = _queries(browser, url, method, data)
    _make_clients(cast, 3, 15)
    many = _queries(browser, url, method, data)
    assert many == few


def test_the_appointment_and_want_pages_name_the_client_with_their_title_unless_hidden(
    cast: Any, client_for: Any
) -> None:
    from parure.clients.choices import Confidentiality

    margaret = client_create(
        display_name="Margaret Ashdown", given_name="Margaret", family_name="Ashdown", title="Mrs", by=cast.senior
    )
    veiled = client_create(
        display_name="Isobel Fane", given_name="Isobel", family_name="Fane", title="Lady", by=cast.senior,
        confidentiality=Confidentiality.CONFIDENTIAL,
    )  # fmt: skip
    booked = [
        appointment_book(
            client=client,
            starts_at=at(hours),
            ends_at=at(hours + 1),
            staff=[cast.senior],
            by=cast.senior,
            off_site="Claridge's",
        )
        for client, hours in ((margaret, 0), (veiled, 2))
    ]
    senior, assistant = client_for(cast.senior), client_for(cast.assistant)
    page = senior.get(f"/clients/appointments/{booked[0].pk}/").content.decode()
    assert f'<a href="/clients/{margaret.number}/">Mrs Margaret Ashdown</a>' in page
    want = senior.get(f"/clients/{margaret.number}/wants/new/").content.decode()
    assert f'<a href="/clients/{margaret.number}/">Mrs Margaret Ashdown</a> · {margaret.number}' in want
    # Marcus supports Eleanor: he sees her client by title and name, the confidential one by number only.
    assert "Mrs Margaret Ashdown" in assistant.get(f"/clients/appointments/{booked[0].pk}/").content.decode()
    hidden = assistant.get(f"/clients/appointments/{booked[1].pk}/").content.decode()
    assert f"Client {veiled.number}" in hidden and "Fane" not in hidden and "Isobel" not in hidden
