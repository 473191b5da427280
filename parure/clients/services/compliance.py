"""KYC, beneficial owners, consent to marketing, and the data-subject export."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from parure.clients.choices import Channel, ClientKind, IdentityDocument, KycStatus, TaxForm
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.models import BeneficialOwner, Client, Consent
from parure.clients.payout import normalise_bic, normalise_iban
from parure.clients.services.clients import _refuse_if_closed, _validate_choice, lock_client
from parure.core.models import Staff


@transaction.atomic
def kyc_record(
    *,
    client: Client,
    by: Staff,
    status: str,
    document: str = "",
    document_expires_on: date | None = None,
    verified_on: date | None = None,
    proof_of_address_on: date | None = None,
) -> Client:
    """Record the state of a client's identity checks.

    Verified needs the document seen, its expiry, the day it was verified and a proof of
    address; an organisation also needs at least one beneficial owner on file.
    """
    client = lock_client(client)
    _refuse_if_closed(client)
    if not status:
        raise ClientError("Choose the KYC status to record.", field="status", code=ClientErrorCode.INVALID_CHOICE)
    _validate_choice(status, KycStatus, "status", "KYC status")
    _validate_choice(document, IdentityDocument, "document", "kind of identity document")
    today = timezone.localdate()
    if status == KycStatus.EXPIRED:
        raise ClientError(
            "Expiry follows from the document's date; record the new check instead.",
            field="status",
            code=ClientErrorCode.INVALID,
        )
    if status == KycStatus.VERIFIED:
        if not document:
            raise ClientError(
                "Say which identity document was seen.", field="document", code=ClientErrorCode.KYC_INCOMPLETE
            )
        if document_expires_on is None:
            raise ClientError(
                "Give the identity document's expiry date.",
                field="document_expires_on",
                code=ClientErrorCode.KYC_INCOMPLETE,
            )
        if document_expires_on < today:
            raise ClientError(
                "The identity document has expired; a current one is needed to verify the client.",
                field="document_expires_on",
                code=ClientErrorCode.KYC_DOCUMENT_EXPIRED,
            )
        verified_on = verified_on or today
        if verified_on > today:
            raise ClientError(
                "The verification date cannot be in the future.", field="verified_on", code=ClientErrorCode.INVALID
            )
        if proof_of_address_on is None:
            raise ClientError(
                "Give the date of the proof of address.",
                field="proof_of_address_on",
                code=ClientErrorCode.KYC_INCOMPLETE,
            )
        if client.kind == ClientKind.ORGANISATION and not client.beneficial_owners.exists():
            raise ClientError(
                "Record the organisation's beneficial owners before verifying it.",
                field="status",
                code=ClientErrorCode.KYC_OWNERS_MISSING,
            )
    client.kyc_status = status
    client.kyc_document = document
    client.kyc_document_expires_on = document_expires_on
    client.kyc_proof_of_address_on = proof_of_address_on
    if status == KycStatus.VERIFIED:
        client.kyc_verified_by, client.kyc_verified_on = by, verified_on
    else:
        client.kyc_verified_by, client.kyc_verified_on = None, None
    client.updated_at = timezone.now()
    client.save()
    return client


@transaction.atomic
def tax_form_record(*, client: Client, by: Staff, tax_form: str, received_on: date | None = None) -> Client:
    """Record the tax form a consignor gave (W-9, W-8BEN, W-8BEN-E) and the day it came; an empty kind
    clears it. Billing holds a consignor's settlement while the form is missing."""
    del by  # the file's KYC history is its own; who edited it is on the access log
    client = lock_client(client)
    _refuse_if_closed(client)
    _validate_choice(tax_form, TaxForm, "tax_form", "tax form")
    today = timezone.localdate()
    if tax_form and received_on is None:
        raise ClientError(
            "Give the day the tax form was received.", field="tax_form_received_on", code=ClientErrorCode.REQUIRED
        )
    if received_on is not None and received_on > today:
        raise ClientError(
            "The day the tax form came cannot be in the future.",
            field="tax_form_received_on",
            code=ClientErrorCode.INVALID_DATE,
        )
    client.tax_form = tax_form
    client.tax_form_received_on = received_on if tax_form else None
    client.updated_at = timezone.now()
    client.save(update_fields=["tax_form", "tax_form_received_on", "updated_at"])
    return client


@transaction.atomic
def payout_account_record(*, client: Client, by: Staff, name: str, iban: str, bic: str = "") -> Client:
    """Record the account a consignor is paid into: the holder's name, an IBAN (its mod-97 check must
    hold) and the bank's BIC. All three empty clears it."""
    del by
    client = lock_client(client)
    _refuse_if_closed(client)
    name = (name or "").strip()
    if not name and not (iban or "").strip() and not (bic or "").strip():
        client.payout_name = client.payout_iban = client.payout_bic = ""
    else:
        if not name:
            raise ClientError("Give the account holder's name.", field="payout_name", code=ClientErrorCode.REQUIRED)
        if len(name) > 70:
            raise ClientError(
                "The account holder's name is longer than 70 characters.",
                field="payout_name",
                code=ClientErrorCode.TOO_LONG,
            )
        client.payout_name = name
        client.payout_iban = normalise_iban(iban)
        client.payout_bic = normalise_bic(bic)
    client.updated_at = timezone.now()
    client.save(update_fields=["payout_name", "payout_iban", "payout_bic", "updated_at"])
    return client


@transaction.atomic
def beneficial_owner_add(
    *, client: Client, by: Staff, name: str, ownership_percent: Decimal | None = None, country: str = ""
) -> BeneficialOwner:
    _refuse_if_closed(client)
    if client.kind != ClientKind.ORGANISATION:
        raise ClientError(
            "Only organisations have beneficial owners.", field="name", code=ClientErrorCode.NOT_AN_ORGANISATION
        )
    if not name.strip():
        raise ClientError("Give the beneficial owner's name.", field="name", code=ClientErrorCode.REQUIRED)
    if ownership_percent is not None and not Decimal(0) < ownership_percent <= Decimal(100):
        raise ClientError(
            "Ownership is a percentage above 0 and at most 100.",
            field="ownership_percent",
            code=ClientErrorCode.INVALID,
        )
    total = sum((o.ownership_percent or Decimal(0) for o in client.beneficial_owners.all()), Decimal(0))
    if ownership_percent is not None and total + ownership_percent > 100:
        raise ClientError(
            f"Owners on file already hold {total}%; this would make more than 100%.",
            field="ownership_percent",
            code=ClientErrorCode.OWNERSHIP_EXCEEDED,
        )
    return BeneficialOwner.objects.create(
        client=client, name=name.strip(), ownership_percent=ownership_percent, country=country.strip().upper()
    )


@transaction.atomic
def consent_record(*, client: Client, by: Staff, channel: str, granted: bool, source: str = "") -> Consent:
    """Record consent to marketing on one channel given or withdrawn now (history is kept)."""
    _refuse_if_closed(client)
    _validate_choice(channel, Channel, "channel", "contact channel")
    if not channel:
        raise ClientError("Choose the channel the consent is for.", field="channel", code=ClientErrorCode.REQUIRED)
    if granted and not source.strip():
        raise ClientError(
            "Say where the consent was given (signed form, e-mail of a date…).",
            field="source",
            code=ClientErrorCode.CONSENT_SOURCE,
        )
    return Consent.objects.create(
        client=client, channel=channel, granted=granted, recorded_by=by, source=source.strip()
    )


def has_consent(client: Client, channel: str) -> bool:
    latest = client.consents.filter(channel=channel).order_by("-recorded_at", "-id").first()
    return bool(latest and latest.granted)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def personal_data_export(*, client: Client, request: Any, by: Staff) -> bytes:
    """Everything held on a person, as JSON; the export is written to the access log."""
    from parure.clients.models import Appointment, FollowUp, Inquiry
    from parure.core.access_log import record_access
    from parure.core.choices import AccessAction

    own_fields = [
        "number", "kind", "display_name", "given_name", "family_name", "organisation_name", "title",
        "honorific_suffix", "name_latin", "preferred_salutation", "formal_salutation", "preferred_language",
        "preferred_channel", "country", "birthday", "anniversary", "confidentiality", "private_note",
        "kyc_status", "kyc_document", "kyc_document_expires_on", "kyc_verified_on", "kyc_proof_of_address_on",
        "created_at", "updated_at", "erased_at",
    ]  # fmt: skip
    data: dict[str, Any] = {name: _plain(getattr(client, name)) for name in own_fields}
    data["emails"] = [{"address": e.address, "primary": e.is_primary} for e in client.emails.all()]
    data["phones"] = [{"number": p.e164, "kind": p.kind, "primary": p.is_primary} for p in client.phones.all()]
    data["addresses"] = [
        {"kind": a.kind, "lines": a.lines, "city": a.city, "region": a.region, "postcode": a.postcode,
         "country": a.country}
        for a in client.addresses.all()
    ]  # fmt: skip
    data["relationships"] = [
        {"related": r.related.number, "kind": r.kind, "note": r.note}
        for r in client.relationships.select_related("related")
    ] + [
        {"related": r.client.number, "kind": f"{r.kind} (of)", "note": r.note}
        for r in client.related_to.select_related("client")
    ]
    data["beneficial_owners"] = [
        {"name": o.name, "ownership_percent": _plain(o.ownership_percent), "country": o.country}
        for o in client.beneficial_owners.all()
    ]
    data["consents"] = [
        {"channel": c.channel, "granted": c.granted, "recorded_at": _plain(c.recorded_at), "source": c.source}
        for c in client.consents.all()
    ]
    data["wants"] = [
        {"description": w.description, "categories": w.categories, "stones": w.stones, "colours": w.colours,
         "makers": w.makers, "periods": w.periods, "currency": w.currency, "price_min": _plain(w.price_min),
         "price_max": _plain(w.price_max), "ring_size_mm": _plain(w.ring_size_mm), "active": w.is_active}
        for w in client.wants.all()
    ]  # fmt: skip
    data["appointments"] = [
        {"starts_at": _plain(a.starts_at), "ends_at": _plain(a.ends_at), "place": a.place, "purpose": a.purpose,
         "status": a.status, "interest_shown": a.interest_shown, "next_step": a.next_step,
         "pieces": [p.stock_number for p in a.pieces.all()]}
        for a in Appointment.objects.filter(client=client).select_related("room").prefetch_related("pieces")
    ]  # fmt: skip
    data["interactions"] = [
        {"kind": i.kind, "occurred_at": _plain(i.occurred_at), "subject": i.subject, "body": i.body,
         "sent_to": i.sent_to}
        for i in client.interactions.all()
    ]  # fmt: skip
    data["inquiries"] = [
        {"number": q.number, "received_at": _plain(q.received_at), "channel": q.channel, "name": q.name,
         "email": q.email, "phone": q.phone, "message": q.message}
        for q in Inquiry.objects.filter(client=client)
    ]  # fmt: skip
    data["follow_ups"] = [
        {"title": f.title, "due_on": _plain(f.due_on), "done": f.done_at is not None}
        for f in FollowUp.objects.filter(client=client)
    ]
    record_access(
        request,
        action=AccessAction.EXPORT,
        subject_kind="client:personal-data",
        subject_ref=client.number,
        detail="Data-subject export (everything held on the person)",
        staff=by,
    )
    return json.dumps(
        {"exported_at": timezone.now().isoformat(), "client": data}, ensure_ascii=False, indent=2
    ).encode()
