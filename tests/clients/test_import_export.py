"""Import with preview and all-or-nothing save; export as its own permission, always logged."""

from __future__ import annotations

import csv
import io
import json
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
    assert preview.rows[2]["warnings"] == [
        f"A file with this e-mail address already exists (a likely duplicate): Lady Ada Lovelace ({book.ada.number})."
    ]


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
    assert {r[2] for r in rows[1:]} == {"Lady Ada Lovelace", "Béatrice Château-Renaud", "Henri Dupont"}
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


# --- One import for the page and the API; bounds; background work; safe exports ----------------

SAME_FILE = (
    "Name,E-mail,Phone,Country\n"
    "Grace Hopper,grace@example.com,+1 212 555 0101,US\n"
    "Ada Again,ada@example.com,,GB\n"
    "Alan Turing,alan@,,GB\n"
    "Grace Twin,grace@example.com,,US\n"
)


def same_file_rows(book: Book) -> list[dict[str, Any]]:
    """What the page and the API answer for :data:`SAME_FILE`, imported by Eleanor (who sees Ada)."""
    return [
    {"line": 2, "errors": {}, "warnings": []},
    {"line": 3, "errors": {}, "warnings": [
        f"A file with this e-mail address already exists (a likely duplicate): Lady Ada Lovelace ({book.ada.number})."]},
    {"line": 4, "errors": {"email": ["This e-mail address is not valid; it should look like name@example.com."]},
     "warnings": []},
    {"line": 5, "errors": {"email": ["The same e-mail address is on row 2."]}, "warnings": []},
    ]  # fmt: skip


SAME_FILE_CLIENTS = [
    ("Ada Again", "ada@example.com", [], "GB", ["eleanor"]),
    ("Grace Hopper", "grace@example.com", ["+12125550101"], "US", ["eleanor"]),
]


def _imported(book: Book) -> list[tuple[Any, ...]]:
    """The files an import opened (the book's own three left out), in a comparable form."""
    made = Client.objects.exclude(pk__in=[book.ada.pk, book.beatrice.pk, book.henri.pk]).order_by("display_name")
    return [
        (
            c.display_name,
            c.email,
            [p.e164 for p in c.phones.all()],
            c.country,
            [s.username for s in c.specialists.all()],
        )
        for c in made
    ]


def _no_personal_data_left() -> None:
    from parure.core.models import BackgroundJob

    assert [row.rows for row in ClientImport.objects.all() if row.rows] == []
    assert BackgroundJob.objects.exclude(upload=None).count() == 0


def test_the_page_imports_a_file_with_its_warnings(book: Book, cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = client_for(cast.senior)
    upload = SimpleUploadedFile("same.csv", SAME_FILE.encode(), content_type="text/csv")
    response = browser.post("/clients/import/", {"file": upload, "specialist": cast.senior.pk})
    preview = ClientImport.objects.get()
    assert response["Location"] == f"/clients/import/{preview.pk}/"
    assert [{k: row[k] for k in ("line", "errors", "warnings")} for row in preview.rows] == same_file_rows(book)
    browser.post(response["Location"], {"keep_good_rows": "1"})
    assert _imported(book) == SAME_FILE_CLIENTS
    _no_personal_data_left()


def test_the_api_imports_the_same_file_with_the_same_result(book: Book, cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("same.csv", SAME_FILE.encode(), content_type="text/csv")
    response = client_for(cast.senior).post(
        "/api/v1/clients/imports/file", {"file": upload, "dry_run": "false", "keep_good_rows": "true"}
    )
    assert response.status_code == 200
    assert response.json() == {"rows": same_file_rows(book), "created": 2}
    assert _imported(book) == SAME_FILE_CLIENTS
    _no_personal_data_left()


def test_the_api_s_rows_go_through_the_same_checks(book: Book, cast: Any, client_for: Any) -> None:
    heading, *lines = list(csv.reader(io.StringIO(SAME_FILE)))
    rows = [dict(zip(heading, line, strict=True)) for line in lines]
    response = client_for(cast.senior).post(
        "/api/v1/clients/imports", {"rows": rows, "dry_run": False, "keep_good_rows": True},
        content_type="application/json",
    )  # fmt: skip
    assert response.json() == {"rows": same_file_rows(book), "created": 2}
    assert _imported(book) == SAME_FILE_CLIENTS


def test_a_refused_api_import_leaves_no_client_and_no_copy_of_the_rows(cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("same.csv", SAME_FILE.encode(), content_type="text/csv")
    response = client_for(cast.senior).post("/api/v1/clients/imports/file", {"file": upload, "dry_run": "false"})
    assert (response.status_code, response.json()["code"], response.json()["message"]) == (
        422, "import_has_errors",
        "2 row(s) have problems (rows 4, 5); correct the file and upload it again, or choose to import only the "
        "good rows.",
    )  # fmt: skip
    assert Client.objects.count() == 0
    assert list(ClientImport.objects.values_list("status", "rows")) == [("discarded", [])]
    _no_personal_data_left()


def _long_list(count: int, *, bad_last: bool = False) -> bytes:
    lines = ["Name,E-mail,Notes"] + [
        f"Client {n:04d},c{n:04d}@example.com,Prefers Georgian paste and foiled backs; call after ten; ring size N."
        for n in range(count)
    ]
    if bad_last:
        lines.append("No Address,not-an-address,")
    return ("\n".join(lines) + "\n").encode()


def test_a_long_list_is_checked_and_saved_in_the_background_and_its_progress_reaches_the_total(
    cast: Any, client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parure.clients.services import imports
    from parure.core.models import BackgroundJob

    content = _long_list(600)
    assert len(content) > imports.BACKGROUND_FROM_BYTES
    browser = client_for(cast.senior)
    upload = SimpleUploadedFile("long.csv", content, content_type="text/csv")
    response = browser.post("/clients/import/", {"file": upload, "specialist": cast.senior.pk})
    check = BackgroundJob.objects.get()
    assert response["Location"] == f"/jobs/{check.pk}/"
    assert (check.kind, check.state, check.done, check.total, check.upload) == (
        "clients.import_preview", "succeeded", 600, 600, None,
    )  # fmt: skip
    preview = ClientImport.objects.get()
    assert check.summary == "600 rows checked; every row can be imported."
    assert check.result_url == f"/clients/import/{preview.pk}/"
    job_page = browser.get(response["Location"]).content.decode()
    assert "600 rows checked; every row can be imported." in job_page
    assert f'href="/clients/import/{preview.pk}/"' in job_page and "hx-trigger" not in job_page

    saved = browser.post(f"/clients/import/{preview.pk}/", {})
    save = BackgroundJob.objects.exclude(pk=check.pk).get()
    assert saved["Location"] == f"/jobs/{save.pk}/"
    assert (save.kind, save.state, save.done, save.total, save.summary) == (
        "clients.import_save", "succeeded", 600, 600, "600 client files opened.",
    )  # fmt: skip
    assert Client.objects.count() == 600
    _no_personal_data_left()


def test_a_long_list_refused_in_the_background_leaves_nothing_behind(cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parure.core.models import BackgroundJob

    upload = SimpleUploadedFile("long.csv", _long_list(600, bad_last=True), content_type="text/csv")
    response = client_for(cast.senior).post("/api/v1/clients/imports/file", {"file": upload, "dry_run": "false"})
    job = BackgroundJob.objects.get()
    assert response.status_code == 202 and response.json()["id"] == job.pk
    assert (job.kind, job.state, job.summary) == (
        "clients.import", "failed",
        "1 row(s) have problems (rows 602); correct the file and upload it again, or choose to import only the "
        "good rows.",
    )  # fmt: skip
    followed = client_for(cast.senior).get(f"/api/v1/jobs/{job.pk}").json()
    assert (followed["state"], followed["summary"]) == ("failed", job.summary)
    assert client_for(cast.assistant).get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert Client.objects.count() == 0
    _no_personal_data_left()


TOO_LARGE = "The file is larger than 5 MB; split it into smaller files."


@pytest.mark.parametrize("megabytes", [30, 6])
def test_a_file_over_the_limit_is_refused_before_it_is_read(
    cast: Any, client_for: Any, monkeypatch: Any, megabytes: int
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
    from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler

    from parure.core.models import BackgroundJob

    content = b"Name,E-mail\n" + b"x" * (megabytes * 1024 * 1024)

    def never(*args: Any) -> None:
        raise AssertionError("the upload was read")

    if megabytes > 10:  # over the site-wide limit: not even stored by Django's upload handlers
        monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", never)
        monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", never)
    else:  # within it: refused from the stored file's size, unread
        monkeypatch.setattr(TemporaryUploadedFile, "read", property(lambda upload: never))
    browser = client_for(cast.senior)
    page = browser.post(
        "/clients/import/", {"file": SimpleUploadedFile("big.csv", content), "specialist": cast.senior.pk}
    )
    assert page.status_code == 200 and TOO_LARGE in page.content.decode()
    assert b"xxxx" not in page.content
    api = browser.post("/api/v1/clients/imports/file", {"file": SimpleUploadedFile("big.csv", content)})
    assert (api.status_code, api.json()) == (
        413,
        {"status": 413, "code": "upload_too_large", "message": TOO_LARGE, "fields": {"file": [TOO_LARGE]}},
    )
    assert (ClientImport.objects.count(), BackgroundJob.objects.count(), Client.objects.count()) == (0, 0, 0)


def test_a_workbook_with_too_many_rows_is_refused_while_it_is_read(cast: Any, monkeypatch: Any) -> None:
    from parure.clients.services import imports

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "E-mail"])
    for n in range(500):
        sheet.append([f"Client {n}", f"c{n}@example.com"])
    buffer = io.BytesIO()
    book.save(buffer)
    monkeypatch.setattr(imports, "ROW_LIMIT", 50)
    pulled: list[int] = []
    reader = imports._xlsx_rows

    def counting(content: bytes) -> Any:
        rows, estimate = reader(content)
        return (pulled.append(1) or row for row in rows), estimate

    monkeypatch.setattr(imports, "_xlsx_rows", counting)
    with pytest.raises(ClientError) as refusal:
        import_preview(filename="many.xlsx", content=buffer.getvalue(), by=cast.senior, specialist=cast.senior)
    assert refusal.value.message == "The list has more than 50 rows; split it into smaller files."
    assert len(pulled) == 52  # the heading, 50 rows and the one too many; the other 448 are never read
    assert ClientImport.objects.count() == 0


def test_a_client_named_as_a_formula_is_exported_as_text(book: Book, cast: Any, client_for: Any) -> None:
    from parure.clients.services.clients import client_create

    formula = '=HYPERLINK("http://x","y")'
    client_create(display_name=formula, email="formula@example.com", by=cast.senior)
    grant_export(cast.senior)
    browser = client_for(cast.senior)
    rows = list(csv.reader(io.StringIO(browser.get("/clients/export/").content.decode("utf-8-sig"))))
    assert ["'" + formula] in [[row[2]] for row in rows]
    sheet = load_workbook(io.BytesIO(browser.get("/clients/export/?format=xlsx").content)).active
    assert sheet is not None
    cells = [row[2] for row in sheet.iter_rows(min_row=2) if row[2].value == formula]
    assert [(cell.value, cell.data_type) for cell in cells] == [(formula, "s")]


def test_a_long_preview_shows_the_rows_with_problems_first_and_the_page_lists_recent_imports(
    cast: Any, client_for: Any, monkeypatch: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from parure.clients.views import transfer

    monkeypatch.setattr(transfer, "PREVIEW_ROWS", 2)
    browser = client_for(cast.senior)
    upload = SimpleUploadedFile("book.csv", GOOD_AND_BAD.encode(), content_type="text/csv")
    preview_url = browser.post("/clients/import/", {"file": upload, "specialist": cast.senior.pk})["Location"]
    shown = browser.get(preview_url).content.decode()
    assert "4 rows · for Eleanor Whitcombe" in shown
    assert "Showing 2 of 4 rows: those with problems or warnings first." in shown
    assert "alan@" in shown and "Grace Hopper" not in shown and "Marie Curie" not in shown
    assert "Import only the 2 good rows" in shown

    long_list = SimpleUploadedFile("long.csv", _long_list(600), content_type="text/csv")
    job_url = browser.post("/clients/import/", {"file": long_list, "specialist": cast.senior.pk})["Location"]
    listed = browser.get("/clients/import/").content.decode()
    assert f'<a href="{job_url}">long.csv</a>' in listed and "600 rows checked; every row can be imported." in listed
    assert "Your recent imports" not in client_for(cast.assistant).get("/clients/import/").content.decode()


def test_a_long_list_of_api_rows_is_checked_in_the_background(cast: Any, client_for: Any) -> None:
    from parure.clients.services import imports
    from parure.core.models import BackgroundJob

    rows = [{"Name": f"Client {n}", "E-mail": f"c{n}@example.com"} for n in range(imports.BACKGROUND_FROM_ROWS + 1)]
    api = client_for(cast.senior)
    response = api.post("/api/v1/clients/imports", {"rows": rows}, content_type="application/json")
    job = BackgroundJob.objects.get()
    assert (response.status_code, response.json()["id"], response.json()["state"]) == (202, job.pk, "succeeded")
    followed = api.get(f"/api/v1/jobs/{job.pk}").json()
    assert (followed["summary"], followed["done"], followed["total"]) == ("501 rows checked.", 501, 501)
    assert followed["result"]["created"] == 0 and len(followed["result"]["rows"]) == 501
    assert followed["result"]["rows"][0] == {"line": 2, "errors": {}, "warnings": []}
    assert Client.objects.count() == 0
    _no_personal_data_left()


def test_a_row_with_a_nul_or_a_broken_character_is_refused_as_not_text(cast: Any, client_for: Any) -> None:
    rows = [{"Name": "Grace\x00Hopper"}, {"Name": "Alan \ud800Turing"}, {"Name": "Marie Curie"}]
    body = json.dumps({"rows": rows, "dry_run": False, "keep_good_rows": True})
    response = client_for(cast.senior).post("/api/v1/clients/imports", body, content_type="application/json")
    # The API refuses text no database can store before any service runs, naming each field.
    not_text = ["Text may not contain NUL characters or unpaired surrogates."]
    assert (response.status_code, response.json()["fields"]) == (
        422,
        {"rows.0.Name": not_text, "rows.1.Name": not_text},
    )
    assert Client.objects.count() == 0


def test_a_csv_file_holding_a_nul_is_refused_whole_and_nothing_is_saved(cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"Name,Email\nGrace\x00Hopper,grace@example.org\nMarie Curie,marie@example.org\n"
    upload = SimpleUploadedFile("nul.csv", content, content_type="text/csv")
    response = client_for(cast.senior).post(
        "/api/v1/clients/imports/file", {"file": upload, "dry_run": "false", "keep_good_rows": "true"}
    )
    message = "This is not a CSV file that can be read; save the list as CSV (UTF-8)."
    assert (response.status_code, response.json()["fields"]) == (422, {"file": [message]})
    assert Client.objects.count() == 0
