"""The inquiry queue."""

from typing import Any

from django.http import HttpRequest
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from parure.clients import queries
from parure.clients.api.common import (
    _inquiry,
    _inquiry_out,
    _other_file,
    _staff,
)
from parure.clients.api.router import router
from parure.clients.api.schemas import (
    AnswerIn,
    AssignIn,
    InquiryIn,
    InquiryOut,
    LinkIn,
)
from parure.clients.services import inquiries
from parure.clients.visibility import acting
from parure.core.access_log import record_access
from parure.core.api import ApiError, requires
from parure.core.choices import AccessAction
from parure.core.models import Office


@router.get("/inquiries", response=list[InquiryOut], summary="The inquiry queue")
@requires("clients.view_inquiries")
@paginate(LimitOffsetPagination)
def list_inquiries(request: HttpRequest, status: str = "open") -> Any:
    return _LazyInquiries(queries.inquiry_queue(request.user, status=status).order_by("respond_by", "pk"))


class _LazyInquiries:
    def __init__(self, rows: Any) -> None:
        self.rows = rows

    def count(self) -> int:
        return int(self.rows.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        return [_inquiry_out(r) for r in self.rows[index]]


@router.post("/inquiries", response={201: InquiryOut}, summary="Queue an inquiry taken by phone or e-mail")
@requires("clients.manage_inquiries")
def create_inquiry(request: HttpRequest, payload: InquiryIn) -> Any:
    office = Office.objects.filter(code=payload.office.upper()).first()
    if office is None:
        raise ApiError(422, "invalid", "No such office.", {"office": ["Unknown office."]})
    data = payload.dict()
    data.pop("office")
    row = inquiries.inquiry_receive(office=office, by=acting(request), **data)
    return Status(201, _inquiry_out(_inquiry(row.number)))


@router.get("/inquiries/{number}", response=InquiryOut, summary="One inquiry")
@requires("clients.view_inquiries")
def get_inquiry(request: HttpRequest, number: str) -> Any:
    row = _inquiry(number)
    record_access(request, action=AccessAction.VIEW, subject_kind="inquiry", subject_ref=row.number, detail="API")
    return _inquiry_out(row)


@router.post("/inquiries/{number}/assign", response=InquiryOut, summary="Assign an inquiry")
@requires("clients.manage_inquiries")
def assign_inquiry(request: HttpRequest, number: str, payload: AssignIn) -> Any:
    inquiries.inquiry_assign(
        inquiry=_inquiry(number), to=_staff([payload.assigned_to], "assigned_to")[0], by=acting(request)
    )
    return _inquiry_out(_inquiry(number))


@router.post("/inquiries/{number}/answer", response=InquiryOut, summary="Record how an inquiry was answered")
@requires("clients.manage_inquiries")
def answer_inquiry(request: HttpRequest, number: str, payload: AnswerIn) -> Any:
    inquiries.inquiry_answer(inquiry=_inquiry(number), by=acting(request), note=payload.note, close=payload.close)
    return _inquiry_out(_inquiry(number))


@router.post("/inquiries/{number}/link", response=InquiryOut, summary="Link an inquiry to a client file")
@requires("clients.manage_inquiries")
def link_inquiry(request: HttpRequest, number: str, payload: LinkIn) -> Any:
    client = _other_file(request, payload.client, "client")
    inquiries.inquiry_link_client(inquiry=_inquiry(number), client=client, by=acting(request))
    return _inquiry_out(_inquiry(number))
