"""Core's API operations: who am I, offices, the staff directory, the access log, background jobs."""

from datetime import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Router, Schema
from ninja.pagination import paginate

from parure.core import jobs
from parure.core.api import requires
from parure.core.models import AccessLogEntry, BackgroundJob, Office, Staff
from parure.core.pagination import LimitOffset
from parure.core.policy import acting_staff

router = Router(tags=["core"])

# A row id as the database holds it (64-bit): a larger one is a 422, never an overflow in SQL.
JobId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class OfficeOut(Schema):
    code: str
    name: str
    time_zone: str
    currency: str
    locale: str


class StaffOut(Schema):
    id: int
    username: str
    name: str
    role: str
    office: str | None

    @staticmethod
    def resolve_name(staff: Staff) -> str:
        return str(staff)

    @staticmethod
    def resolve_office(staff: Staff) -> str | None:
        return staff.office.code if staff.office else None


class AccessLogOut(Schema):
    id: int
    at: datetime
    staff: str | None
    action: str
    subject_kind: str
    subject_ref: str
    detail: str
    ip_address: str | None

    @staticmethod
    def resolve_staff(entry: AccessLogEntry) -> str | None:
        return entry.staff.username if entry.staff else None


@router.get("/me", response=StaffOut, summary="The signed-in member of staff")
@requires("core.use_api")
def me(request: HttpRequest) -> Staff:
    return acting_staff(request)


@router.get("/offices", response=list[OfficeOut], summary="The house's offices")
@requires("core.use_api")
def offices(request: HttpRequest) -> list[Office]:
    return list(Office.objects.order_by("name"))


@router.get("/staff", response=list[StaffOut], summary="Active staff, by office")
@requires("core.view_staff_directory")
@paginate(LimitOffset)
def staff(request: HttpRequest) -> object:
    return Staff.objects.filter(is_active=True).select_related("office").order_by("office__name", "last_name")


@router.get("/access-log", response=list[AccessLogOut], summary="Sensitive reads and exports, newest first")
@requires("core.view_access_log")
@paginate(LimitOffset)
def access_log(request: HttpRequest) -> object:
    return AccessLogEntry.objects.select_related("staff")


class JobOut(Schema):
    id: int
    kind: str
    state: str
    stage: str
    done: int
    total: int
    filename: str
    summary: str
    errors: list[str]
    result: dict[str, Any]
    created_at: datetime
    finished_at: datetime | None


def job_out(job: BackgroundJob) -> dict[str, Any]:
    """A job as the API shows it (the person who started it, or an administrator)."""
    return {
        "id": job.pk, "kind": job.kind, "state": job.state, "stage": job.stage, "done": job.done,
        "total": job.total, "filename": job.filename, "summary": job.summary, "errors": job.errors,
        "result": job.result, "created_at": job.created_at, "finished_at": job.finished_at,
    }  # fmt: skip


@router.get("/jobs/{job_id}", response=JobOut, summary="Where a background job (an import...) stands, and its result")
@requires("core.view_job")
def job(request: HttpRequest, job_id: JobId) -> Any:
    row = jobs.visible_jobs(request.user).filter(pk=job_id).first()
    if row is None:
        raise Http404("No such piece of work of yours.")
    return job_out(row)
