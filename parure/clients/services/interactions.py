"""The timeline: calls, meetings and notes logged by hand, and e-mails sent from the file.

E-mails go out through Django's e-mail backend after the transaction commits, and each one is
on the client's timeline with its exact text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from parure.clients.choices import Channel, EmailTemplate, InteractionKind
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.limits import MESSAGE_MAX, NOTES_MAX, bounded_text
from parure.clients.models import Client, Interaction
from parure.clients.pieces import piece_number
from parure.clients.services.clients import _refuse_if_closed, _validate_choice, lock_client
from parure.clients.services.compliance import has_consent
from parure.core.models import Staff

# Templates that market something need the client's consent to e-mail.
MARKETING = {EmailTemplate.VIEWING_INVITATION, EmailTemplate.DISCREET_OFFER}


@transaction.atomic
def interaction_log(
    *,
    client: Client,
    by: Staff,
    kind: str,
    subject: str = "",
    body: str = "",
    occurred_at: datetime | None = None,
    stock_number: str = "",
) -> Interaction:
    """Put a call, meeting, letter, note or e-mail sent elsewhere on the client's timeline."""
    _refuse_if_closed(client)
    _validate_choice(kind, InteractionKind, "kind", "kind of interaction")
    if kind == InteractionKind.SYSTEM or not kind:
        raise ClientError("Choose call, e-mail, meeting, letter or note.", field="kind", code=ClientErrorCode.REQUIRED)
    body = bounded_text(body, limit=NOTES_MAX, field="body", label="What was said or done")
    if not subject.strip() and not body.strip():
        raise ClientError("Say what was said or done.", field="body", code=ClientErrorCode.EMPTY_INTERACTION)
    occurred_at = occurred_at or timezone.now()
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ClientError(
            "An interaction is logged once it has happened.", field="occurred_at", code=ClientErrorCode.INVALID
        )
    return Interaction.objects.create(
        client=client,
        kind=kind,
        staff=by,
        subject=subject.strip()[:200],
        body=body.strip(),
        occurred_at=occurred_at,
        stock_number=piece_number(stock_number, field="stock_number") if stock_number.strip() else "",
    )


def salutation_for(client: Client) -> str:
    if client.formal_salutation:
        return client.formal_salutation
    if client.preferred_salutation:
        return client.preferred_salutation
    name = " ".join(p for p in (client.title, client.family_name) if p) or client.display_name
    return f"Dear {name}"


def render_email(*, client: Client, template: str, by: Staff, context: dict[str, Any]) -> tuple[str, str]:
    values = {"client": client, "salutation": salutation_for(client), "staff": by, "office": by.office, **context}
    subject = render_to_string(f"clients/email/{template}_subject.txt", values).strip()
    body = render_to_string(f"clients/email/{template}.txt", values).strip() + "\n"
    return subject, body


@transaction.atomic
def client_email_send(
    *,
    client: Client,
    by: Staff,
    template: str,
    message: str = "",
    stock_numbers: Sequence[str] = (),
    when: str = "",
) -> Interaction:
    """Send one of the house's e-mails to the client's primary address and log it.

    Invitations and offers need the client's consent to e-mail; an offer names at least one piece.
    """
    client = lock_client(client)
    _refuse_if_closed(client)
    _validate_choice(template, EmailTemplate, "template", "e-mail template")
    message = bounded_text(message, limit=MESSAGE_MAX, field="message", label="Your message")
    if not template:
        raise ClientError("Choose which e-mail to send.", field="template", code=ClientErrorCode.REQUIRED)
    if not client.email:
        raise ClientError(
            "This client has no e-mail address; add one before sending.",
            field="template",
            code=ClientErrorCode.NO_EMAIL,
        )
    if template in MARKETING and not has_consent(client, Channel.EMAIL):
        raise ClientError(
            "The client has not agreed to receive invitations and offers by e-mail; record their consent first.",
            field="template",
            code=ClientErrorCode.NO_CONSENT,
        )
    pieces = [piece_number(n, field="stock_numbers") for n in stock_numbers if n.strip()]
    if template == EmailTemplate.DISCREET_OFFER and not pieces:
        raise ClientError(
            "Name the piece (its stock number) the offer is about.",
            field="stock_numbers",
            code=ClientErrorCode.REQUIRED,
        )
    subject, body = render_email(
        client=client, template=template, by=by, context={"message": message.strip(), "pieces": pieces, "when": when}
    )
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[client.email],
        reply_to=[by.email] if by.email else None,
    )
    transaction.on_commit(lambda: email.send(fail_silently=False))
    return Interaction.objects.create(
        client=client,
        kind=InteractionKind.EMAIL,
        staff=by,
        subject=subject[:200],
        body=body,
        template=template,
        sent_to=client.email,
        stock_number=pieces[0] if pieces else "",
    )
