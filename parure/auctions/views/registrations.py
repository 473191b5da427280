"""The sale's bidders: the list (with the paddle lookup), one registration with its decision and
credit, the register form, and the bulk registration of an online platform's bidders (upload,
then the column mapping, then a background job whose page shows the progress)."""

from __future__ import annotations

import base64
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parure.auctions import queries
from parure.auctions import registration_import as bulk
from parure.auctions.choices import RegistrationStatus
from parure.auctions.errors import AuctionError
from parure.auctions.models import Registration, Sale
from parure.auctions.services import registrations as services
from parure.auctions.visibility import AuctionViewer
from parure.clients import queries as client_book
from parure.core import policy
from parure.core.errors import DomainError
from parure.core.models import BackgroundJob
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes

STASH = "auctions.bidders.import"


def _sale(code: str) -> Sale:
    try:
        return queries.sale_by_code(code)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _registration(sale: Sale, paddle: str) -> Registration:
    try:
        return queries.registration_by_paddle(sale, paddle)
    except AuctionError as refusal:
        raise Http404(refusal.message) from None


def _show(form: forms.BaseForm, error: DomainError[Any]) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


class RegisterForm(forms.Form):
    client = forms.CharField(
        label="Client",
        max_length=200,
        help_text="A client number (C-000412-3) or a name to search the client book.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "bidder-client-options", "autofocus": True}),
    )
    credit_limit = forms.CharField(label="Credit limit", required=False, max_length=30)
    deposit = forms.CharField(label="Deposit", required=False, max_length=30)

    def client_number(self) -> str:
        # "C-000412-3 · Mrs Eleanor Whitcombe" from the suggestions: the number is the first word.
        text = str(self.cleaned_data.get("client", "")).strip()
        return text.split(" ")[0] if text else ""


class CreditForm(forms.Form):
    credit_limit = forms.CharField(label="Credit limit", required=False, max_length=30)
    deposit = forms.CharField(label="Deposit", required=False, max_length=30)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("refuse", "Refuse")])
    reason = forms.CharField(
        label="Reason", required=False, max_length=services.REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class UploadForm(forms.Form):
    platform = forms.CharField(
        label="Platform", max_length=bulk.PLATFORM_MAX, help_text="Bidsquare, Invaluable, LiveAuctioneers…"
    )
    # An empty file is the import's to refuse, with its own sentence.
    file = forms.FileField(label="The platform's export (CSV)", required=False, allow_empty_file=True)


def _column_choices(header: list[str]) -> list[tuple[str, str]]:
    return [("", "— not in this file —"), *((name, name) for name in header if name)]


class MappingForm(forms.Form):
    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for ours, label in bulk.FIELDS.items():
            self.fields[ours] = forms.ChoiceField(label=label, choices=_column_choices(header), required=False)


# --- The list ---------------------------------------------------------------------------------------
@policy.requires("auctions.view_registrations")
@require_GET
def bidders(request: HttpRequest, code: str) -> HttpResponse:
    """The sale's bidders by paddle, filtered by status; the paddle box opens one registration."""
    sale = _sale(code)
    lookup_error = ""
    typed = request.GET.get("paddle", "")
    if typed:
        try:
            found = queries.registration_by_paddle(sale, typed[:40])
        except AuctionError as refusal:
            lookup_error = refusal.message
        else:
            return redirect("auctions:bidder", code=sale.code, paddle=found.paddle)
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = ""
    rows = list(queries.registrations_of(sale, status=status))
    viewer = AuctionViewer(request.user)
    labels = viewer.bidder_labels(row.client_id for row in rows)
    return render(
        request,
        "auctions/registrations.html",
        {
            "sale": sale,
            "rows": [
                {"registration": row, "label": labels.get(row.client_id), "kyc": client_book.kyc_standing(row.client)}
                for row in rows
            ],
            "status": status,
            "statuses": RegistrationStatus.choices,
            "typed": typed[:40],
            "lookup_error": lookup_error,
        },
    )


@policy.requires("auctions.view_registrations")
@require_GET
def bidder(request: HttpRequest, code: str, paddle: str) -> HttpResponse:
    sale = _sale(code)
    registration = _registration(sale, paddle)
    return _bidder_page(request, sale, registration)


def _bidder_page(
    request: HttpRequest,
    sale: Sale,
    registration: Registration,
    *,
    decision: DecisionForm | None = None,
    credit: CreditForm | None = None,
    status: int = 200,
) -> HttpResponse:
    label = AuctionViewer(request.user).bidder_labels([registration.client_id]).get(registration.client_id)
    initial = {"credit_limit": registration.credit_limit or "", "deposit": registration.deposit or ""}
    return render(
        request,
        "auctions/registration.html",
        {
            "sale": sale,
            "registration": registration,
            "label": label,
            "kyc": client_book.kyc_standing(registration.client),
            "decision": decision or DecisionForm(),
            "credit": credit or CreditForm(initial=initial),
        },
        status=status,
    )


@policy.requires("auctions.approve_bidders")
@require_POST
def bidder_decide(request: HttpRequest, code: str, paddle: str) -> HttpResponse:
    sale = _sale(code)
    registration = _registration(sale, paddle)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.registration_decide(
                registration=registration,
                approve=form.cleaned_data["decision"] == "approve",
                by=acting_staff(request),
                reason=form.cleaned_data["reason"],
            )
        except AuctionError as refusal:
            _show(form, refusal)
        else:
            decided = "approved" if form.cleaned_data["decision"] == "approve" else "refused"
            messages.success(request, f"Paddle {registration.paddle} is {decided}.")
            return redirect("auctions:bidder", code=sale.code, paddle=registration.paddle)
    return _bidder_page(request, sale, registration, decision=form, status=422)


@policy.requires("auctions.register_bidders")
@require_POST
def bidder_credit(request: HttpRequest, code: str, paddle: str) -> HttpResponse:
    sale = _sale(code)
    registration = _registration(sale, paddle)
    form = CreditForm(request.POST)
    if form.is_valid():
        try:
            services.registration_credit_change(
                registration=registration,
                by=acting_staff(request),
                credit_limit=form.cleaned_data["credit_limit"],
                deposit=form.cleaned_data["deposit"],
            )
        except AuctionError as refusal:
            _show(form, refusal)
        else:
            messages.success(request, f"Paddle {registration.paddle}'s credit is changed.")
            return redirect("auctions:bidder", code=sale.code, paddle=registration.paddle)
    return _bidder_page(request, sale, registration, credit=form, status=422)


# --- Registering ------------------------------------------------------------------------------------
@policy.requires("auctions.register_bidders")
@require_http_methods(["GET", "POST"])
def bidder_new(request: HttpRequest, code: str) -> HttpResponse:
    sale = _sale(code)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.bidder_register(
                sale=sale,
                client_number=form.client_number(),
                by=acting_staff(request),
                credit_limit=form.cleaned_data["credit_limit"],
                deposit=form.cleaned_data["deposit"],
            )
        except AuctionError as refusal:
            _show(form, refusal if refusal.field != "client_number" else _as_client(refusal))
        else:
            messages.success(request, f"Registered as paddle {registration.paddle}, pending a senior's approval.")
            return redirect("auctions:bidder", code=sale.code, paddle=registration.paddle)
    return render(
        request, "auctions/registration_form.html", {"sale": sale, "form": form}, status=422 if form.errors else 200
    )


def _as_client(refusal: AuctionError) -> AuctionError:
    return AuctionError(refusal.message, field="client", code=refusal.code)


@policy.requires("auctions.register_bidders")
@require_GET
def bidder_client_options(request: HttpRequest, code: str) -> HttpResponse:
    """Client files for the register form's suggestions (htmx): the client book decides which."""
    _sale(code)
    text = request.GET.get("client", "")[:100]
    try:
        clients = client_book.consignor_search(text, viewer=acting_staff(request))
    except DomainError:
        clients = []  # a mistyped client number suggests nothing; submitting says why
    return render(request, "auctions/partials/bidder_client_options.html", {"clients": clients})


# --- The online platform's export ------------------------------------------------------------------
@policy.requires("auctions.register_bidders")
@require_http_methods(["GET", "POST"])
def bidder_import(request: HttpRequest, code: str) -> HttpResponse:
    """Step one: the platform's name and its CSV; the file is read for its header row only."""
    sale = _sale(code)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = upload_bytes(request, form.cleaned_data["file"], limit=bulk.MAX_BYTES)
            if content is None:
                raise bulk.ImportRefused("Choose the platform's export (a CSV file).")
            sheet = bulk.read_sheet(content)
        except DomainError as refusal:
            form.add_error("file", refusal.message)
        else:
            # Kept in the person's session between the two steps only; the job deletes its copy.
            request.session[STASH] = {
                "sale": sale.code,
                "platform": form.cleaned_data["platform"].strip(),
                "filename": (form.cleaned_data["file"].name or "")[:200],
                "content": base64.b64encode(content).decode("ascii"),
                "header": sheet.header,
                "rows": len(sheet.rows),
            }
            return redirect("auctions:bidder_import_mapping", code=sale.code)
    recent = BackgroundJob.objects.filter(started_by=acting_staff(request), kind=bulk.JOB_KIND)[:5]
    return render(
        request,
        "auctions/registration_import.html",
        {"sale": sale, "form": form, "fields": bulk.FIELDS, "max_rows": bulk.MAX_ROWS, "recent_jobs": recent},
        status=422 if form.errors else 200,
    )


@policy.requires("auctions.register_bidders")
@require_http_methods(["GET", "POST"])
def bidder_import_mapping(request: HttpRequest, code: str) -> HttpResponse:
    """Step two: the platform's columns mapped to ours (proposed from the header), then the job."""
    sale = _sale(code)
    stash = request.session.get(STASH)
    if not isinstance(stash, dict) or stash.get("sale") != sale.code:
        messages.info(request, "Upload the platform's export first.")
        return redirect("auctions:bidder_import", code=sale.code)
    header = [str(name) for name in stash["header"]]
    form = MappingForm(request.POST or None, header=header, initial=bulk.propose_mapping(header))
    if request.method == "POST" and form.is_valid():
        mapping = {ours: form.cleaned_data[ours] for ours in bulk.FIELDS}
        try:
            bulk.check_mapping(header, mapping)
            job = bulk.import_start(
                sale=sale,
                content=base64.b64decode(stash["content"]),
                filename=str(stash["filename"]),
                mapping=mapping,
                platform=str(stash["platform"]),
                by=acting_staff(request),
            )
        except DomainError as refusal:
            _show(form, refusal)
        else:
            request.session.pop(STASH, None)
            return redirect("core:job", job_id=job.pk)
    return render(
        request,
        "auctions/registration_import_mapping.html",
        {"sale": sale, "form": form, "stash": stash, "header": header},
        status=422 if form.errors else 200,
    )


def bidders_url(sale: Sale) -> str:
    return reverse("auctions:bidders", kwargs={"code": sale.code})


urlpatterns = [
    path("<str:code>/bidders/", bidders, name="bidders"),
    path("<str:code>/bidders/new/", bidder_new, name="bidder_new"),
    path("<str:code>/bidders/clients/", bidder_client_options, name="bidder_client_options"),
    path("<str:code>/bidders/import/", bidder_import, name="bidder_import"),
    path("<str:code>/bidders/import/mapping/", bidder_import_mapping, name="bidder_import_mapping"),
    path("<str:code>/bidders/<str:paddle>/", bidder, name="bidder"),
    path("<str:code>/bidders/<str:paddle>/decide/", bidder_decide, name="bidder_decide"),
    path("<str:code>/bidders/<str:paddle>/credit/", bidder_credit, name="bidder_credit"),
]
