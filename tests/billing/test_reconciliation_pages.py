"""Reconciliation's pages and API end to end: a CAMT.053 upload to its statement page and a confirmed
suggestion; a CSV through its column mapping, remembered for the account; a refused file and a refused
match re-rendering with the sentence; the unmatched queue's query count flat; aged receivables and
their Excel export; the cash close and its four-eyes check; the account mapping and the export; the same
through the API; and the demonstration's statement and closes."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.billing import accounts
from parure.billing.choices import CashCloseStatus, LineState
from parure.billing.demo_reconciliation import Entry, build_reconciliation, camt053
from parure.billing.models import CashClose, Invoice, LineDecision, Payment, Statement, StatementLine
from parure.billing.services import invoices, payments, reconciliation
from parure.core.models import Office
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal
IBAN = "US64SVBKUS6S3300958879"
API = "/api/v1/billing"


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def issued(shared: Any, db: Any) -> dict[str, Invoice]:
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    names = {shared.ada.client_id: "ada", shared.julian.client_id: "julian"}
    return {names[draft.buyer_id]: invoices.invoice_issue(invoice=draft, by=shared.cast.finance) for draft in made}


@pytest.fixture
def office(shared: Any) -> Office:
    return Office.objects.get(code="NY")


def _today(office: Office) -> Any:
    return invoices.office_today(office)


def _statement_file(issued: dict[str, Invoice], office: Office, *, extra: int = 0) -> bytes:
    today = _today(office)
    entries = [
        Entry(D("20049.33"), today, "P-1", text=f"Invoice {issued['ada'].number}", payer="Ada Lindqvist"),
        Entry(D("77.00"), today, "P-2", text="Unknown", payer="Nobody"),
    ]
    entries += [Entry(D("10.00") + n, today, f"P-X{n}", text=f"Other {n}", payer="Someone") for n in range(extra)]
    return camt053(entries, iban=IBAN, statement_id=f"S-{extra}")


def _counts() -> tuple[int, int, int, int]:
    return (Statement.objects.count(), StatementLine.objects.count(), LineDecision.objects.count(),
            Payment.objects.count())  # fmt: skip


# --- Pages ------------------------------------------------------------------------------------------
def test_a_camt_upload_leads_to_its_statement_and_a_suggestion_is_confirmed(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    browser = client_for(shared.cast.finance)
    upload = SimpleUploadedFile("statement.xml", _statement_file(issued, office), content_type="application/xml")
    answer = browser.post("/billing/statements/import/", {"format": "camt053", "file": upload})
    statement = Statement.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/billing/statements/{statement.pk}/"
    page = browser.get(answer["Location"]).content.decode()
    number = issued["ada"].number
    assert f"{number} is in the reference and USD 20,049.33 is its balance due." in page
    assert f"Confirm {number}" in page
    answer = browser.post(f"/billing/statements/{statement.pk}/lines/1/confirm/", {"invoice": number})
    assert answer.status_code == 302
    assert LineDecision.objects.get().payment.reference == "P-1"
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    before = _counts()
    refused = browser.post(f"/billing/statements/{statement.pk}/lines/2/match/", {"invoice": wrong})
    assert refused.status_code == 422
    assert f"{wrong} has a wrong check digit: check the number and type it again." in refused.content.decode()
    assert _counts() == before


def test_a_malformed_file_is_refused_on_the_page_with_its_line(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    content = _statement_file(issued, office)
    truncated = content[: content.index(b"P-2")]
    upload = SimpleUploadedFile("statement.xml", truncated, content_type="application/xml")
    answer = client_for(shared.cast.finance).post("/billing/statements/import/", {"format": "camt053", "file": upload})
    assert answer.status_code == 422
    assert f"Line {truncated.count(b'\n') + 1}: the file is not well-formed XML" in answer.content.decode()
    assert _counts() == (0, 0, 0, 0)


def test_a_csv_goes_through_its_mapping_which_is_remembered_for_the_account(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    browser = client_for(shared.cast.finance)
    day = f"{_today(office):%d.%m.%Y}"
    rows = f"Datum;Betrag;Text;Name\n{day};20.049,33;{issued['ada'].number};Ada Lindqvist\n{day};-5,00;Gebühr;\n"
    upload = SimpleUploadedFile("konto.csv", rows.encode(), content_type="text/csv")
    answer = browser.post("/billing/statements/import/", {"format": "csv", "file": upload, "account": "CH93-0076",
                                                          "currency": "USD"})  # fmt: skip
    assert answer.status_code == 302 and answer["Location"] == "/billing/statements/import/mapping/"
    mapping = browser.get(answer["Location"]).content.decode()
    assert '<th scope="col">Betrag</th>' in mapping and "20.049,33" in mapping
    chosen = {"date": "Datum", "amount": "Betrag", "reference": "Text", "payer": "Name", "date_format": "%d.%m.%Y",
              "decimal_separator": ","}  # fmt: skip
    answer = browser.post("/billing/statements/import/mapping/", chosen)
    assert answer.status_code == 302
    statement = Statement.objects.get()
    assert [(line.direction, line.amount) for line in statement.lines.order_by("position")] == [
        ("credit", D("20049.330")),
        ("debit", D("5.000")),
    ]
    # The account's next file proposes the same mapping.
    again = SimpleUploadedFile("konto2.csv", rows.replace("20.049,33", "1,00").encode(), content_type="text/csv")
    browser.post(
        "/billing/statements/import/", {"format": "csv", "file": again, "account": "CH93-0076", "currency": "USD"}
    )
    page = browser.get("/billing/statements/import/mapping/").content.decode()
    assert "used for this account last time" in page
    assert '<option value="%d.%m.%Y" selected>' in page


def test_the_unmatched_queue_reads_in_the_same_queries_for_few_lines_or_many(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    browser = client_for(shared.cast.auditor)
    browser.get("/billing/statements/unmatched/")  # the session's first request writes the session once
    reconciliation.statement_import(office=office, content=_statement_file(issued, office), filename="a.xml",
                                    by=shared.cast.finance, format="camt053")  # fmt: skip
    with CaptureQueriesContext(connection) as few:
        first = browser.get("/billing/statements/unmatched/")
    reconciliation.statement_import(office=office, content=_statement_file(issued, office, extra=8), filename="b.xml",
                                    by=shared.cast.finance, format="camt053")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        second = browser.get("/billing/statements/unmatched/")
    assert first.status_code == second.status_code == 200
    assert second.content.decode().count('data-state="unmatched"') == 9
    assert len(many.captured_queries) == len(few.captured_queries)
    assert b"Set aside" not in second.content  # the auditor reads, and decides nothing


def test_the_receivables_page_and_its_excel_export(shared: Any, client_for: Any, issued: dict[str, Invoice]) -> None:
    from openpyxl import load_workbook

    payments.payment_record(invoice=issued["ada"], method="wire", amount="49.33", currency="USD",
                            received_on=_today(issued["ada"].office), by=shared.cast.finance)  # fmt: skip
    browser = client_for(shared.cast.finance)
    on = issued["ada"].due_on
    assert on is not None
    page = browser.get("/billing/receivables/", {"on": on.isoformat()}).content.decode()
    assert "Mrs Ada Lindqvist" in page and "USD 20,000.00" in page and "USD 31,430.00" in page
    answer = browser.get("/billing/receivables/", {"on": on.isoformat(), "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == accounts.RECEIVABLE_HEADER
    assert values[-1][3] == "Total NY USD" and D(str(values[-1][-1])) == D("31430.00")
    assert browser.get("/billing/receivables/", {"on": "tomorrow"}).status_code == 422


def test_the_cash_close_page_and_its_four_eyes_check(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    payments.payment_record(invoice=issued["ada"], method="cash", amount="500.00", currency="USD",
                            received_on=_today(office), by=shared.cast.finance)  # fmt: skip
    cashier = client_for(shared.cast.finance)
    answer = cashier.post("/billing/cash-closes/new/", {"day": _today(office).isoformat(), "currency": "USD",
                                                        "counted_cash": "480.00", "card_total": "0.00"})  # fmt: skip
    close = CashClose.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/billing/cash-closes/{close.pk}/"
    page = cashier.get(answer["Location"]).content.decode()
    assert 'data-difference="cash">USD -20.00' in page
    refused = cashier.post(f"/billing/cash-closes/{close.pk}/check/")
    assert refused.status_code == 409
    assert "Priya Raman closed this day; a second person must check it (four eyes)." in refused.content.decode()
    checked = client_for(shared.cast.senior).post(f"/billing/cash-closes/{close.pk}/check/")
    assert checked.status_code == 302
    close.refresh_from_db()
    assert (close.status, close.checked_by) == (CashCloseStatus.CHECKED, shared.cast.senior)


def test_the_account_mapping_and_the_export_refused_by_name_then_given(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    browser = client_for(shared.cast.finance)
    today = _today(office).isoformat()
    refused = browser.get("/billing/accounts/export/", {"starts_on": today, "ends_on": today, "format": "csv"})
    assert refused.status_code == 409
    assert "No account for &#x27;Receivable (buyers&#x27; accounts)&#x27;; add it to the mapping first." in (
        refused.content.decode()
    )
    for kind, keys in accounts.mapping_keys().items():
        for key, label in keys.items():
            answer = browser.post("/billing/accounts/map/", {"key": f"{kind}:{key}", "code": "1000", "name": label})
            assert answer.status_code == 302
    answer = browser.get("/billing/accounts/export/", {"starts_on": today, "ends_on": today, "format": "csv"})
    assert answer.status_code == 200
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(accounts.POSTING_HEADER)
    assert len(lines) == 1 + 3 + 7  # Julian's invoice (receivable, hammer, premium); Ada's (receivable and six)
    assert client_for(shared.cast.auditor).post("/billing/accounts/map/", {}).status_code == 403


# --- API --------------------------------------------------------------------------------------------
def test_the_api_imports_lists_and_decides_lines(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    api = client_for(shared.cast.finance)
    upload = SimpleUploadedFile("statement.xml", _statement_file(issued, office), content_type="application/xml")
    answer = api.post(f"{API}/statements", {"format": "camt053", "file": upload})
    assert answer.status_code == 201, answer.content
    body = answer.json()
    statement_id = body["statement"]["id"]
    assert (body["statement"]["line_count"], body["summary"]) == (2, f"Statement of {IBAN}: 2 lines imported.")
    lines = api.get(f"{API}/statements/{statement_id}/lines").json()
    assert [(line["position"], line["state"], line["amount"]) for line in lines] == [
        (1, "suggested", "20049.33"),
        (2, "unmatched", "77.00"),
    ]
    assert lines[0]["suggestions"][0]["strength"] == "strong"
    confirmed = api.post(f"{API}/statements/{statement_id}/lines/1/confirm", {"invoice": issued["ada"].number},
                         content_type="application/json")  # fmt: skip
    assert confirmed.status_code == 200
    assert (confirmed.json()["state"], confirmed.json()["decision"]["invoice"]) == ("matched", issued["ada"].number)
    parked = api.post(f"{API}/statements/{statement_id}/lines/2/park", {"reason": "Not ours"},
                      content_type="application/json")  # fmt: skip
    assert parked.json()["decision"]["reason"] == "Not ours"
    again = api.post(
        f"{API}/statements/{statement_id}/lines/2/park", {"reason": "Twice"}, content_type="application/json"
    )
    assert again.status_code == 409
    assert again.json()["message"] == "Line 2 is ignored (Not ours) already; a decision is not changed."
    assert api.get(f"{API}/statements/{statement_id}/lines", {"state": "matched"}).json()[0]["position"] == 1
    duplicate = api.post(
        f"{API}/statements", {"format": "camt053", "file": SimpleUploadedFile("s.xml", _statement_file(issued, office))}
    )
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "already_imported"
    missing = api.post(f"{API}/statements", {"format": "camt053"})
    assert missing.status_code == 422 and missing.json()["fields"] == {
        "file": ["Send the bank's statement as the multipart field ‘file’."]
    }


def test_the_api_reads_receivables_and_closes_and_checks_a_day(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    groups = client_for(shared.cast.auditor).get(f"{API}/receivables", {"on": issued["ada"].due_on.isoformat()}).json()  # type: ignore[union-attr]
    assert [(group["office"], group["currency"], group["total"]) for group in groups] == [("NY", "USD", "31479.33")]
    cashier = client_for(shared.cast.finance)
    body = {"day": _today(office).isoformat(), "currency": "USD", "counted_cash": "0.00", "card_total": "15.00"}
    made = cashier.post(f"{API}/cash-closes", body, content_type="application/json")
    assert made.status_code == 201
    assert (made.json()["card_difference"], made.json()["status"]) == ("15.00", "closed")
    close_id = made.json()["id"]
    refused = cashier.post(f"{API}/cash-closes/{close_id}/check", content_type="application/json")
    assert (refused.status_code, refused.json()["code"]) == (409, "four_eyes")
    checked = client_for(shared.cast.senior).post(
        f"{API}/cash-closes/{close_id}/check", content_type="application/json"
    )
    assert (checked.status_code, checked.json()["checked_by"]) == (200, "eleanor")
    assert client_for(shared.cast.senior).get(f"{API}/cash-closes").json()[0]["status"] == "checked"


# --- The demonstration ------------------------------------------------------------------------------
def test_the_demo_imports_a_statement_and_closes_two_days(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    said: list[str] = []
    build_reconciliation(said.append)
    statement = Statement.objects.get()
    rows = reconciliation.statement_lines(statement)
    # Two invoices are open: both lines name them (one confirmed), the frames deposit matches nothing.
    assert [row.state for row in rows] == [
        LineState.MATCHED,
        LineState.SUGGESTED,
        LineState.UNMATCHED,
        LineState.IGNORED,
    ]
    assert said[0] == f"Statement of {statement.account}: 4 lines imported."
    closes = list(CashClose.objects.order_by("day"))
    assert [close.status for close in closes] == [CashCloseStatus.CHECKED, CashCloseStatus.CLOSED]
    assert closes[0].checked_by == shared.cast.senior
    build_reconciliation(said.append)
    assert said[-1] == "Reconciliation: a statement is imported already; nothing added."


def test_the_statements_and_closes_lists_read_in_the_same_queries_for_one_row_or_three(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    from datetime import timedelta

    browser = client_for(shared.cast.finance)
    browser.get("/billing/statements/")  # the session's first request writes the session once

    def add(number: int) -> None:
        reconciliation.statement_import(office=office, content=_statement_file(issued, office, extra=number + 1),
                                        filename=f"{number}.xml", by=shared.cast.finance, format="camt053")  # fmt: skip
        reconciliation.cash_close(office=office, day=_today(office) - timedelta(days=number), currency="USD",
                                  counted_cash="0", card_total="0", by=shared.cast.finance)  # fmt: skip

    def counted(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(url).status_code == 200
        return len(captured.captured_queries)

    add(0)
    one = (counted("/billing/statements/"), counted("/billing/cash-closes/"))
    add(1)
    add(2)
    assert (counted("/billing/statements/"), counted("/billing/cash-closes/")) == one
    page = browser.get("/billing/statements/").content.decode()
    assert page.count("data-statement=") == 3
