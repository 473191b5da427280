"""Follow-ups, the inquiry queue, and the matching page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from parure.clients import queries
from parure.clients.choices import InquiryStatus, RingSizeSystem
from parure.clients.errors import ClientError
from parure.clients.forms import AnswerForm, AssignForm, FollowUpForm, InquiryForm, PieceForm, show_refusal
from parure.clients.matching import PieceDescription
from parure.clients.models import FollowUp, Inquiry
from parure.clients.normalise import maker_key, ring_size_to_mm
from parure.clients.services import follow_ups, inquiries
from parure.clients.views.common import client_by_number, page
from parure.clients.visibility import Viewer
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.models import Staff
from parure.core.money import Money
from parure.core.policy import acting_staff


@policy.requires("clients.view_follow_ups")
@require_http_methods(["GET"])
def follow_up_list(request: HttpRequest) -> HttpResponse:
    owner_id = request.GET.get("owner", "")
    owner = Staff.objects.filter(pk=owner_id).first() if owner_id.isdigit() else acting_staff(request)
    rows = queries.follow_ups_for(owner, include_done=request.GET.get("done") == "1").order_by("due_on", "pk")
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    viewer = Viewer(request.user)
    today = timezone.localdate()
    entries = [
        {"follow_up": f, "label": viewer.file_reference(f.client)[1] if f.client else "",
         "can_open": bool(f.client and viewer.can_see_file(f.client)), "overdue": f.is_overdue(today)}
        for f in page_obj
    ]  # fmt: skip
    from parure.clients.forms import specialists

    return page(
        request, "clients/follow_ups.html",
        {"page": page_obj, "entries": entries, "owner": owner, "people": specialists(), "today": today},
    )  # fmt: skip


@policy.requires("clients.manage_follow_ups")
@require_http_methods(["GET", "POST"])
def follow_up_new(request: HttpRequest) -> HttpResponse:
    form = FollowUpForm(
        request.POST or None,
        initial={"owner": request.user, "due_on": timezone.localdate(), "client": request.GET.get("client", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = client_by_number(request, data["client"]) if data["client"] else None
        if data["client"] and client is None:
            form.add_error("client", "No client file you may see has this number.")
        else:
            try:
                follow_ups.follow_up_create(
                    owner=data["owner"], by=acting_staff(request), title=data["title"], due_on=data["due_on"],
                    client=client, stock_number=data["stock_number"], notes=data["notes"],
                    recurrence=data["recurrence"],
                )  # fmt: skip
            except ClientError as error:
                show_refusal(form, error)
            else:
                messages.success(request, "Follow-up added.")
                return redirect("clients:follow_ups")
    return page(request, "clients/simple_form.html", {"form": form, "title": "New follow-up", "submit": "Add"})


@policy.requires("clients.manage_follow_ups")
@require_POST
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = FollowUp.objects.filter(pk=follow_up_id).first()
    if follow_up is None:
        raise Http404("No such follow-up.")
    try:
        following = follow_ups.follow_up_complete(follow_up=follow_up, by=acting_staff(request))
    except ClientError as error:
        messages.error(request, error.message)
    else:
        note = f" Next one due {following.due_on:%d %b %Y}." if following else ""
        messages.success(request, f"Done.{note}")
    return redirect(request.POST.get("next") or "clients:follow_ups")


@policy.requires("clients.view_inquiries")
@require_http_methods(["GET"])
def inquiry_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    rows = queries.inquiry_queue(request.user, status=status).order_by("respond_by", "pk")
    if request.GET.get("mine") == "1":
        rows = rows.filter(assigned_to=acting_staff(request))
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    entries = [{"inquiry": q, "late": q.is_late(now)} for q in page_obj]
    return page(
        request, "clients/inquiries.html",
        {"page": page_obj, "entries": entries, "status": status, "statuses": InquiryStatus.choices},
    )  # fmt: skip


@policy.requires("clients.manage_inquiries")
@require_http_methods(["GET", "POST"])
def inquiry_new(request: HttpRequest) -> HttpResponse:
    form = InquiryForm(request.POST or None, initial={"office": getattr(request.user, "office", None)})
    if request.method == "POST" and form.is_valid():
        try:
            inquiry = inquiries.inquiry_receive(by=acting_staff(request), **form.cleaned_data)
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Inquiry {inquiry.number} queued.")
            return redirect("clients:inquiry", number=inquiry.number)
    return page(request, "clients/simple_form.html", {"form": form, "title": "Log an inquiry", "submit": "Queue it"})


def _find_inquiry(number: str) -> Inquiry:
    inquiry = queries.inquiry_queue(None, status="").filter(number=number.upper()).first()
    if inquiry is None:
        raise Http404("No such inquiry.")
    return inquiry


@policy.requires("clients.view_inquiries")
@require_http_methods(["GET", "POST"])
def inquiry_detail(request: HttpRequest, number: str) -> HttpResponse:
    inquiry = _find_inquiry(number)
    viewer = Viewer(request.user)
    answer, assign = (
        AnswerForm(prefix="answer"),
        AssignForm(prefix="assign", initial={"assigned_to": inquiry.assigned_to}),
    )
    if request.method == "POST":
        if not request.user.has_perm("clients.manage_inquiries"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("Your role may not act on inquiries.")
        action = request.POST.get("action", "")
        try:
            if action == "answer":
                answer = AnswerForm(request.POST, prefix="answer")
                if answer.is_valid():
                    inquiries.inquiry_answer(inquiry=inquiry, by=acting_staff(request), **answer.cleaned_data)
                    messages.success(request, "Answer recorded.")
                    return redirect("clients:inquiry", number=inquiry.number)
            elif action == "assign":
                assign = AssignForm(request.POST, prefix="assign")
                if assign.is_valid():
                    inquiries.inquiry_assign(
                        inquiry=inquiry, to=assign.cleaned_data["assigned_to"], by=acting_staff(request)
                    )
                    messages.success(request, "Assigned.")
                    return redirect("clients:inquiry", number=inquiry.number)
            elif action == "spam":
                inquiries.inquiry_mark_spam(inquiry=inquiry, by=acting_staff(request))
                messages.success(request, "Marked as spam.")
                return redirect("clients:inquiries")
            elif action == "link":
                client = client_by_number(request, request.POST.get("client", ""))
                if client is None:
                    messages.error(request, "No client file you may see has this number.")
                else:
                    inquiries.inquiry_link_client(inquiry=inquiry, client=client, by=acting_staff(request))
                    messages.success(request, f"Linked to {client.number}.")
                return redirect("clients:inquiry", number=inquiry.number)
            elif action == "create_client":
                client = inquiries.inquiry_create_client(inquiry=inquiry, by=acting_staff(request))
                messages.success(request, f"File {client.number} opened and linked.")
                return redirect("clients:inquiry", number=inquiry.number)
        except ClientError as error:
            messages.error(request, error.message)
            return redirect("clients:inquiry", number=inquiry.number)
    record_access(request, action=AccessAction.VIEW, subject_kind="inquiry", subject_ref=inquiry.number)
    return page(
        request, "clients/inquiry.html",
        {"inquiry": inquiry, "answer": answer, "assign": assign, "late": inquiry.is_late(),
         "client_label": viewer.label(inquiry.client) if inquiry.client else "",
         "can_open_client": bool(inquiry.client and viewer.can_see_file(inquiry.client))},
    )  # fmt: skip


@policy.requires("clients.match_pieces")
@require_http_methods(["GET", "POST"])
def matching(request: HttpRequest) -> HttpResponse:
    """Describe a piece and see the clients whose wants it meets (inventory's piece pages call
    the same query once they exist)."""
    office = getattr(request.user, "office", None)
    form = PieceForm(request.POST or None, initial={"currency": office.currency if office else "USD"})
    suggestions: list[Any] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            prices = (Money.of(data["price"], data["currency"] or "USD"),) if data["price"] is not None else ()
            ring = (
                ring_size_to_mm(data["ring_size"], data["ring_size_system"] or RingSizeSystem.US)
                if data["ring_size"].strip()
                else None
            )
        except (ClientError, ValueError) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            piece = PieceDescription(
                category=data["category"], stones=frozenset(data["stones"]), colours=frozenset(data["colours"]),
                maker=maker_key(data["maker"]) if data["maker"] else "", period=data["period"], prices=prices,
                ring_size_mm=Decimal(ring) if ring is not None else None,
            )  # fmt: skip
            suggestions = queries.clients_wanting(piece, user=acting_staff(request), limit=100)
    return page(request, "clients/matching.html", {"form": form, "suggestions": suggestions})
