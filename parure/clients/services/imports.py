"""Importing a specialist's existing client list from Excel (.xlsx), CSV or the API's rows.

Upload → every row is checked with the same rules as opening a file by hand, nothing saved →
the preview shows each row's problems beside it → save creates every file in one transaction,
or none (unless the person asks to keep only the good rows). The page and the API go through
the same two services, :func:`import_preview` and :func:`import_save`; large lists run as
background jobs (``parure.clients.jobs``) that report their progress.

Bounds: the upload is refused from its size before it is read (:data:`MAX_BYTES`), and the rows
are counted while they are read, so a small file that unpacks to a million rows is refused at
:data:`ROW_LIMIT` + 1 without reading the rest.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from parure.clients.choices import ImportStatus
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.models import Client, ClientEmail, ClientImport
from parure.clients.services.clients import clean_client_fields, clean_contacts, client_create
from parure.clients.services.duplicates import (
    HIDDEN_DUPLICATE,
    duplicate_answer,
    duplicate_question_route,
    import_row_file,
)
from parure.clients.visibility import Viewer
from parure.core.jobs import Progress, no_progress
from parure.core.models import Staff
from parure.core.text import unstorable
from parure.core.uploads import too_large_message

# The largest file accepted, checked from its size before it is read.
MAX_BYTES = 5 * 1024 * 1024
# The most rows one list may hold, counted while reading (5 MB of CSV is about 50,000 rows).
ROW_LIMIT = 100_000
# Above these, the page and the API hand the work to the task worker and show its progress.
BACKGROUND_FROM_BYTES = 32 * 1024
BACKGROUND_FROM_ROWS = 500

# Column headings people use → our field names (case and spaces ignored).
HEADINGS = {
    "name": "display_name",
    "displayname": "display_name",
    "fullname": "display_name",
    "kind": "kind",
    "type": "kind",
    "title": "title",
    "givenname": "given_name",
    "firstname": "given_name",
    "forename": "given_name",
    "familyname": "family_name",
    "lastname": "family_name",
    "surname": "family_name",
    "organisation": "organisation_name",
    "organization": "organisation_name",
    "company": "organisation_name",
    "email": "email",
    "emailaddress": "email",
    "phone": "phone",
    "telephone": "phone",
    "mobile": "phone",
    "country": "country",
    "language": "preferred_language",
    "tags": "tags",
    "birthday": "birthday",
    "note": "private_note",
    "notes": "private_note",
}
FIELDS = sorted(set(HEADINGS.values()))
NOT_TEXT = "This row holds characters that are not text (a NUL or a broken character); correct it in the file."
DUPLICATE_IN_BOOK = "A file with this e-mail address already exists (a likely duplicate): {files}."


def _heading(text: Any) -> str:
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


def _too_many_rows() -> ClientError:
    return ClientError(
        f"The list has more than {ROW_LIMIT:,} rows; split it into smaller files.",
        field="file",
        code=ClientErrorCode.INVALID_FILE,
    )


def _bounded(rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """The rows, refused as soon as one more than the heading and :data:`ROW_LIMIT` is read."""
    for count, row in enumerate(rows, start=1):
        if count > ROW_LIMIT + 1:
            raise _too_many_rows()
        yield row


def _xlsx_rows(content: bytes) -> tuple[Iterator[list[Any]], int]:
    from openpyxl import load_workbook

    try:
        # read_only streams the sheet: rows are parsed as they are asked for, never all at once.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ClientError(
            "This is not an Excel workbook that can be read (.xlsx).", field="file", code=ClientErrorCode.INVALID_FILE
        ) from None

    def rows() -> Iterator[list[Any]]:
        try:
            for row in sheet.iter_rows(values_only=True):
                yield list(row)
        except ClientError:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet fails part-way in many ways
            raise ClientError(
                "This is not an Excel workbook that can be read (.xlsx).",
                field="file",
                code=ClientErrorCode.INVALID_FILE,
            ) from None
        finally:
            book.close()

    estimate = sheet.max_row if isinstance(sheet.max_row, int) else 0
    return rows(), min(max(estimate - 1, 0), ROW_LIMIT)


def _csv_rows(content: bytes) -> tuple[Iterator[list[Any]], int]:
    if b"\x00" in content:
        raise ClientError(
            "This is not a CSV file that can be read; save the list as CSV (UTF-8).",
            field="file",
            code=ClientErrorCode.INVALID_FILE,
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ClientError(
            "Save the CSV file as UTF-8 and upload it again.", field="file", code=ClientErrorCode.INVALID_FILE
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel

    def rows() -> Iterator[list[Any]]:
        try:
            yield from (list(row) for row in csv.reader(io.StringIO(text), dialect))
        except csv.Error:
            raise ClientError(
                "This CSV file cannot be read (a quote left open or a line too long); save it again as CSV.",
                field="file",
                code=ClientErrorCode.INVALID_FILE,
            ) from None

    return rows(), min(text.count("\n"), ROW_LIMIT)


def _api_rows(content: bytes) -> tuple[Iterator[list[Any]], int]:
    """The API's rows (a JSON list of objects, heading → value) as a table with a heading row."""
    records = json.loads(content)
    headings: dict[str, None] = {}
    for record in records:
        headings.update(dict.fromkeys(record))

    def rows() -> Iterator[list[Any]]:
        yield list(headings)
        for record in records:
            yield [record.get(heading, "") for heading in headings]

    return rows(), len(records)


def api_rows_content(rows: list[dict[str, str]]) -> bytes:
    """The API's rows as the content :func:`import_preview` reads (file name :data:`API_FILENAME`)."""
    # ASCII escapes keep a lone surrogate encodable; the row check then refuses it as not text.
    return json.dumps(rows).encode()


API_FILENAME = "api-rows.json"


def _read_table(filename: str, content: bytes) -> tuple[Iterator[list[Any]], int]:
    """The rows of the list (heading row first) and an estimate of how many there are."""
    if len(content) > MAX_BYTES:
        raise ClientError(too_large_message(MAX_BYTES), field="file", code=ClientErrorCode.INVALID_FILE)
    lower = filename.lower()
    if filename == API_FILENAME:
        return _api_rows(content)
    if lower.endswith(".xlsx"):
        return _xlsx_rows(content)
    if lower.endswith(".csv"):
        return _csv_rows(content)
    raise ClientError("Upload an Excel (.xlsx) or CSV (.csv) file.", field="file", code=ClientErrorCode.INVALID_FILE)


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ClientError(
            "Write dates as YYYY-MM-DD, e.g. 1961-04-23.", field="birthday", code=ClientErrorCode.INVALID_DATE
        ) from None


def _scrubbed(value: str) -> str:
    """The text with NULs and lone surrogates replaced, so the preview can store and show it."""
    return value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")


def check_row(values: dict[str, Any], *, by: Staff) -> dict[str, list[str]]:
    """The row's problems by field (empty when it can be imported)."""
    errors: dict[str, list[str]] = {}
    if any(unstorable(str(value)) for value in values.values()):
        return {"row": [NOT_TEXT]}
    try:
        birthday = _as_date(values.get("birthday"))
        fields = clean_client_fields(
            {k: values.get(k, "") for k in FIELDS if k not in ("email", "phone", "tags", "birthday")}
            | {"birthday": birthday}
        )
    except ClientError as error:
        errors.setdefault(error.field or "row", []).append(error.message)
        return errors
    try:
        clean_contacts(
            emails=[values.get("email", "")], phones=[values.get("phone", "")], country=fields.country, by=by
        )
    except ClientError as error:
        errors.setdefault(error.field or "row", []).append(error.message)
    return errors


def _cell(cell: Any) -> str:
    if isinstance(cell, date | datetime):
        return cell.isoformat()[:10]
    return str(cell if cell is not None else "").strip()


def _files_by_email(addresses: list[str]) -> dict[str, list[Client]]:
    """The files already in the book holding these addresses, asked in batches (databases bound
    a query's parameters), with the specialists that decide who may see them."""
    found: dict[str, list[Client]] = {}
    for start in range(0, len(addresses), 1000):
        batch = addresses[start : start + 1000]
        rows = (
            ClientEmail.objects.filter(
                address__in=batch, client__merged_into__isnull=True, client__erased_at__isnull=True
            )
            .select_related("client")
            .prefetch_related("client__specialists")
            .order_by("client__display_name", "client_id")
        )
        for row in rows:
            found.setdefault(row.address.lower(), []).append(row.client)
    return found


def _warn_of_duplicates(previews: list[dict[str, Any]], known: dict[str, list[Client]], *, by: Staff) -> None:
    """Each row's warning about files with its e-mail, as ``by`` may be told of them; the files
    ``by`` may not see are routed to their specialists (in the caller's transaction)."""
    viewer = Viewer(by)
    for preview in previews:
        candidates = known.get(preview["values"].get("email", "").lower(), [])
        if not candidates:
            continue
        answer, hidden = duplicate_answer(viewer, candidates)
        if answer.shown:
            preview["warnings"].append(DUPLICATE_IN_BOOK.format(files=", ".join(s.text for s in answer.shown)))
        if hidden:
            preview["warnings"].append(HIDDEN_DUPLICATE)
            duplicate_question_route(hidden=hidden, typed=import_row_file(preview["values"]), by=by)


def import_preview(
    *, filename: str, content: bytes, by: Staff, specialist: Staff, progress: Progress | None = None
) -> ClientImport:
    """Read and check an uploaded list; saves the preview only (no client files).

    Refused, with nothing stored, when the file cannot be read, names no columns, has no name
    column, or holds more than :data:`ROW_LIMIT` rows.
    """
    progress = progress or no_progress()
    table, estimate = _read_table(filename, content)
    rows = (row for row in _bounded(table) if any(str(cell if cell is not None else "").strip() for cell in row))
    heading_row = next(rows, None)
    if heading_row is None:
        raise ClientError("The file is empty.", field="file", code=ClientErrorCode.INVALID_FILE)
    columns = [HEADINGS.get(_heading(cell)) for cell in heading_row]
    if not any(columns):
        raise ClientError(
            "The first row must name the columns (Name, Given name, Family name, E-mail, Phone, Country…).",
            field="file",
            code=ClientErrorCode.INVALID_FILE,
        )
    if (
        "display_name" not in columns
        and not {"given_name", "family_name"} & set(columns)
        and ("organisation_name" not in columns)
    ):
        raise ClientError(
            "The list needs a Name column (or Given name and Family name).",
            field="file",
            code=ClientErrorCode.INVALID_FILE,
        )
    progress(0, estimate, stage="Reading and checking the rows")
    seen_emails: dict[str, int] = {}
    previews: list[dict[str, Any]] = []
    for count, row in enumerate(rows, start=1):
        line = len(previews) + 2
        values = {column: _cell(cell) for column, cell in zip(columns, row, strict=False) if column}
        errors = check_row(values, by=by)
        if "row" in errors:  # not text: kept only in a form the database can hold
            values = {column: _scrubbed(value) for column, value in values.items()}
        email = values.get("email", "").lower()
        if email and "row" not in errors:
            if email in seen_emails:
                errors.setdefault("email", []).append(f"The same e-mail address is on row {seen_emails[email]}.")
            seen_emails.setdefault(email, line)
        previews.append({"line": line, "values": values, "errors": errors, "warnings": []})
        progress(count)
    progress(len(previews), len(previews), stage="Looking for files already in the book")
    known = _files_by_email(list(seen_emails))
    with transaction.atomic():
        _warn_of_duplicates(previews, known, by=by)
        return ClientImport.objects.create(
            uploaded_by=by, filename=filename[:200], specialist=specialist, rows=previews
        )


def import_save(
    *, client_import: ClientImport, by: Staff, keep_good_rows: bool = False, progress: Progress | None = None
) -> int:
    """Create a file for every row, or for none: refused while any row has problems, unless
    ``keep_good_rows`` (then the rows with problems are left out). Returns how many were made.

    One transaction: a row refused while saving refuses them all, and nothing is kept.
    """
    progress = progress or no_progress()
    progress(0, sum(1 for row in client_import.rows if not row["errors"]), stage="Opening the client files")
    return _save(client_import=client_import, by=by, keep_good_rows=keep_good_rows)


@transaction.atomic
def _save(*, client_import: ClientImport, by: Staff, keep_good_rows: bool) -> int:
    client_import = ClientImport.objects.select_for_update().get(pk=client_import.pk)
    if client_import.status != ImportStatus.PREVIEWED:
        raise ClientError("This import has already been saved or discarded.", code=ClientErrorCode.IMPORT_CLOSED)
    bad = [row["line"] for row in client_import.rows if row["errors"]]
    if bad and not keep_good_rows:
        lines = ", ".join(str(line) for line in bad[:10]) + ("…" if len(bad) > 10 else "")
        raise ClientError(
            f"{len(bad)} row(s) have problems (rows {lines}); correct the file and upload it again, "
            "or choose to import only the good rows.",
            code=ClientErrorCode.IMPORT_HAS_ERRORS,
        )
    made = 0
    for row in client_import.rows:
        if row["errors"]:
            continue
        values = dict(row["values"])
        tags = [t for t in values.pop("tags", "").replace(",", ";").split(";") if t.strip()]
        phone = values.pop("phone", "")
        birthday = _as_date(values.pop("birthday", ""))
        try:
            client_create(
                display_name=values.pop("display_name", ""),
                phones=[phone] if phone else [],
                tags=tags,
                by=by,
                specialists=[client_import.specialist],
                birthday=birthday,
                **values,
            )
        except ClientError as error:
            raise ClientError(f"Row {row['line']}: {error.message}", field=error.field, code=error.code) from None
        made += 1
    client_import.status, client_import.saved_at, client_import.created_count = (
        ImportStatus.SAVED,
        timezone.now(),
        made,
    )
    client_import.rows = []  # the files now hold the data; the upload's copy goes
    client_import.save()
    return made


@transaction.atomic
def import_discard(*, client_import: ClientImport, by: Staff) -> None:
    """Close a preview without saving; the rows it held (personal data) are deleted."""
    client_import = ClientImport.objects.select_for_update().get(pk=client_import.pk)
    if client_import.status != ImportStatus.PREVIEWED:
        raise ClientError("This import has already been saved or discarded.", code=ClientErrorCode.IMPORT_CLOSED)
    client_import.status = ImportStatus.DISCARDED
    client_import.rows = []
    client_import.save(update_fields=["status", "rows"])


def import_outcome(client_import: ClientImport) -> list[dict[str, Any]]:
    """Each row's line, problems and warnings: what the API answers (no personal data)."""
    return [{"line": row["line"], "errors": row["errors"], "warnings": row["warnings"]} for row in client_import.rows]


def import_clients(
    *,
    filename: str,
    content: bytes,
    by: Staff,
    specialist: Staff,
    keep_good_rows: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Check and save a list in one go (the API): each row's outcome and how many files were made.

    A dry run, or a refused save, leaves no copy of the rows behind: the preview is discarded.
    """
    preview = import_preview(filename=filename, content=content, by=by, specialist=specialist, progress=progress)
    outcome = import_outcome(preview)
    if dry_run:
        import_discard(client_import=preview, by=by)
        return outcome, 0
    try:
        made = import_save(client_import=preview, by=by, keep_good_rows=keep_good_rows, progress=progress)
    except ClientError:
        import_discard(client_import=preview, by=by)
        raise
    return outcome, made
