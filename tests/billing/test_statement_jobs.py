"""A large bank statement imported by a background job: a CAMT.053 file of 1,200 entries read by the job
with its progress reaching the total and every line saved; a refused large file (CAMT.053 or CSV) saving
nothing, its sentence naming the line on the job's page; the page flow from the upload to the job's
page, its progress fragment and the statement; the API's 202 with the job to poll; and the threshold,
exactly: one entry or one byte under it is imported in the request."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from parure.billing import statement_jobs
from parure.billing.choices import Direction, StatementFormat
from parure.billing.demo_reconciliation import Entry, camt053
from parure.billing.errors import BillingError
from parure.billing.models import Invoice, LineDecision, Payment, Statement, StatementLine, StatementMapping
from parure.billing.services import invoices, reconciliation
from parure.billing.statements import CsvMapping
from parure.core import jobs
from parure.core.choices import JobState
from parure.core.models import BackgroundJob, Office
from tests.billing import world

pytestmark = pytest.mark.django_db
D = Decimal
IBAN = "US64SVBKUS6S3300958879"
API = "/api/v1/billing"
LARGE = 1200
MAPPING = CsvMapping(
    columns={"date": "Date", "amount": "Amount", "reference": "Reference", "payer": "Payer", "bank_reference": "Id"},
    date_format="%Y-%m-%d",
    decimal_separator=".",
)


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


class Recorder(jobs.Progress):
    """The job's own progress, also remembering every report (what the page would have seen)."""

    reports: list[tuple[int, int | None, str | None]] = []
    # Called once the job has read this many entries (a page polled in the middle of the work).
    midway: tuple[int, Callable[[], None]] | None = None

    def __call__(self, done: int, total: int | None = None, *, stage: str | None = None) -> None:
        Recorder.reports.append((done, total, stage))
        super().__call__(done, total, stage=stage)
        if Recorder.midway is not None and stage is None and done == Recorder.midway[0]:
            Recorder.midway[1]()


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> type[Recorder]:
    Recorder.reports, Recorder.midway = [], None
    monkeypatch.setattr(jobs, "Progress", Recorder)
    return Recorder


@pytest.fixture
def queued_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs stay queued, as they do until a worker takes them; the test runs them with ``job_run``."""

    class NoWorker:
        def enqueue(self, job_id: int) -> None:
            return None

    monkeypatch.setattr("parure.core.tasks.run_background_job", NoWorker())


def _large(office: Office, issued: dict[str, Invoice], *, count: int = LARGE, euro_at: int | None = None) -> bytes:
    """``count`` entries: Ada's payment first, then small credits, every tenth a bank charge."""
    today = invoices.office_today(office)
    entries = [Entry(D("20049.33"), today, "L-00000", text=f"Invoice {issued['ada'].number}", payer="Ada Lindqvist")]
    entries += [
        Entry(
            D("10.00") + n,
            today,
            f"L-{n:05d}",
            credit=n % 10 != 0,
            text=f"Other {n}",
            payer="Someone",
            currency="EUR" if n == euro_at else "USD",
        )
        for n in range(1, count)
    ]
    return camt053(entries, iban=IBAN, statement_id=f"BIG-{count}-{euro_at}")


def _csv(office: Office, rows: int, *, bad_at: int | None = None) -> bytes:
    day = f"{invoices.office_today(office):%Y-%m-%d}"
    lines = ["Date,Amount,Reference,Payer,Id"]
    lines += [f"{day},{'x' if n == bad_at else f'{n}.25'},Ref {n},Payer {n},C-{n:05d}" for n in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode()


def _counts() -> tuple[int, int, int, int, int]:
    return (Statement.objects.count(), StatementLine.objects.count(), LineDecision.objects.count(),
            Payment.objects.count(), StatementMapping.objects.count())  # fmt: skip


def _line_of(content: bytes, needle: bytes) -> int:
    return content[: content.index(needle)].count(b"\n") + 1


# --- The job --------------------------------------------------------------------------------------------
def test_a_large_camt053_is_imported_by_a_job_whose_progress_reaches_the_total(
    shared: Any, issued: dict[str, Invoice], office: Office, recorder: type[Recorder]
) -> None:
    content = _large(office, issued)
    outcome = statement_jobs.statement_receive(
        office=office, content=content, filename="december.xml", by=shared.cast.finance, format="camt053"
    )
    assert isinstance(outcome, BackgroundJob)
    job = BackgroundJob.objects.get(pk=outcome.pk)
    statement = Statement.objects.get()
    assert (job.kind, job.state, job.summary, job.errors, job.upload, job.filename) == (
        "billing.statement_import",
        JobState.SUCCEEDED,
        f"Statement of {IBAN}: 1200 lines imported.",
        [],
        None,
        "december.xml",
    )
    assert (job.done, job.total, job.stage) == (1200, 1200, "Saving the lines")
    assert job.result_url == f"/billing/statements/{statement.pk}/"
    assert job.result == {"statement": statement.pk, "account": IBAN, "lines": 1200, "skipped": []}
    # Read entry by entry (the total first, then every entry; core writes every 200th), then saved.
    assert recorder.reports[0] == (0, 1200, "Reading the entries")
    assert recorder.reports[1:1201] == [(done, None, None) for done in range(1, 1201)]
    assert recorder.reports[1201:] == [(0, 1200, "Saving the lines")]
    # Every line is there, in the file's order, the debits set aside.
    lines = list(statement.lines.order_by("position"))
    assert (statement.line_count, len(lines), statement.filename) == (1200, 1200, "december.xml")
    assert [line.position for line in lines] == list(range(1, 1201))
    assert lines[0].bank_reference == "L-00000" and lines[-1].bank_reference == "L-01199"
    assert sum(line.amount for line in lines if line.direction == Direction.CREDIT) == D("20049.33") + sum(
        D("10.00") + n for n in range(1, 1200) if n % 10 != 0
    )
    assert LineDecision.objects.filter(line__statement=statement).count() == 119
    assert [row.state for row in reconciliation.statement_lines(statement)[:1]] == ["suggested"]


def test_a_refused_large_file_saves_nothing_and_the_job_says_why(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    content = _large(office, issued, euro_at=700)
    before = _counts()
    job = statement_jobs.statement_import_start(
        office=office, content=content, filename="december.xml", by=shared.cast.finance, format="camt053"
    )
    job = BackgroundJob.objects.get(pk=job.pk)
    line = _line_of(content, b'<Amt Ccy="EUR">')
    assert (job.state, job.summary, job.upload, job.result_url) == (
        JobState.FAILED,
        f"Line {line}: the entry is in EUR but the account is kept in USD.",
        None,
        "",
    )
    assert _counts() == before


def test_a_refused_large_csv_saves_nothing_nor_its_mapping(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    content = _csv(office, 600, bad_at=555)
    before = _counts()
    job = statement_jobs.statement_receive(
        office=office, content=content, filename="konto.csv", by=shared.cast.finance, format="csv",
        account="CH93-0076", currency="USD", mapping=MAPPING,
    )  # fmt: skip
    assert isinstance(job, BackgroundJob)
    job.refresh_from_db()
    assert (job.state, job.summary, job.upload) == (
        JobState.FAILED,
        "Line 556: ‘x’ is not an amount such as 1,250.00.",
        None,
    )
    assert _counts() == before


def test_a_large_csv_is_imported_by_the_job_and_its_mapping_remembered(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    job = statement_jobs.statement_receive(
        office=office, content=_csv(office, 600), filename="konto.csv", by=shared.cast.finance, format="csv",
        account="CH93-0076", currency="usd", mapping=MAPPING,
    )  # fmt: skip
    assert isinstance(job, BackgroundJob)
    job.refresh_from_db()
    statement = Statement.objects.get()
    assert (job.state, job.summary, job.done, job.total) == (
        JobState.SUCCEEDED,
        "Statement of CH93-0076: 600 lines imported.",
        600,
        600,
    )
    assert (statement.account, statement.currency, statement.format, statement.lines.count()) == (
        "CH93-0076",
        "USD",
        StatementFormat.CSV,
        600,
    )
    assert statement.lines.get(position=600).amount == D("600.250")
    remembered = StatementMapping.objects.get(account="CH93-0076")
    assert remembered.columns == dict(MAPPING.columns)


def test_what_can_be_told_before_reading_is_refused_before_any_job(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    content = _large(office, issued)
    first = statement_jobs.statement_import_start(
        office=office, content=content, filename="december.xml", by=shared.cast.finance, format="camt053"
    )
    statement = Statement.objects.get()
    with pytest.raises(BillingError) as refusal:
        statement_jobs.statement_receive(
            office=office, content=content, filename="again.xml", by=shared.cast.finance, format="camt053"
        )
    day = timezone.localtime(statement.imported_at).strftime("%-d %b %Y")
    assert (refusal.value.field, refusal.value.message) == (
        "file",
        f"This file was imported already on {day} (statement {statement.pk}); nothing was imported again.",
    )
    with pytest.raises(BillingError) as no_account:
        statement_jobs.statement_import_start(
            office=office, content=_csv(office, 600), filename="konto.csv", by=shared.cast.finance, format="csv",
            account=" ", currency="USD", mapping=MAPPING,
        )  # fmt: skip
    assert (no_account.value.field, no_account.value.message) == (
        "account",
        "Name the bank account (its IBAN or number, at most 64 characters).",
    )
    assert list(BackgroundJob.objects.values_list("pk", flat=True)) == [first.pk]


# --- The threshold ---------------------------------------------------------------------------------------
def test_the_threshold_is_500_entries_or_256_kb() -> None:
    assert (statement_jobs.BACKGROUND_ENTRIES, statement_jobs.BACKGROUND_BYTES) == (500, 262_144)
    assert statement_jobs.in_background(size=262_143, entries=499) is False
    assert statement_jobs.in_background(size=262_143, entries=500) is True
    assert statement_jobs.in_background(size=262_144, entries=1) is True


def test_a_camt053_files_entries_are_counted_from_their_tags_prefixed_or_not(
    issued: dict[str, Invoice], office: Office
) -> None:
    content = _large(office, issued)
    assert statement_jobs.entries_in(content, format="camt053") == 1200
    prefixed = content.replace(b"<Ntry>", b"<camt:Ntry >").replace(b"</Ntry>", b"</camt:Ntry>")
    assert statement_jobs.entries_in(prefixed, format="camt053") == 1200
    assert statement_jobs.entries_in(_csv(office, 7), format="csv") == 7


def test_one_entry_under_the_threshold_is_imported_in_the_request(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    under = statement_jobs.statement_receive(
        office=office, content=_csv(office, 499), filename="a.csv", by=shared.cast.finance, format="csv",
        account="CH93-0076", currency="USD", mapping=MAPPING,
    )  # fmt: skip
    assert isinstance(under, reconciliation.ImportResult)
    assert (under.statement.line_count, BackgroundJob.objects.count()) == (499, 0)
    at = statement_jobs.statement_receive(
        office=office, content=_csv(office, 500).replace(b"C-", b"K-"), filename="b.csv", by=shared.cast.finance,
        format="csv", account="CH93-0076", currency="USD", mapping=MAPPING,
    )  # fmt: skip
    assert isinstance(at, BackgroundJob)
    assert Statement.objects.get(pk=at.result["statement"]).line_count == 500


def test_one_byte_under_the_threshold_is_imported_in_the_request(
    shared: Any, issued: dict[str, Invoice], office: Office
) -> None:
    content = _large(office, issued, count=300)
    assert len(content) < statement_jobs.BACKGROUND_BYTES - 1
    # Whitespace after the document's end is still the same well-formed document.
    under = content + b" " * (statement_jobs.BACKGROUND_BYTES - 1 - len(content))
    outcome = statement_jobs.statement_receive(
        office=office, content=under, filename="a.xml", by=shared.cast.finance, format="camt053"
    )
    assert isinstance(outcome, reconciliation.ImportResult) and outcome.statement.line_count == 300
    at = _large(office, issued, count=301)
    at = at.replace(b"L-", b"M-") + b" " * (statement_jobs.BACKGROUND_BYTES - len(at))
    job = statement_jobs.statement_receive(
        office=office, content=at, filename="b.xml", by=shared.cast.finance, format="camt053"
    )
    assert isinstance(job, BackgroundJob)
    job.refresh_from_db()
    assert (job.state, job.summary) == (JobState.SUCCEEDED, f"Statement of {IBAN}: 301 lines imported.")


# --- The page ------------------------------------------------------------------------------------------
def test_the_page_starts_the_job_follows_its_progress_and_links_to_the_statement(
    shared: Any,
    client_for: Any,
    issued: dict[str, Invoice],
    office: Office,
    queued_only: None,
    recorder: type[Recorder],
) -> None:
    browser = client_for(shared.cast.finance)
    upload = SimpleUploadedFile("december.xml", _large(office, issued), content_type="application/xml")
    answer = browser.post("/billing/statements/import/", {"format": "camt053", "file": upload})
    job = BackgroundJob.objects.get()
    assert (answer.status_code, answer["Location"]) == (302, f"/jobs/{job.pk}/")
    page = browser.get(answer["Location"]).content.decode()
    assert "<h1>Importing a bank statement</h1>" in page and "december.xml" in page
    waiting = browser.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert f'hx-get="/jobs/{job.pk}/progress/"' in waiting and "<strong>Waiting to start</strong>" in waiting
    assert Statement.objects.count() == 0
    # The worker takes it; the page polled halfway through the reading sees how far it is.
    seen: list[str] = []
    recorder.midway = (600, lambda: seen.append(browser.get(f"/jobs/{job.pk}/progress/").content.decode()))
    assert jobs.job_run(job_id=job.pk) == JobState.SUCCEEDED
    assert "<strong>Running</strong> · Reading the entries" in seen[0]
    assert '600 of 1200\n    <progress max="1200" value="600">' in seen[0]
    assert f'hx-get="/jobs/{job.pk}/progress/"' in seen[0]
    statement = Statement.objects.get()
    done = browser.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "hx-get" not in done
    assert f"Statement of {IBAN}: 1200 lines imported." in done
    assert f'href="/billing/statements/{statement.pk}/"' in done
    assert browser.get(f"/billing/statements/{statement.pk}/").status_code == 200
    assert BackgroundJob.objects.get().upload is None


def test_a_refused_job_shows_its_sentence_and_the_way_back_on_its_page(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    browser = client_for(shared.cast.finance)
    content = _large(office, issued, euro_at=900)
    upload = SimpleUploadedFile("december.xml", content, content_type="application/xml")
    answer = browser.post("/billing/statements/import/", {"format": "camt053", "file": upload})
    job = BackgroundJob.objects.get()
    assert answer["Location"] == f"/jobs/{job.pk}/"
    page = browser.get(f"/jobs/{job.pk}/progress/").content.decode()
    line = _line_of(content, b'<Amt Ccy="EUR">')
    assert f"Line {line}: the entry is in EUR but the account is kept in USD." in page
    assert 'href="/billing/statements/import/"' in page
    assert _counts() == (0, 0, 0, 0, 0)


def test_a_large_csv_goes_from_its_mapping_to_the_job(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    browser = client_for(shared.cast.finance)
    upload = SimpleUploadedFile("konto.csv", _csv(office, 600), content_type="text/csv")
    answer = browser.post(
        "/billing/statements/import/", {"format": "csv", "file": upload, "account": "CH93-0076", "currency": "USD"}
    )
    assert answer["Location"] == "/billing/statements/import/mapping/"
    chosen = {"date": "Date", "amount": "Amount", "reference": "Reference", "payer": "Payer", "bank_reference": "Id",
              "date_format": "%Y-%m-%d", "decimal_separator": "."}  # fmt: skip
    answer = browser.post("/billing/statements/import/mapping/", chosen)
    job = BackgroundJob.objects.get()
    assert answer["Location"] == f"/jobs/{job.pk}/"
    assert (job.state, job.summary) == (JobState.SUCCEEDED, "Statement of CH93-0076: 600 lines imported.")
    assert Statement.objects.get().lines.count() == 600


def test_the_import_page_says_when_a_file_goes_to_the_background(shared: Any, client_for: Any) -> None:
    page = client_for(shared.cast.finance).get("/billing/statements/import/").content.decode()
    assert "A file of 500 entries or more, or of 256 KB or more, is imported in the background" in page


# --- The API -------------------------------------------------------------------------------------------
def test_the_api_answers_202_with_the_job_to_poll(
    shared: Any, client_for: Any, issued: dict[str, Invoice], office: Office
) -> None:
    api = client_for(shared.cast.finance)
    upload = SimpleUploadedFile("december.xml", _large(office, issued), content_type="application/xml")
    answer = api.post(f"{API}/statements", {"format": "camt053", "file": upload})
    assert answer.status_code == 202, answer.content
    body = answer.json()
    job = BackgroundJob.objects.get()
    statement = Statement.objects.get()
    assert (body["poll_url"], body["page_url"]) == (f"/api/v1/jobs/{job.pk}", f"/jobs/{job.pk}/")
    assert (body["job"]["id"], body["job"]["kind"], body["job"]["state"]) == (
        job.pk,
        "billing.statement_import",
        "succeeded",
    )
    polled = api.get(body["poll_url"]).json()
    assert (polled["state"], polled["done"], polled["total"], polled["summary"]) == (
        "succeeded",
        1200,
        1200,
        f"Statement of {IBAN}: 1200 lines imported.",
    )
    assert polled["result"] == {"statement": statement.pk, "account": IBAN, "lines": 1200, "skipped": []}
    assert len(api.get(f"{API}/statements/{statement.pk}/lines").json()) == 1200
    # Someone else's job is not theirs to follow.
    assert client_for(shared.cast.senior).get(body["poll_url"]).status_code == 404
