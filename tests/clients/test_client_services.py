"""Opening, changing, merging and erasing files: every rule, its exact refusal, nothing half-saved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from parure.clients.choices import InteractionKind
from parure.clients.errors import ClientError
from parure.clients.models import Client, ClientEmail, ClientPhone, ClientRelationship, Interaction, Want
from parure.clients.queries import likely_duplicates
from parure.clients.services.appointments import appointment_book
from parure.clients.services.clients import (
    AddressInput,
    PhoneInput,
    client_create,
    client_erase,
    client_merge,
    client_update,
    relationship_add,
)
from parure.clients.services.follow_ups import follow_up_create
from parure.clients.services.wants import want_create
from parure.core.numbering import is_valid
from tests.clients.conftest import Book, at, piece
from tests.guards import unchanged


def test_a_new_file_gets_a_checked_number_e164_phones_and_the_creator_as_specialist(cast: Any) -> None:
    client = client_create(
        display_name="", given_name="Eleanor", family_name="Ashworth", email="E.Ashworth@Example.COM",
        phones=[PhoneInput("020 7946 0002", "home"), "+1 212 555 0123"], country="GB",
        addresses=[AddressInput(lines="12 Park Lane", city="London", postcode="W1K 1AA", country="gb")],
        tags=["Coloured stones", "coloured stones"], by=cast.senior,
    )  # fmt: skip
    assert is_valid(client.number) and client.number.startswith("C-")
    assert client.display_name == "Eleanor Ashworth"
    assert client.email == "E.Ashworth@example.com"
    assert [(p.e164, p.kind, p.is_primary) for p in client.phones.all()] == [
        ("+442079460002", "home", True),
        ("+12125550123", "mobile", False),
    ]
    assert [a.country for a in client.addresses.all()] == ["GB"]
    assert list(client.specialists.all()) == [cast.senior]
    assert [t.name for t in client.tags.all()] == ["Coloured stones"]
    assert "ashworth" in client.search_text and "+442079460002" in client.search_text


def test_an_assistant_s_new_file_goes_to_the_specialists_they_support(cast: Any) -> None:
    client = client_create(display_name="Walk-in", by=cast.assistant)
    assert list(client.specialists.all()) == [cast.senior]


def test_a_file_records_who_opened_it(cast: Any) -> None:
    client = client_create(
        display_name="Consignor Ltd", kind="organisation", email="desk@consignor.example", by=cast.senior
    )
    assert (client.organisation_name, client.email, client.created_by) == (
        "Consignor Ltd",
        "desk@consignor.example",
        cast.senior,
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"display_name": " "}, "display_name",
         "Give the client's name: a display name, or given and family names (or the organisation's name)."),
        ({"display_name": "X", "email": "not-an-address"}, "email",
         "This e-mail address is not valid; it should look like name@example.com."),
        ({"display_name": "X", "phones": ["+44 20 12"]}, "phone",
         "This is not a valid phone number for its country; check the digits and the country code."),
        ({"display_name": "X", "country": "England"}, "country",
         "‘ENGLAND’ is not a two-letter country code such as GB or CH."),
        ({"display_name": "X", "preferred_language": "klingon!"}, "preferred_language",
         "‘klingon!’ is not a language code such as en, fr or zh-Hant."),
        ({"display_name": "X", "confidentiality": "secret"}, "confidentiality",
         "‘secret’ is not a confidentiality level."),
        ({"display_name": "X", "addresses": [AddressInput(lines="1 Rue", country="")]}, "addresses",
         "Give the address's country."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_by_field_and_nothing_is_saved(
    cast: Any, kwargs: dict[str, Any], field: str, message: str
) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_create(by=cast.senior, **kwargs)
    assert (refusal.value.field, refusal.value.message) == (field, message)
    assert Client.objects.count() == 0 and ClientEmail.objects.count() == 0 and ClientPhone.objects.count() == 0


def test_a_birthday_in_the_future_is_refused(cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_create(display_name="X", birthday=timezone.localdate() + timedelta(days=1), by=cast.senior)
    assert refusal.value.message == "A birthday cannot be in the future."


def test_a_specialist_must_be_an_active_specialist(cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_create(display_name="X", specialists=[cast.logistics], by=cast.senior)
    assert refusal.value.message == "Daniel Ortiz is not an active specialist and cannot look after clients."
    assert Client.objects.count() == 0


def test_changing_contacts_replaces_them_and_keeps_the_primary_in_step(book: Book, cast: Any) -> None:
    client_update(
        client=book.ada, by=cast.senior, emails=["lady.ada@example.com", "ada@example.com"], phones=[],
        formal_salutation="Dear Lady Lovelace",
    )  # fmt: skip
    book.ada.refresh_from_db()
    assert book.ada.email == "lady.ada@example.com"
    assert [e.address for e in book.ada.emails.all()] == ["lady.ada@example.com", "ada@example.com"]
    assert book.ada.phones.count() == 0
    assert book.ada.formal_salutation == "Dear Lady Lovelace"
    assert "lady.ada@example.com" in book.ada.search_text and "+44" not in book.ada.search_text


def test_a_refused_change_leaves_the_file_as_it_was(book: Book, cast: Any) -> None:
    before = (book.ada.display_name, list(book.ada.emails.values_list("address", flat=True)))
    with unchanged(), pytest.raises(ClientError):
        client_update(client=book.ada, by=cast.senior, display_name="Ada King", emails=["broken@"])
    book.ada.refresh_from_db()
    assert (book.ada.display_name, list(book.ada.emails.values_list("address", flat=True))) == before


def test_a_file_needs_a_specialist(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_update(client=book.ada, by=cast.senior, specialists=[])
    assert refusal.value.message == "A file needs at least one specialist to look after it."


def test_likely_duplicates_by_email_phone_and_similar_name(book: Book) -> None:
    assert list(likely_duplicates(emails=["ADA@example.com"])) == [book.ada]
    assert list(likely_duplicates(phones=["+442079460001"])) == [book.ada]
    assert list(likely_duplicates(given_name="Adah", family_name="LOVELACE")) == [book.ada]
    assert list(likely_duplicates(display_name="beatrice chateau renaud")) == [book.beatrice]
    assert list(likely_duplicates(given_name="Grace", family_name="Hopper")) == []


def test_relationships_are_recorded_once_and_never_to_oneself(book: Book, cast: Any) -> None:
    relationship_add(client=book.ada, related=book.henri, kind="agent", by=cast.senior, note="Acts at auction")
    with unchanged(), pytest.raises(ClientError) as refusal:
        relationship_add(client=book.ada, related=book.henri, kind="agent", by=cast.senior)
    assert refusal.value.message == (
        f"{book.henri.number} is already recorded as agent acting for the client of {book.ada.number}."
    )
    with unchanged(), pytest.raises(ClientError) as refusal:
        relationship_add(client=book.ada, related=book.ada, kind="spouse", by=cast.senior)
    assert refusal.value.message == "A client cannot be related to their own file."
    assert ClientRelationship.objects.count() == 1


def test_merge_keeps_every_record_of_both_and_says_who_merged_when(book: Book, cast: Any) -> None:
    duplicate = client_create(
        display_name="A. Lovelace", email="ada.king@example.com", phones=["+44 20 7946 0001", "+44 20 7946 0009"],
        by=cast.senior, private_note="Met at the Geneva preview.",
    )  # fmt: skip
    want = want_create(client=duplicate, by=cast.senior, categories=["brooch"])
    Interaction.objects.create(client=duplicate, kind=InteractionKind.CALL, staff=cast.senior, subject="Called")
    follow_up = follow_up_create(owner=cast.senior, by=cast.senior, title="Call back", due_on=timezone.localdate(),
                                 client=duplicate)  # fmt: skip
    appointment = appointment_book(client=duplicate, starts_at=at(0), ends_at=at(1), staff=[cast.senior],
                                   by=cast.senior, room=book.room, pieces=[piece(1)])  # fmt: skip
    relationship_add(client=book.henri, related=duplicate, kind="advisor", by=cast.senior)

    kept = client_merge(keep=book.ada, absorb=duplicate, by=cast.senior)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept and duplicate.merged_by == cast.senior and duplicate.merged_at is not None
    assert Want.objects.get(pk=want.pk).client == kept
    follow_up.refresh_from_db()
    appointment.refresh_from_db()
    assert follow_up.client == kept and appointment.client == kept
    assert sorted(kept.emails.values_list("address", flat=True)) == ["ada.king@example.com", "ada@example.com"]
    assert sorted(kept.phones.values_list("e164", flat=True)) == ["+442079460001", "+442079460009"]
    assert kept.email == "ada@example.com"
    assert ClientRelationship.objects.get(client=book.henri).related == kept
    assert "Met at the Geneva preview." in kept.private_note
    assert kept.interactions.filter(subject="Called").exists()
    system = kept.interactions.get(kind=InteractionKind.SYSTEM)
    assert system.subject == f"File {duplicate.number} merged into this file"
    assert system.staff == cast.senior
    # The old number still leads to the kept file; its own details are no longer searchable.
    assert duplicate.search_text == "#" + duplicate.number.replace("-", "").lower()
    assert list(Client.objects.current()) == sorted([book.ada, book.beatrice, book.henri], key=lambda c: c.display_name)


def test_a_file_cannot_be_merged_into_itself_or_twice(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_merge(keep=book.ada, absorb=book.ada, by=cast.senior)
    assert refusal.value.message == "Choose two different files to merge."
    client_merge(keep=book.ada, absorb=book.henri, by=cast.senior)
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_merge(keep=book.beatrice, absorb=book.henri, by=cast.senior)
    assert (
        refusal.value.message
        == f"File {book.henri.number} was merged into {book.ada.number}; change that file instead."
    )


def test_erasure_pseudonymises_and_keeps_the_dated_records(book: Book, cast: Any) -> None:
    appointment = appointment_book(client=book.ada, starts_at=at(0), ends_at=at(1), staff=[cast.senior],
                                   by=cast.senior, room=book.room, purpose="Viewing the tiara")  # fmt: skip
    want_create(client=book.ada, by=cast.senior, categories=["tiara"])
    Interaction.objects.create(client=book.ada, kind=InteractionKind.CALL, staff=cast.senior, subject="Tiara", body="x")
    relationship_add(client=book.ada, related=book.henri, kind="agent", by=cast.senior)

    client_erase(client=book.ada, by=cast.senior, reason="Request of 3 March, ref DSR-12")

    ada = Client.objects.get(pk=book.ada.pk)
    assert ada.display_name == f"Erased client {ada.number}"
    assert (ada.given_name, ada.family_name, ada.email, ada.private_note, ada.title) == ("", "", "", "", "")
    assert ada.emails.count() == ada.phones.count() == ada.addresses.count() == ada.wants.count() == 0
    assert ClientRelationship.objects.count() == 0
    assert ada.erased_by == cast.senior and ada.is_erased
    appointment.refresh_from_db()
    assert appointment.client == ada and appointment.purpose == "" and appointment.starts_at is not None
    call = ada.interactions.get(kind=InteractionKind.CALL)
    assert (call.subject, call.body) == ("", "")
    assert "lovelace" not in ada.search_text
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_update(client=ada, by=cast.senior, display_name="Ada")
    assert refusal.value.message == f"File {ada.number} has been erased; it cannot be changed."


def test_erasure_needs_a_reason(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        client_erase(client=book.ada, by=cast.senior, reason=" ")
    assert refusal.value.message == "Say why the file is erased (e.g. the request's date and reference)."
    book.ada.refresh_from_db()
    assert book.ada.erased_at is None and book.ada.emails.count() == 1
