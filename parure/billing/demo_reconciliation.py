"""The demonstration department's reconciliation, made through the services once invoices are issued and
some paid (the billing demo calls :func:`build_reconciliation`): a CAMT.053 statement written from the
invoices still unpaid — lines that match strongly, one by its amount and the payer's name only, one
that matches nothing and the bank's charge — with one suggestion confirmed; yesterday's cash close
checked by a second person and today's waiting for its check.

:func:`camt053` writes a statement by the standard (``camt.053.001.02``); the tests read it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

from parure.billing.choices import LineState, StatementFormat
from parure.billing.matching import due_of, open_invoices
from parure.billing.models import BillingSettings, CashClose, Statement
from parure.billing.services import reconciliation
from parure.billing.services.invoices import office_today
from parure.core.models import Office, Staff

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
DEMO_IBAN = "US64SVBKUS6S3300958879"


@dataclass(frozen=True)
class Entry:
    """One entry as the bank books it."""

    amount: Decimal
    booked_on: date
    bank_reference: str
    credit: bool = True
    text: str = ""
    structured: str = ""
    payer: str = ""
    currency: str = "USD"


def _entry(entry: Entry, number: int) -> str:
    payer = f"<RltdPties><Dbtr><Nm>{escape(entry.payer)}</Nm></Dbtr></RltdPties>" if entry.payer else ""
    remittance = ""
    if entry.text or entry.structured:
        structured = (
            "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
            f"<Ref>{escape(entry.structured)}</Ref></CdtrRefInf></Strd>"
            if entry.structured
            else ""
        )
        unstructured = f"<Ustrd>{escape(entry.text)}</Ustrd>" if entry.text else ""
        remittance = f"<RmtInf>{unstructured}{structured}</RmtInf>"
    day = entry.booked_on.isoformat()
    return f"""
      <Ntry>
        <NtryRef>{number:06d}</NtryRef>
        <Amt Ccy="{entry.currency}">{entry.amount:.2f}</Amt>
        <CdtDbtInd>{"CRDT" if entry.credit else "DBIT"}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt>
        <ValDt><Dt>{day}</Dt></ValDt>
        <AcctSvcrRef>{escape(entry.bank_reference)}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="{entry.currency}">{entry.amount:.2f}</Amt></TxAmt></AmtDtls>
            {payer}
            {remittance}
          </TxDtls>
        </NtryDtls>
      </Ntry>"""


def camt053(
    entries: Sequence[Entry], *, iban: str = DEMO_IBAN, currency: str = "USD", statement_id: str = "STMT-1"
) -> bytes:
    """A bank-to-customer statement (ISO 20022 camt.053.001.02) of ``entries`` on the account ``iban``."""
    days = [entry.booked_on for entry in entries] or [date(2026, 1, 1)]
    body = "".join(_entry(entry, number) for number, entry in enumerate(entries, start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>{escape(statement_id)}-MSG</MsgId>
      <CreDtTm>{max(days).isoformat()}T23:59:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>{escape(statement_id)}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>{max(days).isoformat()}T23:59:00</CreDtTm>
      <FrToDt><FrDtTm>{min(days).isoformat()}T00:00:00</FrDtTm><ToDtTm>{max(days).isoformat()}T23:59:59</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>{escape(iban)}</IBAN></Id>
        <Ccy>{currency}</Ccy>
        <Svcr><FinInstnId><BIC>SVBKUS6S</BIC></FinInstnId></Svcr>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="{currency}">0.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>{min(days).isoformat()}</Dt></Dt>
      </Bal>
      <TxsSummry><TtlNtries><NbOfNtries>{len(entries)}</NbOfNtries></TtlNtries></TxsSummry>{body}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def build_reconciliation(say: Callable[[str], None]) -> None:
    """The demo's statement and cash closes at the saleroom with open invoices (New York when none has;
    nothing when a statement exists already), in its currency."""
    first_open = open_invoices().select_related("office").order_by("office__code", "number").first()
    office = first_open.office if first_open is not None else Office.objects.get(code="NY")
    currency = office.currency
    if Statement.objects.filter(office=office).exists():
        say("Reconciliation: a statement is imported already; nothing added.")
        return
    cashier = Staff.objects.get(username="priya")
    checker = Staff.objects.get(username="eleanor")
    today = office_today(office)
    unpaid = list(open_invoices().filter(office=office, currency=currency).order_by("number")[:3])
    entries: list[Entry] = []
    for number, invoice in enumerate(unpaid[:2], start=1):
        entries.append(
            Entry(
                amount=due_of(invoice).quantize(Decimal("0.01")),
                booked_on=today,
                bank_reference=f"DEMO-{today:%y%m%d}-{number:03d}",
                text=f"Invoice {invoice.number} with thanks",
                payer=invoice.buyer_name.upper(),
                currency=currency,
            )
        )
    if len(unpaid) == 3:
        invoice = unpaid[2]
        entries.append(
            Entry(
                amount=due_of(invoice).quantize(Decimal("0.01")),
                booked_on=today,
                bank_reference=f"DEMO-{today:%y%m%d}-101",
                text="Auction purchase December",
                payer=invoice.buyer_name,
                currency=currency,
            )
        )
    entries.append(
        Entry(
            amount=Decimal("1234.56"),
            booked_on=today,
            bank_reference=f"DEMO-{today:%y%m%d}-201",
            text="Frame restoration deposit",
            payer="Harbour Frames Ltd",
            currency=currency,
        )
    )
    entries.append(
        Entry(
            amount=Decimal("35.00"),
            booked_on=today,
            bank_reference=f"DEMO-{today:%y%m%d}-301",
            credit=False,
            text="Wire fees December",
            currency=currency,
        )
    )
    account = BillingSettings.objects.filter(office=office).values_list("account_iban", flat=True).first()
    content = camt053(
        entries, iban=account or DEMO_IBAN, currency=currency, statement_id=f"{office.code}-{today:%Y%m%d}"
    )
    result = reconciliation.statement_import(
        office=office, content=content, filename=f"camt053-{today:%Y%m%d}.xml", by=cashier,
        format=StatementFormat.CAMT053,
    )  # fmt: skip
    say(result.summary)
    rows = reconciliation.statement_lines(result.statement)
    suggested = [row for row in rows if row.state == LineState.SUGGESTED and row.suggestions]
    if suggested:
        first = suggested[0]
        reconciliation.line_confirm(line=first.line, invoice_number=first.suggestions[0].invoice_number, by=cashier)
        say(f"Line {first.line.position} confirmed: {first.suggestions[0].invoice_number} paid by wire.")
    yesterday = today - timedelta(days=1)
    for day in (yesterday, today):
        if CashClose.objects.filter(office=office, day=day, currency=currency).exists():
            continue
        totals = reconciliation.day_totals(office=office, day=day, currency=currency)
        counted = totals.cash.amount if day == yesterday else max(totals.cash.amount - Decimal(20), Decimal(0))
        close = reconciliation.cash_close(
            office=office, day=day, currency=currency, counted_cash=counted, card_total=totals.card.amount, by=cashier,
            note="Drawer counted at closing." if day == yesterday else "",
        )  # fmt: skip
        if day == yesterday:
            reconciliation.cash_close_check(close=close, by=checker)
            say(f"Cash close of {day:%-d %b} checked by {checker.get_full_name()}.")
        else:
            say(f"Cash close of {day:%-d %b} waiting for a second person's check.")
