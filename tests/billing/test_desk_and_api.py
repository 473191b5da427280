"""The release desk (scan, the verdict, the hand-over with its witness, the collection receipt) and
billing's API (drafts from a sale, issue, a payment, a refund over what was paid refused, a credit
note, the desk's answer), each refusal with its status, code and sentence and nothing half-saved."""

from __future__ import annotations

import html
import io
import json
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.conf import settings

from parure.billing.models import Invoice, Payment, Refund
from parure.billing.services import invoices, payments
from parure.inventory.choices import ItemStatus
from tests.billing import world
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def day(shared: Any, db: Any) -> Any:
    shared.sale.refresh_from_db()
    return shared


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


def _issued(day: Any) -> dict[str, Invoice]:
    made = invoices.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    names = {day.ada.client_id: "ada", day.julian.client_id: "julian"}
    return {names[row.buyer_id]: invoices.invoice_issue(invoice=row, by=day.cast.finance) for row in made}


def _pay(invoice: Invoice, amount: str, by: Any) -> Payment:
    return payments.payment_record(invoice=invoice, method="wire", amount=amount, currency=invoice.currency,
                                   received_on=invoices.office_today(invoice.office), by=by)  # fmt: skip


def test_the_desk_says_why_a_piece_waits_then_hands_it_over_with_a_witness(day: Any) -> None:
    ada = _issued(day)["ada"]
    necklace = day.lots[2].pieces.get().item
    desk = signed_in(day.cast.logistics)
    waiting = _page(desk.get(f"/billing/desk/?piece={necklace.stock_number}"))
    assert (
        f"May not go yet. Invoice {ada.number} is not paid in full ($20,049.33 due); "
        f"{necklace.stock_number} may not leave yet."
    ) in " ".join(waiting.replace("<strong>", "").replace("</strong>", "").split())
    refused = desk.post(f"/billing/desk/{necklace.stock_number}/release/", {"handed_to": "Mrs Ada Lindqvist"})
    assert refused.status_code == 409
    assert f"Invoice {ada.number} is not paid in full ($20,049.33 due)" in _page(refused)
    _pay(ada, "20049.33", day.cast.finance)
    ready = _page(desk.get(f"/billing/desk/?piece={necklace.stock_number}"))
    assert f"Invoice {ada.number} is paid in full: {necklace.stock_number} may go to its buyer." in ready
    done = desk.post(
        f"/billing/desk/{necklace.stock_number}/release/",
        {"handed_to": "Mrs Ada Lindqvist", "identity": "Passport ending 4471", "witness_username": "eleanor",
         "witness_password": settings.PARURE_DEMO_PASSWORD},
    )  # fmt: skip
    assert done.status_code == 302
    necklace.refresh_from_db()
    event = necklace.custody_events.order_by("-seq").first()
    assert necklace.status == ItemStatus.RELEASED
    assert (event.cause, event.counterpart, event.witness, event.reason) == (
        f"invoice:{ada.number}",
        "Mrs Ada Lindqvist",
        day.cast.senior,
        "Identity seen: Passport ending 4471.",
    )
    after = _page(desk.get(done["Location"]))
    assert f"/billing/desk/{necklace.stock_number}/receipt/{event.seq}/" in after
    receipt = desk.get(f"/billing/desk/{necklace.stock_number}/receipt/{event.seq}/")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(receipt.content)).pages)
    for expected in ("Collection receipt", necklace.stock_number, ada.number, "Mrs Ada Lindqvist",
                     "Daniel Ortiz, witnessed by Eleanor Whitcombe", "Identity seen: Passport ending 4471."):  # fmt: skip
        assert expected in text, expected
    assert desk.get(f"/billing/desk/{necklace.stock_number}/receipt/{event.seq + 999}/").status_code == 404
    typo = desk.get("/billing/desk/?piece=NY-26-0000")
    assert typo.status_code == 422


def test_the_api_invoices_pays_refunds_and_credits_with_clear_refusals(day: Any) -> None:
    api = signed_in(day.cast.finance)

    def post(url: str, body: dict[str, Any]) -> Any:
        return api.post(f"/api/v1/billing{url}", data=json.dumps(body), content_type="application/json")

    made = post("/invoices/from-sale", {"sale": day.sale.code})
    assert made.status_code == 201
    drafts = {row["buyer_number"]: row for row in made.json()}
    ada_key = next(row["key"] for row in made.json() if D(row["total"]) == D("20049.33"))
    assert ada_key.startswith("draft-") and len(drafts) == 2
    issued = post(f"/invoices/{ada_key}/issue", {})
    assert issued.status_code == 200
    number = issued.json()["number"]
    assert issued.json()["standing"] == "unpaid" and D(issued.json()["due"]) == D("20049.33")
    again = post(f"/invoices/{ada_key}/issue", {})
    assert again.status_code == 404 and again.json()["code"] == "unknown_invoice"
    edit = post(f"/invoices/{number}/fees", {"kind": "shipping", "description": "Courier", "amount": "10"})
    assert edit.status_code == 409 and edit.json()["message"] == (
        f"Invoice {number} is issued and cannot change; correct it with a credit note."
    )
    today = invoices.office_today(day.sale.office).isoformat()
    paid = post(f"/invoices/{number}/payments", {"method": "wire", "amount": "5000.00", "received_on": today,
                                                  "reference": "FT26120001"})  # fmt: skip
    assert paid.status_code == 201 and paid.json()["invoices"] == [number] and paid.json()["refundable"] == "5000.00"
    payment_id = paid.json()["id"]
    too_much = post(f"/payments/{payment_id}/refunds", {"amount": "5000.01", "reason": "Error", "invoice": number})
    assert too_much.status_code == 409 and too_much.json()["code"] == "refund_too_large"
    assert Refund.objects.count() == 0
    refund = post(f"/payments/{payment_id}/refunds", {"amount": "1000", "reason": "Paid twice", "invoice": number})
    assert refund.status_code == 201 and refund.json()["amount"] == "1000.00"
    detail = api.get(f"/api/v1/billing/invoices/{number}").json()
    assert detail["balance"] == {"total": "20049.33", "credited": "0.00", "paid": "4000.00", "due": "16049.33"}
    note = post(f"/invoices/{number}/credit-notes", {"groups": ["all"], "reason": "Sale rescinded by agreement."})
    assert note.status_code == 201 and note.json()["kind"] == "credit_note" and note.json()["total"] == "20049.33"
    cancelled = post(f"/invoices/{number}/payments", {"method": "wire", "amount": "10", "received_on": today})
    assert cancelled.status_code == 409 and cancelled.json()["code"] == "invoice_cancelled"
    listed = api.get("/api/v1/billing/invoices?standing=cancelled").json()
    assert [row["number"] for row in listed["items"]] == [number]
    wrong = api.get("/api/v1/billing/invoices?standing=lost")
    assert wrong.status_code == 409 or wrong.status_code == 422
    desk = signed_in(day.cast.logistics).get(f"/api/v1/billing/desk/{day.lots[2].pieces.get().item.stock_number}")
    assert desk.status_code == 200 and desk.json()["invoice"] is None and desk.json()["may_go"] is False
