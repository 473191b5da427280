"""Bulk registration from an online platform's export: a CSV of the platform's bidders becomes one
registration each, with an online paddle (5001…), all or nothing.

The person maps the platform's column names to ours (:data:`FIELDS`; :func:`propose_mapping` guesses
from the header row). Every row is checked first (an unknown or mistyped client number, an e-mail no
single file has, a row repeated, a client registered already, a bad amount), and each refusal names
the row and the column; only a file with no refusal is saved, in one transaction. A row's bidder is
approved when the person may approve bidders and the KYC rule allows it (credit under the sale's
threshold, or verified KYC), otherwise left pending.

The work runs as a background job (:data:`JOB_KIND`), registered from the app's hooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse

from parure.auctions.choices import RegistrationSource
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Registration, Sale
from parure.auctions.services.common import amount, bounded, check_open
from parure.auctions.services.registrations import (
    client_to_register,
    kyc_refusal,
    registration_create,
    registration_decide,
)
from parure.clients import queries as client_book
from parure.core import jobs
from parure.core.csvfiles import TooManyRows, UnreadableCsv, csv_rows
from parure.core.models import BackgroundJob, Staff

JOB_KIND = "auctions.registration_import"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# At most this many refusal lines are listed; the sentence says how many there were in all.
MAX_LINES = 200
PLATFORM_MAX = 60

CLIENT_NUMBER, EMAIL, REFERENCE, CREDIT = "client_number", "email", "platform_reference", "credit_limit"
# Our fields, in the order the mapping form shows them, with what a person reads.
FIELDS: dict[str, str] = {
    CLIENT_NUMBER: "Client number",
    EMAIL: "E-mail",
    REFERENCE: "Platform's bidder id",
    CREDIT: "Credit limit",
}
# Header names the platforms use for each field (compared folded: lower case, letters and digits only).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    CLIENT_NUMBER: ("clientnumber", "clientno", "client", "houseno", "housenumber", "housereference", "customernumber"),
    EMAIL: ("email", "emailaddress", "mail", "bidderemail", "useremail"),
    REFERENCE: (
        "bidderid",
        "platformreference",
        "reference",
        "paddle",
        "biddernumber",
        "userid",
        "id",
        "registrationid",
        "platformid",
        "bidder",
    ),
    CREDIT: ("creditlimit", "credit", "limit", "approvedlimit", "spendinglimit", "biddinglimit", "maximumspend"),
}


class ImportRefused(AuctionError):
    """A file refused as a whole; ``lines`` are the rows' refusals (the job shows them)."""

    def __init__(self, message: str, *, lines: list[str] | None = None, field: str | None = "file") -> None:
        super().__init__(message, field=field, code=AuctionErrorCode.IMPORT_REFUSED)
        self.lines = lines or []


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def shown(text: str, limit: int = 40) -> str:
    """A cell or column name as a refusal may quote it (short, on one line)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    # Each data row with its line number in the file (the header is line 1).
    rows: list[tuple[int, list[str]]]


def read_sheet(content: bytes) -> Sheet:
    """The CSV's header row and data rows, read with the csv module, at most :data:`MAX_ROWS` rows."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller files.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportRefused("The file is not text; export the platform's bidders as CSV.") from None
    if "\x00" in text:
        raise ImportRefused("The file is not text; export the platform's bidders as CSV.")
    if not text.strip():
        raise ImportRefused("The file is empty; export the platform's bidders with a header row and one row each.")
    try:
        read = csv_rows(text, limit=MAX_ROWS)
    except TooManyRows:
        raise ImportRefused(
            f"The file has more than {MAX_ROWS:,} bidders; split it into files of at most {MAX_ROWS:,} rows."
        ) from None
    except UnreadableCsv as unreadable:
        raise ImportRefused(f"Line {unreadable.line} of the file cannot be read as CSV ({unreadable.error}).") from None
    header, rows = read.header, read.rows
    if header is None:
        raise ImportRefused("The file is empty; export the platform's bidders with a header row and one row each.")
    if not rows:
        raise ImportRefused("The file has a header row but no bidders under it.")
    return Sheet(header=header, rows=rows)


def propose_mapping(header: list[str]) -> dict[str, str]:
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


def check_mapping(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    """Our field → its column's index in the header, or a refusal naming the field."""
    positions: dict[str, int] = {}
    used: dict[str, str] = {}
    for ours, label in FIELDS.items():
        column = (mapping.get(ours) or "").strip()
        if not column:
            continue
        if column not in header:
            raise ImportRefused(
                f"{label}: the file has no column ‘{shown(column)}’; its columns are "
                f"{', '.join('‘' + shown(name, 30) + '’' for name in header[:20] if name)}.",
                field=ours,
            )
        if column in used:
            raise ImportRefused(
                f"{label}: column ‘{shown(column)}’ is mapped to {FIELDS[used[column]].lower()} already; "
                "map each column to one field.",
                field=ours,
            )
        used[column] = ours
        positions[ours] = header.index(column)
    if CLIENT_NUMBER not in positions and EMAIL not in positions:
        raise ImportRefused(
            "Map the column that holds the client number or the e-mail: the bidders are found by one of them.",
            field=CLIENT_NUMBER,
        )
    if REFERENCE not in positions:
        raise ImportRefused("Map the column that holds the platform's bidder id.", field=REFERENCE)
    return positions


@dataclass
class RowPlan:
    line: int
    client: client_book.ClientFile
    reference: str
    credit_limit: Decimal | None


@dataclass
class ImportResult:
    sale: Sale
    platform: str
    registrations: list[Registration] = field(default_factory=list)
    approved: int = 0
    pending: int = 0
    # Pending rows wait for KYC when the importer may approve bidders; for a senior's decision otherwise.
    kyc_pending: bool = True

    @property
    def summary(self) -> str:
        count = len(self.registrations)
        noun = "online bidder" if count == 1 else "online bidders"
        approval = f"{self.approved} approved, {self.pending} pending"
        if self.pending:
            approval += " KYC" if self.kyc_pending else " approval"
        return f"{count} {noun} registered for {self.sale.code} from {self.platform}: {approval}."


def _cell(values: list[str], position: int | None) -> str:
    if position is None or position >= len(values):
        return ""
    return values[position]


def check_rows(
    *, sale: Sale, sheet: Sheet, positions: dict[str, int], by: Staff, progress: jobs.Progress
) -> list[RowPlan]:
    """Every row checked; a refusal listing each bad row (by line and column) when any is bad."""
    header = sheet.header
    problems: list[str] = []
    plans: list[RowPlan] = []
    seen_clients: dict[int, int] = {}
    seen_references: dict[str, int] = {}
    registered = set(Registration.objects.filter(sale=sale).values_list("client_id", flat=True))
    total = len(sheet.rows)
    progress(0, total, stage="Checking the rows")

    def column(ours: str) -> str:
        return shown(header[positions[ours]], 30)

    for done, (line, values) in enumerate(sheet.rows, start=1):
        progress(done)
        where = f"Row {line}"
        number = _cell(values, positions.get(CLIENT_NUMBER))
        email = _cell(values, positions.get(EMAIL))
        reference = _cell(values, positions.get(REFERENCE))
        client: client_book.ClientFile | None = None
        if number:
            try:
                client = client_to_register(number, viewer=by).client
            except AuctionError as refusal:
                problems.append(f"{where}, column ‘{column(CLIENT_NUMBER)}’: {refusal.message}")
        elif email:
            choice = client_book.client_by_email(email, viewer=by)
            if choice is None:
                problems.append(
                    f"{where}, column ‘{column(EMAIL)}’: no single client file has the e-mail ‘{shown(email)}’;"
                    " give the client number instead."
                )
            else:
                client = choice.client
        else:
            named = " or ".join(f"‘{column(ours)}’" for ours in (CLIENT_NUMBER, EMAIL) if ours in positions)
            problems.append(f"{where}, column {named}: the client is not given.")
        if not reference:
            problems.append(f"{where}, column ‘{column(REFERENCE)}’: the platform's bidder id is not given.")
        elif len(reference) > PLATFORM_MAX:
            problems.append(
                f"{where}, column ‘{column(REFERENCE)}’: the bidder id is {len(reference)} characters long;"
                f" keep it within {PLATFORM_MAX}."
            )
        elif reference in seen_references:
            problems.append(
                f"{where}, column ‘{column(REFERENCE)}’: bidder id ‘{shown(reference)}’ is on row"
                f" {seen_references[reference]} already."
            )
        else:
            seen_references[reference] = line
        limit: Decimal | None = None
        if CREDIT in positions:
            try:
                limit = amount(_cell(values, positions[CREDIT]), field=CREDIT, label="The credit limit", required=False)
            except AuctionError as refusal:
                problems.append(f"{where}, column ‘{column(CREDIT)}’: {refusal.message}")
        if client is not None:
            found_by = column(CLIENT_NUMBER) if number else column(EMAIL)
            if client.pk in registered:
                problems.append(
                    f"{where}, column ‘{found_by}’: client {client.number} is registered for sale {sale.code} already."
                )
            elif client.pk in seen_clients:
                problems.append(
                    f"{where}, column ‘{found_by}’: client {client.number} is on row {seen_clients[client.pk]} already."
                )
            else:
                seen_clients[client.pk] = line
                plans.append(RowPlan(line=line, client=client, reference=reference, credit_limit=limit))
    if problems:
        count = len(problems)
        raise ImportRefused(
            f"Nothing was registered: {count} problem{'s' if count != 1 else ''} in the file. "
            f"{problems[0]}" + (" (and the others listed)" if count > 1 else ""),
            lines=problems[:MAX_LINES],
        )
    return plans


def import_registrations(
    *,
    sale: Sale,
    content: bytes,
    mapping: Mapping[str, str],
    platform: str,
    by: Staff,
    progress: jobs.Progress | None = None,
) -> ImportResult:
    """Register every bidder of the platform's CSV for ``sale``, all or nothing."""
    progress = progress or jobs.no_progress()
    check_open(sale, "registering bidders")
    platform = bounded(platform, limit=PLATFORM_MAX, field="platform", label="The platform's name", required=True)
    sheet = read_sheet(content)
    positions = check_mapping(sheet.header, mapping)
    plans = check_rows(sale=sale, sheet=sheet, positions=positions, by=by, progress=progress)
    may_approve = bool(by.has_perm("auctions.approve_bidders"))
    result = ImportResult(sale=sale, platform=platform, kyc_pending=may_approve)
    progress(0, len(plans), stage="Registering the bidders")
    with transaction.atomic():
        for done, plan in enumerate(plans, start=1):
            registration = registration_create(
                sale=sale,
                client=plan.client,
                by=by,
                credit_limit=plan.credit_limit,
                source=RegistrationSource.ONLINE_PLATFORM,
                platform=platform,
                platform_reference=plan.reference,
            )
            approvable = may_approve and plan.credit_limit is not None
            if approvable and kyc_refusal(registration, plan.credit_limit) is None:
                registration = registration_decide(
                    registration=registration, approve=True, by=by, reason=f"Approved on import from {platform}."
                )
                result.approved += 1
            else:
                result.pending += 1
            result.registrations.append(registration)
            progress(done)
    return result


def _run(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    params: dict[str, Any] = job.params
    sale = Sale.objects.get(pk=params["sale"])
    result = import_registrations(
        sale=sale,
        content=jobs.job_upload(job),
        mapping=params.get("mapping", {}),
        platform=params.get("platform", ""),
        by=job.started_by,
        progress=progress,
    )
    return jobs.JobOutcome(
        summary=result.summary,
        result_url=reverse("auctions:bidders", kwargs={"code": sale.code}),
        result={
            "sale": sale.code,
            "registered": len(result.registrations),
            "approved": result.approved,
            "pending": result.pending,
            "paddles": [registration.paddle for registration in result.registrations],
        },
    )


def import_start(
    *, sale: Sale, content: bytes, filename: str, mapping: Mapping[str, str], platform: str, by: Staff
) -> BackgroundJob:
    """Hand the import to the worker (at once in tests); the person follows the job's page."""
    check_open(sale, "registering bidders")
    bounded(platform, limit=PLATFORM_MAX, field="platform", label="The platform's name", required=True)
    return jobs.job_start(
        kind=JOB_KIND,
        by=by,
        params={
            "sale": sale.pk,
            "platform": platform.strip(),
            "mapping": {k: str(v) for k, v in mapping.items() if k in FIELDS},
        },
        filename=filename,
        upload=content,
    )


def register() -> None:
    jobs.register(jobs.JobKind(JOB_KIND, "Registering an online platform's bidders", _run))
