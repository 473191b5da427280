"""Registering bidders for a sale: a paddle unique to the sale (with its check digit), a credit limit
or a deposit, and a senior's decision (approved or refused, with who and why).

Approval needs valid KYC in the client book when the bidder's credit reaches the sale's threshold (a
bidder without a credit limit is unbounded, so always needs it)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.auctions.choices import RegistrationSource, RegistrationStatus
from parure.auctions.errors import AuctionError, AuctionErrorCode
from parure.auctions.models import Registration, Sale
from parure.auctions.paddles import HOUSE_FIRST, ONLINE_FIRST, paddle_for
from parure.auctions.services.common import amount, bounded, check_open
from parure.clients import queries as client_book
from parure.core.errors import DomainError
from parure.core.models import Staff
from parure.core.numbering import next_in_sequence

REASON_MAX = 500


def issue_paddle(sale: Sale, *, online: bool = False) -> str:
    """The sale's next paddle: 101… for the house's bidders, 5001… for an online platform's."""
    key = f"auctions.paddle.{sale.code}.{'online' if online else 'house'}"
    first = ONLINE_FIRST if online else HOUSE_FIRST
    return paddle_for(first - 1 + next_in_sequence(key))


def needs_kyc(sale: Sale, credit_limit: Decimal | None) -> bool:
    return credit_limit is None or credit_limit >= sale.kyc_threshold


def kyc_refusal(registration: Registration, credit_limit: Decimal | None) -> AuctionError | None:
    """The refusal an approval with ``credit_limit`` meets for want of verified KYC, or None."""
    if not needs_kyc(registration.sale, credit_limit):
        return None
    standing = client_book.kyc_standing(registration.client)
    if standing.verified:
        return None
    return AuctionError(
        f"Paddle {registration.paddle} needs verified identity checks (KYC) in the client book for credit"
        f" of {registration.sale.kyc_threshold:,.2f} {registration.sale.currency} or more; the file's KYC"
        f" is {standing.label.lower()}.",
        field="credit_limit",
        code=AuctionErrorCode.KYC_REQUIRED,
    )


def check_kyc(registration: Registration, credit_limit: Decimal | None) -> None:
    refusal = kyc_refusal(registration, credit_limit)
    if refusal is not None:
        raise refusal


@transaction.atomic
def registration_create(
    *,
    sale: Sale,
    client: client_book.ClientFile,
    by: Staff,
    credit_limit: object = None,
    deposit: object = None,
    source: RegistrationSource | str = RegistrationSource.HOUSE,
    platform: str = "",
    platform_reference: str = "",
) -> Registration:
    """Register ``client`` for ``sale`` with a new paddle; pending until a senior decides."""
    sale = Sale.objects.select_for_update().get(pk=sale.pk)
    check_open(sale, "registering a bidder")
    source = RegistrationSource(source)
    limit = amount(credit_limit, field="credit_limit", label="The credit limit", required=False)
    paid = amount(deposit, field="deposit", label="The deposit", required=False)
    existing = Registration.objects.filter(sale=sale, client=client).first()
    if existing is not None:
        raise AuctionError(
            f"This client is registered for sale {sale.code} already, as paddle {existing.paddle}.",
            field="client",
            code=AuctionErrorCode.ALREADY_REGISTERED,
        )
    try:
        with transaction.atomic():
            return Registration.objects.create(
                sale=sale,
                client=client,
                paddle=issue_paddle(sale, online=source == RegistrationSource.ONLINE_PLATFORM),
                source=source,
                platform=bounded(platform, limit=60, field="platform", label="The platform"),
                platform_reference=bounded(
                    platform_reference, limit=60, field="platform_reference", label="The platform's reference"
                ),
                credit_limit=limit,
                deposit=paid,
                registered_by=by,
            )
    except IntegrityError:
        raise AuctionError(
            f"This client is registered for sale {sale.code} already.",
            field="client",
            code=AuctionErrorCode.ALREADY_REGISTERED,
        ) from None


@transaction.atomic
def registration_decide(*, registration: Registration, approve: bool, by: Staff, reason: str = "") -> Registration:
    """Approve or refuse a registration, saying who and (for a refusal, always) why."""
    registration = Registration.objects.select_for_update().select_related("sale", "client").get(pk=registration.pk)
    check_open(registration.sale, "deciding a registration")
    # A refusal always says why; so does going back on a decision already made (a refused bidder
    # approved later, an approval withdrawn), so the record shows why it changed.
    redeciding = registration.status != RegistrationStatus.PENDING
    if redeciding and not (reason or "").strip():
        raise AuctionError(
            f"Paddle {registration.paddle} was {registration.get_status_display().lower()} already; give the reason"
            " for deciding again.",
            field="reason",
            code=AuctionErrorCode.REASON_REQUIRED,
        )
    if not approve and not (reason or "").strip():
        raise AuctionError(
            "The reason is required: say why the registration is refused.",
            field="reason",
            code=AuctionErrorCode.REASON_REQUIRED,
        )
    reason = bounded(reason, limit=REASON_MAX, field="reason", label="The reason")
    if approve:
        if registration.credit_limit is None and registration.deposit is None:
            raise AuctionError(
                f"Paddle {registration.paddle} has neither a credit limit nor a deposit; record one before approving.",
                field="credit_limit",
                code=AuctionErrorCode.REQUIRED,
            )
        check_kyc(registration, registration.credit_limit)
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.REFUSED
    registration.decided_by = by
    registration.decided_at = timezone.now()
    registration.decision_reason = reason
    registration.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return registration


def client_to_register(number: str, *, viewer: Staff, field: str = "client_number") -> client_book.ClientChoice:
    """The client file with this client number as ``viewer`` may see it. A mistyped number is refused
    with the client book's sentence; a file the viewer may not see reads as no file at all."""
    text = (number or "").strip()
    if not text:
        raise AuctionError("Give the client number, such as C-000412-3.", field=field, code=AuctionErrorCode.REQUIRED)
    if len(text) > 40:
        raise AuctionError(
            "That is not a client number; they look like C-000412-3.", field=field, code=AuctionErrorCode.INVALID
        )
    try:
        found = client_book.client_for_viewer(text, viewer=viewer)
    except DomainError as refusal:
        raise AuctionError(refusal.message, field=field, code=AuctionErrorCode.INVALID) from None
    if found is None:
        raise AuctionError(
            f"No client file has number {text.upper()}.", field=field, code=AuctionErrorCode.UNKNOWN_CLIENT
        )
    return found


def bidder_register(
    *,
    sale: Sale,
    client_number: str,
    by: Staff,
    credit_limit: object = None,
    deposit: object = None,
) -> Registration:
    """Register the client with this client number (as ``by`` may see the client book) for ``sale``,
    with a house paddle; pending until a senior decides."""
    choice = client_to_register(client_number, viewer=by)
    return registration_create(sale=sale, client=choice.client, by=by, credit_limit=credit_limit, deposit=deposit)


@transaction.atomic
def registration_credit_change(
    *, registration: Registration, by: Staff, credit_limit: object = None, deposit: object = None
) -> Registration:
    """Set the bidder's credit limit and deposit (either may be cleared, not both). An approved bidder
    whose new credit reaches the sale's KYC threshold without verified KYC is refused, and nothing
    changes."""
    registration = Registration.objects.select_for_update().select_related("sale", "client").get(pk=registration.pk)
    check_open(registration.sale, "changing a bidder's credit")
    limit = amount(credit_limit, field="credit_limit", label="The credit limit", required=False)
    paid = amount(deposit, field="deposit", label="The deposit", required=False)
    if limit is None and paid is None:
        raise AuctionError(
            f"Give paddle {registration.paddle} a credit limit or a deposit.",
            field="credit_limit",
            code=AuctionErrorCode.REQUIRED,
        )
    if registration.is_approved:
        check_kyc(registration, limit)
    registration.credit_limit, registration.deposit = limit, paid
    registration.credit_changed_by, registration.credit_changed_at = by, timezone.now()
    registration.save(update_fields=["credit_limit", "deposit", "credit_changed_by", "credit_changed_at"])
    return registration
