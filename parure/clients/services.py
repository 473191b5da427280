"""Writes to the client book: one transaction each, named after what the department does."""

from __future__ import annotations

from django.db import transaction

from parure.clients.choices import ClientKind
from parure.clients.models import Client
from parure.core.numbering import check_digit, next_in_sequence


def issue_client_number() -> str:
    body = f"C-{next_in_sequence('client'):06d}"
    return f"{body}-{check_digit(body)}"


@transaction.atomic
def client_create(
    *,
    display_name: str,
    kind: ClientKind = ClientKind.PERSON,
    given_name: str = "",
    family_name: str = "",
    organisation_name: str = "",
    email: str = "",
) -> Client:
    """Open a client file with a new client number."""
    return Client.objects.create(
        number=issue_client_number(),
        kind=kind,
        display_name=display_name.strip(),
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        organisation_name=organisation_name.strip(),
        email=email.strip(),
    )
