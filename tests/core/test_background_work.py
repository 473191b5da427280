"""Core's shared mechanisms for long work and files: background jobs with progress, and the one
safe CSV/Excel writer."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook

from parure.clients import jobs as client_jobs
from parure.clients.services.imports import API_FILENAME, api_rows_content
from parure.core import exports, jobs
from parure.core.models import BackgroundJob

ROWS = [{"Name": "Grace Hopper", "E-mail": "grace@example.com"}, {"Name": "Alan Turing", "E-mail": "alan@"}]


@pytest.fixture
def queued(cast: Any, settings: Any) -> BackgroundJob:
    """A dry-run import put on the database queue, as production does, and not yet run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return jobs.job_start(
        kind=client_jobs.IMPORT, by=cast.senior, filename=API_FILENAME, upload=api_rows_content(ROWS),
        params={"specialist": cast.senior.pk, "dry_run": True},
    )  # fmt: skip


def test_a_queued_job_shows_a_progress_bar_that_polls_until_it_ends(
    queued: BackgroundJob, cast: Any, client_for: Any
) -> None:
    browser = client_for(cast.senior)
    assert queued.state == "queued" and queued.upload is not None
    waiting = browser.get(f"/jobs/{queued.pk}/").content.decode()
    assert "Importing client rows" in waiting and "Waiting to start" in waiting
    assert f'hx-get="/jobs/{queued.pk}/progress/" hx-trigger="every 1s"' in waiting
    assert "<progress" in waiting and "<script" not in waiting.split("<main", 1)[-1]

    assert jobs.job_run(job_id=queued.pk) == "succeeded"
    done = browser.get(f"/jobs/{queued.pk}/progress/").content.decode()
    assert "2 rows checked." in done and "hx-get" not in done
    queued.refresh_from_db()
    assert (queued.state, queued.done, queued.total, queued.upload) == ("succeeded", 2, 2, None)
    assert queued.result == {
        "rows": [
            {"line": 2, "errors": {}, "warnings": []},
            {"line": 3, "errors": {"email": ["This e-mail address is not valid; it should look like name@example.com."]},
             "warnings": []},
        ],
        "created": 0,
    }  # fmt: skip
    assert jobs.job_run(job_id=queued.pk) == "succeeded"  # a second worker leaves it alone


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections, as in production
def test_the_worker_runs_a_queued_job_from_the_database(queued: BackgroundJob) -> None:
    from django.core.management import call_command

    call_command("worker", "--once", stdout=io.StringIO())
    queued.refresh_from_db()
    assert (queued.state, queued.summary, queued.done, queued.total, queued.upload) == (
        "succeeded", "2 rows checked.", 2, 2, None,
    )  # fmt: skip


def test_only_the_person_who_started_a_job_or_an_administrator_may_follow_it(
    queued: BackgroundJob, cast: Any, client_for: Any
) -> None:
    for person in (cast.assistant, cast.auditor, cast["harriet"]):
        assert client_for(person).get(f"/jobs/{queued.pk}/").status_code == 404
        assert client_for(person).get(f"/jobs/{queued.pk}/progress/").status_code == 404
        assert client_for(person).get(f"/api/v1/jobs/{queued.pk}").status_code == 404
    assert client_for(cast.administrator).get(f"/jobs/{queued.pk}/").status_code == 200
    followed = client_for(cast.senior).get(f"/api/v1/jobs/{queued.pk}").json()
    assert {k: followed[k] for k in ("kind", "state", "done", "total", "filename")} == {
        "kind": "clients.import", "state": "queued", "done": 0, "total": 0, "filename": API_FILENAME,
    }  # fmt: skip


def test_a_job_that_fails_unexpectedly_says_so_and_keeps_no_upload(queued: BackgroundJob, monkeypatch: Any) -> None:
    def broken(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
        raise RuntimeError("disk full")

    monkeypatch.setitem(jobs.kinds, client_jobs.IMPORT, jobs.JobKind(client_jobs.IMPORT, "Importing", broken))
    assert jobs.job_run(job_id=queued.pk) == "failed"
    queued.refresh_from_db()
    assert (queued.summary, queued.upload) == (
        "Something went wrong on our side; it has been logged. Nothing was saved.", None,
    )  # fmt: skip


def test_a_second_kind_with_the_same_key_is_refused() -> None:
    with pytest.raises(ValueError, match="A job kind ‘clients.import’ is already registered."):
        jobs.register(jobs.JobKind(client_jobs.IMPORT, "Another", lambda job, progress: jobs.JobOutcome("")))


def test_progress_is_written_every_step_and_at_each_stage(queued: BackgroundJob) -> None:
    progress = jobs.Progress(queued, step=10)
    progress(0, 25, stage="Reading")
    progress(5)
    assert BackgroundJob.objects.values_list("done", "total", "stage").get(pk=queued.pk) == (0, 25, "Reading")
    progress(10)
    assert BackgroundJob.objects.values_list("done", "total", "stage").get(pk=queued.pk) == (10, 25, "Reading")


# --- The one export writer ------------------------------------------------------------------------

CELLS = ["=1+2", "+33 1 42 68 53 00", "-5", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", 7, None]


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed_with_a_quote() -> None:
    text = exports.csv_bytes(["name"] * len(CELLS), [CELLS]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1] == [
        "'=1+2", "'+33 1 42 68 53 00", "'-5", "'@SUM(A1)", "'\tx", "'\rx", "plain", "a=b", "7", "",
    ]  # fmt: skip


def test_excel_text_cells_are_text_never_formulas() -> None:
    content = exports.xlsx_bytes([exports.Sheet("Sheet", header=["a"] * len(CELLS), rows=[CELLS])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = next(iter(sheet.iter_rows(min_row=2)))
    # (XML reads a carriage return back as a line feed.)
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ("=1+2", "s"), ("+33 1 42 68 53 00", "s"), ("-5", "s"), ("@SUM(A1)", "s"), ("\tx", "s"), ("\nx", "s"),
        ("plain", "s"), ("a=b", "s"), (7, "n"), (None, "n"),
    ]  # fmt: skip


def test_the_api_refuses_a_body_over_the_limit_with_413(cast: Any, client_for: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = json.dumps({"rows": [{"Name": "x" * 1000}] * 2000})
    response = client_for(cast.senior).post("/api/v1/clients/imports", data=body, content_type="application/json")
    assert (response.status_code, response.json()) == (
        413, {"status": 413, "code": "too_large", "message": "The request is larger than the 1 MB this API accepts; send it in smaller parts.",
              "fields": {}},
    )  # fmt: skip
