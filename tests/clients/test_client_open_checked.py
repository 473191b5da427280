"""Opening a file from a few details (intake's inline consignor form): the duplicate check is asked
first, within what the person may see, and nothing is opened while it finds a likely duplicate."""

from __future__ import annotations

from typing import Any

import pytest

from parure.clients.errors import ClientError
from parure.clients.models import Client, FollowUp
from parure.clients.services import HIDDEN_DUPLICATE, client_open_checked
from tests.clients.conftest import Book
from tests.guards import unchanged


def test_a_new_person_is_opened_with_title_contacts_and_the_assistants_specialists(book: Book, cast: Any) -> None:
    opening = client_open_checked(
        name="Eleanor Ashby", title="Mrs", email="eleanor.ashby@example.com", phone="+1 212 555 0142",
        by=cast.assistant,
    )  # fmt: skip
    client = opening.client
    assert client is not None and not opening.duplicates
    assert (client.display_name, client.title, client.given_name, client.family_name, client.email) == (
        "Eleanor Ashby", "Mrs", "Eleanor", "Ashby", "eleanor.ashby@example.com"
    )  # fmt: skip
    assert [p.e164 for p in client.phones.all()] == ["+12125550142"]
    assert client.created_by == cast.assistant
    assert list(client.specialists.all()) == [cast.senior]  # Marcus supports Eleanor


def test_a_file_the_person_may_see_is_offered_and_nothing_is_opened(book: Book, cast: Any) -> None:
    with unchanged():
        opening = client_open_checked(name="Ada Lovelace", by=cast.assistant)
    assert opening.client is None
    assert [(s.number, s.label) for s in opening.duplicates.shown] == [(book.ada.number, "Lady Ada Lovelace")]
    assert not opening.duplicates.hidden


def test_a_file_out_of_sight_is_only_said_to_exist_and_its_specialist_asked(book: Book, cast: Any) -> None:
    before = Client.objects.count()
    opening = client_open_checked(name="Henri Dupont", by=cast.assistant)
    assert opening.client is None and opening.duplicates.shown == () and opening.duplicates.hidden
    assert opening.duplicates.sentences == [HIDDEN_DUPLICATE]
    assert Client.objects.count() == before
    asked = FollowUp.objects.get()
    assert (asked.owner, asked.client, asked.title) == (
        cast["harriet"], book.henri, "Possible duplicate: is Henri Dupont this client?"
    )  # fmt: skip


def test_set_aside_the_check_opens_the_file_and_a_bad_phone_is_refused_opening_nothing(book: Book, cast: Any) -> None:
    opened = client_open_checked(name="Ada Lovelace", not_a_duplicate=True, by=cast.assistant).client
    assert opened is not None and opened.number != book.ada.number
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_open_checked(name="Imogen Hart", phone="not a number", by=cast.assistant)
    assert (refusal.value.field, refusal.value.message) == (
        "phone",
        "This phone number cannot be read; write it with its country code, e.g. +44 20 7946 0000.",
    )
