"""Core's background tasks and the daily-job scheduler used by ``parure worker``."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.tasks import task  # type: ignore[attr-defined,unused-ignore]
from django.utils import timezone

log = logging.getLogger("parure.tasks")


@task()
def clear_expired_sessions() -> int:
    """Remove sessions past their expiry (idle sign-outs leave them behind)."""
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def enqueue_due_daily_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue each daily job once per UTC day, from its hour on; safe with several workers."""
    from parure.core import registry
    from parure.core.models import ScheduledJobRun

    now = now or timezone.now()
    enqueued = []
    for job in registry.daily_jobs.values():
        if now.hour < job.hour_utc:
            continue
        try:
            with transaction.atomic():
                ScheduledJobRun.objects.create(job=job.key, day=now.date())
                job.task.enqueue()
        except IntegrityError:
            continue  # another worker enqueued it today
        log.info("Enqueued daily job", extra={"job": job.key})
        enqueued.append(job.key)
    return enqueued


@task()
def run_background_job(job_id: int) -> str:
    """Run one recorded background job (an import, an export, a PDF) to its end."""
    from parure.core.jobs import job_run

    return job_run(job_id=job_id)
