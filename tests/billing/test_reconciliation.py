"""Bank statements through the services: a CAMT.053 statement written by the standard read back entry by
entry; malformed files (truncated XML, a billion-laughs entity, the wrong namespace, a bad amount, the
wrong currency) refused naming the line with nothing saved; the same file or entry twice; a CSV with ``;``
and decimal commas; the matcher's suggestions (strong, number only, weak, none) in a fixed number of
queries; confirming, matching by hand and parking a line."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parure.billing import queries
from parure.billing.choices import Direction, LineState, MatchStrength, StatementFormat
from parure.billing.demo_reconciliation import Entry, camt053
from parure.billing.errors import BillingError
from parure.billing.matching import names_resemble, numbers_in
from parure.billing.models import Invoice, LineDecision, Payment, Statement, StatementLine, StatementMapping
from parure.billing.services import invoices, reconciliation
from parure.billing.statements import CsvMapping
from parure.core.models import Office
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal
IBAN = "US64SVBKUS6S3300958879"


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with world.sale_to_invoice(django_db_blocker) as day:
        yield day


@pytest.fixture
def issued(shared: Any, db: Any) -> dict[str, Invoice]:
    """Ada's invoice (USD 20,049.33) and Julian's (USD 11,430.00: no address, no sales tax), issued."""
    shared.sale.refresh_from_db()
    made = invoices.invoices_from_sale(sale=shared.sale, by=shared.cast.finance)
    names = {shared.ada.client_id: "ada", shared.julian.client_id: "julian"}
    return {names[draft.buyer_id]: invoices.invoice_issue(invoice=draft, by=shared.cast.finance) for draft in made}


@pytest.fixture
def office(shared: Any) -> Office:
    return Office.objects.get(code="NY")


def _today(office: Office) -> Any:
    return invoices.office_today(office)


def _import(office: Office, content: bytes, by: Any, **extra: Any) -> reconciliation.ImportResult:
    fields = {"format": StatementFormat.CAMT053, "filename": "statement.xml"} | extra
    return reconciliation.statement_import(office=office, content=content, by=by, **fields)


def _counts() -> tuple[int, int, int, int]:
    return (Statement.objects.count(), StatementLine.objects.count(), LineDecision.objects.count(),
            Payment.objects.count())  # fmt: skip


def _sample(issued: dict[str, Invoice], office: Office) -> bytes:
    today = _today(office)
    ada, julian = issued["ada"], issued["julian"]
    return camt053(
        [
            Entry(D("20049.33"), today, "BR-0001", text=f"Invoice {ada.number} thank you", payer="MRS ADA LINDQVIST"),
            Entry(D("5000.00"), today, "BR-0002", structured=julian.number.replace("-", ""), payer="J. Ashcombe"),
            Entry(julian.total, today, "BR-0003", text="Lot 2 December sale", payer="Julian Ashcombe"),
            Entry(D("1234.56"), today, "BR-0004", text="Frame restoration", payer="Harbour Frames Ltd"),
            Entry(D("35.00"), today, "BR-0005", credit=False, text="Wire fees"),
        ],
        iban=IBAN,
    )


# --- CAMT.053 --------------------------------------------------------------------------------------
def test_a_camt053_statement_is_read_entry_by_entry(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    result = _import(office, _sample(issued, office), shared.cast.finance)
    statement = result.statement
    assert (statement.account, statement.currency, statement.line_count, statement.bank_id) == (
        IBAN,
        "USD",
        5,
        "STMT-1",
    )
    lines = list(statement.lines.order_by("position"))
    assert [(line.direction, line.amount, line.bank_reference, line.entry_reference) for line in lines] == [
        (Direction.CREDIT, D("20049.330"), "BR-0001", "000001"),
        (Direction.CREDIT, D("5000.000"), "BR-0002", "000002"),
        (Direction.CREDIT, D("11430.000"), "BR-0003", "000003"),
        (Direction.CREDIT, D("1234.560"), "BR-0004", "000004"),
        (Direction.DEBIT, D("35.000"), "BR-0005", "000005"),
    ]
    assert lines[0].reference == f"Invoice {issued['ada'].number} thank you"
    assert lines[0].payer == "MRS ADA LINDQVIST"
    assert lines[1].reference == issued["julian"].number.replace("-", "")
    assert lines[0].booked_on == lines[0].value_on == _today(office)
    assert result.summary == f"Statement of {IBAN}: 5 lines imported."
    # The debit is kept, and set aside: money out is not a buyer's payment.
    assert lines[4].decision.reason == "Money out of the account: not a buyer's payment."


def test_the_matcher_suggests_strong_number_only_and_weak_matches_each_saying_why(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    ada, julian = issued["ada"].number, issued["julian"].number
    rows = reconciliation.statement_lines(statement)
    assert [row.state for row in rows] == [
        LineState.SUGGESTED,
        LineState.SUGGESTED,
        LineState.SUGGESTED,
        LineState.UNMATCHED,
        LineState.IGNORED,
    ]
    assert [(s.invoice_number, s.strength, s.why) for s in rows[0].suggestions] == [
        (ada, MatchStrength.STRONG, f"{ada} is in the reference and USD 20,049.33 is its balance due.")
    ]
    assert [(s.invoice_number, s.strength, s.why) for s in rows[1].suggestions] == [
        (
            julian,
            MatchStrength.NUMBER,
            f"{julian} is in the reference; its balance due is USD 11,430.00, not USD 5,000.00.",
        )
    ]
    assert [(s.invoice_number, s.strength, s.why) for s in rows[2].suggestions] == [
        (
            julian,
            MatchStrength.WEAK,
            f"No invoice number in the reference; USD 11,430.00 is the balance due of {julian} and the payer "
            "‘Julian Ashcombe’ resembles the buyer Mr Julian Ashcombe.",
        )
    ]
    assert [row.line.position for row in reconciliation.unmatched_queue(office)] == [4]


def test_matching_takes_the_same_queries_for_one_line_or_many(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    few = StatementLine.objects.filter(statement=statement, position__in=(3, 4))
    with CaptureQueriesContext(connection) as one:
        reconciliation.lines_with_state(few)
    with CaptureQueriesContext(connection) as five:
        reconciliation.lines_with_state(StatementLine.objects.filter(statement=statement))
    # The lines, the invoices by number, the invoices by amount: never a query per line.
    assert len(one.captured_queries) <= len(five.captured_queries) == 3


def test_confirming_a_suggestion_records_the_wire_with_the_lines_date_and_reference(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    line = reconciliation.line_of(statement, 1)
    decision = reconciliation.line_confirm(line=line, invoice_number=issued["ada"].number, by=shared.cast.finance)
    payment = decision.payment
    assert payment is not None
    assert (payment.method, payment.amount, payment.currency, payment.received_on, payment.reference) == (
        "wire",
        D("20049.330"),
        "USD",
        _today(office),
        "BR-0001",
    )
    assert queries.balance_of(issued["ada"]).due.amount == D("0")
    assert reconciliation.statement_lines(statement)[0].state == LineState.MATCHED
    with pytest.raises(
        BillingError, match=rf"^Line 1 is matched to {issued['ada'].number} already; a decision is not changed\.$"
    ):
        reconciliation.line_park(line=line, reason="Duplicate", by=shared.cast.finance)


def test_a_number_not_suggested_is_refused_on_confirm(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    before = _counts()
    with pytest.raises(BillingError) as refusal:
        reconciliation.line_confirm(line=reconciliation.line_of(statement, 4), invoice_number=issued["ada"].number,
                                    by=shared.cast.finance)  # fmt: skip
    assert refusal.value.message == f"{issued['ada'].number} is not suggested for line 4; match it by hand instead."
    assert _counts() == before


def test_matching_by_hand_checks_the_number_and_holds_the_excess_as_credit(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    line = reconciliation.line_of(statement, 4)
    wrong = issued["julian"].number[:-1] + str((int(issued["julian"].number[-1]) + 1) % 10)
    before = _counts()
    with pytest.raises(BillingError) as refusal:
        reconciliation.line_match(line=line, invoice_number=wrong, by=shared.cast.finance)
    assert refusal.value.message == f"{wrong} has a wrong check digit: check the number and type it again."
    assert refusal.value.field == "invoice"
    assert _counts() == before
    decision = reconciliation.line_match(line=line, invoice_number=issued["julian"].number, by=shared.cast.finance)
    assert decision.invoice == issued["julian"]
    assert queries.balance_of(issued["julian"]).due.amount == D("10195.44")
    # Julian's balance is no longer line 3's amount: nothing suggests itself for it now.
    assert [row.line.position for row in reconciliation.unmatched_queue(office)] == [3]


def test_parking_a_line_needs_a_reason(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    line = reconciliation.line_of(statement, 4)
    with pytest.raises(BillingError, match=r"^Say why this line is set aside\.$"):
        reconciliation.line_park(line=line, reason="  ", by=shared.cast.finance)
    decision = reconciliation.line_park(line=line, reason="Paid to the frames department", by=shared.cast.finance)
    assert (decision.kind, decision.reason) == ("ignored", "Paid to the frames department")
    assert reconciliation.statement_lines(statement)[3].state == LineState.IGNORED
    with pytest.raises(BillingError, match=r"^Line 5 is money out; only money in pays an invoice\.$|already"):
        reconciliation.line_match(line=reconciliation.line_of(statement, 5), invoice_number=issued["ada"].number,
                                  by=shared.cast.finance)  # fmt: skip


def test_the_same_file_twice_is_refused_and_entries_seen_before_are_skipped(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    content = _sample(issued, office)
    first = _import(office, content, shared.cast.finance).statement
    before = _counts()
    with pytest.raises(BillingError) as refusal:
        _import(office, content, shared.cast.finance)
    assert refusal.value.message.startswith("This file was imported already on ")
    assert refusal.value.message.endswith(f"(statement {first.pk}); nothing was imported again.")
    assert _counts() == before
    today = _today(office)
    overlapping = camt053(
        [
            Entry(D("20049.33"), today, "BR-0001", text="again"),
            Entry(D("100.00"), today, "BR-0009", text="new"),
        ],
        iban=IBAN,
        statement_id="STMT-2",
    )
    result = _import(office, overlapping, shared.cast.finance)
    assert result.statement.line_count == 1
    assert result.summary == (
        f"Statement of {IBAN}: 1 line imported. 1 entry imported before (by the bank's reference) was skipped: BR-0001."
    )
    again = camt053([Entry(D("100.00"), today, "BR-0009", text="new once more")], iban=IBAN, statement_id="STMT-3")
    with pytest.raises(BillingError, match=r"^Every entry of this file was imported before"):
        _import(office, again, shared.cast.finance)


# --- Malformed files --------------------------------------------------------------------------------
def _refused(office: Office, content: bytes, by: Any, **extra: Any) -> str:
    before = _counts()
    with pytest.raises(BillingError) as refusal:
        _import(office, content, by, **extra)
    assert _counts() == before
    return refusal.value.message


def test_a_truncated_file_is_refused_naming_its_line(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    content = _sample(issued, office)
    truncated = content[: content.index(b"BR-0003")]
    message = _refused(office, truncated, shared.cast.finance)
    assert message.startswith(f"Line {truncated.count(b'\n') + 1}: the file is not well-formed XML (no element found")


def test_a_billion_laughs_file_is_refused_unexpanded(shared: Any, office: Office) -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n]>\n'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&lol2;</Document>'
    )
    assert _refused(office, bomb, shared.cast.finance) == (
        "The file declares a document type or entities, which a bank statement never does; it was not read."
    )


def test_another_namespace_is_refused(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    content = _sample(issued, office).replace(b"camt.053.001.02", b"camt.052.001.02")
    assert _refused(office, content, shared.cast.finance) == (
        "Line 2: the document is in urn:iso:std:iso:20022:tech:xsd:camt.052.001.02, not a CAMT.053 bank statement "
        "(urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 or later)."
    )


def test_a_bad_amount_or_the_wrong_currency_refuses_the_whole_file(shared: Any, office: Office) -> None:
    today = _today(office)
    good = Entry(D("10.00"), today, "OK-1", text="fine")
    content = camt053([good, Entry(D("20.00"), today, "OK-2", text="bad")], iban=IBAN)
    bad_amount = content.replace(b'<Amt Ccy="USD">20.00</Amt>', b'<Amt Ccy="USD">20,00</Amt>', 1)
    line = bad_amount[: bad_amount.index(b"20,00")].count(b"\n") + 1
    assert (
        _refused(office, bad_amount, shared.cast.finance) == f"Line {line}: ‘20,00’ is not an amount such as 1250.00."
    )
    euros = camt053([good, Entry(D("20.00"), today, "OK-2", currency="EUR")], iban=IBAN)
    line = euros[: euros.index(b'Ccy="EUR"')].count(b"\n") + 1
    assert _refused(office, euros, shared.cast.finance) == (
        f"Line {line}: the entry is in EUR but the account is kept in USD."
    )
    yen_cents = camt053([Entry(D("20.50"), today, "OK-3", currency="JPY")], iban=IBAN, currency="JPY")
    assert _refused(office, yen_cents, shared.cast.finance).endswith(
        "the amount 20.50 must be more than nothing and rounded to 1 JPY."
    )


def test_a_file_over_the_limit_is_refused(shared: Any, office: Office, settings: Any) -> None:
    from parure.billing import statements

    big = b"<" + b"x" * (statements.MAX_BYTES + 1)
    assert (
        _refused(office, big, shared.cast.finance) == "The file is larger than 10 MB; ask the bank for shorter periods."
    )


# --- CSV ----------------------------------------------------------------------------------------------
CSV_MAPPING = CsvMapping(
    columns={
        "date": "Buchungsdatum",
        "amount": "Betrag",
        "reference": "Verwendungszweck",
        "payer": "Auftraggeber",
        "bank_reference": "Referenz",
    },
    date_format="%d.%m.%Y",
    decimal_separator=",",
)


def _csv(issued: dict[str, Invoice], office: Office, *rows: str) -> bytes:
    day = f"{_today(office):%d.%m.%Y}"
    header = "Buchungsdatum;Betrag;Verwendungszweck;Auftraggeber;Referenz"
    default = [
        f"{day};20.049,33;Rechnung {issued['ada'].number};Ada Lindqvist;CSV-1",
        f"{day};-12,50;Kontoführung;;CSV-2",
    ]
    return ("\n".join([header, *(rows or default)]) + "\n").encode()


def test_a_csv_with_semicolons_and_decimal_commas_is_read_and_its_mapping_kept(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    result = _import(office, _csv(issued, office), shared.cast.finance, format=StatementFormat.CSV, account="CH93-0076",
                     currency="USD", mapping=CSV_MAPPING)  # fmt: skip
    lines = list(result.statement.lines.order_by("position"))
    assert [(line.direction, line.amount, line.payer, line.bank_reference) for line in lines] == [
        (Direction.CREDIT, D("20049.330"), "Ada Lindqvist", "CSV-1"),
        (Direction.DEBIT, D("12.500"), "", "CSV-2"),
    ]
    rows = reconciliation.statement_lines(result.statement)
    assert [(s.invoice_number, s.strength) for s in rows[0].suggestions] == [
        (issued["ada"].number, MatchStrength.STRONG)
    ]
    kept = StatementMapping.objects.get(account="CH93-0076")
    assert (kept.columns["amount"], kept.date_format, kept.decimal_separator) == ("Betrag", "%d.%m.%Y", ",")


def test_a_csv_line_with_a_bad_date_or_amount_refuses_the_file(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    extra = {"format": StatementFormat.CSV, "account": "CH93-0076", "currency": "USD", "mapping": CSV_MAPPING}
    bad_date = _csv(issued, office, "01.12.2026;10,00;a;b;X-1", "2026-12-01;10,00;a;b;X-2")
    assert _refused(office, bad_date, shared.cast.finance, **extra) == (
        "Line 3: ‘2026-12-01’ is not a date written 31.12.2026."
    )
    bad_amount = _csv(issued, office, "01.12.2026;zehn;a;b;X-1")
    assert _refused(office, bad_amount, shared.cast.finance, **extra) == (
        "Line 2: ‘zehn’ is not an amount such as 1.250,00."
    )
    assert not StatementMapping.objects.exists()


# --- The matcher's pieces -------------------------------------------------------------------------
def test_numbers_are_found_inside_free_text_and_a_wrong_check_digit_is_no_number() -> None:
    assert numbers_in("Payment NY-I-26-00042-3 and nyi26000423 / NY I 26 00042 3") == ["NY-I-26-00042-3"]
    assert numbers_in("NY-I-26-00042-4") == []
    assert numbers_in("XNY-I-26-00042-3") == []


def test_names_resemble_by_surname_or_closeness() -> None:
    assert names_resemble("MRS ADA LINDQVIST", "Mrs Ada Lindqvist")
    assert names_resemble("A Lindqvist", "Mrs Ada Lindqvist")
    assert names_resemble("Julian Ashcomb", "Mr Julian Ashcombe")
    assert not names_resemble("Harbour Frames Ltd", "Mrs Ada Lindqvist")
    assert not names_resemble("", "Mrs Ada Lindqvist")


def test_a_line_booked_tomorrow_cannot_be_confirmed(shared: Any, issued: dict[str, Invoice], office: Office) -> None:
    tomorrow = _today(office) + timedelta(days=1)
    content = camt053([Entry(D("20049.33"), tomorrow, "FUT-1", text=issued["ada"].number)], iban=IBAN)
    statement = _import(office, content, shared.cast.finance).statement
    before = _counts()
    with pytest.raises(BillingError, match=r"^A payment cannot be received in the future; check the date\.$"):
        reconciliation.line_confirm(line=reconciliation.line_of(statement, 1), invoice_number=issued["ada"].number,
                                    by=shared.cast.finance)  # fmt: skip
    assert _counts() == before


def test_a_line_matched_to_an_invoice_in_another_currency_needs_the_rate_and_is_converted_at_it(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    from parure.billing.services.charges import ServiceCharge, service_invoice_issue

    pounds = service_invoice_issue(client_id=shared.julian.client_id, office=office, currency="GBP",
                                   reference="NY-R-26-00001-3", charges=[ServiceCharge("Re-stringing", "1000.00")],
                                   by=shared.cast.finance)  # fmt: skip
    statement = _import(office, _sample(issued, office), shared.cast.finance).statement
    line = reconciliation.line_of(statement, 4)  # USD 1,234.56 from Harbour Frames Ltd
    before = _counts()
    with pytest.raises(BillingError) as refusal:
        reconciliation.line_match(line=line, invoice_number=pounds.number, by=shared.cast.finance)
    assert refusal.value.message == (
        f"{pounds.number} is in GBP; line 4 is in USD. Give the rate used (GBP for one USD) to match it."
    )
    assert (refusal.value.field, refusal.value.code) == ("rate", "no_rate")
    with pytest.raises(BillingError) as refusal:
        reconciliation.line_match(line=line, invoice_number=pounds.number, by=shared.cast.finance, rate="-1")
    assert refusal.value.field == "rate"
    assert _counts() == before
    decision = reconciliation.line_match(line=line, invoice_number=pounds.number, by=shared.cast.finance, rate="0.8")
    assert decision.payment is not None
    assert (decision.payment.amount, decision.payment.currency) == (D("1234.56"), "USD")
    allocation = decision.payment.allocations.get()
    assert (allocation.amount, allocation.rate) == (D("987.65"), D("0.8"))
    assert queries.balance_of(pounds).due.amount == pounds.total - D("987.65")
