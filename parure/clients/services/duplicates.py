"""The duplicate check on a new client file, answered within the viewer's visibility.

Opening a file (the page, the API) and importing a list ask whether the book already holds the
client. The candidates come from :func:`parure.clients.queries.likely_duplicates` whoever may
see them; :func:`duplicate_answer` alone decides what the person opening the file is told:

- a file they may see is named as they see it (its name, or "Client C-…" for a confidential
  file an assistant sees by number);
- a file they may not see is never named, numbered or described. They read only
  :data:`HIDDEN_DUPLICATE`, and the question goes to that file's specialist as a follow-up
  (:func:`duplicate_question_route`), once per attempt whatever the number of resubmissions.

So the check is no oracle for the identity of files that search hides.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from parure.clients import queries
from parure.clients.choices import ClientKind
from parure.clients.errors import ClientError
from parure.clients.models import Client, FollowUp
from parure.clients.services.follow_ups import follow_up_create
from parure.clients.visibility import Viewer
from parure.core.choices import Role
from parure.core.models import Staff

HIDDEN_DUPLICATE = "A file that you cannot see may be the same client; its specialist has been asked to check."


@dataclass(frozen=True)
class DuplicateShown:
    """A candidate the viewer may see: its number and the name they may read."""

    number: str
    label: str

    @property
    def text(self) -> str:
        """ "Ada Lovelace (C-000412-3)", or "Client C-000412-3" when the name is hidden."""
        return self.label if self.number in self.label else f"{self.label} ({self.number})"


@dataclass(frozen=True)
class DuplicateAnswer:
    """What the person opening a file is told. Holds nothing of a file they may not see."""

    shown: tuple[DuplicateShown, ...] = ()
    hidden: bool = False

    def __bool__(self) -> bool:
        return bool(self.shown) or self.hidden

    @property
    def sentences(self) -> list[str]:
        """The answer in words, for the API and the import preview."""
        said = []
        if self.shown:
            said.append(
                "Files that may be the same client exist: " + ", ".join(shown.text for shown in self.shown) + "."
            )
        if self.hidden:
            said.append(HIDDEN_DUPLICATE)
        return said


@dataclass(frozen=True)
class NewFile:
    """What was typed for the file being opened (the question the specialist is asked about)."""

    kind: str = ClientKind.PERSON
    display_name: str = ""
    given_name: str = ""
    family_name: str = ""
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()  # E.164

    @property
    def name(self) -> str:
        return self.display_name.strip() or " ".join(
            p for p in (self.given_name.strip(), self.family_name.strip()) if p
        )


def duplicate_answer(viewer: Viewer, candidates: Iterable[Client]) -> tuple[DuplicateAnswer, list[Client]]:
    """Split the candidates into what the viewer is told and the files they may not see.

    The second list is for routing the question only; it must never be shown to the viewer.
    Candidates need their ``specialists`` prefetched (one query for the lot).
    """
    shown: list[DuplicateShown] = []
    hidden: list[Client] = []
    for client in candidates:
        if viewer.can_see_file(client):
            shown.append(DuplicateShown(number=client.number, label=viewer.label(client)))
        else:
            hidden.append(client)
    return DuplicateAnswer(shown=tuple(shown), hidden=bool(hidden)), hidden


def _matched_on(client: Client, typed: NewFile) -> str:
    addresses = {address.strip().lower() for address in typed.emails if address.strip()}
    if addresses & {row.address.lower() for row in client.emails.all()}:
        return "e-mail address"
    if set(typed.phones) & {row.e164 for row in client.phones.all()}:
        return "phone number"
    return "name"


def _who_checks(client: Client, by: Staff) -> list[Staff]:
    """The file's specialists who can take a follow-up, else the senior specialists of the asker's office."""
    eligible = (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT)
    people = [person for person in client.specialists.all() if person.is_active and person.role in eligible]
    if people:
        return sorted(people, key=lambda person: person.pk)
    seniors = Staff.objects.filter(is_active=True, role=Role.SENIOR_SPECIALIST).order_by("pk")
    return list(seniors.filter(office=by.office_id) if by.office_id else seniors) or list(seniors)


def _question_key(*, client: Client, owner: Staff, by: Staff, typed: NewFile) -> str:
    """The same question (file, owner, asker, what was typed, day) is asked once."""
    asked = "\x1f".join(
        [
            client.number,
            str(owner.pk),
            str(by.pk),
            typed.kind,
            typed.name.casefold(),
            *sorted(address.strip().lower() for address in typed.emails),
            *sorted(typed.phones),
            timezone.localdate().isoformat(),
        ]
    )
    return "duplicate:" + hashlib.sha256(asked.encode()).hexdigest()


@transaction.atomic
def duplicate_question_route(*, hidden: Sequence[Client], typed: NewFile, by: Staff) -> list[FollowUp]:
    """Ask the specialists of files ``by`` may not see whether the new file is their client.

    One follow-up per file and specialist, due today, about that file; asking again the same
    day with the same details adds nothing. Returns the follow-ups made now.
    """
    made = []
    details = ", ".join([*typed.emails, *typed.phones])
    asked_about = typed.name + (f" ({details})" if details else "")
    for client in hidden:
        title = f"Possible duplicate: is {typed.name} this client?"
        notes = (
            f"{by.get_full_name() or by.username} was opening a file for {asked_about}; it matches this file's "
            f"{_matched_on(client, typed)}. They were told only that a file they cannot see may be the same "
            "client: tell them whether it is."
        )
        for owner in _who_checks(client, by):
            key = _question_key(client=client, owner=owner, by=by, typed=typed)
            if FollowUp.objects.filter(source_key=key).exists():
                continue
            try:
                with transaction.atomic():
                    made.append(
                        follow_up_create(
                            owner=owner,
                            by=by,
                            title=title,
                            due_on=timezone.localdate(),
                            client=client,
                            notes=notes,
                            source_key=key,
                        )
                    )
            except IntegrityError:  # the same question asked at the same moment by another request
                continue
    return made


@transaction.atomic
def duplicate_check(*, typed: NewFile, by: Staff) -> DuplicateAnswer:
    """The files that may be the same client as ``typed``, as ``by`` may be told of them.

    Files ``by`` may not see are routed to their specialists (:func:`duplicate_question_route`).
    """
    candidates = queries.likely_duplicates(
        kind=typed.kind, display_name=typed.display_name, given_name=typed.given_name,
        family_name=typed.family_name, emails=typed.emails, phones=typed.phones,
    ).prefetch_related("specialists", "emails", "phones")  # fmt: skip
    answer, hidden = duplicate_answer(Viewer(by), candidates)
    if hidden:
        duplicate_question_route(hidden=hidden, typed=typed, by=by)
    return answer


def import_row_file(values: dict[str, Any]) -> NewFile:
    """What an import row says of the file it would open (its e-mail is what the import checks)."""
    return NewFile(
        kind=values.get("kind") or ClientKind.PERSON,
        display_name=values.get("display_name") or values.get("organisation_name", ""),
        given_name=values.get("given_name", ""),
        family_name=values.get("family_name", ""),
        emails=[values["email"]] if values.get("email") else [],
    )


@dataclass(frozen=True)
class FileOpening:
    """The answer to opening a file with the duplicate check first: the new file, or the
    likely duplicates as the person may be told of them (then nothing was opened)."""

    client: Client | None
    duplicates: DuplicateAnswer


def _split_name(name: str) -> tuple[str, str]:
    """Given and family names from a person's name as typed ("Eleanor Whitcombe")."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return " ".join(words[:-1]), words[-1]


@transaction.atomic
def client_open_checked(
    *,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    not_a_duplicate: bool = False,
    by: Staff,
) -> FileOpening:
    """Open a person's file from a few details (intake's inline form), asking the duplicate
    check first unless ``by`` has already set its answer aside.

    When the check finds files that may be the same client, nothing is opened: the answer names
    those ``by`` may see and only says that a hidden one exists (its specialist is asked). The
    file goes to ``by``'s specialists as :func:`client_create` decides; ``by`` is its creator.
    """
    from parure.clients.normalise import phone_e164
    from parure.clients.services.clients import _region_for, client_create

    given, family = _split_name(name)
    phones = [phone] if phone.strip() else []
    if not not_a_duplicate:
        e164 = []
        for raw in phones:
            # A number that cannot be read is not compared; client_create names it below.
            with contextlib.suppress(ClientError):
                e164.append(phone_e164(raw, region=_region_for("", by)))
        typed = NewFile(
            kind=ClientKind.PERSON,
            display_name=name.strip(),
            given_name=given,
            family_name=family,
            emails=[email] if email.strip() else [],
            phones=e164,
        )
        answer = duplicate_check(typed=typed, by=by)
        if answer:
            return FileOpening(client=None, duplicates=answer)
    client = client_create(
        display_name=name,
        given_name=given,
        family_name=family,
        title=title,
        email=email,
        phones=phones,
        by=by,
    )
    return FileOpening(client=client, duplicates=DuplicateAnswer())
