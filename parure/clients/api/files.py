"""Operations on one client file (registered last: /{number} would shadow literal paths)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Status

from parure.clients import queries
from parure.clients.api.common import (
    _address_inputs,
    _file,
    _other_file,
    _phone_inputs,
    _staff,
    client_payload,
)
from parure.clients.api.router import router
from parure.clients.api.schemas import (
    ClientOut,
    ClientPatch,
    ConsentIn,
    EmailIn,
    EraseIn,
    InteractionIn,
    InteractionOut,
    KycIn,
    MergeIn,
    OwnerIn,
    RelationshipIn,
    RowId,
    WantIn,
    WantOut,
)
from parure.clients.models import Want
from parure.clients.services import clients as files
from parure.clients.services import compliance, interactions, wants
from parure.core.api import requires
from parure.core.policy import acting_staff


# --- One file ----------------------------------------------------------------------------------
@router.get("/{number}", response=ClientOut, summary="A client file, as your role may see it")
@requires("clients.view_client")
def get_client(request: HttpRequest, number: str) -> Any:
    return client_payload(request, _file(request, number))


@router.patch("/{number}", response=ClientOut, summary="Change a client file")
@requires("clients.change_client")
def update_client(request: HttpRequest, number: str, payload: ClientPatch) -> Any:
    client = _file(request, number, "clients.change_client")
    if not request.user.has_perm("clients.view_identity", client):
        raise PermissionDenied("This file's identity is confidential; ask one of the client's specialists.")
    data = payload.dict(exclude_unset=True)
    if "private_note" in data and not request.user.has_perm("clients.view_private_note", client):
        raise PermissionDenied("Only the client's specialists and senior specialists may change the private note.")
    extra: dict[str, Any] = {}
    if "specialists" in data:
        extra["specialists"] = _staff(data.pop("specialists") or [], "specialists")
    if "phones" in data:
        data.pop("phones")
        extra["phones"] = _phone_inputs(payload.phones or [])
    if "addresses" in data:
        data.pop("addresses")
        extra["addresses"] = _address_inputs(payload.addresses or [])
    if "emails" in data:
        extra["emails"] = data.pop("emails") or []
    if "tags" in data:
        extra["tags"] = data.pop("tags") or []
    files.client_update(
        client=client, by=acting_staff(request), **extra, **{k: v for k, v in data.items() if v is not None}
    )
    return client_payload(request, _file(request, number))


@router.post("/{number}/merge", response=ClientOut, summary="Merge another file into this one")
@requires("clients.merge_clients")
def merge_client(request: HttpRequest, number: str, payload: MergeIn) -> Any:
    keep = _file(request, number, "clients.merge_clients")
    files.client_merge(keep=keep, absorb=_other_file(request, payload.absorb, "absorb"), by=acting_staff(request))
    return client_payload(request, _file(request, number))


@router.post("/{number}/erase", response=ClientOut, summary="Erase the person's personal data (pseudonymise)")
@requires("clients.erase_client")
def erase_client(request: HttpRequest, number: str, payload: EraseIn) -> Any:
    files.client_erase(
        client=_file(request, number, "clients.erase_client"), by=acting_staff(request), reason=payload.reason
    )
    return client_payload(request, _file(request, number))


@router.get("/{number}/personal-data", summary="Everything held on the person (data-subject export, logged)")
@requires("clients.export_personal_data")
def export_personal_data(request: HttpRequest, number: str) -> HttpResponse:
    client = _file(request, number, "clients.export_personal_data")
    content = compliance.personal_data_export(client=client, request=request, by=acting_staff(request))
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@router.get("/{number}/wants", response=list[WantOut], summary="The client's wants")
@requires("clients.view_activity")
def list_wants(request: HttpRequest, number: str) -> Any:
    client = _file(request, number, "clients.view_activity")
    return list(queries.wants_of(client))


@router.post("/{number}/wants", response={201: WantOut}, summary="Record a want")
@requires("clients.change_client")
def add_want(request: HttpRequest, number: str, payload: WantIn) -> Any:
    client = _file(request, number, "clients.change_client")
    return Status(201, wants.want_create(client=client, by=acting_staff(request), **payload.dict()))


@router.post("/{number}/wants/{want_id}/close", response=WantOut, summary="Close a want")
@requires("clients.change_client")
def close_want(request: HttpRequest, number: str, want_id: RowId) -> Any:
    client = _file(request, number, "clients.change_client")
    want = Want.objects.filter(client=client, pk=want_id).first()
    if want is None:
        raise Http404("No such want on this file.")
    return wants.want_close(want=want, by=acting_staff(request))


@router.get("/{number}/interactions", response=list[InteractionOut], summary="The client's timeline")
@requires("clients.view_activity")
def list_interactions(request: HttpRequest, number: str) -> Any:
    client = _file(request, number, "clients.view_activity")
    return list(queries.timeline(client)[:200])


@router.post("/{number}/interactions", response={201: InteractionOut}, summary="Log a call, meeting or note")
@requires("clients.log_interaction")
def log_interaction(request: HttpRequest, number: str, payload: InteractionIn) -> Any:
    client = _file(request, number, "clients.log_interaction")
    return Status(201, interactions.interaction_log(client=client, by=acting_staff(request), **payload.dict()))


@router.post("/{number}/emails", response={201: InteractionOut}, summary="Send one of the house's e-mails (logged)")
@requires("clients.send_email")
def send_email(request: HttpRequest, number: str, payload: EmailIn) -> Any:
    client = _file(request, number, "clients.send_email")
    return Status(201, interactions.client_email_send(client=client, by=acting_staff(request), **payload.dict()))


@router.put("/{number}/kyc", response=ClientOut, summary="Record the client's identity checks")
@requires("clients.manage_kyc")
def record_kyc(request: HttpRequest, number: str, payload: KycIn) -> Any:
    compliance.kyc_record(
        client=_file(request, number, "clients.manage_kyc"), by=acting_staff(request), **payload.dict()
    )
    return client_payload(request, _file(request, number))


@router.post("/{number}/beneficial-owners", response=ClientOut, summary="Add a beneficial owner")
@requires("clients.manage_kyc")
def add_beneficial_owner(request: HttpRequest, number: str, payload: OwnerIn) -> Any:
    client = _file(request, number, "clients.manage_kyc")
    compliance.beneficial_owner_add(client=client, by=acting_staff(request), **payload.dict())
    return client_payload(request, _file(request, number))


@router.post("/{number}/consents", response=ClientOut, summary="Record consent to marketing on a channel")
@requires("clients.change_client")
def record_consent(request: HttpRequest, number: str, payload: ConsentIn) -> Any:
    compliance.consent_record(
        client=_file(request, number, "clients.change_client"), by=acting_staff(request), **payload.dict()
    )
    return client_payload(request, _file(request, number))


@router.post("/{number}/relationships", response=ClientOut, summary="Record a relationship")
@requires("clients.change_client")
def add_relationship(request: HttpRequest, number: str, payload: RelationshipIn) -> Any:
    client = _file(request, number, "clients.change_client")
    files.relationship_add(
        client=client, related=_other_file(request, payload.related, "related"), kind=payload.kind,
        by=acting_staff(request), note=payload.note,
    )  # fmt: skip
    return client_payload(request, _file(request, number))
