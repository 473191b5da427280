"""The client book's permissions (autodiscovered by ``rules``).

Page-level checks (``has_perm("clients.view_client")``) decide by role; object-level checks
(``has_perm("clients.view_client", client)``) add who may see *this* file:

- Senior specialists, finance, logistics and auditors see every file; assistants see the files
  of the specialists they support (and their own), unless granted ``clients.view_all_clients``.
- A confidential file's identity (names, contact details, relationships, birthdays) is hidden
  from assistants: they read "Client C-000412-3".
- The private note: the file's assigned specialists and senior specialists only.
- The file's notes and activity (timeline, wants, appointments, follow-ups, consents): specialists
  and auditors; never logistics or finance.
- KYC: specialists, finance and auditors. Auditors read everything above and change nothing.
- Export is its own grant (``core.export_clients``); every export is in the access log.

``parure.clients.visibility`` turns these into what a page, an API response or an export shows.
"""

from __future__ import annotations

from typing import Any

import rules

from parure.core.policy import (
    has_grant,
    is_administrator,
    is_assistant,
    is_auditor,
    is_finance,
    is_logistics,
    is_senior,
    is_specialist,
)


def supported_specialist_ids(user: Any) -> set[int]:
    """The staff whose clients an assistant sees: the specialists they support, and themselves."""
    cached: set[int] | None = getattr(user, "_clients_supported_ids", None)
    if cached is None:
        cached = set(user.supports.values_list("pk", flat=True)) | {user.pk}
        user._clients_supported_ids = cached
    return cached


def specialist_ids_of(client: Any) -> set[int]:
    """The client's assigned specialists (from a prefetch when there is one)."""
    prefetched = getattr(client, "_prefetched_objects_cache", {}).get("specialists")
    if prefetched is not None:
        return {person.pk for person in prefetched}
    return set(client.specialists.values_list("pk", flat=True))


def _client_is_supported(user: Any, client: Any) -> bool:
    """True when the client belongs to a specialist the assistant supports (or no client is named)."""
    if client is None:
        return True
    return bool(specialist_ids_of(client) & supported_specialist_ids(user))


def _assigned_to_client(user: Any, client: Any) -> bool:
    if client is None:
        return False
    return user.pk in specialist_ids_of(client)


def _identity_not_confidential(user: Any, client: Any) -> bool:
    return client is None or not client.is_confidential


client_is_supported = rules.predicate(_client_is_supported)
assigned_to_client = rules.predicate(_assigned_to_client)
identity_not_confidential = rules.predicate(_identity_not_confidential)
granted_all_clients = has_grant("clients.view_all_clients")

sees_every_client = is_senior | is_finance | is_logistics | is_auditor
sees_client = sees_every_client | (is_assistant & (granted_all_clients | client_is_supported))
specialist_with_file = is_specialist & sees_client

rules.add_perm("clients.view_client", sees_client)
rules.add_perm("clients.view_identity", sees_client & (~is_assistant | identity_not_confidential))
rules.add_perm("clients.view_private_note", is_senior | (is_specialist & assigned_to_client))
rules.add_perm("clients.view_activity", specialist_with_file | is_auditor)
rules.add_perm("clients.view_kyc", specialist_with_file | is_finance | is_auditor)

rules.add_perm("clients.add_client", is_specialist)
rules.add_perm("clients.change_client", specialist_with_file)
rules.add_perm("clients.manage_kyc", specialist_with_file | is_finance)
rules.add_perm("clients.log_interaction", specialist_with_file)
rules.add_perm("clients.send_email", specialist_with_file & (~is_assistant | identity_not_confidential))
rules.add_perm("clients.merge_clients", is_senior)
rules.add_perm("clients.erase_client", is_senior)
rules.add_perm("clients.export_personal_data", is_senior)
rules.add_perm("clients.import_clients", is_specialist)
rules.add_perm("clients.export_clients", has_grant("core.export_clients") & sees_client)

rules.add_perm("clients.match_pieces", is_specialist | is_auditor)
rules.add_perm("clients.view_calendar", is_specialist | is_auditor)
rules.add_perm("clients.book_appointment", is_specialist)
rules.add_perm("clients.subscribe_calendar", is_specialist)
rules.add_perm("clients.view_follow_ups", is_specialist | is_auditor)
rules.add_perm("clients.manage_follow_ups", is_specialist)
rules.add_perm("clients.view_inquiries", is_specialist | is_auditor)
rules.add_perm("clients.manage_inquiries", is_specialist)

# Viewing rooms, in the administration pages.
for _action in ("view", "add", "change"):
    rules.add_perm(f"clients.{_action}_room", is_administrator)
