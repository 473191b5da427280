"""Confidential provenance against every role: the record page, the desk screen, the list and the
API. Seniors, finance and auditors (and anyone granted consignor identity) read the owner;
assistants, logistics and administrators read the public wording, and the owner is absent from
every byte they are sent."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from parure.catalogue.visibility import RecordViewer
from parure.core.choices import Role
from parure.core.models import ApiToken, Staff
from tests.catalogue.world import cartier_ring
from tests.conftest import signed_in
from tests.inventory import world
from tests.inventory.conftest import client_file, ny, places  # noqa: F401 (fixtures)

OWNER = "Mrs Catherine Vandermeer"
PUBLIC = "A private collection, New York"
SEES_OWNER = {Role.SENIOR_SPECIALIST, Role.FINANCE, Role.AUDITOR}
ALL_ROLES = list(Role)


def _api(staff: Staff) -> Client:
    _, secret = ApiToken.issue(staff=staff, name="Tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def catalogued(cast: Any, ny: world.Places, client_file: Any) -> Any:  # noqa: F811
    piece = world.take_in(cast.senior, client_file, world.piece())[0]
    cartier_ring(piece, by=cast.senior)
    return piece


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_record_page_names_a_confidential_owner_only_to_those_who_may_read_it(
    cast: Any, catalogued: Any, role: Role
) -> None:
    page = signed_in(cast.by_role()[role]).get(f"/catalogue/{catalogued.stock_number}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mrs Harrison Williams" in html and "Christie&#x27;s Geneva, 17 May 1987, lot 412" in html
    if role in SEES_OWNER:
        assert OWNER in html
        assert f"confidential; others read “{PUBLIC}”" in html
    else:
        assert OWNER not in html and "Vandermeer" not in html
        assert PUBLIC in html


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_api_names_a_confidential_owner_only_to_those_who_may_read_it(
    cast: Any, catalogued: Any, role: Role
) -> None:
    api = _api(cast.by_role()[role])
    detail = api.get(f"/api/v1/catalogue/records/{catalogued.stock_number}")
    listed = api.get("/api/v1/catalogue/records")
    assert (detail.status_code, listed.status_code) == (200, 200)
    [row] = listed.json()["items"]
    for body in (detail.json(), row):
        last = body["provenance"][2]
        if role in SEES_OWNER:
            assert (last["owner"], last["owner_withheld"], last["confidential"]) == (OWNER, False, True)
        else:
            assert (last["owner"], last["owner_withheld"], last["source"]) == (PUBLIC, True, "")
    for response in (detail, listed):
        assert (OWNER in response.content.decode()) == (role in SEES_OWNER)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_list_never_carries_a_confidential_owner(cast: Any, catalogued: Any, role: Role) -> None:
    page = signed_in(cast.by_role()[role]).get("/catalogue/", {"office": ""})
    assert page.status_code == 200
    assert catalogued.stock_number in page.content.decode()
    assert OWNER not in page.content.decode()


def test_the_desk_screen_keeps_a_withheld_owner_out_of_the_page(cast: Any, catalogued: Any) -> None:
    assistant = signed_in(cast.assistant).get(f"/catalogue/{catalogued.stock_number}/edit/").content.decode()
    senior = signed_in(cast.senior).get(f"/catalogue/{catalogued.stock_number}/edit/").content.decode()
    assert OWNER not in assistant and "Vandermeer" not in assistant
    assert f'{PUBLIC} <small class="muted">(a confidential owner, kept as recorded)</small>' in assistant
    assert f'value="{OWNER}"' in senior


def test_a_grant_of_consignor_identity_opens_confidential_owners(cast: Any, catalogued: Any) -> None:
    sofia = cast["sofia"]
    sofia.user_permissions.add(
        Permission.objects.get(codename="view_consignor_identity", content_type__app_label="core")
    )
    sofia = Staff.objects.get(pk=sofia.pk)
    assert RecordViewer(sofia).sees_confidential
    assert OWNER in signed_in(sofia).get(f"/catalogue/{catalogued.stock_number}/").content.decode()
    assert (
        json.loads(_api(sofia).get(f"/api/v1/catalogue/records/{catalogued.stock_number}").content)["provenance"][2][
            "owner"
        ]
        == OWNER
    )
