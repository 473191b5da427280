"""The settlements' pages and API end to end: the list with its holds and totals (a fixed number of
queries whatever the rows), a settlement's page (the payout account whole only for those who pay), its
approval and statement, the payment run's page and files, a private sale recorded from its form."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from parure.billing.models import PrivateSale, Settlement
from tests.billing import settlement_world
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    from tests.auctions import results_day

    with results_day.once(django_db_blocker) as cast:
        yield settlement_world.build(cast)


@pytest.fixture
def built(shared: Any, db: Any) -> Any:
    return shared


def test_the_list_shows_each_hold_and_the_totals_per_currency(built: Any) -> None:
    response = signed_in(built.day.cast.finance).get("/billing/settlements/")
    assert response.status_code == 200
    page = response.content.decode()
    assert built.ring.number in page and "In a payment run" in page
    assert "Lot 3: the buyer&#x27;s invoice " in page and "is not paid in full" in page
    assert "Payable from 14 April 2027 (the sale plus 35 days)." in page
    assert "$19,727.50" in page  # the nets: 7,635 − 150 + 6,337.50 + 0 + 5,905
    held = signed_in(built.day.cast.finance).get("/billing/settlements/?show=paid")
    assert built.ring.number not in held.content.decode()


def test_the_list_issues_the_same_queries_whatever_the_rows(built: Any) -> None:
    reader = signed_in(built.day.cast.auditor)
    reader.get("/billing/settlements/")
    with CaptureQueriesContext(connection) as few:
        reader.get("/billing/settlements/")
    from parure.billing.services import settlements as services
    from tests.auctions import results_day

    more = results_day.clerked(built.day.cast, code="NY-J-2796")
    more.sale.refresh_from_db()
    services.settlements_from_sale(sale=more.sale, by=built.day.cast.finance)
    assert Settlement.objects.count() == 10
    with CaptureQueriesContext(connection) as many:
        response = reader.get("/billing/settlements/")
    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_settlement_page_masks_the_iban_for_those_who_do_not_pay(built: Any) -> None:
    url = f"/billing/settlements/{built.ring.number}/"
    finance = signed_in(built.day.cast.finance).get(url).content.decode()
    senior = signed_in(built.day.cast.senior).get(url).content.decode()
    assert settlement_world.IBAN in finance
    assert settlement_world.IBAN not in senior and "•••• 3000" in senior
    assert "Commission 12.5% on lot 1" in senior and "-$1,125.00" in senior


def test_approval_from_the_page_and_the_statement(built: Any) -> None:
    finance = signed_in(built.day.cast.finance)
    url = f"/billing/settlements/{built.draft.number}/approve/"
    response = finance.post(url, {"version": "1"})
    assert response.status_code == 302
    built.draft.refresh_from_db()
    assert built.draft.status == "approved"
    again = finance.post(url, {"version": "2"})
    assert again.status_code == 422 or again.status_code == 409
    assert "is approved already." in again.content.decode()
    pdf = finance.get(f"/billing/settlements/{built.ring.number}/statement.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Net to the consignor $7,635.00" in text and "the account ending •••• 3000" in text


def test_the_run_page_its_csv_and_the_sepa_refusal_for_dollars(built: Any) -> None:
    finance = signed_in(built.day.cast.finance)
    base = f"/billing/payment-runs/{built.run.number}/"
    page = finance.get(base).content.decode()
    assert settlement_world.IBAN in page and "$7,635.00" in page
    csv_text = finance.get(base + "payments.csv").content.decode()
    assert csv_text.splitlines()[1].startswith(f"{built.run.number},{built.ring.number},NY-J-2797,Adela Moreno,")
    refused = finance.get(base + "sepa.xml")
    assert refused.status_code == 422
    assert "A SEPA credit transfer file is for payments in euros" in refused.content.decode()
    sent = finance.post(base + "send/")
    assert sent.status_code == 409 or sent.status_code == 422
    assert "Payable from 14 April 2027" in sent.content.decode()


def test_a_private_sale_from_its_form_refuses_with_the_sentence_and_keeps_what_was_typed(built: Any) -> None:
    from tests.inventory import world as inventory_world

    senior = signed_in(built.day.cast.senior)
    piece = inventory_world.take_in(built.day.cast.senior, inventory_world.consignor("Mr Anton Veil"),
                                    inventory_world.piece("Sapphire brooch"))[0]  # fmt: skip
    form = {"stock_number": piece.stock_number, "buyer": built.day.ada.client.number, "price": "abc",
            "commission_rate": "10", "tax_status": "margin"}  # fmt: skip
    refused = senior.post("/billing/private-sales/new/", form)
    assert refused.status_code == 422
    assert "‘abc’ is not an amount" in refused.content.decode() and piece.stock_number in refused.content.decode()
    assert not PrivateSale.objects.filter(item_id=piece.pk).exists()
    made = senior.post("/billing/private-sales/new/", {**form, "price": "15000"})
    assert made.status_code == 302
    sale = PrivateSale.objects.get(item_id=piece.pk)
    page = senior.get(made["Location"]).content.decode()
    assert sale.number in page and "$15,000.00" in page and "Draft" in page


def test_the_api_answers_with_the_holds_and_masks_the_iban(built: Any) -> None:
    senior = signed_in(built.day.cast.senior)
    body = senior.get(f"/api/v1/billing/settlements/{built.ring.number}").json()
    assert body["standing"] == "in_run" and body["payout_iban"] == "•••• 3000"
    assert body["lines"][1] == {"lot": "1", "kind": "commission", "description": "Commission 12.5% on lot 1",
                                "amount": "-1125.000", "rate": "0.12500", "basis": "9000.000"}  # fmt: skip
    listed = signed_in(built.day.cast.finance).get("/api/v1/billing/settlements?show=draft").json()
    assert listed["count"] == 4
    refused = signed_in(built.day.cast.finance).post(
        "/api/v1/billing/payment-runs", data={"settlements": [built.draft.number]}, content_type="application/json"
    )
    assert refused.status_code in (409, 422)
    assert refused.json()["code"] == "refused"


def test_settling_a_sale_from_its_form_names_the_refusal(built: Any) -> None:
    finance = signed_in(built.day.cast.finance)
    again = finance.post("/billing/settlements/new/", {"sale": "ny-j-2797"})
    assert again.status_code == 409 or again.status_code == 422
    assert "Every consignment in NY-J-2797 has its settlement already." in again.content.decode()
    unknown = finance.post("/billing/settlements/new/", {"sale": "NY-J-0000"})
    assert unknown.status_code == 404 and "No sale has code NY-J-0000." in unknown.content.decode()
    assert Settlement.objects.count() == 5


def test_a_run_from_its_form_needs_a_settlement_due(built: Any) -> None:
    finance = signed_in(built.day.cast.finance)
    page = finance.get("/billing/payment-runs/new/").content.decode()
    assert "No settlement is due." in page  # before 14 April 2027 nothing of the sale is
    refused = finance.post("/billing/payment-runs/new/", {})
    assert refused.status_code == 422 and "Choose at least one settlement due." in refused.content.decode()
    held = finance.post("/billing/payment-runs/new/", {"settlements": [built.draft.number]})
    assert held.status_code == 409 or held.status_code == 422
    page = held.content.decode()
    assert f"Settlement {built.draft.number} is not approved yet." in page, page[page.find("notice refused") :][:300]


def test_an_advance_from_its_form(built: Any) -> None:
    finance = signed_in(built.day.cast.finance)
    number = built.settlements[2].consignment_number
    refused = finance.post("/billing/advances/new/", {"consignment": number, "amount": "-1", "reference": "W-1"})
    assert refused.status_code == 422 and "An amount must be more than nothing" in refused.content.decode()
    made = finance.post("/billing/advances/new/", {"consignment": number, "amount": "750.00", "reference": "W-1"})
    assert made.status_code == 302
    listed = signed_in(built.day.cast.auditor).get("/billing/advances/").content.decode()
    assert number in listed and "$750.00" in listed and "Not yet" in listed
