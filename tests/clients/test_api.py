"""The client book's API: the same services, the same refusals, one error shape."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client as Browser

from parure.clients.models import Client, Want
from parure.core.models import ApiToken
from tests.clients.conftest import Book, at, piece
from tests.conftest import office_today


def post(browser: Any, url: str, data: Any) -> Any:
    return browser.post(url, data=data, content_type="application/json")


def test_opening_a_file_refuses_likely_duplicates_unless_told(book: Book, cast: Any, client_for: Any) -> None:
    api = client_for(cast.senior)
    body = {"given_name": "Ada", "family_name": "Lovelace", "emails": ["new@example.com"]}
    refused = post(api, "/api/v1/clients/", body)
    assert refused.status_code == 409
    assert refused.json() == {
        "status": 409, "code": "possible_duplicates", "fields": {},
        "message": f"Files that may be the same client exist: Lady Ada Lovelace ({book.ada.number}). Send allow_duplicate: "
        "true to open a new file anyway.",
    }  # fmt: skip
    created = post(
        api, "/api/v1/clients/", {**body, "allow_duplicate": True, "phones": [{"number": "+41 22 555 01 23"}]}
    )
    assert created.status_code == 201
    data = created.json()
    assert data["display_name"] == "Ada Lovelace" and data["phones"] == [
        {"number": "+41225550123", "kind": "mobile", "primary": True}
    ]


def test_a_refusal_names_the_field(cast: Any, client_for: Any) -> None:
    response = post(client_for(cast.senior), "/api/v1/clients/", {"display_name": "X", "emails": ["x@"]})
    # A malformed address is wrong whatever the book holds: 422, as every app answers bad input.
    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "code": "invalid_email",
        "message": "This e-mail address is not valid; it should look like name@example.com.",
        "fields": {"emails": ["This e-mail address is not valid; it should look like name@example.com."]},
    }
    assert Client.objects.count() == 0


def test_changing_a_file_and_its_wants(book: Book, cast: Any, client_for: Any) -> None:
    api = client_for(cast.senior)
    response = api.patch(f"/api/v1/clients/{book.ada.number}", data={"tags": ["Pearls"], "country": "gb"},
                         content_type="application/json")  # fmt: skip
    assert response.status_code == 200 and response.json()["tags"] == ["Pearls"] and response.json()["country"] == "GB"
    want = post(api, f"/api/v1/clients/{book.ada.number}/wants", {"categories": ["ring"], "ring_size": "N",
                                                                  "ring_size_system": "uk"})  # fmt: skip
    assert want.status_code == 201 and want.json()["ring_size_mm"] == "54.1"
    matches = post(api, "/api/v1/clients/matching", {"category": "ring", "ring_size": "7", "ring_size_system": "us"})
    assert [m["number"] for m in matches.json()] == [book.ada.number]
    closed = post(api, f"/api/v1/clients/{book.ada.number}/wants/{want.json()['id']}/close", {})
    assert closed.json()["is_active"] is False and not Want.objects.filter(is_active=True).exists()


def test_appointments_through_the_api(book: Book, cast: Any, client_for: Any) -> None:
    api = client_for(cast.assistant)
    body = {"client": book.ada.number, "starts_at": at(0).isoformat(), "ends_at": at(1).isoformat(),
            "staff": ["eleanor"], "room": book.room.pk, "pieces": [piece(1), piece(2)]}  # fmt: skip
    booked = post(api, "/api/v1/clients/appointments", body)
    assert booked.status_code == 201 and booked.json()["pieces"] == [piece(1), piece(2)]
    clash = post(api, "/api/v1/clients/appointments", {**body, "staff": ["sofia"], "room": book.room_two.pk})
    assert booked.json()["warnings"] == []
    # A piece on two overlapping appointments is booked, with a warning naming each piece.
    assert clash.status_code == 201
    assert [w.split(" is also to be shown at another appointment ")[0] for w in clash.json()["warnings"]] == [
        piece(1),
        piece(2),
    ]
    listed = api.get("/api/v1/clients/appointments", {"start": at(-1).isoformat(), "end": at(5).isoformat()})
    assert [a["id"] for a in listed.json()] == [booked.json()["id"], clash.json()["id"]]
    cancelled = post(api, f"/api/v1/clients/appointments/{booked.json()['id']}/cancel", {"reason": "Travelling"})
    assert cancelled.json()["status"] == "cancelled"


def test_follow_ups_and_inquiries_through_the_api(book: Book, cast: Any, client_for: Any) -> None:
    api = client_for(cast.assistant)
    # Yesterday in Marcus's office (New York), where the API reckons what is overdue.
    yesterday = office_today(cast.assistant) - timedelta(days=1)
    made = post(api, "/api/v1/clients/follow-ups", {"title": "Call", "due_on": str(yesterday),
                                                   "client": book.beatrice.number, "recurrence": "monthly"})  # fmt: skip
    assert made.status_code == 201 and made.json()["overdue"] is True
    assert made.json()["client_name"] == f"Client {book.beatrice.number}"
    done = post(api, f"/api/v1/clients/follow-ups/{made.json()['id']}/done", {})
    assert [r["done"] for r in done.json()] == [True, False]
    inquiry = post(api, "/api/v1/clients/inquiries", {"channel": "phone", "category": "valuation", "office": "NY",
                                                     "name": "Sophie Keller", "message": "Pearls to value, please.",
                                                     "phone": "+41 22 555 01 23"})  # fmt: skip
    assert inquiry.status_code == 201 and inquiry.json()["assigned_to"] == "eleanor"
    number = inquiry.json()["number"]
    answered = post(api, f"/api/v1/clients/inquiries/{number}/answer", {"note": "Booked a valuation."})
    assert answered.json()["status"] == "answered"


def test_import_through_the_api_is_checked_then_all_or_nothing(cast: Any, client_for: Any) -> None:
    api = client_for(cast.senior)
    rows = [{"Name": "Grace Hopper", "E-mail": "grace@example.com"}, {"Name": "Bad", "E-mail": "bad@"}]
    checked = post(api, "/api/v1/clients/imports", {"rows": rows})
    assert checked.json()["created"] == 0 and checked.json()["rows"][1]["errors"] == {
        "email": ["This e-mail address is not valid; it should look like name@example.com."]
    }
    refused = post(api, "/api/v1/clients/imports", {"rows": rows, "dry_run": False})
    assert refused.status_code == 422 and Client.objects.count() == 0
    assert refused.json()["code"] == "import_has_errors"
    kept = post(api, "/api/v1/clients/imports", {"rows": rows, "dry_run": False, "keep_good_rows": True})
    assert kept.json()["created"] == 1 and Client.objects.get().display_name == "Grace Hopper"


def test_a_token_holder_is_refused_by_role_before_the_body_is_read(cast: Any) -> None:
    _, secret = ApiToken.issue(staff=cast.logistics, name="Shipping desk")
    api = Browser(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = api.post("/api/v1/clients/", data={"not": "valid"}, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert api.get("/api/v1/clients/").status_code == 200


def test_an_empty_kyc_status_is_refused_and_the_file_stays_readable(book: Book, cast: Any, client_for: Any) -> None:
    api = client_for(cast.senior)
    before = Client.objects.filter(pk=book.ada.pk).values("kyc_status", "kyc_document").get()
    refused = api.put(f"/api/v1/clients/{book.ada.number}/kyc", data={"status": ""}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"status": ["Choose the KYC status to record."]}
    assert Client.objects.filter(pk=book.ada.pk).values("kyc_status", "kyc_document").get() == before
    assert api.get(f"/api/v1/clients/{book.ada.number}").status_code == 200
    assert api.get(f"/clients/{book.ada.number}/").status_code == 200
