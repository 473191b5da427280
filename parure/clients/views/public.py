"""The public inquiry form: no sign-in; a honeypot, a minimum time to fill it in and a limit per
address keep machines out. Nothing the visitor types is logged or put in a URL."""

from __future__ import annotations

import time
from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from parure.clients.choices import InquiryChannel
from parure.clients.errors import ClientError
from parure.clients.forms import PublicInquiryForm, show_refusal
from parure.clients.services.inquiries import inquiry_receive
from parure.clients.views.common import page
from parure.core import policy, ratelimit
from parure.core.access_log import client_address

MIN_SECONDS = 3  # a person takes longer than this to write a message
MAX_AGE = 2 * 60 * 60  # a form older than this is shown again
PER_ADDRESS_PER_HOUR = 5


def _too_many(request: HttpRequest) -> bool:
    return ratelimit.exceeded(
        "public-inquiry", client_address(request) or "unknown", limit=PER_ADDRESS_PER_HOUR, window_seconds=60 * 60
    )


def _restamped(request: HttpRequest) -> Any:
    data = request.POST.copy()
    data["shown"] = PublicInquiryForm.stamp()
    return data


def _timing_refusal(stamp: str) -> str:
    """Why the form's timing is refused ("" when a person could have written it)."""
    try:
        shown_at = float(signing.Signer(salt=PublicInquiryForm.SALT).unsign(stamp))
    except (signing.BadSignature, ValueError):
        return "The form could not be checked; please send your message again."
    age = time.time() - shown_at
    if age < MIN_SECONDS:
        return "The form was sent too quickly; please check your message and send it again."
    if age > MAX_AGE:
        return "This form was open for a long time; please send your message again."
    return ""


@policy.public
@require_http_methods(["GET", "POST"])
def public_inquiry(request: HttpRequest) -> HttpResponse:
    form = PublicInquiryForm(request.POST or None, initial={"shown": PublicInquiryForm.stamp()})
    status = 200
    if request.method == "POST":
        if _too_many(request):
            form.add_error(
                None,
                "We have received several messages from your connection in the last hour. Please try again later, "
                "or telephone the office.",
            )
            return page(request, "clients/public_inquiry.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                # A machine filled the hidden field: thank it and keep nothing.
                return redirect("clients:public_inquiry_thanks")
            refusal = _timing_refusal(data["shown"])
            if refusal:
                form.add_error(None, refusal)
                form.data = _restamped(request)
                return page(request, "clients/public_inquiry.html", {"form": form}, status=400)
            try:
                inquiry_receive(
                    channel=InquiryChannel.WEB, category=data["category"], name=data["name"], message=data["message"],
                    office=data["office"], email=data["email"], phone=data["phone"],
                )  # fmt: skip
            except ClientError as error:
                show_refusal(form, error)
                status = error.status
            else:
                return redirect("clients:public_inquiry_thanks")
        else:
            status = 400
    return page(request, "clients/public_inquiry.html", {"form": form}, status=status)


@policy.public
@require_http_methods(["GET"])
def public_inquiry_thanks(request: HttpRequest) -> HttpResponse:
    return page(request, "clients/public_inquiry_thanks.html", {})
