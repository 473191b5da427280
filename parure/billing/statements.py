"""Reading bank statements: ISO 20022 CAMT.053 XML and a bank's CSV export read through a column mapping.

Both readers are pure (no database): they return a :class:`ParsedStatement` or refuse the whole file with
a :class:`StatementRefused` naming the line and the reason. A file is untrusted input: the XML is parsed
with ``defusedxml`` with document type declarations forbidden (no entity expansion, so a
"billion laughs" file is refused, not expanded), and both readers stop at :data:`MAX_BYTES` and
:data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from parure.billing.choices import Direction
from parure.billing.errors import BillingError, BillingErrorCode
from parure.core.csvfiles import TooManyRows, UnreadableCsv, csv_rows
from parure.core.money import Money, MoneyError

MAX_BYTES = 10 * 1024 * 1024
# The stage a reader reports while it reads the entries (the job's page shows it).
READING = "Reading the entries"
MAX_ENTRIES = 20_000
REFERENCE_MAX = 500
PAYER_MAX = 200
BANK_REFERENCE_MAX = 64
ACCOUNT_MAX = 64

_CAMT_NAMESPACE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")
_AMOUNT = re.compile(r"^\d{1,13}(\.\d{1,5})?$")
_SIGNED = re.compile(r"^[+-]?\d{1,13}(\.\d{1,5})?$")
# An entry's start tag, with or without a namespace prefix (not NtryRef, NtryDtls...).
_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Ntry[\s/>]")


class Tally(Protocol):
    """Where a reader reports how far it is (core's ``jobs.Progress`` is one): the total and the stage
    once, then each entry read; the receiver decides how often to write it down."""

    def __call__(self, done: int, total: int | None = None, *, stage: str | None = None) -> None: ...


def _no_tally(done: int, total: int | None = None, *, stage: str | None = None) -> None:
    return None


class StatementRefused(BillingError):
    """A statement file refused as a whole, with the sentence naming its line and the reason."""

    def __init__(self, message: str, *, field: str | None = "file") -> None:
        super().__init__(message, field=field, code=BillingErrorCode.INVALID_FILE)


@dataclass(frozen=True)
class ParsedLine:
    source_line: int
    booked_on: date
    value_on: date | None
    direction: str
    amount: Money
    bank_reference: str = ""
    entry_reference: str = ""
    reference: str = ""
    payer: str = ""


@dataclass
class ParsedStatement:
    account: str
    currency: str
    bank_id: str = ""
    lines: list[ParsedLine] = field(default_factory=list)

    @property
    def starts_on(self) -> date:
        return min(line.booked_on for line in self.lines)

    @property
    def ends_on(self) -> date:
        return max(line.booked_on for line in self.lines)


def _shown(text: str, limit: int = 40) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _currency(code: str, where: str) -> str:
    cleaned = (code or "").strip().upper()
    try:
        Money.of(0, cleaned)
    except MoneyError:
        raise StatementRefused(f"{where}: ‘{_shown(cleaned, 8)}’ is not a currency code such as USD.") from None
    return cleaned


def _money(text: str, currency: str, where: str) -> Money:
    value = Money.of(Decimal(text), currency)
    if value.amount <= 0 or value.rounded() != value:
        raise StatementRefused(
            f"{where}: the amount {text} must be more than nothing and rounded to {value.minor_unit} {currency}."
        )
    return value


def _check_size(content: bytes) -> None:
    if len(content) > MAX_BYTES:
        raise StatementRefused(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; ask the bank for shorter periods."
        )
    if not content.strip():
        raise StatementRefused("The file is empty.")


# --- CAMT.053 ---------------------------------------------------------------------------------------
class _LineNumbers(TreeBuilder):
    """A tree builder that remembers the line each element starts on (for the refusal's sentence)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: Any = None
        self.lines: dict[int, int] = {}
        self.kept: list[Element] = []

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = int(self.parser.parser.CurrentLineNumber)
        self.kept.append(element)
        return element


def _parse_xml(content: bytes) -> tuple[Element, _LineNumbers]:
    builder = _LineNumbers()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(content)
        root = parser.close()
    except DefusedXmlException:
        raise StatementRefused(
            "The file declares a document type or entities, which a bank statement never does; it was not read."
        ) from None
    except ParseError as error:
        line = error.position[0] if error.position else 0
        raise StatementRefused(f"Line {line}: the file is not well-formed XML ({_shown(str(error), 80)}).") from None
    return root, builder


def _date(element: Element | None, ns: str, where: str, *, required: bool) -> date | None:
    if element is None:
        if required:
            raise StatementRefused(f"{where}: the entry has no booking date.")
        return None
    text = (element.findtext(f"{ns}Dt") or element.findtext(f"{ns}DtTm") or "").strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise StatementRefused(f"{where}: ‘{_shown(text, 30)}’ is not a date such as 2026-12-02.") from None


def _texts(element: Element, path: str) -> list[str]:
    return [" ".join((found.text or "").split()) for found in element.iterfind(path) if (found.text or "").strip()]


def camt053_entry_count(content: bytes) -> int:
    """How many entries a CAMT.053 file holds, counted from their start tags without parsing the XML.

    Only a measure of the work (to choose between the request and a background job): the file is still
    read whole, and refused or counted exactly, by :func:`read_camt053`.
    """
    return len(_ENTRY_TAG.findall(content))


def read_camt053(content: bytes, *, progress: Tally = _no_tally) -> ParsedStatement:
    """A CAMT.053 file (``camt.053.001.02`` or later) read entry by entry, or refused naming the line."""
    _check_size(content)
    root, lines = _parse_xml(content)
    match = re.match(r"^\{([^}]*)\}Document$", root.tag)
    namespace = match.group(1) if match else ""
    version = _CAMT_NAMESPACE.match(namespace)
    if version is None or int(version.group(1)) < 2:
        shown = namespace or "no namespace"
        raise StatementRefused(
            f"Line {lines.lines.get(id(root), 1)}: the document is in {_shown(shown, 60)}, "
            "not a CAMT.053 bank statement "
            "(urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 or later)."
        )
    ns = "{" + namespace + "}"
    statements = root.findall(f"{ns}BkToCstmrStmt/{ns}Stmt")
    if not statements:
        raise StatementRefused("The document holds no statement (BkToCstmrStmt/Stmt).")
    parsed: ParsedStatement | None = None
    progress(0, sum(len(stmt.findall(f"{ns}Ntry")) for stmt in statements), stage=READING)
    for stmt in statements:
        where = f"Line {lines.lines.get(id(stmt), 0)}"
        account = (
            stmt.findtext(f"{ns}Acct/{ns}Id/{ns}IBAN") or stmt.findtext(f"{ns}Acct/{ns}Id/{ns}Othr/{ns}Id") or ""
        ).strip()
        if not account or len(account) > ACCOUNT_MAX:
            raise StatementRefused(f"{where}: the statement does not name its account (Acct/Id).")
        currency = (
            _currency(stmt.findtext(f"{ns}Acct/{ns}Ccy") or "", where)
            if stmt.find(f"{ns}Acct/{ns}Ccy") is not None
            else ""
        )
        if parsed is None:
            parsed = ParsedStatement(
                account=account, currency=currency, bank_id=(stmt.findtext(f"{ns}Id") or "").strip()[:64]
            )
        elif account != parsed.account:
            raise StatementRefused(f"{where}: the file holds statements of two accounts; import one account at a time.")
        for entry in stmt.iterfind(f"{ns}Ntry"):
            if len(parsed.lines) >= MAX_ENTRIES:
                raise StatementRefused(
                    f"The file has more than {MAX_ENTRIES:,} entries; ask the bank for shorter periods."
                )
            parsed.lines.append(_entry(entry, ns, lines, parsed))
            progress(len(parsed.lines))
    assert parsed is not None
    if not parsed.lines:
        raise StatementRefused("The statement has no entries.")
    if not parsed.currency:
        parsed.currency = parsed.lines[0].amount.currency
    return parsed


def _entry(entry: Element, ns: str, lines: _LineNumbers, statement: ParsedStatement) -> ParsedLine:
    source_line = lines.lines.get(id(entry), 0)
    where = f"Line {source_line}"
    amount_element = entry.find(f"{ns}Amt")
    if amount_element is None:
        raise StatementRefused(f"{where}: the entry has no amount (Amt).")
    where_amount = f"Line {lines.lines.get(id(amount_element), source_line)}"
    text = (amount_element.text or "").strip()
    if not _AMOUNT.match(text):
        raise StatementRefused(f"{where_amount}: ‘{_shown(text, 20)}’ is not an amount such as 1250.00.")
    currency = _currency(amount_element.get("Ccy", ""), where_amount)
    if statement.currency and currency != statement.currency:
        raise StatementRefused(
            f"{where_amount}: the entry is in {currency} but the account is kept in {statement.currency}."
        )
    amount = _money(text, currency, where_amount)
    indicator = (entry.findtext(f"{ns}CdtDbtInd") or "").strip()
    if indicator not in ("CRDT", "DBIT"):
        raise StatementRefused(f"{where}: the entry's CdtDbtInd is ‘{_shown(indicator, 10)}’, not CRDT or DBIT.")
    booked = _date(entry.find(f"{ns}BookgDt"), ns, where, required=True)
    assert booked is not None
    value_on = _date(entry.find(f"{ns}ValDt"), ns, where, required=False)
    entry_reference = (entry.findtext(f"{ns}NtryRef") or "").strip()
    bank_reference = (entry.findtext(f"{ns}AcctSvcrRef") or "").strip()
    texts: list[str] = []
    payers: list[str] = []
    for details in entry.iterfind(f"{ns}NtryDtls/{ns}TxDtls"):
        bank_reference = bank_reference or (details.findtext(f"{ns}Refs/{ns}AcctSvcrRef") or "").strip()
        texts += _texts(details, f"{ns}RmtInf/{ns}Strd/{ns}CdtrRefInf/{ns}Ref")
        texts += _texts(details, f"{ns}RmtInf/{ns}Ustrd")
        # camt.053.001.02 names the debtor Dbtr/Nm; .001.08 and later Dbtr/Pty/Nm.
        payers += _texts(details, f"{ns}RltdPties/{ns}Dbtr/{ns}Nm") + _texts(
            details, f"{ns}RltdPties/{ns}Dbtr/{ns}Pty/{ns}Nm"
        )
    texts += _texts(entry, f"{ns}AddtlNtryInf")
    bank_reference = bank_reference or entry_reference
    if len(bank_reference) > BANK_REFERENCE_MAX or len(entry_reference) > BANK_REFERENCE_MAX:
        raise StatementRefused(f"{where}: the bank's reference is longer than {BANK_REFERENCE_MAX} characters.")
    return ParsedLine(
        source_line=source_line,
        booked_on=booked,
        value_on=value_on,
        direction=Direction.CREDIT if indicator == "CRDT" else Direction.DEBIT,
        amount=amount,
        bank_reference=bank_reference,
        entry_reference=entry_reference,
        reference=" · ".join(dict.fromkeys(texts))[:REFERENCE_MAX],
        payer=(payers[0] if payers else "")[:PAYER_MAX],
    )


# --- CSV --------------------------------------------------------------------------------------------
DATE, AMOUNT, CURRENCY, REFERENCE, PAYER, BANK_REFERENCE = (
    "date",
    "amount",
    "currency",
    "reference",
    "payer",
    "bank_reference",
)
#: Our fields, in the order the mapping form shows them.
CSV_FIELDS: dict[str, str] = {
    DATE: "Booking date",
    AMOUNT: "Amount (negative for money out)",
    CURRENCY: "Currency",
    REFERENCE: "Reference or remittance text",
    PAYER: "Payer",
    BANK_REFERENCE: "Bank's reference of the entry",
}
REQUIRED_FIELDS = (DATE, AMOUNT)
DATE_FORMATS: dict[str, str] = {
    "%Y-%m-%d": "2026-12-31",
    "%d.%m.%Y": "31.12.2026",
    "%d/%m/%Y": "31/12/2026",
    "%m/%d/%Y": "12/31/2026",
    "%d-%m-%Y": "31-12-2026",
    "%Y%m%d": "20261231",
}
DECIMAL_SEPARATORS: dict[str, str] = {".": "Point (1,250.00)", ",": "Comma (1.250,00)"}
_SYNONYMS: dict[str, tuple[str, ...]] = {
    DATE: (
        "date",
        "bookingdate",
        "buchungsdatum",
        "datum",
        "bookingday",
        "transactiondate",
        "valuedate",
        "dateoperation",
    ),
    AMOUNT: ("amount", "betrag", "montant", "value", "sum", "importo"),
    CURRENCY: ("currency", "ccy", "wahrung", "wahrung", "devise", "valuta"),
    REFERENCE: ("reference", "remittance", "details", "verwendungszweck", "description", "libelle", "text", "purpose"),
    PAYER: ("payer", "name", "counterparty", "auftraggeber", "debtor", "from", "beneficiary"),
    BANK_REFERENCE: ("bankreference", "transactionid", "id", "ref", "entryreference", "acctsvcrref"),
}


@dataclass(frozen=True)
class CsvSheet:
    header: list[str]
    rows: list[tuple[int, list[str]]]
    delimiter: str


@dataclass(frozen=True)
class CsvMapping:
    columns: Mapping[str, str]
    date_format: str
    decimal_separator: str


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def read_csv_sheet(content: bytes) -> CsvSheet:
    """The CSV's header and data rows (with their line numbers), the delimiter sniffed from , ; or tab."""
    _check_size(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise StatementRefused("The file is not text; export the statement as CSV.") from None
    if "\x00" in text:
        raise StatementRefused("The file is not text; export the statement as CSV.")
    try:
        read = csv_rows(text, limit=MAX_ENTRIES)
    except TooManyRows:
        raise StatementRefused(
            f"The file has more than {MAX_ENTRIES:,} entries; ask the bank for shorter periods."
        ) from None
    except UnreadableCsv as unreadable:
        raise StatementRefused(
            f"Line {unreadable.line}: the file cannot be read as CSV ({unreadable.error})."
        ) from None
    header, rows, delimiter = read.header, read.rows, read.delimiter
    if header is None:
        raise StatementRefused("The file is empty.")
    if not rows:
        raise StatementRefused("The file has a header row but no entries under it.")
    return CsvSheet(header=header, rows=rows, delimiter=delimiter)


def propose_columns(header: list[str]) -> dict[str, str]:
    """Our field → the header's column that most likely holds it ("" when none does)."""
    folded = {_fold(name): name for name in header if name}
    proposal: dict[str, str] = {}
    taken: set[str] = set()
    for ours, names in _SYNONYMS.items():
        proposal[ours] = ""
        for candidate in names:
            column = folded.get(candidate)
            if column is not None and column not in taken:
                proposal[ours] = column
                taken.add(column)
                break
    return proposal


def check_mapping(header: list[str], mapping: CsvMapping) -> dict[str, int]:
    """Our field → its column's index, or a refusal naming the field."""
    if mapping.date_format not in DATE_FORMATS:
        raise StatementRefused("Choose the date format the file uses.", field="date_format")
    if mapping.decimal_separator not in DECIMAL_SEPARATORS:
        raise StatementRefused(
            "Choose the decimal separator the file uses: a point or a comma.", field="decimal_separator"
        )
    positions: dict[str, int] = {}
    used: dict[str, str] = {}
    for ours, label in CSV_FIELDS.items():
        column = (mapping.columns.get(ours) or "").strip()
        if not column:
            if ours in REQUIRED_FIELDS:
                raise StatementRefused(f"{label}: map the column that holds it.", field=ours)
            continue
        if column not in header:
            raise StatementRefused(f"{label}: the file has no column ‘{_shown(column)}’.", field=ours)
        if column in used:
            raise StatementRefused(
                f"{label}: column ‘{_shown(column)}’ is mapped to {CSV_FIELDS[used[column]].lower()} already.",
                field=ours,
            )
        used[column] = ours
        positions[ours] = header.index(column)
    return positions


def parse_amount(text: str, decimal_separator: str) -> Decimal | None:
    """A signed amount typed with the given decimal separator (thousands separators dropped), or None."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace("'", "").replace("’", "")
    grouping = "." if decimal_separator == "," else ","
    cleaned = cleaned.replace(grouping, "")
    if decimal_separator == ",":
        cleaned = cleaned.replace(",", ".")
    if not _SIGNED.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def check_csv_account(account: str, currency: str) -> tuple[str, str]:
    """The CSV's account and its currency as given, cleaned, or a refusal naming the field."""
    account = (account or "").strip()
    if not account or len(account) > ACCOUNT_MAX:
        raise StatementRefused(
            f"Name the bank account (its IBAN or number, at most {ACCOUNT_MAX} characters).", field="account"
        )
    return account, _currency(currency, "The account's currency")


def read_csv(
    content: bytes, *, account: str, currency: str, mapping: CsvMapping, progress: Tally = _no_tally
) -> ParsedStatement:
    """A CSV statement read through ``mapping``; any bad row refuses the whole file naming its line."""
    sheet = read_csv_sheet(content)
    positions = check_mapping(sheet.header, mapping)
    account, currency = check_csv_account(account, currency)
    parsed = ParsedStatement(account=account, currency=currency)
    progress(0, len(sheet.rows), stage=READING)

    def cell(values: list[str], ours: str) -> str:
        position = positions.get(ours)
        return values[position] if position is not None and position < len(values) else ""

    for line, values in sheet.rows:
        where = f"Line {line}"
        day_text = cell(values, DATE)
        try:
            booked = datetime.strptime(day_text, mapping.date_format).date()
        except ValueError:
            raise StatementRefused(
                f"{where}: ‘{_shown(day_text, 20)}’ is not a date written {DATE_FORMATS[mapping.date_format]}."
            ) from None
        amount_text = cell(values, AMOUNT)
        signed = parse_amount(amount_text, mapping.decimal_separator)
        if signed is None or signed == 0:
            example = "1.250,00" if mapping.decimal_separator == "," else "1,250.00"
            raise StatementRefused(f"{where}: ‘{_shown(amount_text, 20)}’ is not an amount such as {example}.")
        line_currency = _currency(cell(values, CURRENCY), where) if cell(values, CURRENCY) else currency
        if line_currency != currency:
            raise StatementRefused(f"{where}: the entry is in {line_currency} but the account is kept in {currency}.")
        bank_reference = cell(values, BANK_REFERENCE)
        if len(bank_reference) > BANK_REFERENCE_MAX:
            raise StatementRefused(f"{where}: the bank's reference is longer than {BANK_REFERENCE_MAX} characters.")
        parsed.lines.append(
            ParsedLine(
                source_line=line,
                booked_on=booked,
                value_on=None,
                direction=Direction.CREDIT if signed > 0 else Direction.DEBIT,
                amount=_money(str(abs(signed)), currency, where),
                bank_reference=bank_reference,
                reference=" ".join(cell(values, REFERENCE).split())[:REFERENCE_MAX],
                payer=" ".join(cell(values, PAYER).split())[:PAYER_MAX],
            )
        )
        progress(len(parsed.lines))
    return parsed
