"""The bidders API: a sale's registrations (list, one by paddle), registering a client, a senior's
decision, the credit, and the bulk import of an online platform's export (202 with the job).

Bidders are named as the client book labels them for the caller; amounts are strings ("25000.00")
in the sale's currency, never floats."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status, UploadedFile

from parure.auctions import queries
from parure.auctions import registration_import as bulk
from parure.auctions.choices import RegistrationStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Registration
from parure.auctions.services import registrations as services
from parure.auctions.visibility import AuctionViewer
from parure.clients import queries as client_book
from parure.core.api import requires
from parure.core.api_routes import JobOut, job_out
from parure.core.policy import acting_staff
from parure.core.uploads import upload_bytes

router = Router()


class RegistrationOut(Schema):
    paddle: str
    sale: str
    client_number: str
    client: str
    source: str
    platform: str
    platform_reference: str
    credit_limit: str | None
    deposit: str | None
    currency: str
    kyc: str
    status: str
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str
    registered_at: datetime


class RegistrationIn(Schema):
    client_number: str
    credit_limit: str | None = None
    deposit: str | None = None


class DecisionIn(Schema):
    approve: bool
    reason: str = ""


class CreditIn(Schema):
    credit_limit: str | None = None
    deposit: str | None = None


class RegistrationImportIn(Schema):
    platform: str
    # The platform's column for each of our fields; a field left empty is proposed from the header row.
    client_number: str = ""
    email: str = ""
    platform_reference: str = ""
    credit_limit: str = ""


def _out(rows: list[Registration], request: HttpRequest) -> list[dict[str, Any]]:
    labels = AuctionViewer(request.user).bidder_labels(row.client_id for row in rows)
    shaped = []
    for row in rows:
        label = labels.get(row.client_id)
        shaped.append(
            {
                "paddle": row.paddle,
                "sale": row.sale.code,
                "client_number": label.number if label else "",
                "client": label.name if label else "",
                "source": row.source,
                "platform": row.platform,
                "platform_reference": row.platform_reference,
                "credit_limit": None if row.credit_limit is None else str(row.credit_limit),
                "deposit": None if row.deposit is None else str(row.deposit),
                "currency": row.sale.currency,
                "kyc": client_book.kyc_standing(row.client).status,
                "status": row.status,
                "decided_by": row.decided_by.username if row.decided_by else None,
                "decided_at": row.decided_at,
                "decision_reason": row.decision_reason,
                "registered_at": row.registered_at,
            }
        )
    return shaped


def _one(request: HttpRequest, code: str, paddle: str) -> Registration:
    sale = queries.sale_by_code(code)
    return queries.registration_by_paddle(sale, paddle)


def _fresh(registration: Registration) -> Registration:
    return queries.registrations_of(registration.sale).get(pk=registration.pk)


@router.get("/sales/{code}/registrations", response=list[RegistrationOut], operation_id="auctions_registrations")
@requires("auctions.view_registrations")
def list_registrations(request: HttpRequest, code: str, status: str = "") -> Any:
    sale = queries.sale_by_code(code)
    if status and status not in RegistrationStatus.values:
        raise AuctionError(
            f"‘{status[:20]}’ is not a registration status; use {', '.join(RegistrationStatus.values)}.",
            field="status",
            code=AuctionErrorCode.INVALID,
        )
    return _out(list(queries.registrations_of(sale, status=status)), request)


@router.get("/sales/{code}/registrations/{paddle}", response=RegistrationOut, operation_id="auctions_registration")
@requires("auctions.view_registrations")
def get_registration(request: HttpRequest, code: str, paddle: str) -> Any:
    return _out([_fresh(_one(request, code, paddle))], request)[0]


@router.post(
    "/sales/{code}/registrations",
    response={201: RegistrationOut},
    operation_id="auctions_registration_create",
    summary="Register a client (by client number) for the sale; pending until a senior decides",
)
@requires("auctions.register_bidders")
def create_registration(request: HttpRequest, code: str, payload: RegistrationIn) -> Any:
    sale = queries.sale_by_code(code)
    registration = services.bidder_register(
        sale=sale,
        client_number=payload.client_number,
        by=acting_staff(request),
        credit_limit=payload.credit_limit,
        deposit=payload.deposit,
    )
    return Status(201, _out([_fresh(registration)], request)[0])


@router.post(
    "/sales/{code}/registrations/{paddle}/decision",
    response=RegistrationOut,
    operation_id="auctions_registration_decide",
    summary="Approve or refuse a registration (a refusal, or a new decision, needs a reason)",
)
@requires("auctions.approve_bidders")
def decide_registration(request: HttpRequest, code: str, paddle: str, payload: DecisionIn) -> Any:
    registration = services.registration_decide(
        registration=_one(request, code, paddle), approve=payload.approve, by=acting_staff(request),
        reason=payload.reason,
    )  # fmt: skip
    return _out([_fresh(registration)], request)[0]


@router.post(
    "/sales/{code}/registrations/{paddle}/credit",
    response=RegistrationOut,
    operation_id="auctions_registration_credit",
    summary="Change the bidder's credit limit and deposit",
)
@requires("auctions.register_bidders")
def change_credit(request: HttpRequest, code: str, paddle: str, payload: CreditIn) -> Any:
    registration = services.registration_credit_change(
        registration=_one(request, code, paddle), by=acting_staff(request), credit_limit=payload.credit_limit,
        deposit=payload.deposit,
    )  # fmt: skip
    return _out([_fresh(registration)], request)[0]


@router.post(
    "/sales/{code}/registration-imports",
    response={202: JobOut},
    operation_id="auctions_registrations_import",
    summary="Register an online platform's bidders from its CSV export, all or nothing (202 with the job)",
)
@requires("auctions.register_bidders")
def import_registrations(
    request: HttpRequest, code: str, form: Form[RegistrationImportIn], file: File[UploadedFile | None] = None
) -> Any:
    sale = queries.sale_by_code(code)
    content = upload_bytes(request, file, limit=bulk.MAX_BYTES)
    if file is None or content is None:
        raise AuctionError(
            "Send the platform's export as the multipart field ‘file’ (CSV).",
            field="file",
            code=AuctionErrorCode.INVALID_FILE,
        )
    sheet = bulk.read_sheet(content)
    mapping = bulk.propose_mapping(sheet.header)
    given = {name: getattr(form, name).strip() for name in bulk.FIELDS if getattr(form, name).strip()}
    mapping.update(given)
    bulk.check_mapping(sheet.header, mapping)
    job = bulk.import_start(
        sale=sale, content=content, filename=file.name or "", mapping=mapping, platform=form.platform,
        by=acting_staff(request),
    )  # fmt: skip
    return Status(202, job_out(job))
