"""Every write of the repairs area, one transaction each, named after what the counter does.

A job moves through its stages in order (``RepairStage``); each step writes one ``RepairStageChange`` and,
where the piece moves, the custody event through inventory's services (take-in is
``client_piece_intake``, the bench a check-out to the vendor's place, back a return, ready a move to the
counter, collection a release with cause ``service:<number>``). A refusal raises before anything is
written, so nothing is ever half-saved.

- :mod:`.checks`: bounded input, due dates, signatures and photographs, refusals in this area's words;
- :mod:`.vendors`: vendors with their custody place and insurance, and the task catalogue;
- :mod:`.jobs`: take-in, tasks, pricing, approval, each stage, collection and cancellation.
"""

from __future__ import annotations

from parure.services.repairs.services.checks import (
    AMOUNT_MAX,
    DECLARED_MAX,
    DUE_MAX_DAYS,
    LINES_MAX,
    NOTE_MAX,
    PHOTOS_MAX,
    QUANTITY_MAX,
    SIGNATURE_MAX_BYTES,
    SIGNATURE_MAX_SIDE,
    E,
    PhotoUpload,
    SignatureDraft,
    _refuse,
    amount_of,
    check_signature,
    office_today,
    text_of,
)
from parure.services.repairs.services.jobs import (
    NEXT_STAGE,
    LineDraft,
    RepairDraft,
    StageRequest,
    charges_refusal,
    completion_text,
    job_total,
    lock_job,
    repair_approve,
    repair_cancel,
    repair_collect,
    repair_estimate,
    repair_line_update,
    repair_lines_add,
    repair_quality_check,
    repair_ready,
    repair_return,
    repair_send_to_bench,
    repair_stage_change,
    repair_take_in,
)
from parure.services.repairs.services.vendors import (
    TaskDraft,
    VendorDraft,
    insurance_refusal,
    task_save,
    vendor_create,
    vendor_update,
)

__all__ = [
    "AMOUNT_MAX",
    "DECLARED_MAX",
    "DUE_MAX_DAYS",
    "LINES_MAX",
    "NEXT_STAGE",
    "NOTE_MAX",
    "PHOTOS_MAX",
    "QUANTITY_MAX",
    "SIGNATURE_MAX_BYTES",
    "SIGNATURE_MAX_SIDE",
    "E",
    "LineDraft",
    "PhotoUpload",
    "RepairDraft",
    "SignatureDraft",
    "StageRequest",
    "TaskDraft",
    "VendorDraft",
    "_refuse",
    "amount_of",
    "charges_refusal",
    "check_signature",
    "completion_text",
    "insurance_refusal",
    "job_total",
    "lock_job",
    "office_today",
    "repair_approve",
    "repair_cancel",
    "repair_collect",
    "repair_estimate",
    "repair_line_update",
    "repair_lines_add",
    "repair_quality_check",
    "repair_ready",
    "repair_return",
    "repair_send_to_bench",
    "repair_stage_change",
    "repair_take_in",
    "task_save",
    "text_of",
    "vendor_create",
    "vendor_update",
]
