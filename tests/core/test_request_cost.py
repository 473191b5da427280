"""The fixed cost of a signed-in request, with its security unchanged.

A signed-in request reads the session and the person (with their office and whether they have a
confirmed second-factor device) and nothing else before the page's own work; the policy, not
Django's raw permissions, decides what a person may do.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import Permission
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from parure.core.backends import STAFF_BACKEND, StaffBackend
from parure.core.models import Staff
from tests.conftest import Cast


def test_a_signed_in_api_request_reads_only_the_session_and_the_person(
    cast: Cast, client_for: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(cast.senior)
    client.get("/api/v1/me")
    with django_assert_num_queries(2):  # the session; the person, their office and device
        response = client.get("/api/v1/me")
    assert response.json() == {
        "id": cast.senior.pk,
        "username": "eleanor",
        "name": "Eleanor Whitcombe",
        "role": "senior_specialist",
        "office": "NY",
    }


def test_a_page_checks_its_links_against_the_policy_without_a_query(
    cast: Cast, client_for: Any, django_assert_num_queries: Any
) -> None:
    # The assistant may not administer: the layout's refused checks must not fall through to
    # Django's permission tables.
    client = client_for(cast.assistant)
    client.get("/scan/")
    with django_assert_num_queries(2):
        response = client.get("/scan/")
    assert response.status_code == 200
    assert b"Scan a tag or type a number and press Enter." in response.content
    assert b'href="/admin/"' not in response.content


def test_a_raw_django_permission_grants_nothing_the_policy_does_not(cast: Cast) -> None:
    assistant = cast.assistant
    assistant.user_permissions.add(Permission.objects.get(codename="view_valuations", content_type__app_label="core"))
    person = Staff.objects.get(pk=assistant.pk)
    assert person.has_perm("inventory.view_valuations") is True  # the policy's grant
    assert person.has_perm("core.view_valuations") is False  # the raw permission itself
    assert person.has_perm("core.administer") is False


def test_signing_in_binds_the_session_to_the_staff_backend(cast: Cast) -> None:
    client = Client()
    response = client.post("/sign-in/", {"username": "eleanor", "password": settings.PARURE_DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session[BACKEND_SESSION_KEY] == STAFF_BACKEND


def test_the_backend_loads_whether_the_person_has_a_confirmed_device(cast: Cast) -> None:
    backend = StaffBackend()
    TOTPDevice.objects.create(user=cast.assistant, name="Not yet confirmed", confirmed=False)
    TOTPDevice.objects.create(user=cast.senior, name="Authenticator", confirmed=True)
    assistant = backend.get_user(cast.assistant.pk)
    senior = backend.get_user(cast.senior.pk)
    assert assistant is not None and assistant._parure_has_device is False  # type: ignore[attr-defined]
    assert senior is not None and senior._parure_has_device is True  # type: ignore[attr-defined]
    assert senior.office is not None and senior.office.code == "NY"


def test_a_deactivated_person_is_signed_out_on_their_next_request(cast: Cast, client_for: Any) -> None:
    client = client_for(cast.senior)
    assert client.get("/api/v1/me").status_code == 200
    Staff.objects.filter(pk=cast.senior.pk).update(is_active=False)
    assert StaffBackend().get_user(cast.senior.pk) is None
    assert client.get("/api/v1/me").status_code == 401
    page = client.get("/scan/")
    assert page.status_code == 302 and page["Location"].startswith("/sign-in/")


def test_a_confirmed_device_added_elsewhere_is_asked_for_on_the_next_request(cast: Cast, client_for: Any) -> None:
    # The device is read with the person on every request, not remembered in the session.
    client = client_for(cast.senior)
    assert client.get("/scan/").status_code == 200
    TOTPDevice.objects.create(user=cast.senior, name="Authenticator", confirmed=True)
    page = client.get("/scan/")
    assert page.status_code == 302 and page["Location"] == "/account/two-factor/"
    refused = client.get("/api/v1/me")
    assert refused.status_code == 403
    assert refused.json()["code"] == "two_factor_required"


def test_the_backend_loads_the_grants_a_person_holds_beyond_their_role(cast: Cast) -> None:
    backend = StaffBackend()
    cast.assistant.user_permissions.add(
        Permission.objects.get(codename="view_valuations", content_type__app_label="core"),
        Permission.objects.get(codename="view_all_clients", content_type__app_label="clients"),
    )
    assistant = backend.get_user(cast.assistant.pk)
    senior = backend.get_user(cast.senior.pk)
    assert assistant is not None and assistant._parure_grants == {  # type: ignore[attr-defined]
        ("core", "view_valuations"),
        ("clients", "view_all_clients"),
    }
    assert senior is not None and senior._parure_grants == set()  # type: ignore[attr-defined]
    assert assistant.has_perm("inventory.view_valuations") is True
    assert senior.has_perm("core.view_valuations") is False
