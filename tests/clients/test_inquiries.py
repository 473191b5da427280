"""The inquiry queue and the public form: routing, targets, linking, spam and flood protection."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import signing
from django.test import Client as Browser
from django.utils import timezone

from parure.clients.choices import InquiryStatus
from parure.clients.errors import ClientError
from parure.clients.forms import PublicInquiryForm
from parure.clients.models import Client, Inquiry
from parure.clients.services.inquiries import (
    inquiry_answer,
    inquiry_create_client,
    inquiry_mark_spam,
    inquiry_receive,
)
from parure.core.models import Office
from tests.clients.conftest import Book
from tests.guards import unchanged


def receive(cast: Any, **kwargs: Any) -> Inquiry:
    values: dict[str, Any] = {
        "channel": "web", "category": "selling", "name": "Amelia Grant", "office": cast.senior.office,
        "message": "I have my grandmother's sapphire brooch.", "email": "amelia@example.org",
    }  # fmt: skip
    values.update(kwargs)
    return inquiry_receive(**values)


def test_an_inquiry_gets_a_number_a_target_and_the_least_busy_senior(cast: Any) -> None:
    received = timezone.now()
    inquiry = receive(cast, received_at=received)
    assert inquiry.number.startswith("Q-") and inquiry.status == InquiryStatus.ASSIGNED
    assert inquiry.assigned_to == cast.senior
    assert inquiry.respond_by == received + timedelta(hours=24)
    assert receive(cast, category="buying", received_at=received).respond_by == received + timedelta(hours=4)


def test_an_inquiry_from_a_known_client_is_linked_and_goes_to_their_specialist(book: Book, cast: Any) -> None:
    inquiry = receive(cast, email="ADA@example.com", office=cast.senior.office)
    assert inquiry.client == book.ada and inquiry.assigned_to == cast.senior
    by_phone = receive(cast, email="", phone="020 7946 0001", office=cast["harriet"].office)
    assert by_phone.client == book.ada and by_phone.assigned_to == cast["harriet"]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"name": ""}, "name", "Give a name, so we know whom to answer."),
        ({"message": "Hi"}, "message", "Write a few words about what you would like to know."),
        ({"email": "", "phone": ""}, "email", "Give an e-mail address or a phone number so we can answer."),
        ({"email": "amelia@"}, "email", "This e-mail address is not valid; it should look like name@example.com."),
        ({"phone": "12"}, "phone", "This is not a valid phone number for its country; check the digits and the country code."),
        ({"category": "gossip"}, "category", "‘gossip’ is not a kind of inquiry."),
    ],
)  # fmt: skip
def test_bad_inquiries_are_refused(cast: Any, kwargs: dict[str, Any], field: str, message: str) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        receive(cast, **kwargs)
    assert (refusal.value.field, refusal.value.message) == (field, message)
    assert Inquiry.objects.count() == 0


def test_answering_closes_the_loop_and_logs_on_the_client(book: Book, cast: Any) -> None:
    inquiry = receive(cast, email="ada@example.com")
    inquiry_answer(inquiry=inquiry, by=cast.assistant, note="Called back; valuation booked.")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED and inquiry.responded_by == cast.assistant
    assert book.ada.interactions.get().subject == f"Inquiry {inquiry.number} answered"
    with unchanged(), pytest.raises(ClientError) as refusal:
        inquiry_mark_spam(inquiry=inquiry, by=cast.assistant)
    assert refusal.value.message == f"Inquiry {inquiry.number} is answered."


def test_a_file_is_opened_for_a_new_inquirer(cast: Any) -> None:
    inquiry = receive(cast, phone="+1 212 555 0188")
    client = inquiry_create_client(inquiry=inquiry, by=cast.assistant)
    assert client.display_name == "Amelia Grant" and client.email == "amelia@example.org"
    assert [p.e164 for p in client.phones.all()] == ["+12125550188"]
    assert list(client.specialists.all()) == [cast.senior]
    inquiry.refresh_from_db()
    assert inquiry.client == client


def _form(cast: Any, **overrides: Any) -> dict[str, Any]:
    shown = signing.Signer(salt=PublicInquiryForm.SALT).sign(f"{time.time() - 60:.3f}")
    data = {
        "name": "Amelia Grant", "email": "amelia@example.org", "phone": "", "office": Office.objects.get(code="NY").pk,
        "category": "valuation", "message": "Could you value my pearls for insurance?", "website": "", "shown": shown,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_the_public_form_needs_no_sign_in_and_queues_the_inquiry(cast: Any) -> None:
    browser = Browser()
    assert browser.get("/clients/inquire/").status_code == 200
    response = browser.post("/clients/inquire/", _form(cast))
    assert response.status_code == 302 and response["Location"] == "/clients/inquire/thanks/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.channel, inquiry.category, inquiry.assigned_to) == ("web", "valuation", cast.senior)


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept(cast: Any) -> None:
    response = Browser().post("/clients/inquire/", _form(cast, website="http://spam.example"))
    assert response.status_code == 302 and Inquiry.objects.count() == 0


def test_a_form_sent_too_quickly_is_refused_with_a_sentence(cast: Any) -> None:
    fresh = signing.Signer(salt=PublicInquiryForm.SALT).sign(f"{time.time():.3f}")
    response = Browser().post("/clients/inquire/", _form(cast, shown=fresh))
    assert response.status_code == 400
    assert "The form was sent too quickly; please check your message and send it again." in response.content.decode()
    assert Inquiry.objects.count() == 0


def test_a_forged_timestamp_is_refused(cast: Any) -> None:
    response = Browser().post("/clients/inquire/", _form(cast, shown="123:forged"))
    assert response.status_code == 400 and Inquiry.objects.count() == 0


def test_a_flood_from_one_address_is_limited_per_hour(cast: Any) -> None:
    browser = Browser()
    for _ in range(5):
        assert browser.post("/clients/inquire/", _form(cast)).status_code == 302
    response = browser.post("/clients/inquire/", _form(cast))
    assert response.status_code == 429
    assert "several messages from your connection" in response.content.decode()
    assert Inquiry.objects.count() == 5
    other = Browser(REMOTE_ADDR="203.0.113.9")
    assert other.post("/clients/inquire/", _form(cast)).status_code == 302


def test_bad_public_input_is_shown_beside_the_field(cast: Any) -> None:
    response = Browser().post("/clients/inquire/", _form(cast, email="", phone=""))
    assert response.status_code == 422  # the refusal's kind (invalid input) decides, as in the API
    assert "Give an e-mail address or a phone number so we can answer." in response.content.decode()
    assert Client.objects.count() == 0 and Inquiry.objects.count() == 0


def test_the_queue_shows_late_inquiries(cast: Any, client_for: Any) -> None:
    receive(cast, received_at=timezone.now() - timedelta(days=3))
    page = client_for(cast.assistant).get("/clients/inquiries/").content.decode()
    assert "late" in page and "Selling a piece" in page


def test_reading_an_inquiry_is_in_the_access_log(cast: Any, client_for: Any) -> None:
    from parure.core.models import AccessLogEntry

    inquiry = receive(cast)
    client_for(cast.assistant).get(f"/clients/inquiries/{inquiry.number}/")
    client_for(cast.auditor).get(f"/api/v1/clients/inquiries/{inquiry.number}")
    entries = AccessLogEntry.objects.filter(subject_kind="inquiry").order_by("id")
    assert [(e.staff, e.subject_ref) for e in entries] == [
        (cast.assistant, inquiry.number),
        (cast.auditor, inquiry.number),
    ]
    assert all("Amelia" not in e.detail for e in entries)
