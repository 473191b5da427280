"""A background job's page and the progress fragment it polls."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from parure.core import jobs, policy
from parure.core.models import BackgroundJob


def _job(request: HttpRequest, job_id: int) -> BackgroundJob:
    """The job if this person may follow it; another person's job does not exist for them."""
    job = jobs.visible_jobs(request.user).filter(pk=job_id).first()
    if job is None:
        raise Http404("No such piece of work of yours.")
    return job


def _context(job: BackgroundJob) -> dict[str, object]:
    kind = jobs.kinds.get(job.kind)
    return {"job": job, "label": kind.label if kind else job.kind}


@policy.requires("core.view_job")
@require_GET
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    """Where the work stands, and its result once done: a page one may come back to later."""
    return render(request, "core/job.html", _context(_job(request, job_id)))


@policy.requires("core.view_job")
@require_GET
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress fragment; it asks to be polled again until the work has ended."""
    return render(request, "core/partials/job_progress.html", _context(_job(request, job_id)))
