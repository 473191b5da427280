"""Who consigned a piece and what it is worth reach a page, the API or a PDF only for those who may know.

Walked against every role, and against an assistant granted both sights: the values and the
name are absent from the bytes sent, not hidden by style.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pypdf
import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from parure.core.choices import Role
from parure.core.models import ApiToken, Staff
from parure.inventory import services
from parure.inventory.services import Terms
from tests.conftest import Cast, signed_in
from tests.inventory import world

NAME = "Mrs Catherine Vandermeer"
STATED = "$12,345.00"
INSURANCE = "$14,321.00"
NOTE = "Prefers to be telephoned after six"

# role → (sees who consigns, sees valuations, sees the consignment's client notes)
SIGHTS = {
    Role.SPECIALIST_ASSISTANT: (False, False, False),
    Role.SENIOR_SPECIALIST: (True, True, True),
    Role.FINANCE: (True, True, True),
    Role.LOGISTICS: (False, False, False),
    Role.AUDITOR: (True, True, True),
    Role.ADMINISTRATOR: (False, False, False),
    "granted_assistant": (True, True, True),
}


@pytest.fixture
def setting(cast: Cast, ny: world.Places) -> Any:
    # Eleanor's client, so the assistant who supports her may read the name once granted the sight.
    client_file = world.consignor(specialists=[cast.senior])
    terms = Terms(commission_rate=Decimal("12.5"), notes=NOTE)
    consignment = services.consignment_intake(
        consignor=client_file,
        terms=terms,
        pieces=[world.piece(stated_value=Decimal("12345"), insurance_value=Decimal("14321"))],
        by=cast.senior,
    )
    ring = consignment.items.get()
    receipt = services.release_receipt_prepare(consignment=consignment, items=[ring], collected_by=NAME, by=cast.senior)
    granted = cast["sofia"]
    granted.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_consignor_identity", "view_valuations"], content_type__app_label="core"
        )
    )
    return ring, consignment, receipt


def _person(cast: Cast, role: str) -> Staff:
    return Staff.objects.get(username="sofia") if role == "granted_assistant" else cast.by_role()[role]


def _pdf_text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _check(text: str, sees_name: bool, sees_values: bool, where: str, *, shows_insurance: bool = True) -> None:
    """The name and the values are present exactly when the person may see them (the insurance
    value only where the place shows it at all; it is never absent by accident of layout)."""
    assert (NAME in text) == sees_name, f"consignor's name in {where}"
    assert (STATED in text or "12345" in text) == sees_values, f"stated value in {where}"
    assert (INSURANCE in text or "14321" in text) == (sees_values and shows_insurance), f"insurance value in {where}"


@pytest.mark.parametrize("role", list(SIGHTS))
def test_confidential_values_reach_only_those_who_may_see_them(cast: Cast, setting: Any, role: str) -> None:
    ring, consignment, receipt = setting
    sees_name, sees_values, sees_notes = SIGHTS[role]
    person = _person(cast, role)
    page_client = signed_in(person)
    _, secret = ApiToken.issue(staff=person, name="Tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})

    item_page = page_client.get(f"/inventory/items/{ring.stock_number}/").content.decode()
    _check(item_page, sees_name, sees_values, "the piece's page")
    _check(
        api.get(f"/api/v1/inventory/items/{ring.stock_number}").content.decode(),
        sees_name,
        sees_values,
        "the API detail",
    )
    _check(api.get("/api/v1/inventory/items").content.decode(), sees_name, sees_values, "the API list")
    ledger_json = api.get(f"/api/v1/inventory/items/{ring.stock_number}/ledger").content.decode()
    assert (NAME in ledger_json) == sees_name
    detail = api.get(f"/api/v1/inventory/items/{ring.stock_number}").json()
    assert ("stated_value" in detail) == sees_values and ("consignor" in detail) == sees_name

    if person.has_perm("inventory.view_consignments"):
        consignment_page = page_client.get(f"/inventory/consignments/{consignment.number}/").content.decode()
        _check(consignment_page, sees_name, sees_values, "the consignment page", shows_insurance=False)
        assert (NOTE in consignment_page) == sees_notes, "client notes on the consignment page"
        listing = page_client.get("/inventory/consignments/").content.decode()
        _check(listing, sees_name, False, "the consignments list", shows_insurance=False)
        consignment_json = api.get(f"/api/v1/inventory/consignments/{consignment.number}").content.decode()
        _check(consignment_json, sees_name, False, "the API", shows_insurance=False)
        receipt_pdf = _pdf_text(page_client.get(f"/inventory/consignments/{consignment.number}/receipt/v1.pdf"))
        assert ring.stock_number in receipt_pdf
        _check(receipt_pdf, sees_name, sees_values, "the consignment receipt", shows_insurance=False)
        release_pdf = _pdf_text(page_client.get(f"/inventory/release-receipts/{receipt.number}/receipt.pdf"))
        assert ring.stock_number in release_pdf and (NAME in release_pdf) == sees_name
    else:
        assert page_client.get(f"/inventory/consignments/{consignment.number}/").status_code == 403


def test_the_intake_grid_offers_value_columns_only_to_those_who_may_see_values(cast: Cast, setting: Any) -> None:
    ring, consignment, _ = setting
    assistant = signed_in(cast.assistant).get(f"/inventory/consignments/{consignment.number}/add/").content.decode()
    senior = signed_in(cast.senior).get(f"/inventory/consignments/{consignment.number}/add/").content.decode()
    assert "stated_value" not in assistant and "insurance_value" not in assistant
    assert "pieces-0-stated_value" in senior
    edit = signed_in(cast.assistant).get(f"/inventory/items/{ring.stock_number}/edit/").content.decode()
    assert "12345" not in edit and "stated_value" not in edit
