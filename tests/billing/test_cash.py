"""The anti-money-laundering cash rule, its reports and the reporting exchange rates.

New York reports (US, USD 10,000 within twelve months, IRS/FinCEN Form 8300 due 15 days after the
payment that reaches the limit); the refuse rule is New York's settings turned to a European limit
(EUR 10,000, refused) for the tests that need it. Ada's issued invoice has USD 20,049.33 due."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.billing.choices import CashReportStatus, CashRule, Jurisdiction
from parure.billing.errors import BillingError
from parure.billing.models import BillingSettings, CashReport, CashReportPayment, Invoice, Payment, ReportingRate
from parure.billing.services import cash, invoices, payments
from parure.clients.models import Client as ClientFile
from tests.billing import world
from tests.billing.world import ny_today
from tests.guards import unchanged

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def ada_invoice(shared: Any, db: Any) -> Invoice:
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    draft = next(invoice for invoice in made if invoice.buyer_id == shared.ada.client_id)
    ClientFile.objects.filter(pk=shared.ada.client_id).update(birthday=date(1961, 4, 3))
    return invoices.invoice_issue(invoice=draft, by=shared.cast.finance)


def _today(invoice: Invoice) -> date:
    return invoices.office_today(invoice.office)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _cash(invoice: Invoice, amount: str, by: Any, **extra: Any) -> Payment:
    fields = {"method": "cash", "currency": "USD", "received_on": _today(invoice)} | extra
    return payments.payment_record(invoice=invoice, amount=amount, by=by, **fields)


def _rate(day: date, currency: str, quote: str, rate: str, by: Any, reason: str = "") -> ReportingRate:
    return cash.reporting_rate_enter(day=day, currency=currency, quote=quote, rate=rate, by=by, reason=reason,
                                     source="ECB reference")  # fmt: skip


def _european_limit(invoice: Invoice) -> None:
    """New York's settings turned to a European refusal: EUR 10,000 within a year, refused."""
    BillingSettings.objects.filter(office=invoice.office).update(
        jurisdiction=Jurisdiction.EU, cash_rule=CashRule.REFUSE, cash_limit=D("10000.00"), cash_limit_currency="EUR"
    )


def test_cash_that_reaches_the_limit_is_accepted_flagged_and_reported(shared: Any, ada_invoice: Invoice) -> None:
    finance, today = shared.cast.finance, _today(ada_invoice)
    _rate(today, "GBP", "USD", "1.27345", finance)
    first = _cash(ada_invoice, "6000.00", finance)
    assert not first.flagged and not CashReport.objects.exists()
    second = _cash(ada_invoice, "3200.00", finance, currency="GBP", rate="1.27345")
    assert second.flagged
    report = CashReport.objects.get()
    assert (report.report_name, report.jurisdiction, report.status, report.payment) == (
        "IRS/FinCEN Form 8300", "us", CashReportStatus.TO_FILE, second,
    )  # fmt: skip
    assert (report.total, report.limit, report.currency) == (D("10075.040"), D("10000.00"), "USD")
    assert (report.window_from, report.due_on) == (today, today + timedelta(days=15))
    assert [(line.payment_id, line.amount, line.currency, line.rate, line.converted) for line in report.lines.all()] == [
        (first.pk, D("6000.000"), "USD", None, D("6000.000")),
        (second.pk, D("3200.000"), "GBP", D("1.27345000"), D("4075.040")),
    ]  # fmt: skip
    ada = ClientFile.objects.get(pk=shared.ada.client_id)
    assert report.payer == {
        "number": ada.number, "name": "Mrs Ada Lindqvist", "kind": "Person",
        "address": "1 Fifth Avenue\nNew York NY 10003\nUS", "country": "US", "date_of_birth": "1961-04-03",
        "id_document": "Passport", "id_document_expires_on": ada.kyc_document_expires_on.isoformat(),
        "kyc_status": "Verified", "kyc_verified_on": ada.kyc_verified_on.isoformat(),
    }  # fmt: skip
    # What is reported is not added again: the next cash counts from the payment after.
    third = _cash(ada_invoice, "500.00", finance)
    assert not third.flagged and CashReport.objects.count() == 1


def test_under_the_refuse_rule_cash_reaching_the_limit_is_refused_and_nothing_recorded(
    shared: Any, ada_invoice: Invoice
) -> None:
    finance, today = shared.cast.finance, _today(ada_invoice)
    _european_limit(ada_invoice)
    earlier = today - timedelta(days=3)
    _rate(earlier, "USD", "EUR", "0.90", finance)
    _rate(today, "USD", "EUR", "0.92", finance)
    _cash(ada_invoice, "5000.00", finance, received_on=earlier)  # EUR 4,500.00 at that day's rate
    with unchanged(), pytest.raises(BillingError) as refused:
        _cash(ada_invoice, "6000.00", finance)  # EUR 5,520.00: EUR 10,020.00 in all
    assert refused.value.message == (
        f"Cash of €10,020.00 with this client's payments since {_day(earlier)} reaches the 10,000 EUR limit;"
        " take it by wire or card."
    )
    assert (refused.value.code, refused.value.field, refused.value.status) == ("cash_limit", "amount", 409)
    # Just under the limit is taken; a wire is never counted.
    _cash(ada_invoice, "5978.25", finance)  # EUR 5,499.99: 9,999.99 in all
    payments.payment_record(invoice=ada_invoice, method="wire", amount="1000", currency="USD", received_on=today,
                            by=finance)  # fmt: skip
    with unchanged(), pytest.raises(BillingError, match=r"Cash of €10,000.00 with this client's payments since"):
        _cash(ada_invoice, "0.01", finance)


def test_a_missing_reporting_rate_is_refused_naming_the_day_and_currency(shared: Any, ada_invoice: Invoice) -> None:
    finance, today = shared.cast.finance, _today(ada_invoice)
    _european_limit(ada_invoice)
    with unchanged(), pytest.raises(BillingError) as refused:
        _cash(ada_invoice, "100.00", finance, currency="GBP", rate="1.27")
    assert refused.value.message == (
        f"There is no reporting rate for GBP on {_day(today)}; finance must enter that day's GBP to EUR rate on"
        " the reporting rates page before this cash is taken."
    )
    assert refused.value.code == "no_rate"


def test_a_report_is_filed_once_with_its_reference(shared: Any, ada_invoice: Invoice) -> None:
    finance = shared.cast.finance
    _cash(ada_invoice, "10000.00", finance)
    report = CashReport.objects.get()
    with unchanged(), pytest.raises(BillingError, match=r"^Give the filing's reference"):
        cash.cash_report_file(report=report, reference="  ", by=finance)
    details = cash.PayerDetails(id_number="D1234-5678-9012", id_issued_by="New York State", taxpayer_id="123456789",
                                occupation="Architect")  # fmt: skip
    # Form 8300 asks what the client book does not keep; each is asked for, and nothing is marked filed.
    for name, message in [
        ("id_number", "The identity document's number is needed for the IRS/FinCEN Form 8300; ask the payer."),
        ("id_issued_by", "The document's issuer is needed for the IRS/FinCEN Form 8300; ask the payer."),
        ("taxpayer_id", "The taxpayer identification number is needed for the IRS/FinCEN Form 8300; ask the payer."),
        ("occupation", "The occupation is needed for the IRS/FinCEN Form 8300; ask the payer."),
    ]:
        with unchanged(), pytest.raises(BillingError) as refused:
            cash.cash_report_file(report=report, reference="BSA-1", by=finance, details=replace(details, **{name: " "}))
        assert (refused.value.message, refused.value.field) == (message, name)
    for wrong in ("12345678", "123-456-789", "12-34567890", "abc-de-fghi"):
        with unchanged(), pytest.raises(BillingError) as refused:
            cash.cash_report_file(
                report=report, reference="BSA-1", by=finance, details=replace(details, taxpayer_id=wrong)
            )
        assert refused.value.message == (
            "A taxpayer identification number has 9 digits: 123-45-6789 for an SSN or ITIN, 12-3456789 for an EIN."
        )
    with unchanged(), pytest.raises(BillingError, match=r"^The occupation is longer than 120 characters"):
        cash.cash_report_file(
            report=report, reference="BSA-1", by=finance, details=replace(details, occupation="x" * 121)
        )
    filed = cash.cash_report_file(report=report, reference="BSA-31000212345678", by=finance, details=details)
    assert (filed.status, filed.filing_reference, filed.filed_by) == ("filed", "BSA-31000212345678", finance)
    payer = cash.report_data(filed)["payer"]
    assert (payer["id_number"], payer["id_issued_by"], payer["taxpayer_id"], payer["occupation"]) == (
        "D1234-5678-9012", "New York State", "123-45-6789", "Architect",
    )  # fmt: skip
    with unchanged(), pytest.raises(BillingError, match=r"was filed already \(reference BSA-31000212345678\)"):
        cash.cash_report_file(report=report, reference="again", by=finance, details=details)


def test_reporting_rates_are_appended_and_a_correction_needs_its_reason(shared: Any, db: Any) -> None:
    finance, day = shared.cast.finance, date(2026, 11, 30)
    first = _rate(day, "gbp", "usd", "1.27345", finance)
    assert (first.currency, first.quote, first.rate) == ("GBP", "USD", D("1.27345000"))
    with unchanged(), pytest.raises(BillingError) as refused:
        _rate(day, "GBP", "USD", "1.2741", finance)
    assert refused.value.message == (
        "GBP in USD for 30 November 2026 is entered already (1 GBP = 1.27345 USD); say why this rate corrects it."
    )
    second = _rate(day, "GBP", "USD", "1.2741", finance, reason="The 16:00 fixing, not the morning's.")
    assert second.corrects == first and cash.current_rate(day, "GBP", "USD") == second
    assert ReportingRate.objects.count() == 2
    cases = [
        ({"rate": "abc"}, "rate"), ({"rate": "0"}, "rate"), ({"rate": "1.123456789"}, "rate"),
        ({"currency": "XX"}, "currency"), ({"quote": "GBP"}, "quote"), ({"day": None}, "day"),
        ({"day": date(2099, 1, 1)}, "day"), ({"source": "x" * 141}, "source"),
    ]  # fmt: skip
    for extra, field in cases:
        fields = {"day": date(2026, 11, 29), "currency": "GBP", "quote": "USD", "rate": "1.27", "by": finance} | extra
        with unchanged(), pytest.raises(BillingError) as refused:
            cash.reporting_rate_enter(**fields)
        assert refused.value.field == field, extra


# --- Pages and API ----------------------------------------------------------------------------------
def test_the_reports_pages_list_show_download_and_file(shared: Any, ada_invoice: Invoice, client_for: Any) -> None:
    finance = shared.cast.finance
    _rate(_today(ada_invoice), "GBP", "USD", "1.27345", finance)
    _cash(ada_invoice, "6000.00", finance)
    _cash(ada_invoice, "3200.00", finance, currency="GBP", rate="1.27345")
    report = CashReport.objects.get()
    browser, auditor = client_for(finance), client_for(shared.cast.auditor)
    listing = browser.get("/billing/cash-reports/").content.decode()
    assert f'id="report-{report.pk}"' in listing and "$10,075.04" in listing
    page = auditor.get(f"/billing/cash-reports/{report.pk}/")
    assert page.status_code == 200 and "Mrs Ada Lindqvist" in page.content.decode()
    assert "1961-04-03" in page.content.decode() and 'id="file-form"' not in page.content.decode()
    rows = list(csv.reader(io.StringIO(auditor.get(f"/billing/cash-reports/{report.pk}/report.csv").content.decode())))
    assert ["payer_name", "Mrs Ada Lindqvist"] in rows and ["total", "10075.04"] in rows
    assert rows[-2:] == [[str(_today(ada_invoice)), "6000.00", "USD", "", "6000.00"],
                         [str(_today(ada_invoice)), "3200.00", "GBP", "1.27345", "4075.04"]]  # fmt: skip
    data = json.loads(browser.get(f"/billing/cash-reports/{report.pk}/report.json").content)
    assert (data["total"], data["due_on"], len(data["payments"])) == (
        "10075.04", str(_today(ada_invoice) + timedelta(days=15)), 2,
    )  # fmt: skip
    assert browser.get(f"/billing/cash-reports/{report.pk}/report.xls").status_code == 404
    assert browser.get("/billing/cash-reports/99999999999999999999999/").status_code == 404
    refused = browser.post(f"/billing/cash-reports/{report.pk}/file/", {"reference": ""})
    assert refused.status_code == 422 and 'id="file-form"' in refused.content.decode()
    details = {"id_number": "D1234", "id_issued_by": "New York State", "taxpayer_id": "12-3456789",
               "occupation": "Gallery owner"}  # fmt: skip
    missing = browser.post(f"/billing/cash-reports/{report.pk}/file/", {"reference": "BSA-3100", **details,
                                                                        "occupation": ""})  # fmt: skip
    assert (
        missing.status_code == 422
        and "The occupation is needed for the IRS/FinCEN Form 8300" in missing.content.decode()
    )
    done = browser.post(f"/billing/cash-reports/{report.pk}/file/", {"reference": "BSA-3100", **details})
    assert done.status_code == 302
    shown = browser.get(f"/billing/cash-reports/{report.pk}/").content.decode()
    assert "reference BSA-3100" in shown and "number D1234, issued by New York State" in shown
    assert "12-3456789" in shown and "Gallery owner" in shown
    assert auditor.post(f"/billing/cash-reports/{report.pk}/file/", {"reference": "x"}).status_code == 403


def test_the_reports_list_issues_the_same_queries_whatever_its_length(
    shared: Any, ada_invoice: Invoice, client_for: Any
) -> None:
    browser = client_for(shared.cast.finance)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert browser.get("/billing/cash-reports/").status_code == 200
        return len(queries)

    _cash(ada_invoice, "10000.00", shared.cast.finance)
    count()  # the session's first request writes its own rows
    one = count()
    for _ in range(3):
        _cash(ada_invoice, "10000.00", shared.cast.finance)  # each reaches the limit again after the last report
    assert CashReport.objects.count() == 4 and CashReportPayment.objects.count() == 4
    assert count() == one


def test_the_rates_page_enters_and_lists_rates(shared: Any, db: Any, client_for: Any) -> None:
    browser = client_for(shared.cast.finance)
    today = ny_today() - timedelta(days=1)
    form = {"day": str(today), "currency": "chf", "quote": "usd", "rate": "1.1302", "source": "ECB"}
    assert browser.post("/billing/rates/enter/", form).status_code == 302
    page = browser.get("/billing/rates/").content.decode()
    assert "1 CHF in USD" in page and "1.1302" in page
    again = browser.post("/billing/rates/enter/", {**form, "rate": "1.1310"})
    assert again.status_code == 422 and "say why this rate corrects it" in again.content.decode()
    assert browser.post("/billing/rates/enter/", {**form, "rate": "x" * 30}).status_code == 422
    assert client_for(shared.cast.auditor).get("/billing/rates/").status_code == 200
    assert 'id="rate-form"' not in client_for(shared.cast.auditor).get("/billing/rates/").content.decode()


def test_the_api_lists_reports_files_them_and_enters_rates(shared: Any, ada_invoice: Invoice, client_for: Any) -> None:
    finance = client_for(shared.cast.finance)
    _cash(ada_invoice, "10000.00", shared.cast.finance)
    report = CashReport.objects.get()
    listed = finance.get("/api/v1/billing/cash-reports").json()
    assert [(row["id"], row["total"], row["status"]) for row in listed] == [(report.pk, "10000.00", "to_file")]
    details = {"id_number": "P9876543", "id_issued_by": "Sweden", "taxpayer_id": "987-65-4321", "occupation": "Surgeon"}
    filed = finance.post(f"/api/v1/billing/cash-reports/{report.pk}/file", {"reference": "BSA-1", **details},
                         content_type="application/json")  # fmt: skip
    assert (filed.status_code, filed.json()["filing_reference"]) == (200, "BSA-1")
    again = finance.post(f"/api/v1/billing/cash-reports/{report.pk}/file", {"reference": "BSA-2", **details},
                         content_type="application/json")  # fmt: skip
    assert (again.status_code, again.json()["code"]) == (409, "refused")
    assert finance.get("/api/v1/billing/cash-reports/424242").status_code == 404
    made = finance.post("/api/v1/billing/reporting-rates", {"day": "2026-11-02", "currency": "EUR", "quote": "USD",
                        "rate": "1.0841"}, content_type="application/json")  # fmt: skip
    assert (made.status_code, made.json()["rate"]) == (201, "1.0841")
    bad = finance.post("/api/v1/billing/reporting-rates", {"day": "2026-11-02", "currency": "EUR", "quote": "EUR",
                       "rate": "1"}, content_type="application/json")  # fmt: skip
    assert (bad.status_code, bad.json()["fields"]) == (
        422, {"quote": ["A rate is of one currency in another; EUR in EUR is always 1."]},
    )  # fmt: skip
    assert [row["rate"] for row in finance.get("/api/v1/billing/reporting-rates").json()] == ["1.0841"]


def test_the_demo_enters_rates_and_reports_a_buyers_cash(shared: Any, ada_invoice: Invoice) -> None:
    from parure.billing.demo_cash import RATE_DAYS, build_cash

    said: list[str] = []
    build_cash(said.append)
    # New York's limit is in dollars: pounds, euros, francs and Hong Kong dollars against it, for eight days.
    assert ReportingRate.objects.count() == 4 * (RATE_DAYS + 1)
    report = CashReport.objects.get()
    assert (report.status, report.client_id, report.report_name) == ("to_file", ada_invoice.buyer_id,
                                                                     "IRS/FinCEN Form 8300")  # fmt: skip
    assert [line.currency for line in report.lines.all()] == ["USD", "GBP"]
    assert said[0] == f"  cash: {4 * (RATE_DAYS + 1)} reporting rates over 8 days"
    assert said[1] == f"  cash: {ada_invoice.number} paid in cash twice; the second payment is flagged (report to file)"
    build_cash(said.append)
    assert said[-1] == "  cash: reporting rates exist already; left as they are"


def test_the_demo_shows_a_refusal_where_the_saleroom_refuses_cash(shared: Any, ada_invoice: Invoice) -> None:
    from parure.billing.demo_cash import build_cash

    _european_limit(ada_invoice)
    said: list[str] = []
    before = Payment.objects.count()
    build_cash(said.append)
    assert said[1] == "  cash: no unpaid invoice at a saleroom that reports cash; no cash report made"
    assert said[2].startswith("  cash refused at New York, nothing recorded: Cash of €10,000.")
    assert said[2].endswith("reaches the 10,000 EUR limit; take it by wire or card.")
    assert Payment.objects.count() == before and not CashReport.objects.exists()
