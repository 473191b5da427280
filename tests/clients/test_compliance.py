"""KYC, beneficial owners, consent and the data-subject export."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone

from parure.clients.choices import KycStatus
from parure.clients.errors import ClientError
from parure.clients.services.clients import client_create
from parure.clients.services.compliance import (
    beneficial_owner_add,
    consent_record,
    has_consent,
    kyc_record,
    personal_data_export,
)
from parure.core.models import AccessLogEntry
from tests.clients.conftest import Book
from tests.guards import unchanged

TODAY = timezone.localdate


def test_verifying_kyc_records_who_and_when(book: Book, cast: Any) -> None:
    client = kyc_record(
        client=book.ada, by=cast.finance, status="verified", document="passport",
        document_expires_on=TODAY() + timedelta(days=400), proof_of_address_on=TODAY() - timedelta(days=20),
    )  # fmt: skip
    assert client.kyc_effective_status() == KycStatus.VERIFIED
    assert client.kyc_verified_by == cast.finance and client.kyc_verified_on == TODAY()


def test_verified_kyc_reads_as_expired_once_the_document_expires(book: Book, cast: Any) -> None:
    client = kyc_record(
        client=book.ada, by=cast.senior, status="verified", document="passport",
        document_expires_on=TODAY() + timedelta(days=10), proof_of_address_on=TODAY(),
    )  # fmt: skip
    assert client.kyc_effective_status(TODAY() + timedelta(days=11)) == KycStatus.EXPIRED


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"document": ""}, "document", "Say which identity document was seen."),
        ({"document_expires_on": None}, "document_expires_on", "Give the identity document's expiry date."),
        ({"document_expires_on": "past"}, "document_expires_on",
         "The identity document has expired; a current one is needed to verify the client."),
        ({"proof_of_address_on": None}, "proof_of_address_on", "Give the date of the proof of address."),
    ],
)  # fmt: skip
def test_verification_needs_every_check(
    book: Book, cast: Any, kwargs: dict[str, Any], field: str, message: str
) -> None:
    values: dict[str, Any] = {
        "document": "passport", "document_expires_on": TODAY() + timedelta(days=100), "proof_of_address_on": TODAY(),
    }  # fmt: skip
    values.update(kwargs)
    if values["document_expires_on"] == "past":
        values["document_expires_on"] = TODAY() - timedelta(days=1)
    with unchanged(), pytest.raises(ClientError) as refusal:
        kyc_record(client=book.ada, by=cast.senior, status="verified", **values)
    assert (refusal.value.field, refusal.value.message) == (field, message)
    book.ada.refresh_from_db()
    assert book.ada.kyc_status == KycStatus.NOT_STARTED


def test_an_organisation_is_verified_only_with_its_beneficial_owners(cast: Any) -> None:
    company = client_create(display_name="Meridian Trust", kind="organisation", by=cast.senior)
    checks = {"status": "verified", "document": "company_registry", "document_expires_on": TODAY() + timedelta(days=90),
              "proof_of_address_on": TODAY()}  # fmt: skip
    with unchanged(), pytest.raises(ClientError) as refusal:
        kyc_record(client=company, by=cast.senior, **checks)
    assert refusal.value.message == "Record the organisation's beneficial owners before verifying it."
    beneficial_owner_add(client=company, by=cast.senior, name="Ines Fairfax", ownership_percent=Decimal(60))
    with unchanged(), pytest.raises(ClientError) as refusal:
        beneficial_owner_add(client=company, by=cast.senior, name="Other", ownership_percent=Decimal(50))
    assert refusal.value.message == "Owners on file already hold 60.00%; this would make more than 100%."
    assert kyc_record(client=company, by=cast.senior, **checks).kyc_status == KycStatus.VERIFIED


def test_people_have_no_beneficial_owners(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        beneficial_owner_add(client=book.ada, by=cast.senior, name="X")
    assert refusal.value.message == "Only organisations have beneficial owners."


def test_consent_history_is_kept_and_the_latest_counts(book: Book, cast: Any) -> None:
    assert not has_consent(book.ada, "email")
    consent_record(client=book.ada, by=cast.senior, channel="email", granted=True, source="Signed form, 3 March")
    assert has_consent(book.ada, "email")
    consent_record(client=book.ada, by=cast.senior, channel="email", granted=False)
    assert not has_consent(book.ada, "email")
    assert book.ada.consents.count() == 2


def test_consent_given_needs_its_source(book: Book, cast: Any) -> None:
    with unchanged(), pytest.raises(ClientError) as refusal:
        consent_record(client=book.ada, by=cast.senior, channel="email", granted=True)
    assert refusal.value.message == "Say where the consent was given (signed form, e-mail of a date…)."


def test_the_data_subject_export_holds_everything_and_is_logged(book: Book, cast: Any) -> None:
    request = RequestFactory().get("/")
    request.user = cast.senior
    data = json.loads(personal_data_export(client=book.ada, request=request, by=cast.senior))["client"]
    assert data["display_name"] == "Ada Lovelace"
    assert data["emails"] == [{"address": "ada@example.com", "primary": True}]
    assert data["phones"][0]["number"] == "+442079460001"
    assert data["private_note"] == "Collects Georgian paste; never call before ten."
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.subject_kind, entry.subject_ref, entry.staff) == (
        "export", "client:personal-data", book.ada.number, cast.senior,
    )  # fmt: skip
    assert "Lovelace" not in entry.detail
