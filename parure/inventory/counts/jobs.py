"""Counts' background work: a large scanner file imported into a count, with its progress.

It runs the same service as a small file imported in the request (``services.count_import``);
the file lives on the job only until it ends.
"""

from __future__ import annotations

from django.urls import reverse

from parure.core import jobs
from parure.core.models import BackgroundJob
from parure.inventory.counts import services
from parure.inventory.counts.models import CountSession
from parure.inventory.models import Location

COUNT_IMPORT = "inventory.count_import"


def import_summary(result: services.ImportResult) -> str:
    """What the person reads once a file is imported, on the count's page or the job's."""
    text = f"Imported {result.imported} code{'s' if result.imported != 1 else ''}"
    if result.unknown:
        text += f" ({result.unknown} unknown)"
    if result.skipped:
        text += f"; {len(result.skipped)} bad line{'s' if len(result.skipped) != 1 else ''} left out"
    return text + "."


def _run_import(job: BackgroundJob, progress: jobs.Progress) -> jobs.JobOutcome:
    session = CountSession.objects.get(pk=job.params["session"])
    place_id = job.params.get("place")
    result = services.count_import(
        session=session, content=jobs.job_upload(job), filename=job.filename, by=job.started_by,
        place=Location.objects.filter(pk=place_id).first() if place_id else None,
        keep_good=job.params.get("keep_good", False), progress=progress,
    )  # fmt: skip
    return jobs.JobOutcome(
        summary=import_summary(result),
        result_url=reverse("inventory:count_session", kwargs={"session_id": session.pk}),
        result={"imported": result.imported, "unknown": result.unknown, "skipped": len(result.skipped)},
    )


def register() -> None:
    jobs.register(jobs.JobKind(COUNT_IMPORT, "Importing a scanner's file into a count", _run_import))
