"""Importing a specialist's existing client list from Excel (.xlsx) or CSV.

Upload → every row is checked with the same rules as opening a file by hand, nothing saved →
the preview shows each row's problems beside it → save creates every file in one transaction,
or none (unless the person asks to keep only the good rows).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from parure.clients.choices import ImportStatus
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.models import ClientEmail, ClientImport
from parure.clients.services.clients import clean_client_fields, clean_contacts, client_create
from parure.core.models import Staff

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

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


def _heading(text: Any) -> str:
    return "".join(ch for ch in str(text or "").lower() if ch.isalnum())


def _read_rows(filename: str, content: bytes) -> list[list[Any]]:
    if len(content) > MAX_BYTES:
        raise ClientError(
            "The file is larger than 5 MB; split it into smaller files.",
            field="file",
            code=ClientErrorCode.INVALID_FILE,
        )
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise ClientError(
                "This is not an Excel workbook that can be read (.xlsx).",
                field="file",
                code=ClientErrorCode.INVALID_FILE,
            ) from None
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if lower.endswith(".csv"):
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
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
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


def check_row(values: dict[str, Any], *, by: Staff) -> dict[str, list[str]]:
    """The row's problems by field (empty when it can be imported)."""
    errors: dict[str, list[str]] = {}
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


@transaction.atomic
def import_preview(*, filename: str, content: bytes, by: Staff, specialist: Any) -> ClientImport:
    """Read and check an uploaded list; saves the preview only (no client files)."""
    rows = _read_rows(filename, content)
    rows = [row for row in rows if any(str(cell or "").strip() for cell in row)]
    if not rows:
        raise ClientError("The file is empty.", field="file", code=ClientErrorCode.INVALID_FILE)
    columns = [HEADINGS.get(_heading(cell)) for cell in rows[0]]
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
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise ClientError(
            f"The file has {len(body)} rows; import at most {MAX_ROWS} at a time.",
            field="file",
            code=ClientErrorCode.INVALID_FILE,
        )
    seen_emails: dict[str, int] = {}
    known = set(
        ClientEmail.objects.filter(
            address__in=[
                str(row[columns.index("email")] or "").strip().lower()
                for row in body
                if "email" in columns and columns.index("email") < len(row)
            ]
        ).values_list("address", flat=True)
    )
    previews = []
    for index, row in enumerate(body, start=2):
        values: dict[str, Any] = {}
        for column, cell in zip(columns, row, strict=False):
            if column:
                values[column] = cell.isoformat()[:10] if isinstance(cell, date | datetime) else str(cell or "").strip()
        errors = check_row(values, by=by)
        warnings = []
        email = values.get("email", "").lower()
        if email:
            if email in seen_emails:
                errors.setdefault("email", []).append(f"The same e-mail address is on row {seen_emails[email]}.")
            seen_emails.setdefault(email, index)
            if email in known:
                warnings.append("A file with this e-mail address already exists (a likely duplicate).")
        previews.append({"line": index, "values": values, "errors": errors, "warnings": warnings})
    return ClientImport.objects.create(uploaded_by=by, filename=filename[:200], specialist=specialist, rows=previews)


@transaction.atomic
def import_save(*, client_import: ClientImport, by: Staff, keep_good_rows: bool = False) -> int:
    """Create a file for every row, or for none: refused while any row has problems, unless
    ``keep_good_rows`` (then the rows with problems are left out). Returns how many were made."""
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
    if client_import.status != ImportStatus.PREVIEWED:
        raise ClientError("This import has already been saved or discarded.", code=ClientErrorCode.IMPORT_CLOSED)
    client_import.status = ImportStatus.DISCARDED
    client_import.rows = []
    client_import.save(update_fields=["status", "rows"])
