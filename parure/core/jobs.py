"""Background work with progress: imports now, large exports and PDFs next.

An app declares a kind of job once, from its ``AppConfig.ready``::

    jobs.register(JobKind("clients.import_preview", "Client list check", run=run_preview))

and starts one with :func:`job_start`. ``run(job, progress)`` does the work (its own writes in
its own transaction) and returns a :class:`JobOutcome`; a :class:`DomainError` it raises
becomes the job's refusal, shown to the person as the error's sentence. Whatever the end, the
stored upload is deleted, so a finished job keeps no copy of the file.

Small work is done in the request by calling the same services directly; large work is
enqueued on the task queue (the database backend in production), and its page polls the
progress fragment (``core:job_progress``) until it ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from parure.core.choices import JobState
from parure.core.errors import CoreErrorCode, DomainError
from parure.core.models import BackgroundJob, Staff

log = logging.getLogger("parure.jobs")

UNEXPECTED = "Something went wrong on our side; it has been logged. Nothing was saved."


class JobError(DomainError[CoreErrorCode]):
    """Background work refused before it starts (an unknown kind of work)."""


@dataclass(frozen=True)
class JobOutcome:
    """What a finished job tells the person: a sentence, a link to the result, data for the API."""

    summary: str
    result_url: str = ""
    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobKind:
    key: str
    # What the person reads on the progress page: "Client list check".
    label: str
    run: Callable[[BackgroundJob, Progress], JobOutcome]


kinds: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    """Declare a kind of job; a second kind with the same key is refused (a typo would shadow it)."""
    if kind.key in kinds and kinds[kind.key] is not kind:
        raise ValueError(f"A job kind ‘{kind.key}’ is already registered.")
    kinds[kind.key] = kind


class Progress:
    """Reports ``done`` of ``total`` on the job's row, at most every ``step`` items.

    Written outside the work's own transaction (the work reports while it reads, before it
    writes), so the page that polls sees it at once.
    """

    def __init__(self, job: BackgroundJob | None, *, step: int = 200) -> None:
        self.job, self.step, self._last = job, step, 0

    def __call__(self, done: int, total: int | None = None, *, stage: str | None = None) -> None:
        if self.job is None:
            return
        if stage is None and total is None and done - self._last < self.step:
            return
        self._last = done
        changes: dict[str, Any] = {"done": done}
        if total is not None:
            changes["total"] = total
            self.job.total = total
        if stage is not None:
            changes["stage"] = stage
            self.job.stage = stage
        self.job.done = done
        BackgroundJob.objects.filter(pk=self.job.pk).update(**changes)


def no_progress() -> Progress:
    """For work run outside a job (a test, a command): progress goes nowhere."""
    return Progress(None)


def job_start(
    *,
    kind: str,
    by: Staff,
    params: dict[str, Any] | None = None,
    filename: str = "",
    upload: bytes | None = None,
) -> BackgroundJob:
    """Record a job and put it on the task queue; the person follows it on its page."""
    if kind not in kinds:
        raise JobError(f"There is no kind of work called ‘{kind}’.", code=CoreErrorCode.JOB_REFUSED)
    from parure.core.tasks import run_background_job

    with transaction.atomic():
        job = BackgroundJob.objects.create(
            kind=kind, started_by=by, params=params or {}, filename=filename[:200], upload=upload
        )
        # The queue lives in the same database, so a worker sees the task only once the job row
        # is committed with it (with the immediate backend, in tests, it runs here and now).
        run_background_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def job_run(*, job_id: int) -> str:
    """Run a queued job to its end; a job already started (another worker) is left alone."""
    with transaction.atomic():
        job = BackgroundJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != JobState.QUEUED:
            return job.state if job is not None else "missing"
        job.state, job.started_at = JobState.RUNNING, timezone.now()
        job.save(update_fields=["state", "started_at"])
    kind = kinds.get(job.kind)
    try:
        if kind is None:
            raise JobError(f"There is no kind of work called ‘{job.kind}’.", code=CoreErrorCode.JOB_REFUSED)
        outcome = kind.run(job, Progress(job))
    except DomainError as refusal:
        _finish(job, JobState.FAILED, summary=refusal.message, errors=list(getattr(refusal, "lines", [])))
    except Exception:
        log.exception("Background job failed", extra={"job": job.pk, "kind": job.kind})
        _finish(job, JobState.FAILED, summary=UNEXPECTED)
    else:
        _finish(job, JobState.SUCCEEDED, summary=outcome.summary, url=outcome.result_url, result=outcome.result)
    return str(BackgroundJob.objects.values_list("state", flat=True).get(pk=job_id))


def _finish(
    job: BackgroundJob,
    state: str,
    *,
    summary: str,
    errors: list[str] | None = None,
    url: str = "",
    result: dict[str, Any] | None = None,
) -> None:
    # The upload goes whatever the outcome: the records the work made now hold what was kept.
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=state,
        summary=summary[:500],
        errors=errors or [],
        result=result or {},
        result_url=url,
        upload=None,
        done=job.total if state == JobState.SUCCEEDED and job.total else job.done,
        finished_at=timezone.now(),
    )


def job_upload(job: BackgroundJob) -> bytes:
    """The stored upload of a running job (bytes, whatever the database hands back)."""
    data = BackgroundJob.objects.values_list("upload", flat=True).get(pk=job.pk)
    return bytes(data) if data is not None else b""


def visible_jobs(user: Any) -> QuerySet[BackgroundJob]:
    """The jobs a person may follow: their own (administrators see everyone's)."""
    rows = BackgroundJob.objects.select_related("started_by")
    if not user.has_perm("core.view_any_job"):
        rows = rows.filter(started_by=user)
    return rows
