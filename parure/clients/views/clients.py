"""The book and a client's file: list and search, open, change, compliance, merge, erase."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from parure.clients import queries
from parure.clients.choices import Channel
from parure.clients.errors import ClientError
from parure.clients.forms import (
    AddressFormSet,
    ClientForm,
    ConsentForm,
    EmailForm,
    EraseForm,
    InteractionForm,
    KycForm,
    MergeForm,
    OwnerForm,
    RelationshipForm,
    SearchForm,
    WantForm,
    lines,
    show_refusal,
)
from parure.clients.models import Client, Want
from parure.clients.services import compliance, interactions, wants
from parure.clients.services.clients import AddressInput, client_create, client_erase, client_merge, client_update
from parure.clients.services.clients import relationship_add as add_relationship
from parure.clients.services.duplicates import HIDDEN_DUPLICATE, DuplicateAnswer, NewFile, duplicate_check
from parure.clients.views.common import client_by_number, find_client, page
from parure.clients.visibility import ClientSight, Viewer
from parure.core import policy
from parure.core.access_log import record_access
from parure.core.choices import AccessAction
from parure.core.policy import acting_staff

SEARCH_LIMIT = 100


@policy.requires("clients.view_client")
@require_http_methods(["GET", "POST"])
def client_list(request: HttpRequest) -> HttpResponse:
    """The book. Searches are sent by POST so names, e-mails and phones never sit in a URL."""
    viewer = Viewer(request.user)
    form = SearchForm(request.POST if request.method == "POST" else None)
    tag = request.GET.get("tag", "").strip()
    rows = queries.client_list(request.user).order_by("display_name", "pk")
    if tag:
        rows = rows.filter(tags__name=tag)
    searched = ""
    page_obj: Any
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        searched = form.cleaned_data["q"].strip()
        found = list(queries.client_search(request.user, searched).order_by("display_name", "pk")[: SEARCH_LIMIT + 1])
        page_obj = Paginator(found[:SEARCH_LIMIT], SEARCH_LIMIT).get_page(1)
        more = len(found) > SEARCH_LIMIT
    else:
        page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
        more = False
    entries = [{"client": client, "label": viewer.label(client)} for client in page_obj]
    template = "clients/partials/client_rows.html" if getattr(request, "htmx", False) else "clients/list.html"
    return page(
        request,
        template,
        {"form": form, "page": page_obj, "entries": entries, "searched": searched, "more": more, "tag": tag},
    )


def _address_inputs(formset: Any) -> list[AddressInput]:
    return [
        AddressInput(
            lines=f.cleaned_data.get("lines", ""),
            country=f.cleaned_data.get("country", ""),
            city=f.cleaned_data.get("city", ""),
            region=f.cleaned_data.get("region", ""),
            postcode=f.cleaned_data.get("postcode", ""),
            kind=f.cleaned_data.get("kind") or "home",
        )
        for f in formset.forms
        if f.cleaned_data and f.cleaned_data.get("lines", "").strip()
    ]


def _own_fields(data: dict[str, Any]) -> dict[str, Any]:
    names = [
        "kind", "title", "given_name", "family_name", "organisation_name", "display_name", "name_latin",
        "honorific_suffix", "preferred_salutation", "formal_salutation", "country", "preferred_language",
        "preferred_channel", "birthday", "anniversary", "confidentiality", "private_note",
    ]  # fmt: skip
    return {name: data[name] for name in names if name in data}


@policy.requires("clients.add_client")
@require_http_methods(["GET", "POST"])
def client_new(request: HttpRequest) -> HttpResponse:
    """Open a file; likely duplicates are shown first and must be set aside explicitly."""
    form = ClientForm(request.POST or None)
    addresses = AddressFormSet(request.POST or None, prefix="address")
    duplicates = DuplicateAnswer()
    if request.method == "POST" and form.is_valid() and addresses.is_valid():
        data = form.cleaned_data
        emails, phones = lines(data["emails"]), lines(data["phones"])
        if not data["not_a_duplicate"]:
            typed = NewFile(
                kind=data["kind"], display_name=data["display_name"] or data["organisation_name"],
                given_name=data["given_name"], family_name=data["family_name"], emails=emails,
                phones=_e164s(phones, data["country"], request.user),
            )  # fmt: skip
            duplicates = duplicate_check(typed=typed, by=acting_staff(request))
        if duplicates:
            form.add_error(
                None,
                "These files may be the same client. Open one of them, or confirm this is someone else."
                if duplicates.shown
                else "Confirm this is someone else to open the file now, or wait for the specialist's answer.",
            )
        else:
            try:
                client = client_create(
                    emails=emails, phones=phones, addresses=_address_inputs(addresses),
                    specialists=list(data["specialists"]) or None,
                    tags=[t for t in data["tags"].split(",") if t.strip()], by=acting_staff(request),
                    **_own_fields(data),
                )  # fmt: skip
            except ClientError as error:
                show_refusal(form, error, aliases={"email": "emails", "phone": "phones"})
            else:
                messages.success(request, f"File {client.number} opened.")
                return redirect("clients:detail", number=client.number)
    return page(
        request, "clients/form.html",
        {"form": form, "addresses": addresses, "duplicates": duplicates, "hidden_duplicate": HIDDEN_DUPLICATE},
    )  # fmt: skip


def _e164s(raw: list[str], country: str, user: Any) -> list[str]:
    from parure.clients.normalise import phone_e164
    from parure.clients.services.clients import _region_for

    found = []
    for number in raw:
        try:
            found.append(phone_e164(number, region=_region_for(country.upper(), user)))
        except ClientError:
            continue
    return found


@policy.requires("clients.view_client")
@require_http_methods(["GET"])
def client_detail(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number)
    if client.merged_into_id and client.merged_into:
        messages.info(request, f"File {client.number} was merged into {client.merged_into.number}.")
        return redirect("clients:detail", number=client.merged_into.number)
    sight = ClientSight.of(request.user, client)
    viewer = Viewer(request.user)
    if sight.identity:
        record_access(request, action=AccessAction.VIEW, subject_kind="client", subject_ref=client.number)
    context: dict[str, Any] = {"client": client, "sight": sight, "label": viewer.label(client)}
    if sight.identity:
        context["relationships"] = [
            {"other": r.related, "label": viewer.label(r.related), "kind": r.get_kind_display(), "note": r.note}
            for r in client.relationships.all()
        ] + [
            {"other": r.client, "label": viewer.label(r.client), "kind": f"{r.get_kind_display()} of", "note": r.note,
             "reverse": True}
            for r in client.related_to.all()
        ]  # fmt: skip
    if sight.activity:
        now = timezone.now()
        context["wants"] = list(queries.wants_of(client).filter(is_active=True))
        context["timeline"] = list(queries.timeline(client)[:50])
        appointments = list(
            client.appointments.select_related("room", "office")
            .prefetch_related("staff", "pieces")
            .order_by("-starts_at")[:20]
        )
        context["upcoming"] = [a for a in appointments if a.ends_at >= now][::-1]
        context["past"] = [a for a in appointments if a.ends_at < now]
        context["follow_ups"] = list(client.follow_ups.filter(done_at__isnull=True).select_related("owner"))
        context["inquiries"] = list(client.inquiries.select_related("assigned_to")[:10])
        consents = queries.current_consents(client)
        context["consent_rows"] = [(label, consents.get(value)) for value, label in Channel.choices]
        context["offers"] = queries.pieces_for_client(client)
    if sight.kyc:
        context["kyc_status"] = client.kyc_effective_status()
    return page(request, "clients/detail.html", context)


@policy.requires("clients.change_client")
@require_http_methods(["GET", "POST"])
def client_edit(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.change_client")
    if not request.user.has_perm("clients.view_identity", client):
        messages.error(request, "This file's identity is confidential; ask one of the client's specialists.")
        return redirect("clients:detail", number=client.number)
    show_note = request.user.has_perm("clients.view_private_note", client)
    initial = {
        **{name: getattr(client, name) for name in _own_fields({k: None for k in ClientForm.base_fields})},
        "emails": "\n".join(e.address for e in client.emails.all()),
        "phones": "\n".join(p.e164 for p in client.phones.all()),
        "specialists": list(client.specialists.all()),
        "tags": ", ".join(t.name for t in client.tags.all()),
    }
    initial_addresses = [
        {
            "kind": a.kind,
            "lines": a.lines,
            "city": a.city,
            "postcode": a.postcode,
            "region": a.region,
            "country": a.country,
        }
        for a in client.addresses.all()
    ]
    form = ClientForm(request.POST or None, initial=initial, show_private_note=show_note)
    addresses = AddressFormSet(request.POST or None, prefix="address", initial=initial_addresses)
    if request.method == "POST" and form.is_valid() and addresses.is_valid():
        data = form.cleaned_data
        fields = _own_fields(data)
        if not show_note:
            fields.pop("private_note", None)
        try:
            client_update(
                client=client, by=acting_staff(request), emails=lines(data["emails"]), phones=lines(data["phones"]),
                addresses=_address_inputs(addresses), specialists=list(data["specialists"]) or None,
                tags=[t for t in data["tags"].split(",") if t.strip()], **fields,
            )  # fmt: skip
        except ClientError as error:
            show_refusal(form, error, aliases={"email": "emails", "phone": "phones"})
        else:
            messages.success(request, "Changes saved.")
            return redirect("clients:detail", number=client.number)
    return page(request, "clients/form.html", {"form": form, "addresses": addresses, "client": client})


def _simple_form(
    request: HttpRequest, *, client: Client, form: Any, title: str, intro: str = "", submit: str = "Save"
) -> HttpResponse:
    return page(
        request, "clients/simple_form.html",
        {"client": client, "form": form, "title": title, "intro": intro, "submit": submit,
         "label": Viewer(request.user).addressed_label(client)},
    )  # fmt: skip


@policy.requires("clients.change_client")
@require_http_methods(["GET", "POST"])
def want_add(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.change_client")
    office = getattr(request.user, "office", None)
    form = WantForm(request.POST or None, initial={"currency": office.currency if office else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wants.want_create(
                client=client, by=acting_staff(request), description=data["description"], categories=data["categories"],
                stones=data["stones"], colours=data["colours"], makers=[m for m in data["makers"].split(",") if m],
                periods=data["periods"], currency=data["currency"], price_min=data["price_min"],
                price_max=data["price_max"], ring_size=data["ring_size"], ring_size_system=data["ring_size_system"],
            )  # fmt: skip
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Want recorded.")
            return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="What the client is looking for")


@policy.requires("clients.change_client")
@require_POST
def want_close(request: HttpRequest, number: str, want_id: int) -> HttpResponse:
    client = find_client(request, number, permission="clients.change_client")
    want = Want.objects.filter(pk=want_id, client=client).first()
    if want is None:
        from django.http import Http404

        raise Http404("No such want on this file.")
    wants.want_close(want=want, by=acting_staff(request))
    messages.success(request, "Want closed.")
    return redirect("clients:detail", number=client.number)


@policy.requires("clients.log_interaction")
@require_http_methods(["GET", "POST"])
def interaction_add(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.log_interaction")
    form = InteractionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interactions.interaction_log(
                client=client, by=acting_staff(request), kind=data["kind"], subject=data["subject"], body=data["body"],
                occurred_at=data["occurred_at"], stock_number=data["stock_number"],
            )  # fmt: skip
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Logged on the timeline.")
            return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="Log a call, meeting or note")


@policy.requires("clients.send_email")
@require_http_methods(["GET", "POST"])
def email_send(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.send_email")
    initial = {"template": request.GET.get("template", ""), "stock_numbers": request.GET.get("piece", "")}
    form = EmailForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interactions.client_email_send(
                client=client, by=acting_staff(request), template=data["template"], message=data["message"],
                stock_numbers=lines(data["stock_numbers"]), when=data["when"],
            )  # fmt: skip
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "E-mail sent and logged on the timeline.")
            return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="Send an e-mail", submit="Send")


@policy.requires("clients.manage_kyc")
@require_http_methods(["GET", "POST"])
def kyc(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.manage_kyc")
    initial = {
        "status": client.kyc_status, "document": client.kyc_document,
        "document_expires_on": client.kyc_document_expires_on, "verified_on": client.kyc_verified_on,
        "proof_of_address_on": client.kyc_proof_of_address_on,
        "tax_form": client.tax_form, "tax_form_received_on": client.tax_form_received_on,
        "payout_name": client.payout_name, "payout_iban": client.payout_iban, "payout_bic": client.payout_bic,
    }  # fmt: skip
    form = KycForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, by = form.cleaned_data, acting_staff(request)
        try:
            with transaction.atomic():
                compliance.kyc_record(client=client, by=by, **{name: data[name] for name in KycForm.KYC_FIELDS})
                # The tax form and the payout account change only when the form changed them.
                if set(KycForm.TAX_FIELDS) & set(form.changed_data):
                    compliance.tax_form_record(
                        client=client, by=by, tax_form=data["tax_form"], received_on=data["tax_form_received_on"]
                    )
                if set(KycForm.PAYOUT_FIELDS) & set(form.changed_data):
                    compliance.payout_account_record(
                        client=client, by=by, name=data["payout_name"], iban=data["payout_iban"], bic=data["payout_bic"]
                    )
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "KYC recorded.")
            return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="Identity checks (KYC)")


@policy.requires("clients.manage_kyc")
@require_http_methods(["GET", "POST"])
def owner_add(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.manage_kyc")
    form = OwnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            compliance.beneficial_owner_add(client=client, by=acting_staff(request), **form.cleaned_data)
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Beneficial owner recorded.")
            return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="Add a beneficial owner")


@policy.requires("clients.change_client")
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.change_client")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            compliance.consent_record(client=client, by=acting_staff(request), **form.cleaned_data)
        except ClientError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Consent recorded.")
            return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="Consent to marketing")


@policy.requires("clients.change_client")
@require_http_methods(["GET", "POST"])
def relationship_new(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.change_client")
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        related = client_by_number(request, form.cleaned_data["related"])
        if related is None:
            form.add_error("related", "No client file you may see has this number.")
        else:
            try:
                add_relationship(
                    client=client, related=related, kind=form.cleaned_data["kind"], by=acting_staff(request),
                    note=form.cleaned_data["note"],
                )  # fmt: skip
            except ClientError as error:
                show_refusal(form, error)
            else:
                messages.success(request, "Relationship recorded.")
                return redirect("clients:detail", number=client.number)
    return _simple_form(request, client=client, form=form, title="Add a relationship")


@policy.requires("clients.merge_clients")
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.merge_clients")
    form = MergeForm(request.POST or None, initial={"absorb": request.GET.get("absorb", "")})
    if request.method == "POST" and form.is_valid():
        absorb = client_by_number(request, form.cleaned_data["absorb"])
        if absorb is None:
            form.add_error("absorb", "No client file you may see has this number.")
        else:
            try:
                client_merge(keep=client, absorb=absorb, by=acting_staff(request))
            except ClientError as error:
                show_refusal(form, error)
            else:
                messages.success(request, f"File {absorb.number} merged into {client.number}.")
                return redirect("clients:detail", number=client.number)
    return _simple_form(
        request, client=client, form=form, title="Merge a duplicate into this file",
        intro="Every record of the other file (wants, appointments, timeline, inquiries, contact details) moves "
        "here; the other file stays as a pointer to this one, with who merged it and when.",
        submit="Merge",
    )  # fmt: skip


@policy.requires("clients.erase_client")
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, number: str) -> HttpResponse:
    client = find_client(request, number, permission="clients.erase_client")
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm_number"].strip().upper() != client.number:
            form.add_error("confirm_number", f"Type {client.number} to confirm.")
        else:
            try:
                client_erase(client=client, by=acting_staff(request), reason=form.cleaned_data["reason"])
            except ClientError as error:
                show_refusal(form, error)
            else:
                messages.success(request, f"Personal data of {client.number} erased.")
                return redirect("clients:detail", number=client.number)
    return _simple_form(
        request, client=client, form=form, title="Erase this person's personal data",
        intro="Names, contact details, notes, wants and the text of the timeline are removed for good. The file "
        "number, dates, appointments and the records the law requires (invoices, custody) stay, pointing at "
        "a file that no longer says who it was.",
        submit="Erase",
    )  # fmt: skip


@policy.requires("clients.export_personal_data")
@require_http_methods(["GET"])
def personal_data(request: HttpRequest, number: str) -> HttpResponse:
    """Everything held on the person, as a JSON file (written to the access log)."""
    client = find_client(request, number, permission="clients.export_personal_data")
    content = compliance.personal_data_export(client=client, request=request, by=acting_staff(request))
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{client.number}.json"'
    response["Cache-Control"] = "no-store"
    return response
