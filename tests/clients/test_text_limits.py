"""The client book's long texts have one limit, shared by the forms and refused by the services."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parure.clients.errors import ClientError
from parure.clients.forms import ClientForm
from parure.clients.limits import NOTES_MAX, PRIVATE_NOTE_MAX
from parure.clients.services import client_create
from parure.clients.services.follow_ups import follow_up_create
from tests.guards import unchanged


def test_the_form_takes_the_services_limit() -> None:
    assert ClientForm.base_fields["private_note"].max_length == PRIVATE_NOTE_MAX == 10_000  # type: ignore[attr-defined]


def test_a_private_note_longer_than_the_page_allows_is_refused_naming_the_field(cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refused:
        client_create(display_name="Ada Lovelace", private_note="n" * (PRIVATE_NOTE_MAX + 1), by=cast.senior)
    assert refused.value.message == "The private note is 10,001 characters long; at most 10,000 are kept, shorten it."
    assert refused.value.field == "private_note"


def test_follow_up_notes_longer_than_the_page_allows_are_refused(cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refused:
        follow_up_create(
            owner=cast.senior, by=cast.senior, title="Call back", due_on=date(2027, 1, 4), notes="n" * (NOTES_MAX + 1)
        )
    assert refused.value.message == "The follow-up's note is 5,001 characters long; at most 5,000 are kept, shorten it."
