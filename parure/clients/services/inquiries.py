"""The inquiry queue: questions received by web form, e-mail or telephone, linked to a client
when one is found, routed to a specialist, with a time by which someone must answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from parure.clients.choices import InquiryCategory, InquiryChannel, InquiryStatus, InteractionKind
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.limits import MESSAGE_MAX, bounded_text
from parure.clients.models import Client, ClientEmail, ClientPhone, Inquiry, Interaction
from parure.clients.normalise import phone_e164
from parure.clients.services.clients import _validate_choice, clean_email, client_create
from parure.core.choices import Role
from parure.core.models import Office, Staff
from parure.core.numbering import check_digit, next_in_sequence

# How soon an inquiry must be answered, by category.
RESPONSE_TARGETS = {
    InquiryCategory.BUYING: timedelta(hours=4),
    InquiryCategory.SELLING: timedelta(hours=24),
    InquiryCategory.VALUATION: timedelta(hours=48),
    InquiryCategory.SERVICES: timedelta(hours=48),
    InquiryCategory.PRESS: timedelta(hours=24),
    InquiryCategory.OTHER: timedelta(hours=72),
}


def issue_inquiry_number() -> str:
    body = f"Q-{next_in_sequence('inquiry'):06d}"
    return f"{body}-{check_digit(body)}"


def _existing_client(email: str, phone: str) -> Client | None:
    """The one current file with this e-mail or phone, if exactly one has it."""
    ids: set[int] = set()
    if email:
        ids |= set(ClientEmail.objects.filter(address__iexact=email).values_list("client_id", flat=True))
    if phone:
        ids |= set(ClientPhone.objects.filter(e164=phone).values_list("client_id", flat=True))
    files = list(Client.objects.current().filter(pk__in=ids, erased_at__isnull=True)[:2])
    return files[0] if len(files) == 1 else None


def route(*, office: Office, client: Client | None) -> Staff | None:
    """Who answers: the client's own senior specialist in the office if they have one; otherwise
    the senior specialist in the office with the fewest open inquiries."""
    from parure.clients.queries import open_inquiry_counts

    if client is not None:
        own = client.specialists.filter(office=office, role=Role.SENIOR_SPECIALIST, is_active=True).order_by("pk")
        if own.exists():
            return own.first()
    seniors = list(Staff.objects.filter(office=office, role=Role.SENIOR_SPECIALIST, is_active=True).order_by("pk"))
    if not seniors:
        return None
    busy = open_inquiry_counts()
    return min(seniors, key=lambda person: (busy.get(person.pk, 0), person.pk))


@transaction.atomic
def inquiry_receive(
    *,
    channel: str,
    category: str,
    name: str,
    message: str,
    office: Office,
    email: str = "",
    phone: str = "",
    by: Staff | None = None,
    received_at: datetime | None = None,
) -> Inquiry:
    """Queue an inquiry: linked to the client it is from when one file matches its e-mail or
    phone, routed to a specialist, with its answer-by time from the category's target.

    ``by`` is the member of staff who took it down (recorded as its creator); None only for an
    inquiry sent through the public form, where nobody of the house acts."""
    _validate_choice(channel, InquiryChannel, "channel", "channel")
    _validate_choice(category, InquiryCategory, "category", "kind of inquiry")
    if not channel:
        raise ClientError("Say how the inquiry came in.", field="channel", code=ClientErrorCode.REQUIRED)
    if not category:
        raise ClientError("Choose what the inquiry is about.", field="category", code=ClientErrorCode.REQUIRED)
    if not name.strip():
        raise ClientError("Give a name, so we know whom to answer.", field="name", code=ClientErrorCode.REQUIRED)
    message = bounded_text(message, limit=MESSAGE_MAX, field="message", label="Your message")
    if len(message.strip()) < 10:
        raise ClientError(
            "Write a few words about what you would like to know.", field="message", code=ClientErrorCode.REQUIRED
        )
    if len(message) > 5000:
        raise ClientError(
            "Please keep the message under 5,000 characters.", field="message", code=ClientErrorCode.INVALID
        )
    address = clean_email(email) if email.strip() else ""
    region = office.locale.split("_")[1] if "_" in office.locale else None
    number = phone_e164(phone, region=region) if phone.strip() else ""
    if not address and not number:
        raise ClientError(
            "Give an e-mail address or a phone number so we can answer.", field="email", code=ClientErrorCode.REQUIRED
        )
    client = _existing_client(address, number)
    received_at = received_at or timezone.now()
    assignee = route(office=office, client=client)
    return Inquiry.objects.create(
        number=issue_inquiry_number(),
        received_at=received_at,
        channel=channel,
        category=category,
        status=InquiryStatus.ASSIGNED if assignee else InquiryStatus.NEW,
        name=name.strip()[:200],
        email=address,
        phone=number,
        message=message.strip(),
        office=office,
        client=client,
        assigned_to=assignee,
        respond_by=received_at + RESPONSE_TARGETS[InquiryCategory(category)],
        created_by=by,
    )


def _open(inquiry: Inquiry) -> Inquiry:
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not inquiry.is_open:
        raise ClientError(
            f"Inquiry {inquiry.number} is {inquiry.get_status_display().lower()}.", code=ClientErrorCode.INQUIRY_CLOSED
        )
    return inquiry


@transaction.atomic
def inquiry_assign(*, inquiry: Inquiry, to: Staff, by: Staff) -> Inquiry:
    inquiry = _open(inquiry)
    if to.role not in (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT) or not to.is_active:
        raise ClientError(
            f"{to} is not an active specialist.", field="assigned_to", code=ClientErrorCode.NOT_A_SPECIALIST
        )
    inquiry.assigned_to, inquiry.status = to, InquiryStatus.ASSIGNED
    inquiry.save(update_fields=["assigned_to", "status"])
    return inquiry


@transaction.atomic
def inquiry_answer(*, inquiry: Inquiry, by: Staff, note: str, close: bool = False) -> Inquiry:
    """Record that the inquiry was answered (and how); logged on the client's timeline."""
    inquiry = _open(inquiry)
    note = bounded_text(note, limit=MESSAGE_MAX, field="note", label="How it was answered")
    if not note.strip():
        raise ClientError("Say how the inquiry was answered.", field="note", code=ClientErrorCode.REQUIRED)
    inquiry.status = InquiryStatus.CLOSED if close else InquiryStatus.ANSWERED
    inquiry.responded_at, inquiry.responded_by, inquiry.response_note = timezone.now(), by, note.strip()
    inquiry.save()
    if inquiry.client_id:
        Interaction.objects.create(
            client_id=inquiry.client_id,
            kind=InteractionKind.NOTE,
            staff=by,
            subject=f"Inquiry {inquiry.number} answered",
            body=note.strip(),
        )
    return inquiry


@transaction.atomic
def inquiry_mark_spam(*, inquiry: Inquiry, by: Staff) -> Inquiry:
    inquiry = _open(inquiry)
    inquiry.status = InquiryStatus.SPAM
    inquiry.save(update_fields=["status"])
    return inquiry


@transaction.atomic
def inquiry_link_client(*, inquiry: Inquiry, client: Client, by: Staff) -> Inquiry:
    if client.merged_into_id or client.is_erased:
        raise ClientError("Link the inquiry to a current file.", field="client", code=ClientErrorCode.CLIENT_MERGED)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    inquiry.client = client
    inquiry.save(update_fields=["client"])
    return inquiry


@transaction.atomic
def inquiry_create_client(*, inquiry: Inquiry, by: Staff) -> Client:
    """Open a file for the person who wrote in, and link the inquiry to it."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.client_id:
        raise ClientError(f"Inquiry {inquiry.number} is already linked to a file.", code=ClientErrorCode.ALREADY_LINKED)
    client = client_create(
        display_name=inquiry.name,
        email=inquiry.email,
        phones=[inquiry.phone] if inquiry.phone else [],
        by=by,
        specialists=[inquiry.assigned_to] if inquiry.assigned_to else None,
    )
    inquiry.client = client
    inquiry.save(update_fields=["client"])
    return client
