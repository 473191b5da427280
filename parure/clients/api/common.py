"""Helpers the client book's API operations share: finding files as the caller may see them, payloads."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from parure.clients import queries
from parure.clients.api.schemas import (
    AddressIn,
    PhoneIn,
)
from parure.clients.errors import ClientErrorCode
from parure.clients.models import Appointment, Client, FollowUp, Inquiry
from parure.clients.services import clients as files
from parure.clients.visibility import ClientSight, Viewer
from parure.core.access_log import record_access
from parure.core.api import ApiError
from parure.core.choices import AccessAction
from parure.core.models import Staff


def _file(request: HttpRequest, number: str, permission: str = "clients.view_client") -> Client:
    client = queries.client_detail(number.upper()).first()
    if client is None or not request.user.has_perm("clients.view_client", client):
        raise Http404("No client file with this number.")
    if permission != "clients.view_client" and not request.user.has_perm(permission, client):
        raise PermissionDenied("Your role may not do this on this client's file.")
    return client


def _other_file(request: HttpRequest, number: str, field: str) -> Client:
    client = Client.objects.filter(number=number.strip().upper()).prefetch_related("specialists").first()
    if client is None or not Viewer(request.user).can_see_file(client):
        raise ApiError(
            "No client file you may see has this number.",
            code=ClientErrorCode.INVALID,
            fields={field: ["Unknown client."]},
        )
    return client


def _staff(usernames: list[str], field: str) -> list[Staff]:
    people = {p.username: p for p in Staff.objects.filter(username__in=usernames)}
    missing = [u for u in usernames if u not in people]
    if missing:
        raise ApiError(
            f"Unknown member of staff: {', '.join(missing)}.",
            code=ClientErrorCode.INVALID,
            fields={field: ["Unknown staff."]},
        )
    return [people[u] for u in usernames]


def _summary(viewer: Viewer, client: Client) -> dict[str, Any]:
    return {
        "number": client.number,
        "kind": client.kind,
        "name": viewer.label(client),
        "confidential": client.is_confidential,
        "identity_shown": viewer.shows_identity(client),
        "specialists": [p.username for p in client.specialists.all()],
        "tags": [t.name for t in client.tags.all()],
    }


def client_payload(request: HttpRequest, client: Client) -> dict[str, Any]:
    """A file as the person may see it; what they may not see is left out."""
    viewer = Viewer(request.user)
    sight = ClientSight.of(request.user, client)
    body = _summary(viewer, client)
    body["merged_into"] = client.merged_into.number if client.merged_into else None
    body["erased"] = client.is_erased
    if sight.identity:
        for name in (
            "title", "given_name", "family_name", "organisation_name", "display_name", "name_latin",
            "honorific_suffix", "preferred_salutation", "formal_salutation", "preferred_language",
            "preferred_channel", "country", "birthday", "anniversary",
        ):  # fmt: skip
            body[name] = getattr(client, name)
        body["emails"] = [e.address for e in client.emails.all()]
        body["phones"] = [{"number": p.e164, "kind": p.kind, "primary": p.is_primary} for p in client.phones.all()]
        body["addresses"] = [
            {"kind": a.kind, "lines": a.lines, "city": a.city, "region": a.region, "postcode": a.postcode,
             "country": a.country}
            for a in client.addresses.all()
        ]  # fmt: skip
        body["relationships"] = [
            {"related": r.related.number, "name": viewer.label(r.related), "kind": r.kind, "direction": "is_to_client",
             "note": r.note}
            for r in client.relationships.all()
        ] + [
            {"related": r.client.number, "name": viewer.label(r.client), "kind": r.kind, "direction": "client_is_to",
             "note": r.note}
            for r in client.related_to.all()
        ]  # fmt: skip
        record_access(request, action=AccessAction.VIEW, subject_kind="client", subject_ref=client.number, detail="API")
    if sight.private_note:
        body["private_note"] = client.private_note
    if sight.kyc:
        body["kyc"] = {
            "status": client.kyc_effective_status(),
            "document": client.kyc_document,
            "document_expires_on": client.kyc_document_expires_on,
            "verified_on": client.kyc_verified_on,
            "verified_by": client.kyc_verified_by.username if client.kyc_verified_by else None,
            "proof_of_address_on": client.kyc_proof_of_address_on,
            "beneficial_owners": [
                {
                    "name": o.name,
                    "ownership_percent": str(o.ownership_percent) if o.ownership_percent else None,
                    "country": o.country,
                }
                for o in client.beneficial_owners.all()
            ],
        }
    if sight.activity:
        body["consents"] = {channel: c.granted for channel, c in queries.current_consents(client).items()}
    return body


def _address_inputs(rows: list[AddressIn]) -> list[files.AddressInput]:
    return [files.AddressInput(**row.dict()) for row in rows]


def _phone_inputs(rows: list[PhoneIn]) -> list[files.PhoneInput | str]:
    return [files.PhoneInput(row.number, row.kind) for row in rows]


def _appointment_out(viewer: Viewer, appointment: Appointment) -> dict[str, Any]:
    pieces = list(appointment.pieces.all())
    return {
        "id": appointment.pk,
        "office": appointment.office.code,
        "client": appointment.client.number,
        "client_name": viewer.label(appointment.client),
        "starts_at": appointment.starts_at,
        "ends_at": appointment.ends_at,
        "room": appointment.room.name if appointment.room else None,
        "off_site": appointment.off_site,
        "purpose": appointment.purpose,
        "status": appointment.status,
        "staff": [p.username for p in appointment.staff.all()],
        "pieces": [p.stock_number for p in pieces],
        "pieces_tried": [p.stock_number for p in pieces if p.tried],
        "interest_shown": appointment.interest_shown,
        "next_step": appointment.next_step,
    }


def _appointment(appointment_id: int) -> Appointment:
    appointment = queries.appointment_detail(appointment_id).first()
    if appointment is None:
        raise Http404("No such appointment.")
    return appointment


def _follow_up_out(viewer: Viewer, row: FollowUp, today: date) -> dict[str, Any]:
    number, name = viewer.file_reference(row.client) if row.client else (None, None)
    return {
        "id": row.pk, "title": row.title, "due_on": row.due_on, "owner": row.owner.username,
        "client": number, "client_name": name,
        "stock_number": row.stock_number, "recurrence": row.recurrence, "done": row.done_at is not None,
        "overdue": row.is_overdue(today),
    }  # fmt: skip


def _inquiry_out(row: Inquiry) -> dict[str, Any]:
    return {
        "number": row.number, "received_at": row.received_at, "channel": row.channel, "category": row.category,
        "status": row.status, "office": row.office.code, "name": row.name, "email": row.email, "phone": row.phone,
        "message": row.message, "client": row.client.number if row.client else None,
        "assigned_to": row.assigned_to.username if row.assigned_to else None, "respond_by": row.respond_by,
        "late": row.is_late(),
    }  # fmt: skip


def _inquiry(number: str) -> Inquiry:
    row = queries.inquiry_queue(None, status="").filter(number=number.upper()).first()
    if row is None:
        raise Http404("No such inquiry.")
    return row
