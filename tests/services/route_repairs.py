"""The services' repairs routes in the permission matrix."""

from __future__ import annotations

from typing import Any

from parure.core.choices import Role
from tests.matrix import Operation, Page, roles

A, S, F, L, U = Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.FINANCE, Role.LOGISTICS, Role.AUDITOR
VIEWERS = roles(A, S, F, L, U)
HANDLERS = roles(A, S)
SENIORS = roles(S)
CONFIDENTIAL = roles(A, S, U)


def repairs_world(world: Any) -> Any:
    """A New York repair taken in (with a drawn signature and a photograph), its vendor and a task; made
    on first use."""
    if not hasattr(world, "repairs"):
        from parure.services.repairs.services import PhotoUpload
        from tests.services import repairs_world as rw

        built = rw.build(world.cast)
        job = rw.take_in(built, photos=[PhotoUpload(rw.photo_jpeg())])
        world.repairs = {"built": built, "job": job, "photo": job.photos.get()}
    return world.repairs


def _job(world: Any) -> dict[str, Any]:
    return {"number": repairs_world(world)["job"].number}


def _photo(world: Any) -> dict[str, Any]:
    found = repairs_world(world)
    return {"number": found["job"].number, "pk": found["photo"].pk}


def _signature(world: Any) -> dict[str, Any]:
    return {"number": repairs_world(world)["job"].number, "which": "intake"}


def _vendor(world: Any) -> dict[str, Any]:
    return {"pk": repairs_world(world)["built"].vendor.pk}


def _task(world: Any) -> dict[str, Any]:
    return {"pk": repairs_world(world)["built"].sizing.pk}


PAGES: dict[str, Page] = {
    "services:repairs": Page(VIEWERS),
    "services:repair_new": Page(HANDLERS),
    "services:repair_scan": Page(VIEWERS),
    "services:repair_vendors": Page(VIEWERS),
    "services:repair_vendor_new": Page(SENIORS),
    "services:repair_vendor": Page(VIEWERS, _vendor),
    "services:repair_vendor_edit": Page(SENIORS, _vendor),
    "services:repair_tasks": Page(VIEWERS),
    "services:repair_task_new": Page(SENIORS),
    "services:repair_task_edit": Page(SENIORS, _task),
    "services:repair_job": Page(VIEWERS, _job),
    "services:repair_act": Page(HANDLERS, _job, method="POST"),
    "services:repair_envelope": Page(VIEWERS, _job),
    "services:repair_receipt": Page(VIEWERS, _job),
    "services:repair_photo": Page(CONFIDENTIAL, _photo),
    "services:repair_signature": Page(CONFIDENTIAL, _signature),
}
API: dict[str, Operation] = {
    "services_repair_jobs_list": Operation(VIEWERS),
    "services_repair_job_take_in": Operation(HANDLERS),
    "services_repair_job_detail": Operation(VIEWERS, params=_job),
    "services_repair_job_add_lines": Operation(HANDLERS, params=_job),
    "services_repair_job_update_line": Operation(HANDLERS, params=lambda world: {**_job(world), "position": 1}),
    "services_repair_job_approve": Operation(HANDLERS, params=_job),
    "services_repair_job_stage": Operation(HANDLERS, params=_job),
    "services_repair_job_collect": Operation(HANDLERS, params=_job),
    "services_repair_tasks_list": Operation(VIEWERS),
    "services_repair_task_create": Operation(SENIORS),
    "services_repair_vendor_create": Operation(SENIORS),
    "services_repair_vendors_list": Operation(VIEWERS),
    "services_repair_vendor_detail": Operation(VIEWERS, params=lambda world: {"vendor_id": _vendor(world)["pk"]}),
}
