"""A large bank statement imported as a background job, with its progress on the job's page.

A file under :data:`BACKGROUND_ENTRIES` entries and under :data:`BACKGROUND_BYTES` is imported in the
request, as it always was; a larger one (up to the readers' 10 MB and 20,000 entries) is handed to the
worker as a job of kind :data:`JOB_KIND` (core's ``jobs``, registered from the app's hooks). The job runs
the same ``reconciliation.statement_import``, all or nothing: its refusal is the job's, the sentence
naming the line, and nothing is saved. Core deletes the stored upload when the job ends, whatever the
outcome. :func:`statement_receive` chooses between the two, for the pages and the API alike.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from parure.billing.choices import StatementFormat
from parure.billing.errors import BillingError, BillingErrorCode
from parure.billing.services import reconciliation
from parure.billing.statements import (
    CsvMapping,
    StatementRefused,
    camt053_entry_count,
    check_csv_account,
    check_mapping,
    read_csv_sheet,
)
from parure.core import jobs
from parure.core.models import BackgroundJob, Office, Staff

JOB_KIND = "billing.statement_import"
# A statement of this many entries or more, or of this many bytes or more, goes to a background job; one
# entry or one byte fewer is read in the request (a few seconds at most).
BACKGROUND_ENTRIES = 500
BACKGROUND_BYTES = 256 * 1024
# The skipped bank references kept in the job's result (the summary names the first five).
RESULT_SKIPPED_MAX = 200


def in_background(*, size: int, entries: int) -> bool:
    """Whether a file of ``size`` bytes and ``entries`` entries is imported by a background job."""
    return size >= BACKGROUND_BYTES or entries >= BACKGROUND_ENTRIES


def entries_in(content: bytes, *, format: str) -> int:
    """How many entries the file holds, as far as choosing where to read it goes."""
    if format == StatementFormat.CSV:
        return len(read_csv_sheet(content).rows)
    return camt053_entry_count(content)


def statement_receive(
    *,
    office: Office,
    content: bytes,
    filename: str,
    by: Staff,
    format: str,
    account: str = "",
    currency: str = "",
    mapping: CsvMapping | None = None,
    entries: int | None = None,
) -> reconciliation.ImportResult | BackgroundJob:
    """Import a small statement now (its result), or start the job for a large one (the job).

    ``entries`` is the CSV's row count when the caller has read its sheet already; otherwise it is
    counted here.
    """
    if format not in StatementFormat.values:
        raise BillingError("Choose the file's format: CAMT.053 or CSV.", field="format", code=BillingErrorCode.INVALID)
    count = entries if entries is not None else entries_in(content, format=format)
    if not in_background(size=len(content), entries=count):
        return reconciliation.statement_import(
            office=office, content=content, filename=filename, by=by, format=format, account=account,
            currency=currency, mapping=mapping,
        )  # fmt: skip
    return statement_import_start(
        office=office, content=content, filename=filename, by=by, format=format, account=account,
        currency=currency, mapping=mapping,
    )  # fmt: skip


def statement_import_start(
    *,
    office: Office,
    content: bytes,
    filename: str,
    by: Staff,
    format: str,
    account: str = "",
    currency: str = "",
    mapping: CsvMapping | None = None,
) -> BackgroundJob:
    """Hand the import to the worker (at once in tests); the person follows the job's page.

    What can be told without reading the entries is refused here, before any job: the format, a file
    imported already, a CSV without its account or mapping.
    """
    if format not in StatementFormat.values:
        raise BillingError("Choose the file's format: CAMT.053 or CSV.", field="format", code=BillingErrorCode.INVALID)
    reconciliation.refuse_same_file(office, reconciliation.digest_of(content))
    params: dict[str, Any] = {"office": office.pk, "format": format, "back_url": reverse("billing:statement_import")}
    if format == StatementFormat.CSV:
        if mapping is None:
            raise StatementRefused("Map the file's columns first.", field="mapping")
        account, currency = check_csv_account(account, currency)
        check_mapping(read_csv_sheet(content).header, mapping)
        params |= {
            "account": account,
            "currency": currency,
            "mapping": {
                "columns": {key: str(value) for key, value in mapping.columns.items() if value},
                "date_format": mapping.date_format,
                "decimal_separator": mapping.decimal_separator,
            },
        }
    return jobs.job_start(kind=JOB_KIND, by=by, params=params, filename=filename, upload=content)


def _run(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    params: dict[str, Any] = job.params
    remembered = params.get("mapping")
    mapping = (
        CsvMapping(
            columns=dict(remembered["columns"]),
            date_format=str(remembered["date_format"]),
            decimal_separator=str(remembered["decimal_separator"]),
        )
        if remembered
        else None
    )
    result = reconciliation.statement_import(
        office=Office.objects.get(pk=params["office"]),
        content=jobs.job_upload(job),
        filename=job.filename,
        by=job.started_by,
        format=str(params["format"]),
        account=str(params.get("account", "")),
        currency=str(params.get("currency", "")),
        mapping=mapping,
        progress=progress,
    )
    statement = result.statement
    return jobs.JobOutcome(
        summary=result.summary,
        result_url=reverse("billing:statement", kwargs={"statement_id": statement.pk}),
        result={
            "statement": statement.pk,
            "account": statement.account,
            "lines": statement.line_count,
            "skipped": result.skipped[:RESULT_SKIPPED_MAX],
        },
    )


def register() -> None:
    jobs.register(jobs.JobKind(JOB_KIND, "Importing a bank statement", _run))
