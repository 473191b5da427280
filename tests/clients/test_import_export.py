"""Import with preview and all-or-nothing save; export as its own permission, always logged."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from openpyxl import Workbook, load_workbook

from parure.clients.errors import ClientError
from parure.clients.models import Client, ClientImport
from parure.clients.services.imports import import_preview, import_save
from parure.core.models import AccessLogEntry
from tests.clients.conftest import Book
from tests.guards import unchanged

GOOD_AND_BAD = (
    "Name,E-mail,Phone,Country,Tags\n"
    'Grace Hopper,grace@example.com,+1 212 555 0101,US,"Trade; Pearls"\n'
    "Alan Turing,alan@,+44 20 7946 0003,GB,\n"
    ",nobody@example.com,,,\n"
    "Marie Curie,marie@example.fr,01 42 68 53 00,FR,\n"
)


def test_the_preview_checks_every_row_and_saves_no_file(cast: Any) -> None:
    preview = import_preview(filename="book.csv", content=GOOD_AND_BAD.encode(), by=cast.senior, specialist=cast.senior)
    assert [row["line"] for row in preview.rows] == [2, 3, 4, 5]
    assert preview.rows[0]["errors"] == {}
    assert preview.rows[1]["errors"] == {
        "email": ["This e-mail address is not valid; it should look like name@example.com."]
    }
    assert preview.rows[2]["errors"] == {"display_name": [
        "Give the client's name: a display name, or given and family names (or the organisation's name)."
    ]}  # fmt: skip
    assert preview.rows[3]["errors"] == {}  # a French number read in France
    assert Client.objects.count() == 0


def test_saving_is_all_or_nothing(cast: Any) -> None:
    preview = import_preview(filename="book.csv", content=GOOD_AND_BAD.encode(), by=cast.senior, specialist=cast.senior)
    with unchanged(), pytest.raises(ClientError) as refusal:
        import_save(client_import=preview, by=cast.senior)
    assert refusal.value.message == (
        "2 row(s) have problems (rows 3, 4); correct the file and upload it again, or choose to import only the good rows."
    )
    assert Client.objects.count() == 0


def test_keeping_the_good_rows_when_asked(cast: Any) -> None:
    preview = import_preview(
        filename="book.csv", content=GOOD_AND_BAD.encode(), by=cast.senior, specialist=cast["harriet"]
    )
    assert import_save(client_import=preview, by=cast.senior, keep_good_rows=True) == 2
    grace = Client.objects.get(display_name="Grace Hopper")
    assert [p.e164 for p in grace.phones.all()] == ["+12125550101"]
    assert sorted(t.name for t in grace.tags.all()) == ["Pearls", "Trade"]
    assert list(grace.specialists.all()) == [cast["harriet"]]
    preview.refresh_from_db()
    assert preview.status == "saved" and preview.created_count == 2 and preview.rows == []
    with unchanged(), pytest.raises(ClientError) as refusal:
        import_save(client_import=preview, by=cast.senior)
    assert refusal.value.message == "This import has already been saved or discarded."


def test_excel_files_are_read_too(cast: Any) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["First name", "Surname", "Email", "Birthday"])
    sheet.append(["Ada", "Lovelace", "ada@example.com", "1815-12-10"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = import_preview(filename="list.xlsx", content=buffer.getvalue(), by=cast.senior, specialist=cast.senior)
    assert preview.rows[0]["values"]["given_name"] == "Ada" and preview.rows[0]["errors"] == {}
    import_save(client_import=preview, by=cast.senior)
    assert Client.objects.get().display_name == "Ada Lovelace"


def test_duplicate_e_mails_in_the_file_and_in_the_book_are_pointed_out(book: Book, cast: Any) -> None:
    content = b"Name,E-mail\nA One,same@example.com\nA Two,same@example.com\nAda,ada@example.com\n"
    preview = import_preview(filename="x.csv", content=content, by=cast.senior, specialist=cast.senior)
    assert preview.rows[1]["errors"] == {"email": ["The same e-mail address is on row 2."]}
    assert preview.rows[2]["warnings"] == ["A file with this e-mail address already exists (a likely duplicate)."]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("list.pdf", b"%PDF", "Upload an Excel (.xlsx) or CSV (.csv) file."),
        ("list.csv", b"", "The file is empty."),
        ("list.csv", b"Colour,Size\nred,6\n", "The first row must name the columns (Name, Given name, Family name, E-mail, Phone, Country…)."),
        ("list.xlsx", b"not a workbook", "This is not an Excel workbook that can be read (.xlsx)."),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused(cast: Any, filename: str, content: bytes, message: str) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        import_preview(filename=filename, content=content, by=cast.senior, specialist=cast.senior)
    assert refusal.value.message == message
    assert ClientImport.objects.count() == 0


def test_the_import_pages_preview_then_save(cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = client_for(cast.assistant)
    upload = SimpleUploadedFile("book.csv", GOOD_AND_BAD.encode(), content_type="text/csv")
    response = browser.post("/clients/import/", {"file": upload, "specialist": cast.senior.pk})
    assert response.status_code == 302
    preview_page = browser.get(response["Location"]).content.decode()
    assert "2 rows have problems" in preview_page and "alan@" in preview_page
    refused = browser.post(response["Location"], {}, follow=True).content.decode()
    assert "2 row(s) have problems" in refused and Client.objects.count() == 0
    browser.post(response["Location"], {"keep_good_rows": "1"})
    assert Client.objects.count() == 2


def grant_export(staff: Any) -> None:
    staff.user_permissions.add(Permission.objects.get(codename="export_clients", content_type__app_label="core"))


def test_export_needs_its_own_grant_and_is_logged(book: Book, cast: Any, client_for: Any) -> None:
    assert client_for(cast.senior).get("/clients/export/").status_code == 403
    grant_export(cast.senior)
    response = client_for(cast.senior).get("/clients/export/")
    assert response.status_code == 200 and response["Content-Disposition"] == 'attachment; filename="clients.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["number", "kind", "name", "email"]
    assert {r[2] for r in rows[1:]} == {"Ada Lovelace", "Béatrice Château-Renaud", "Henri Dupont"}
    entry = AccessLogEntry.objects.get(subject_kind="export:clients")
    assert (entry.action, entry.staff, entry.subject_ref) == ("export", cast.senior, "3 files")


def test_an_assistant_s_export_holds_only_their_files_and_hides_confidential_identity(
    book: Book, cast: Any, client_for: Any
) -> None:
    grant_export(cast.assistant)
    response = client_for(cast.assistant).get("/clients/export/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)][1:]
    by_number = {r[0]: r for r in rows}
    assert set(by_number) == {book.ada.number, book.beatrice.number}
    confidential = by_number[book.beatrice.number]
    assert confidential[2] == f"Client {book.beatrice.number}" and confidential[3] in ("", None)
    assert "Sells through an agent" not in response.content.decode("latin-1")
    assert AccessLogEntry.objects.filter(subject_kind="export:clients", staff=cast.assistant).count() == 1


def test_the_export_api_is_logged_too(book: Book, cast: Any, client_for: Any) -> None:
    grant_export(cast.auditor)
    response = client_for(cast.auditor).get("/api/v1/clients/export")
    assert response.status_code == 200 and len(response.json()) == 3
    assert AccessLogEntry.objects.filter(subject_kind="export:clients", staff=cast.auditor).count() == 1
