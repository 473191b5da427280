"""What one member of staff may see of a client file: the rules of ``parure.clients.rules`` as
flags that pages, the API and exports share, so a value a role may not see is left out of every
one of them (never hidden by style).

For lists, :class:`Viewer` decides per row without further queries (it needs the rows'
``specialists`` prefetched only for assistants).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from parure.clients.models import Client
from parure.clients.normalise import fold
from parure.clients.rules import granted_all_clients, specialist_ids_of, supported_specialist_ids
from parure.core.policy import is_assistant, is_senior, is_specialist

UNSEEN_FILE = "A file you cannot see"


@dataclass(frozen=True)
class ClientSight:
    """Which parts of one file a person may see."""

    file: bool
    identity: bool
    private_note: bool
    activity: bool
    kyc: bool
    change: bool

    @classmethod
    def of(cls, user: Any, client: Client) -> ClientSight:
        return cls(
            file=user.has_perm("clients.view_client", client),
            identity=user.has_perm("clients.view_identity", client),
            private_note=user.has_perm("clients.view_private_note", client),
            activity=user.has_perm("clients.view_activity", client),
            kyc=user.has_perm("clients.view_kyc", client),
            change=user.has_perm("clients.change_client", client),
        )


class Viewer:
    """One person's view of many files: the queryset they may see and each row's label."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def is_assistant(self) -> bool:
        return bool(is_assistant(self.user))

    @cached_property
    def sees_all(self) -> bool:
        """False only for an assistant without the ``clients.view_all_clients`` grant."""
        if not self.is_assistant:
            return True
        return bool(granted_all_clients(self.user))

    @cached_property
    def supported(self) -> set[int]:
        return supported_specialist_ids(self.user)

    def restrict(self, clients: QuerySet[Client]) -> QuerySet[Client]:
        """Only the files this person may see (the SQL twin of ``clients.view_client``)."""
        if not self.sees_the_book:
            return clients.none()
        if self.sees_all:
            return clients
        through = Client.specialists.through
        return clients.filter(Exists(through.objects.filter(client_id=OuterRef("pk"), staff_id__in=self.supported)))

    def identity_filter(self) -> Q:
        """Rows whose identity this person may see (for searches by name, e-mail or phone)."""
        return Q(confidentiality="standard") if self.is_assistant else Q()

    @cached_property
    def sees_the_book(self) -> bool:
        return bool(self.user.has_perm("clients.view_client"))

    def can_see_file(self, client: Client) -> bool:
        if not self.sees_the_book:
            return False
        return self.sees_all or bool(specialist_ids_of(client) & self.supported)

    def shows_identity(self, client: Client) -> bool:
        return self.can_see_file(client) and not (self.is_assistant and client.is_confidential)

    def label(self, client: Client | None) -> str:
        """The name to print for a file, as the client book says to address them ("Mrs Eleanor
        Whitcombe"), or "Client C-000412-3" when identity is hidden. Pages, lists, exports and
        other apps' labels all print this one."""
        if client is None:
            return ""
        return addressed_name(client) if self.shows_identity(client) else client.pseudonym

    def addressed_label(self, client: Client) -> str:
        """The same as :meth:`label`, for a page about one client."""
        return self.label(client)

    def file_reference(self, client: Client) -> tuple[str | None, str]:
        """(number, label) for a row that mentions a file (a follow-up of someone else's):
        a file this person may not see is neither named nor numbered."""
        if not self.can_see_file(client):
            return None, UNSEEN_FILE
        return client.number, self.label(client)

    def shows_private_note(self, client: Client) -> bool:
        if is_senior(self.user):
            return True
        return bool(is_specialist(self.user)) and self.user.pk in specialist_ids_of(client)


def addressed_name(client: Client) -> str:
    """The name with the title the client book addresses them by: "Mrs Eleanor Whitcombe"."""
    title = client.title.strip()
    if title and not fold(client.display_name).startswith(fold(title) + " "):
        return f"{title} {client.display_name}"
    return client.display_name
