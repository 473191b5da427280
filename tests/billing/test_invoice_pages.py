"""The invoice pages as finance uses them: invoicing a closed sale, a charge on a draft, issue, a part
payment, a third party's payment approved by a senior's own password, a refund, a credit note, the PDF
read back (in English and in French), and the list's query count, flat whatever the rows."""

from __future__ import annotations

import html
import io
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.billing import queries
from parure.billing.choices import InvoiceKind, InvoiceStatus
from parure.billing.models import Invoice, Payment
from parure.billing.services import invoices
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


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def _drafts(day: Any) -> dict[str, Invoice]:
    made = Invoice.objects.filter(sale=day.sale, status=InvoiceStatus.DRAFT)
    names = {day.ada.client_id: "ada", day.julian.client_id: "julian"}
    return {names[row.buyer_id]: row for row in made}


def test_finance_invoices_the_sale_adds_shipping_issues_and_takes_a_part_payment(day: Any) -> None:
    finance = signed_in(day.cast.finance)
    answer = finance.post("/billing/invoices/from-sale/", {"sale": day.sale.code})
    assert answer.status_code == 302 and answer["Location"] == f"/billing/invoices/?standing=draft&sale={day.sale.code}"
    drafts = _drafts(day)
    ada = drafts["ada"]
    listed = finance.get(answer["Location"]).content.decode()
    assert f'id="invoice-draft-{ada.pk}"' in listed and "$20,049.33" in listed
    again = finance.post("/billing/invoices/from-sale/", {"sale": day.sale.code})
    assert again.status_code == 409
    assert f"Every lot sold in {day.sale.code} is on an invoice already." in _page(again)

    page = f"/billing/invoices/draft-{ada.pk}/"
    fee = finance.post(page + "fees/", {"kind": "shipping", "description": "Insured courier to Manhattan",
                                        "amount": "150.00", "version": ada.version})  # fmt: skip
    assert fee.status_code == 302
    ada.refresh_from_db()
    # 150 × 8.875% = 13.3125 → 13.31
    assert ada.total == D("20212.64")
    stale = finance.post(page + "issue/", {"version": ada.version - 1})
    assert stale.status_code == 409
    assert f"Someone changed draft {ada.pk} since you opened it" in _page(stale)
    issued = finance.post(page + "issue/", {"version": ada.version})
    ada.refresh_from_db()
    assert issued.status_code == 302 and issued["Location"] == f"/billing/invoices/{ada.number}/"
    assert ada.status == InvoiceStatus.ISSUED and ada.buyer_name == "Mrs Ada Lindqvist"

    bad = finance.post(f"/billing/invoices/{ada.number}/payments/", {"method": "wire", "amount": "12,00.0x",
                       "currency": "USD", "received_on": "2026-12-01"})  # fmt: skip
    assert bad.status_code == 422 and "‘12,00.0x’ is not an amount; type it as 1250.00." in _page(bad)
    assert Payment.objects.count() == 0
    today = invoices.office_today(ada.office).isoformat()
    paid = finance.post(f"/billing/invoices/{ada.number}/payments/", {"method": "wire", "amount": "5,000.00",
                        "currency": "usd", "received_on": today, "reference": "FT26120188"})  # fmt: skip
    assert paid.status_code == 302
    shown = finance.get(f"/billing/invoices/{ada.number}/").content.decode()
    assert "Wire transfer of $5,000.00 recorded; $15,212.64 left to pay." in shown
    assert 'id="due">$15,212.64<' in shown and 'id="standing">Part-paid<' in shown

    pdf = finance.get(f"/billing/invoices/{ada.number}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    for expected in (ada.number, "Mrs Ada Lindqvist", "A pearl necklace", "Buyer's premium on lot 5",
                     "Insured courier to Manhattan", "$20,212.64", "Balance due", "$15,212.64",
                     f"Due by {ada.due_on:%Y-%m-%d}", "JPMorgan Chase, ABA 021000021"):  # fmt: skip
        assert expected in text, expected


def test_a_diamond_line_prints_the_world_diamond_council_statement(day: Any) -> None:
    made = invoices.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    ada = next(row for row in made if row.buyer_id == day.ada.client_id)
    ada.lines.filter(lot=day.lots[4]).update(contains_diamonds=True)  # the rivière, as its stones record
    ada.lines.exclude(lot=day.lots[4]).update(contains_diamonds=False)
    issued = invoices.invoice_issue(invoice=ada, by=day.cast.finance)
    text = " ".join(
        _pdf_text(signed_in(day.cast.senior).get(f"/billing/invoices/{issued.number}/pdf/").content).split()
    )
    assert (
        "The diamonds herein invoiced have been purchased from legitimate sources not involved in funding conflict"
        in text
    )
    assert "confirms adherence to the WDC SoW Guidelines" in text
    julian = next(row for row in made if row.buyer_id == day.julian.client_id)
    julian.lines.update(contains_diamonds=False)
    plain = invoices.invoice_issue(invoice=julian, by=day.cast.finance)
    assert "WDC SoW" not in _pdf_text(signed_in(day.cast.finance).get(f"/billing/invoices/{plain.number}/pdf/").content)


def test_an_invoice_prints_in_its_offices_language(day: Any) -> None:
    made = invoices.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    julian = next(row for row in made if row.buyer_id == day.julian.client_id)
    Invoice.objects.filter(pk=julian.pk).update(locale="fr_CH")
    issued = invoices.invoice_issue(invoice=Invoice.objects.get(pk=julian.pk), by=day.cast.finance)
    text = _pdf_text(signed_in(day.cast.finance).get(f"/billing/invoices/{issued.number}/pdf/").content)
    assert f"Facture {issued.number}" in text and "Solde dû" in text and "Échéance" in text
    assert "11'430,00\xa0$US" in text or "11'430,00 $US" in text  # Swiss French grouping, the currency after


def _issued_ada(day: Any) -> Invoice:
    made = invoices.invoices_from_sale(sale=day.sale, by=day.cast.finance)
    return invoices.invoice_issue(invoice=next(r for r in made if r.buyer_id == day.ada.client_id), by=day.cast.finance)


def test_a_third_partys_payment_needs_a_seniors_own_password(day: Any) -> None:
    ada = _issued_ada(day)
    finance = signed_in(day.cast.finance)
    url = f"/billing/invoices/{ada.number}/payments/"
    form = {"method": "wire", "amount": "20049.33", "currency": "USD",
            "received_on": invoices.office_today(ada.office).isoformat(), "payer_name": "Lindqvist Family Office AB",
            "approval_reason": "The buyer's family office pays all her purchases; letter on file."}  # fmt: skip
    alone = finance.post(url, form)
    assert alone.status_code == 409
    assert ("Lindqvist Family Office AB is not the buyer: a payment from someone else needs a senior "
            "specialist's approval.") in _page(alone)  # fmt: skip
    wrong = finance.post(url, form | {"approver_username": "eleanor", "approver_password": "not hers"})
    assert wrong.status_code == 409
    assert "The approver's username and password do not match an active account." in _page(wrong)
    assistant = finance.post(
        url, form | {"approver_username": "marcus", "approver_password": settings.PARURE_DEMO_PASSWORD}
    )
    assert "Marcus Hale (Specialist assistant) may not approve a payment from someone other than the buyer" in _page(
        assistant
    )
    assert Payment.objects.count() == 0
    done = finance.post(
        url, form | {"approver_username": "eleanor", "approver_password": settings.PARURE_DEMO_PASSWORD}
    )
    assert done.status_code == 302
    payment = Payment.objects.get()
    assert (payment.payer_name, payment.third_party_approved_by) == ("Lindqvist Family Office AB", day.cast.senior)
    shown = finance.get(f"/billing/invoices/{ada.number}/").content.decode()
    assert "paid by Lindqvist Family Office AB, approved by Eleanor Whitcombe" in shown
    assert 'id="standing">Paid in full<' in shown


def test_refunds_credit_notes_and_export_from_the_invoice_page(day: Any) -> None:
    ada = _issued_ada(day)
    finance = signed_in(day.cast.finance)
    base = f"/billing/invoices/{ada.number}/"
    finance.post(base + "payments/", {"method": "card", "amount": "21000.00", "currency": "USD",
                                      "received_on": invoices.office_today(ada.office).isoformat()})  # fmt: skip
    payment = Payment.objects.get()
    assert [str(m) for m in queries.credit_held(day.ada.client_id)] == ["USD 950.67"]
    too_much = finance.post(base + f"payments/{payment.pk}/refund/", {"amount": "960", "from": "credit",
                                                                      "reason": "Overpaid"})  # fmt: skip
    assert (
        too_much.status_code == 409
        and "This payment left USD 950.67 of credit; refund no more than that, or name the invoice" in _page(too_much)
    )
    refunded = finance.post(base + f"payments/{payment.pk}/refund/", {"amount": "950.67", "from": "credit",
                                                                      "reason": "Overpaid by card"})  # fmt: skip
    assert refunded.status_code == 302 and queries.credit_held(day.ada.client_id) == []
    groups = {group.label: group.key for group in queries.line_groups(ada)}
    noted = finance.post(
        base + "credit/", {"groups": [groups["Lot 3"]], "reason": "Necklace returned: a pearl is damaged."}
    )
    assert noted.status_code == 302
    note = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert note.total == D("10370.34")
    shown = finance.get(base).content.decode()
    assert f">{note.number}</a>: $10,370.34 — Necklace returned: a pearl is damaged." in shown
    assert 'id="due">-$10,370.34<' in shown or 'id="due">−$10,370.34<' in shown
    export = finance.post(base + "export/", {"proof": "   "})
    assert export.status_code == 422
    assert "Give the proof of export (the export declaration's number)." in _page(export)


def test_the_invoice_list_reads_a_fixed_number_of_queries(day: Any) -> None:
    def make(count: int) -> None:
        for n in range(count):
            Invoice.objects.create(office=day.sale.office, buyer_id=day.ada.client_id, currency="USD",
                                   created_by=day.cast.finance, total=D(100 + n))  # fmt: skip

    client = signed_in(day.cast.auditor)
    client.get("/billing/invoices/")
    counts = []
    for extra in (2, 30):
        make(extra)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/billing/invoices/?standing=draft").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
