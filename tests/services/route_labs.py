"""The services' labs routes in the permission matrix: assistants and seniors prepare submissions; seniors
and logistics send them (custody out); assistants, seniors and logistics scan pieces back; seniors record
the reports; auditors read. Finance and administrators have no part in them.

The submission the routes name need not exist: the policy answers before the view, so a role refused
gets 403 and an allowed one the page's own 404 (the pages are tested in test_labs_pages.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from parure.core.choices import Role
from parure.core.numbering import check_digit
from tests.matrix import Operation, Page, roles

A, S, L, U = Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST, Role.LOGISTICS, Role.AUDITOR
VIEW = roles(A, S, L, U)
PREPARE = roles(A, S)
SEND = roles(S, L)
RETURN = roles(A, S, L)
RECORD = roles(S)

_BODY = "NY-GL-26-99999"
NUMBER = f"{_BODY}-{check_digit(_BODY)}"


def _submission(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": NUMBER}


def _line(world: SimpleNamespace) -> dict[str, Any]:
    return {"number": NUMBER, "position": 1}


PAGES: dict[str, Page] = {
    "services:lab_submissions": Page(VIEW),
    "services:lab_submission_new": Page(PREPARE),
    "services:lab_submission": Page(VIEW, kwargs=_submission),
    "services:lab_submission_pdf": Page(VIEW, kwargs=_submission),
    "services:lab_line_add": Page(PREPARE, kwargs=_submission, method="POST"),
    "services:lab_line_remove": Page(PREPARE, kwargs=_line, method="POST"),
    "services:lab_line_control": Page(PREPARE, kwargs=_line, method="POST"),
    "services:lab_report_record": Page(RECORD, kwargs=_line, method="POST"),
    "services:lab_submission_send": Page(SEND, kwargs=_submission, method="POST"),
    "services:lab_piece_return": Page(RETURN, kwargs=_submission, method="POST"),
    "services:lab_submission_cancel": Page(PREPARE, kwargs=_submission, method="POST"),
}
API: dict[str, Operation] = {
    "services_lab_submissions": Operation(VIEW),
    "services_lab_submission": Operation(VIEW, params=_submission),
    "services_lab_submission_create": Operation(PREPARE),
    "services_lab_line_add": Operation(PREPARE, params=_submission),
    "services_lab_send": Operation(SEND, params=_submission),
    "services_lab_return": Operation(RETURN, params=_submission),
    "services_lab_report_record": Operation(RECORD, params=_line),
}
