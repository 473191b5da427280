"""The client book's background work: checking a list, saving it, and the API's one-call import.

Each runs the same services as a small import run in the request (``services/imports.py``);
the upload lives on the job only until it ends.
"""

from __future__ import annotations

from django.urls import reverse

from parure.clients.models import ClientImport
from parure.clients.services import imports
from parure.core import jobs
from parure.core.models import BackgroundJob, Staff

PREVIEW = "clients.import_preview"
SAVE = "clients.import_save"
IMPORT = "clients.import"


def _specialist(job: BackgroundJob) -> Staff:
    return Staff.objects.get(pk=job.params["specialist"])


def _run_preview(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    preview = imports.import_preview(
        filename=job.filename, content=jobs.job_upload(job), by=job.started_by, specialist=_specialist(job),
        progress=progress,
    )  # fmt: skip
    bad = preview.error_rows
    count = len(preview.rows)
    summary = f"{count} row{'s' if count != 1 else ''} checked" + (
        f"; {bad} ha{'s' if bad == 1 else 've'} problems." if bad else "; every row can be imported."
    )
    return jobs.JobOutcome(
        summary=summary,
        result_url=reverse("clients:import_preview", kwargs={"import_id": preview.pk}),
        result={"import_id": preview.pk},
    )


def _run_save(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    preview = ClientImport.objects.select_related("specialist").get(pk=job.params["import_id"])
    made = imports.import_save(
        client_import=preview, by=job.started_by, keep_good_rows=job.params.get("keep_good_rows", False),
        progress=progress,
    )  # fmt: skip
    return jobs.JobOutcome(
        summary=f"{made} client files opened.", result_url=reverse("clients:list"), result={"created": made}
    )


def _run_import(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    rows, made = imports.import_clients(
        filename=job.filename, content=jobs.job_upload(job), by=job.started_by, specialist=_specialist(job),
        keep_good_rows=job.params.get("keep_good_rows", False), dry_run=job.params.get("dry_run", True),
        progress=progress,
    )  # fmt: skip
    checked = f"{len(rows)} row{'s' if len(rows) != 1 else ''} checked"
    summary = f"{checked}." if job.params.get("dry_run", True) else f"{checked}; {made} client files opened."
    return jobs.JobOutcome(summary=summary, result={"rows": rows, "created": made})


def register() -> None:
    jobs.register(jobs.JobKind(PREVIEW, "Checking a client list", _run_preview))
    jobs.register(jobs.JobKind(SAVE, "Opening client files from a list", _run_save))
    jobs.register(jobs.JobKind(IMPORT, "Importing client rows", _run_import))
