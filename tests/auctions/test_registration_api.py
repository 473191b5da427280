"""The bidders API: the list and one registration (the client labelled for the caller), registering,
a senior's decision, the credit, and the platform import answering 202 with its job; each refusal in
the API's one error shape."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parure.auctions.choices import RegistrationStatus
from parure.auctions.models import Registration, Sale
from parure.auctions.paddles import paddle_for
from tests.auctions import world
from tests.guards import unchanged
from tests.inventory import world as inventory_world

pytestmark = pytest.mark.django_db

API = "/api/v1/auctions/sales/NY-J-2703/registrations"


@pytest.fixture
def sale(cast: Any) -> Sale:
    return world.sale(cast.senior)


def post(browser: Any, url: str, body: dict[str, Any]) -> Any:
    return browser.post(url, body, content_type="application/json")


def test_the_list_and_one_registration(cast: Any, client_for: Any, sale: Sale) -> None:
    julian = world.bidder(sale, credit="500000")
    answer = client_for(cast.finance).get(API)
    assert answer.status_code == 200
    (row,) = answer.json()
    assert {k: v for k, v in row.items() if k not in ("decided_at", "registered_at")} == {
        "paddle": "1010",
        "sale": "NY-J-2703",
        "client_number": julian.client.number,
        "client": "Mr Julian Ashcombe",
        "source": "house",
        "platform": "",
        "platform_reference": "",
        "credit_limit": "500000.00",
        "deposit": None,
        "currency": "USD",
        "kyc": "verified",
        "status": "approved",
        "decided_by": "eleanor",
        "decision_reason": "",
    }
    assert client_for(cast.auditor).get(f"{API}/1010").json()["paddle"] == "1010"
    assert client_for(cast.auditor).get(API, {"status": "pending"}).json() == []
    assert client_for(cast.logistics).get(API).status_code == 403


def test_a_mistyped_or_unknown_paddle_and_a_bad_status(cast: Any, client_for: Any, sale: Sale) -> None:
    world.bidder(sale)
    browser = client_for(cast.assistant)
    mistyped = browser.get(f"{API}/1011")
    assert (mistyped.status_code, mistyped.json()) == (
        422,
        {
            "status": 422,
            "code": "invalid_paddle",
            "message": "Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again.",
            "fields": {
                "paddle": ["Paddle 1011 is mistyped: its last digit is not its check digit. Read the paddle again."]
            },
        },
    )
    unknown = browser.get(f"{API}/{paddle_for(102)}")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_paddle")
    assert browser.get(API, {"status": "x" * 500}).status_code == 422
    assert browser.get("/api/v1/auctions/sales/NOPE/registrations").status_code == 404


def test_a_confidential_client_is_labelled_by_number_for_an_assistant(cast: Any, client_for: Any, sale: Sale) -> None:
    harriet = cast["harriet"]
    hidden = inventory_world.consignor(
        "Lady Imogen Park", by=harriet, specialists=[harriet], confidentiality="confidential"
    )
    from parure.auctions.services.registrations import registration_create

    registration_create(sale=sale, client=hidden, by=cast.senior, credit_limit="100")
    body = client_for(cast.assistant).get(API).content.decode()
    assert f"Client {hidden.number}" in body and "Imogen" not in body


def test_registering_deciding_and_changing_the_credit(cast: Any, client_for: Any, sale: Sale) -> None:
    helena = world.verified_client("Mrs Helena Strand")
    made = post(client_for(cast.assistant), API, {"client_number": helena.number, "credit_limit": "25000"})
    assert made.status_code == 201
    assert (made.json()["paddle"], made.json()["status"], made.json()["credit_limit"]) == (
        "1010",
        "pending",
        "25000.00",
    )
    senior = client_for(cast.senior)
    refused = post(senior, f"{API}/1010/decision", {"approve": False})
    assert (refused.status_code, refused.json()["message"]) == (
        422, "The reason is required: say why the registration is refused.",
    )  # fmt: skip
    decided = post(senior, f"{API}/1010/decision", {"approve": True})
    assert (decided.status_code, decided.json()["status"], decided.json()["decided_by"]) == (200, "approved", "eleanor")
    changed = post(client_for(cast.assistant), f"{API}/1010/credit", {"credit_limit": "30000", "deposit": "100"})
    assert (changed.json()["credit_limit"], changed.json()["deposit"]) == ("30000.00", "100.00")
    assert post(client_for(cast.assistant), f"{API}/1010/decision", {"approve": True}).status_code == 403


def test_refusals_in_the_error_shape_with_nothing_saved(cast: Any, client_for: Any, sale: Sale) -> None:
    helena = world.verified_client("Mrs Helena Strand")
    browser = client_for(cast.assistant)
    browser.get(API)
    wrong = helena.number[:-1] + str((int(helena.number[-1]) + 1) % 10)
    with unchanged():
        mistyped = post(browser, API, {"client_number": wrong})
        floaty = post(browser, API, {"client_number": helena.number, "credit_limit": 1000.5})
        huge = post(browser, API, {"client_number": "C" * 100000})
        junk = browser.post(API, b"\xff\xfe not json", content_type="application/json")
    assert (mistyped.status_code, mistyped.json()["fields"]) == (
        422, {"client_number": [f"{wrong} has a wrong check digit, so it is not a client number we issued; read it again."]},
    )  # fmt: skip
    assert floaty.status_code == 422 and huge.status_code == 422 and junk.status_code in (400, 422)
    assert set(floaty.json()) == {"status", "code", "message", "fields"}


def test_the_import_answers_202_with_the_job(cast: Any, client_for: Any, sale: Sale) -> None:
    helena = world.verified_client("Mrs Helena Strand", email="helena@example.org")
    content = b"Bidder,E-mail,Limit\r\nIV-7,HELENA@example.org,250000\r\n"
    answer = client_for(cast.senior).post(
        "/api/v1/auctions/sales/NY-J-2703/registration-imports",
        {"platform": "Invaluable", "file": SimpleUploadedFile("invaluable.csv", content, content_type="text/csv")},
    )
    assert answer.status_code == 202
    job = answer.json()
    assert (job["state"], job["summary"], job["result"]["paddles"]) == (
        "succeeded", "1 online bidder registered for NY-J-2703 from Invaluable: 1 approved, 0 pending.",
        [paddle_for(5001)],
    )  # fmt: skip
    assert Registration.objects.get(sale=sale).client_id == helena.pk
    assert Registration.objects.get(sale=sale).status == RegistrationStatus.APPROVED
    assert client_for(cast.senior).get(f"/api/v1/jobs/{job['id']}").json()["state"] == "succeeded"


def test_the_import_refuses_a_missing_file_and_a_wrong_mapping(cast: Any, client_for: Any, sale: Sale) -> None:
    url = "/api/v1/auctions/sales/NY-J-2703/registration-imports"
    browser = client_for(cast.assistant)
    missing = browser.post(url, {"platform": "Invaluable"})
    assert (missing.status_code, missing.json()["message"]) == (
        422, "Send the platform's export as the multipart field ‘file’ (CSV).",
    )  # fmt: skip
    content = b"Bidder,E-mail\r\nIV-7,helena@example.org\r\n"
    wrong = browser.post(url, {"platform": "Invaluable", "email": "Mail", "file": SimpleUploadedFile("i.csv", content)})
    assert (wrong.status_code, wrong.json()["message"]) == (
        422, "E-mail: the file has no column ‘Mail’; its columns are ‘Bidder’, ‘E-mail’.",
    )  # fmt: skip
    empty = browser.post(url, {"platform": "Invaluable", "file": SimpleUploadedFile("e.csv", b"")})
    assert empty.status_code == 422
